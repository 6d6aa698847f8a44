// Where the visitor's input lives between visits: this browser's localStorage, and share
// links that carry it in the URL fragment (#s=...), which browsers never send to a server.
// Next to the input, localStorage keeps the engine's last plan, so that a visitor who comes
// back the same day (from a guide page, say) sees it at once, while Python starts.

import { DraftError, isBlankDraft, readDraft, toSituation } from "./draft.js";

const STORAGE_PREFIX = "followup-planner";
const STORAGE_KEY = `${STORAGE_PREFIX}:v1`;
const PLAN_KEY = `${STORAGE_PREFIX}:v1:plan`;
const CURRENT_KEYS = [STORAGE_KEY, PLAN_KEY]; // what this version keeps; any other is older
const SHARE_PREFIX = "#s=";

/** Base64url (RFC 4648 §5, no padding) of the UTF-8 bytes of a string. */
function toBase64Url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(code) {
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new DraftError("not base64url");
  const base64 = code.replace(/-/g, "+").replace(/_/g, "/");
  let binary;
  try {
    binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  } catch {
    throw new DraftError("truncated base64url");
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DraftError("not UTF-8");
  }
}

function parseDraft(json) {
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw new DraftError("not JSON");
  }
  return readDraft(value);
}

/** True when a draft would come back from storage or a share link exactly as it is. */
function isRestorable(draft) {
  try {
    readDraft(JSON.parse(JSON.stringify(draft)));
    return true;
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    return false;
  }
}

/** Keys of copies saved by other (older) versions of the planner, never read back. */
function outdatedKeys() {
  const keys = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(STORAGE_PREFIX) && !CURRENT_KEYS.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * The saved draft: `{ draft }`, `{ draft: null }` when nothing is saved, or
 * `{ draft: null, damaged: true }` when what is saved cannot be read, or was saved by an
 * older version of the planner in another shape (it is then forgotten).
 */
export function loadSaved() {
  let json = null;
  let outdated = [];
  try {
    json = localStorage.getItem(STORAGE_KEY);
    outdated = outdatedKeys();
  } catch {
    return { draft: null };
  }
  if (json === null) {
    if (!outdated.length) return { draft: null };
    forgetSaved();
    return { draft: null, damaged: true };
  }
  try {
    return { draft: parseDraft(json) };
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    forgetSaved();
    return { draft: null, damaged: true };
  }
}

/**
 * Keep the draft for the next visit; an empty form leaves nothing behind. A draft that could
 * not be read back (a field far too long, say) leaves the last good copy in place instead.
 */
export function save(draft) {
  if (isBlankDraft(draft)) {
    forgetSaved();
    return;
  }
  if (!isRestorable(draft)) return;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage can be full or switched off; the planner still works for this visit.
  }
}

/** Forget the saved draft and kept plan, and any copy an older planner left behind. */
export function forgetSaved() {
  try {
    for (const key of [...CURRENT_KEYS, ...outdatedKeys()]) localStorage.removeItem(key);
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}

/**
 * Keep the engine's plan for `situation` (today's date included), named by the engine build
 * that made it (worker.js says which): only that build, asked about that situation, would
 * make this very plan again.
 */
export function keepPlan(build, situation, plan) {
  const kept = { build, situation: JSON.stringify(situation), plan };
  try {
    localStorage.setItem(PLAN_KEY, JSON.stringify(kept));
  } catch {
    // Full or switched off: the next visit waits for Python, as a first visit does.
  }
}

/**
 * The kept plan if `build` made it for exactly this situation, else null. A copy that is
 * damaged or not shaped like a plan is never shown; the next plan replaces it.
 */
export function keptPlan(build, situation) {
  let kept;
  try {
    kept = JSON.parse(localStorage.getItem(PLAN_KEY));
  } catch {
    return null;
  }
  if (kept?.build !== build || kept.situation !== JSON.stringify(situation)) return null;
  return isPlan(kept.plan) ? kept.plan : null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const GUIDE_LINK = /^[a-z0-9-]+\/(#[a-z0-9-]+)?$/;
const isText = (value) => typeof value === "string";
const isTextOrNone = (value) => value === null || value === undefined || isText(value);

/** Shaped as render.js draws a plan (the engine's to_dict), links pointing into the guide. */
function isPlan(plan) {
  return (
    isText(plan?.today) &&
    ISO_DATE.test(plan.today) &&
    Array.isArray(plan.actions) &&
    plan.actions.every(
      (action) =>
        ["date", "kind", "title", "why", "rule", "guide"].every((key) => isText(action?.[key])) &&
        ISO_DATE.test(action.date) &&
        GUIDE_LINK.test(action.guide) &&
        isTextOrNone(action.channel) &&
        typeof action.overdue === "boolean" &&
        (action.message === null ||
          action.message === undefined ||
          (typeof action.message === "object" &&
            ["to", "subject", "body"].every((key) => isTextOrNone(action.message[key])))),
    )
  );
}

/**
 * A link to this page whose fragment carries the situation (without today), or null when
 * the link could not carry it (a field far too long, say: the link would open as damaged).
 */
export function shareUrl(draft) {
  const { situation } = toSituation(draft);
  if (!isRestorable(situation)) return null;
  const url = new URL(window.location.href);
  url.hash = SHARE_PREFIX.slice(1) + toBase64Url(JSON.stringify(situation));
  return url.href;
}

/**
 * The draft carried by the current URL fragment: `{ draft }`, `{ draft: null }` when the
 * fragment is not a share link, or `{ draft: null, damaged: true }` for a broken one.
 */
export function readShareFragment() {
  const hash = window.location.hash;
  if (!hash.startsWith(SHARE_PREFIX)) return { draft: null };
  try {
    return { draft: parseDraft(fromBase64Url(hash.slice(SHARE_PREFIX.length))) };
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    return { draft: null, damaged: true };
  }
}

/** Drop the fragment from the address bar (and history), so edits are not undone on reload. */
export function clearFragment() {
  if (!window.location.hash) return;
  const url = new URL(window.location.href);
  url.hash = "";
  history.replaceState(history.state, "", url.pathname + url.search);
}
