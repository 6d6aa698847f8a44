// The planner page: start the engine, keep the form, the saved copy and the plan in step.
// The page owns the DOM and today's date; the worker (worker.js) owns Python.

import { localToday } from "./dates.js";
import { emptyDraft, toSituation } from "./draft.js";
import { EngineClient } from "./engine.js";
import { PlannerForm } from "./form.js";
import { calendarFileName, renderNote, renderPlan, renderProblems } from "./render.js";
import {
  clearFragment,
  forgetSaved,
  keepPlan,
  keptPlan,
  loadSaved,
  readShareFragment,
  save,
  shareUrl,
} from "./storage.js";

// Plan on the next turn of the event loop, not after a typing pause: the worker answers in a
// few milliseconds and only the latest answer is drawn (planFor), while a checkbox's input
// and change events, fired together, still make one request.
const TYPING_PAUSE_MS = 0;
const FEEDBACK_MS = 2000;

const $ = (selector) => document.querySelector(selector);
const form = new PlannerForm($("#fp-form"));
const statusLine = $("#fp-status");
const notice = $("#fp-notice");
const planBody = $("#fp-plan-body");

let engineReady = false;
let engineBuild = null; // the engine build's name, from the worker (keptPlan)
let latestPlanId = 0;
let latestSituation = null; // what the latest plan request asked about
let shownPlan = null; // { situation, plan } currently on screen, for calendar downloads
let typingTimer = 0;
let pendingAnswer = Promise.resolve(); // the latest plan request's answer

const engine = new EngineClient(
  new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  {
    onStatus(text, state) {
      statusLine.textContent = text;
      statusLine.dataset.state = state;
      if (state === "ready") engineReady = true;
      // The offline copy (assets/offline/register.js) and the theme's script
      // (assets/planner/theme.js) wait for this, so neither competes with Pyodide's start.
      // A plan asked for while Python started is answered right after "ready": wait for it.
      if (state === "ready" || state === "failed") {
        pendingAnswer.finally(() => document.dispatchEvent(new CustomEvent("planner:settled")));
      }
    },
    onCountries(codes) {
      form.setCountries(codes);
      $("#fp-country-hint").hidden = true;
    },
    onBuild(build) {
      engineBuild = build;
      if (!engineReady && latestSituation) showKeptPlan(latestSituation);
    },
  },
);

/**
 * While Python starts, show the plan that this engine build made for this very situation on
 * an earlier visit, if this browser kept it: the engine would answer with the same plan.
 */
function showKeptPlan(situation) {
  const plan = engineBuild === null ? null : keptPlan(engineBuild, situation);
  if (plan === null) return false;
  shownPlan = { situation, plan };
  renderPlan(planBody, plan);
  return true;
}

/** True when `plan` for `situation` is on screen already (shown from the kept copy). */
const isShown = (situation, plan) =>
  shownPlan?.situation === situation && JSON.stringify(shownPlan.plan) === JSON.stringify(plan);

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = !text;
}

/** Keep what the form says now and plan it at once. */
function updatePlan() {
  clearTimeout(typingTimer);
  const draft = form.read();
  save(draft);
  planFor(draft);
}

/**
 * Save each edit at once (a keystroke must survive a closed tab, and a busy page can put
 * off timers while it keeps handling input), then plan on the next turn of the event loop.
 */
function planSoon() {
  clearTimeout(typingTimer);
  const draft = form.read();
  save(draft);
  typingTimer = setTimeout(() => planFor(draft), TYPING_PAUSE_MS);
}

/** Ask the engine for a plan of `draft`; draw it if it is still the latest asked for. */
async function planFor(draft) {
  const { situation, origin, dated } = toSituation(draft, localToday());
  latestSituation = null;
  if (!dated) {
    form.clearErrors();
    shownPlan = null;
    renderNote(planBody, "Enter the date of your interview to see your plan.");
    return;
  }
  if (!engineReady && statusLine.dataset.state !== "failed" && !showKeptPlan(situation)) {
    renderNote(planBody, "Your plan will appear here as soon as the planner has loaded.");
  }
  const { id, answer } = engine.request("plan", situation);
  latestPlanId = id;
  latestSituation = situation;
  pendingAnswer = answer;
  const reply = await answer;
  if (id !== latestPlanId) return; // a newer request is on its way
  if (reply.error) {
    shownPlan = null;
    renderNote(planBody, `The planner ran into a problem: ${reply.error}`, "problem");
  } else if (reply.result.ok) {
    const { plan } = reply.result;
    form.clearErrors();
    if (engineBuild !== null) keepPlan(engineBuild, situation, plan);
    // The kept copy on screen is this very plan: leave it, and any focus inside it, alone.
    if (!isShown(situation, plan)) renderPlan(planBody, plan);
    shownPlan = { situation, plan };
  } else {
    shownPlan = null;
    form.showErrors(reply.result.errors, origin);
    renderProblems(planBody, reply.result.errors);
  }
}

/** Briefly change a button's label to say what happened, then put it back. */
function acknowledge(button, text) {
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = label;
  }, FEEDBACK_MS);
}

async function copyText(button, text) {
  try {
    await navigator.clipboard.writeText(text);
    acknowledge(button, "Copied");
  } catch {
    acknowledge(button, "Could not copy: select the text instead");
  }
}

/** Fetch a calendar file from the engine and hand it to the browser as a download. */
async function downloadCalendar(button, action) {
  if (!shownPlan) return;
  const { situation, plan } = shownPlan;
  const { answer } = engine.request("ics", situation, action);
  const reply = await answer;
  if (reply.error || !reply.result.ok) {
    acknowledge(button, "Could not make the calendar file");
    return;
  }
  const name =
    action === undefined
      ? `follow-up-plan-${plan.today}.ics`
      : calendarFileName(plan.actions[action]);
  const url = URL.createObjectURL(new Blob([reply.result.ics], { type: "text/calendar" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function onPlanClick(event) {
  const button = event.target.closest("button");
  if (!button || !shownPlan) return;
  if (button.id === "fp-print") window.print();
  else if (button.id === "fp-calendar-all") downloadCalendar(button);
  else if (button.hasAttribute("data-calendar")) {
    downloadCalendar(button, Number(button.dataset.calendar));
  } else if (button.hasAttribute("data-copy")) {
    const action = shownPlan.plan.actions[Number(button.dataset.copy)];
    copyText(button, action.message.body);
  }
}

async function share(button) {
  const url = shareUrl(form.read());
  const box = $("#fp-share-box");
  const field = $("#fp-share-url");
  box.hidden = false;
  if (url === null) {
    field.value = "";
    $("#fp-share-note").textContent =
      "A link cannot carry this much text: shorten the highlighted fields, then try again.";
    acknowledge(button, "No link made");
    return;
  }
  field.value = url;
  try {
    await navigator.clipboard.writeText(url);
    $("#fp-share-note").textContent = "Copied to your clipboard.";
  } catch {
    $("#fp-share-note").textContent = "Select the link and copy it.";
  }
  field.select();
  acknowledge(button, "Link ready");
}

function clearData() {
  forgetSaved();
  clearFragment();
  form.write(emptyDraft());
  $("#fp-share-box").hidden = true;
  $("#fp-share-url").value = "";
  showNotice("Your data is cleared from this browser.");
  updatePlan();
}

/** Start from a share link if there is one, else from the saved copy, else from blank. */
function restore() {
  const shared = readShareFragment();
  clearFragment();
  if (shared.damaged) {
    showNotice(
      "This share link is damaged or incomplete, so the planner started with an empty form.",
    );
    return emptyDraft();
  }
  if (shared.draft) return shared.draft;
  const saved = loadSaved();
  if (saved.damaged) {
    showNotice("Your saved input could not be read, so the planner started with an empty form.");
  }
  return saved.draft ?? emptyDraft();
}

function start() {
  const formNode = $("#fp-form");
  form.write(restore());
  formNode.addEventListener("input", planSoon);
  formNode.addEventListener("change", planSoon);
  formNode.addEventListener("submit", (event) => {
    event.preventDefault();
    updatePlan();
  });
  // Enter in a field plans at once and never reloads the page.
  formNode.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      updatePlan();
    }
  });
  formNode.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.id === "fp-share") share(button);
    else if (button.id === "fp-clear") clearData();
    else if (form.handleClick(event.target)) updatePlan();
  });
  planBody.addEventListener("click", onPlanClick);
  window.addEventListener("hashchange", () => {
    if (!window.location.hash.startsWith("#s=")) return;
    showNotice("");
    $("#fp-share-box").hidden = true; // its link was for the input being replaced
    form.write(restore());
    updatePlan();
  });
  updatePlan();
}

start();
