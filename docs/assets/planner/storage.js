// Where the visitor's applications live between visits: this browser's localStorage, one
// key per application (so that two tabs editing different applications never overwrite each
// other), and share links that carry one application in the URL fragment (#s=...), which
// browsers never send to a server. Next to them, localStorage keeps the engine's last plan,
// so that a visitor who comes back the same day sees it at once, while Python starts.
//
// Stored data is a document with a version, not a cache: every change of its shape adds a
// step to MIGRATIONS (at the end only), and a test loads a real copy saved by each earlier
// version. Reading never deletes what it cannot read: it sets it aside and says so.

import { DraftError, isBlankDraft, readDraft, toSituation } from "./draft.js";

const STORAGE_PREFIX = "followup-planner";
const VERSION = 2;
const APP_PREFIX = `${STORAGE_PREFIX}:v2:app:`;
const META_KEY = `${STORAGE_PREFIX}:v2:meta`;
const PLAN_KEY = `${STORAGE_PREFIX}:v2:plan`;
const ASIDE_PREFIX = `${STORAGE_PREFIX}:aside:`;
const SHARE_PREFIX = "#s=";
// Copies read back (stored, or in a link) may come from an earlier version, which kept longer
// text: they are read as it kept them. What is saved or shared now fits the engine's limits.
const OLDER = { older: true };

/**
 * Each step turns one version's stored keys into the next version's. New steps go at the
 * end only; a step runs when its `from` key is present, and removes it once its data is
 * safely written in the new shape.
 */
const MIGRATIONS = [
  {
    // v1 (the one-situation planner): one draft, and the engine's last plan for it. The
    // draft becomes the first application; the plan is only a cache of the old engine's
    // answer, which no later build would show, so it is dropped.
    from: `${STORAGE_PREFIX}:v1`,
    also: [`${STORAGE_PREFIX}:v1:plan`],
    up(json) {
      const draft = readDraft(JSON.parse(json), OLDER);
      if (isBlankDraft(draft)) return [];
      return [{ id: newApplicationId(), created: Date.now(), draft }];
    },
  },
];

/** A new application's id: 12 random letters and digits (the engine allows 1 to 64). */
export function newApplicationId() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

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
  return readDraft(value, OLDER);
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

function storedKeys() {
  const keys = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Keep a copy that could not be read under an "aside" key, and never show it again. */
function setAside(key, json) {
  localStorage.setItem(`${ASIDE_PREFIX}${key}`, json);
  localStorage.removeItem(key);
}

/**
 * Bring data saved by earlier versions up to this one. Returns how many copies had to be set
 * aside because they could not be read.
 */
function migrate() {
  let asideCount = 0;
  for (const step of MIGRATIONS) {
    const json = localStorage.getItem(step.from);
    if (json === null) continue;
    let applications;
    try {
      applications = step.up(json);
    } catch (error) {
      if (!(error instanceof DraftError) && !(error instanceof SyntaxError)) throw error;
      setAside(step.from, json);
      asideCount += 1;
      continue;
    }
    for (const application of applications) writeApplication(application);
    localStorage.removeItem(step.from);
    for (const key of step.also ?? []) localStorage.removeItem(key);
  }
  return asideCount;
}

function writeApplication({ id, created, draft }) {
  localStorage.setItem(
    APP_PREFIX + id,
    JSON.stringify({ version: VERSION, id, created, draft }),
  );
}

function readApplication(key, json) {
  const value = JSON.parse(json);
  const id = key.slice(APP_PREFIX.length);
  if (value?.id !== id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new DraftError("bad id");
  const created = Number.isFinite(value.created) ? value.created : 0;
  return { id, created, draft: readDraft(value.draft, OLDER) };
}

/**
 * Every stored application, oldest first: `{ applications, aside }`, where `aside` counts the
 * copies that could not be read and were set aside (kept, never shown). `available` is false
 * when this browser keeps no storage at all.
 */
export function loadApplications() {
  let aside = 0;
  const applications = [];
  try {
    aside += migrate();
    for (const key of storedKeys()) {
      if (!key.startsWith(APP_PREFIX)) continue;
      const json = localStorage.getItem(key);
      try {
        applications.push(readApplication(key, json));
      } catch (error) {
        if (!(error instanceof DraftError) && !(error instanceof SyntaxError)) throw error;
        setAside(key, json);
        aside += 1;
      }
    }
  } catch {
    // Storage switched off (or full while setting a copy aside): plan for this visit only.
    return { applications: [], aside, available: false };
  }
  applications.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  return { applications, aside, available: true };
}

/** The application stored under `id` now (another tab may have changed it), or null. */
export function loadApplication(id) {
  try {
    const json = localStorage.getItem(APP_PREFIX + id);
    return json === null ? null : readApplication(APP_PREFIX + id, json);
  } catch {
    return null;
  }
}

/**
 * Keep one application for the next visit. Returns null when it is saved, else why not, in
 * the visitor's words: a save that fails is always shown.
 */
export function saveApplication(application) {
  if (!isRestorable(application.draft)) {
    return "This application is too long to keep: shorten the longest fields, then it is saved again.";
  }
  try {
    writeApplication(application);
    return null;
  } catch {
    return "This browser did not let the planner save your changes (its storage is full or switched off). Export your applications to keep a copy.";
  }
}

/** Forget one application (the page offers undo by saving it again). */
export function removeApplication(id) {
  try {
    localStorage.removeItem(APP_PREFIX + id);
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}

/** Small settings kept beside the applications: which one is open, when the last export was. */
export function loadMeta() {
  try {
    const meta = JSON.parse(localStorage.getItem(META_KEY));
    return meta && typeof meta === "object" ? meta : {};
  } catch {
    return {};
  }
}

export function saveMeta(changes) {
  try {
    localStorage.setItem(META_KEY, JSON.stringify({ ...loadMeta(), ...changes }));
  } catch {
    // Not worth a notice: only the open application and the export date are lost.
  }
}

/** Forget everything this planner (any version of it) stored in this browser, for good. */
export function forgetSaved() {
  try {
    for (const key of storedKeys()) localStorage.removeItem(key);
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}

/**
 * Call `onChange(id)` when another tab saves or removes application `id`, and
 * `onChange(null)` when it clears everything.
 */
export function watchOtherTabs(onChange) {
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== localStorage) return;
    if (event.key === null) onChange(null);
    else if (event.key.startsWith(APP_PREFIX)) onChange(event.key.slice(APP_PREFIX.length));
  });
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
