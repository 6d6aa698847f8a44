// The planner page: several applications, each a form, a checklist plan and a history; a
// today list across them all. The page owns the DOM, the stored applications and today's
// date; the worker (worker.js) owns Python and answers every plan and agenda request.

import { DATE_STYLE, dateInWords, localToday, regionOf, untilMidnight } from "./dates.js";
import {
  DraftError,
  dateDoubts,
  emptyDraft,
  emptyPerson,
  exportedSituation,
  isBlankDraft,
  readDraft,
  toSituation,
} from "./draft.js";
import { EngineClient } from "./engine.js";
import { historyFullText, PlannerForm } from "./form.js";
import { LIMITS } from "./limits.js";
import { StartProgress } from "./progress.js";
import {
  applicationLabel,
  calendarFileName,
  failDrafts,
  fillDrafts,
  renderAgenda,
  renderApplications,
  renderHistory,
  renderNote,
  renderPlan,
  renderProblems,
} from "./render.js";
import {
  clearFragment,
  forgetSaved,
  keepPlan,
  keptPlan,
  loadApplication,
  loadApplications,
  loadMeta,
  newApplicationId,
  readShareFragment,
  removeApplication,
  saveApplication,
  saveMeta,
  shareUrl,
  watchOtherTabs,
} from "./storage.js";

// Plan on the next turn of the event loop, not after a typing pause: the worker answers in a
// few milliseconds and only the latest answer is drawn (planFor), while a checkbox's input
// and change events, fired together, still make one request.
const TYPING_PAUSE_MS = 0;
// The today list waits for a pause in the visitor's edits of the form: an agenda request
// covers every application and takes the worker tens of milliseconds, so one made after each
// keystroke would hold the next keystroke's plan behind it (issue 15). Any other action
// (ticking a step, an answer, another application, an import) asks for it at once.
const AGENDA_PAUSE_MS = 400;
const FEEDBACK_MS = 2000;
const AGENDA_DAYS = 14;
const EXPORT_REMINDER_DAYS = 30;
const EXPORT_FORMAT = { format: "followup-planner", version: 2 };

const $ = (selector) => document.querySelector(selector);
const form = new PlannerForm($("#fp-form"));
const statusLine = $("#fp-status");
const notice = $("#fp-notice");
const planBody = $("#fp-plan-body");
const agendaBody = $("#fp-agenda-body");
const applicationList = $("#fp-applications");
const history = $("#fp-history");

/** Every application: `{ id, created, draft }`, the draft holding its log. */
let applications = [];
let openId = null;
/** id -> "waiting" or the outcome, from each application's latest plan. */
const states = new Map();
/** ids whose latest plan request came back with problems (left out of the today list). */
const broken = new Set();
let countries = null; // the engine's country codes, once the worker has sent them
const localeCountry = regionOf(navigator.language);

let engineReady = false;
let engineBuild = null; // the engine build's name, from the worker (keptPlan)
let latestPlanId = 0;
let latestSituation = null; // what the latest plan request asked about
let shownPlan = null; // { id, situation, plan } currently on screen
let typingTimer = 0;
let agendaTimer = 0;
let agendaWait = 0; // AGENDA_PAUSE_MS while the latest plan came from an edit of the form
let latestAgendaId = 0;
let shownAgenda = ""; // the today list on screen, as JSON
let undoAction = null;
let pendingAnswer = Promise.resolve(); // the latest plan request's answer
let focusAction = null; // a step to bring into view once its plan is drawn (today list)
let planDay = localToday();
let midnightTimer = 0;

const progress = new StartProgress({
  box: $("#fp-progress"),
  bar: $("#fp-progress-bar"),
  bytes: $("#fp-progress-bytes"),
  step: $("#fp-progress-step"),
});

// The worker early.js started ahead of this module graph (issue 15), or, if early.js did not
// load or run, none: then the client starts its own. A dynamic import, not a static one, so
// that a failed early.js cannot stop the page; it is the same module instance as the page's
// <script>, so this waits for it at most until it has run.
const early = await import("./early.js").then(
  ({ takeWorker }) => takeWorker(),
  () => null,
);

const engine = new EngineClient(
  (name) => new Worker(new URL("./worker.js", import.meta.url), { type: "module", name }),
  {
    onStatus(text, state) {
      statusLine.textContent = text;
      statusLine.dataset.state = state;
      $("#fp-retry").hidden = state !== "failed";
      if (state === "loading") progress.begin();
      else progress.finish();
      if (state === "ready") {
        engineReady = true;
        planOthers();
      }
      // The offline copy (assets/offline/register.js) and the theme's script
      // (assets/planner/theme.js) wait for this, so neither competes with Pyodide's start.
      // A plan asked for while Python started is answered right after "ready": wait for it.
      // The page keeps the news too (data-planner-settled on <html>), for a script that runs
      // only after the event: one whose download was slow, say.
      if (state === "ready" || state === "failed") {
        pendingAnswer.finally(() => {
          document.documentElement.dataset.plannerSettled = "";
          document.dispatchEvent(new CustomEvent("planner:settled"));
        });
      }
    },
    onCountries(codes) {
      countries = new Set(codes);
      form.setCountries(codes);
      $("#fp-country-hint").hidden = true;
      const open = current();
      if (open?.autoCountry && !open.draft.country && countries.has(localeCountry)) {
        // Only the country control: rewriting the form would drop the visitor's focus.
        form.form.elements.namedItem("country").value = localeCountry;
        planSoon();
      }
    },
    onProgress(report) {
      progress.update(report);
    },
    onBuild(build) {
      engineBuild = build;
      const shown = !engineReady && latestSituation !== null && showKeptPlan(latestSituation);
      // The page has decided whether a kept plan stands in while Python starts: say so, so
      // that "no plan yet" can be told from "not decided yet" (the tests wait on it).
      $("#fp-plan").dataset.keptPlan = shown ? "shown" : "none";
    },
  },
  early,
);

const current = () => applications.find((app) => app.id === openId) ?? null;

/** Try again to start the engine after a failed start; what the form holds stays as it is. */
function retryStart() {
  engine.restart();
  updatePlan();
}

// What each package the engine loads on demand is for, in the visitor's words.
const DOWNLOADS = { holidays: "the holiday calendar", icalendar: "the calendar file maker" };

/** The visitor's words for an answer that failed on a download (worker.js names the
 * package: the worker tries again at the next request), or null for any other answer. */
function downloadProblem(reply) {
  if (reply.kind !== "download") return null;
  const what = DOWNLOADS[reply.package] ?? "part of the planner";
  return `Could not download ${what}. Check your connection; the planner will try again at your next change.`;
}

/** A new, blank application; its holiday country starts from the visitor's region. */
function newApplication() {
  const draft = emptyDraft();
  const autoCountry = Boolean(localeCountry);
  if (autoCountry && countries?.has(localeCountry)) draft.country = localeCountry;
  return { id: newApplicationId(), created: Date.now(), draft, autoCountry };
}

/**
 * While Python starts, show the plan that this engine build made for this very situation on
 * an earlier visit, if this browser kept it: the engine would answer with the same plan.
 */
function showKeptPlan(situation) {
  const plan = engineBuild === null ? null : keptPlan(engineBuild, situation);
  if (plan === null) return false;
  shownPlan = { id: openId, situation, plan };
  renderPlan(planBody, plan, applicationLabel(current().draft));
  // The kept plan says where the application stands too: the list need not wait for Python.
  states.set(openId, plan.outcome ?? "waiting");
  renderApplicationList();
  return true;
}

/**
 * True when `plan` for `situation` is on screen already (the kept copy, or the same answer
 * again), drafts aside: it is left alone, so that a click or the focus inside it is never
 * lost, and its drafts (shown, or on their way) are this plan's too.
 */
const isShown = (situation, plan) =>
  shownPlan?.id === openId &&
  JSON.stringify(shownPlan.situation) === JSON.stringify(situation) &&
  JSON.stringify(withoutDrafts(shownPlan.plan)) === JSON.stringify(withoutDrafts(plan));

const withoutDrafts = (plan) => ({
  ...plan,
  actions: plan.actions.map((action) => ({ ...action, message: null })),
});

/** The full plan: the dated plan with each action's draft (worker.js, drafts by id). */
const withDrafts = (plan, drafts) => ({
  ...plan,
  actions: plan.actions.map((action) => ({ ...action, message: drafts[action.id] ?? null })),
});

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = !text;
}

/** A short message that is not an error (saved, deleted, cleared), with an optional undo. */
function showMessage(text, undo = null) {
  $("#fp-message-text").textContent = text;
  $("#fp-message").hidden = !text;
  undoAction = undo;
  $("#fp-undo").hidden = !undo;
}

/** Keep the open application as the form shows it, with its log; say so if that fails. */
function saveOpen() {
  const app = current();
  if (!app) return;
  app.draft = { ...form.read(), log: app.draft.log };
  store(app);
}

function store(app) {
  if (isUntouched(app) && !app.stored) return; // nothing typed yet: nothing to keep
  const problem = saveApplication(app);
  if (problem) {
    showNotice(problem);
    notice.dataset.kind = "save";
  } else {
    app.stored = true;
    if (notice.dataset.kind === "save") showNotice("");
    notice.dataset.kind = "";
  }
  if (applications.filter((a) => a.stored).length > 1) askToPersist();
}

/** Keep what the form says now and plan it at once. */
function updatePlan() {
  clearTimeout(typingTimer);
  saveOpen();
  planOpen();
}

/**
 * Save each edit at once (a keystroke must survive a closed tab, and a busy page can put
 * off timers while it keeps handling input), then plan on the next turn of the event loop.
 */
function planSoon() {
  clearTimeout(typingTimer);
  clearTimeout(agendaTimer); // a today list due after the last pause would hold this plan up
  saveOpen();
  typingTimer = setTimeout(() => planOpen({ edited: true }), TYPING_PAUSE_MS);
}

/** What the engine is asked about an application: its id names its calendar events. */
function situationOf(app) {
  const planned = toSituation(app.draft, localToday(), DATE_STYLE);
  planned.situation.id = app.id;
  return planned;
}

/**
 * True while the visitor has typed nothing into `app`: a holiday country the page chose
 * from the locale does not count, so an untouched application is never stored.
 */
function isUntouched(app) {
  return isBlankDraft(app.autoCountry ? { ...app.draft, country: "" } : app.draft);
}

/**
 * Ask the engine for the open application's plan; draw it if it is still the latest.
 * `edited`: the form was edited (typing), so the today list waits for a pause.
 */
async function planOpen({ edited = false } = {}) {
  agendaWait = edited ? AGENDA_PAUSE_MS : 0;
  const app = current();
  renderApplicationList();
  if (!app) return;
  planDay = localToday();
  const { situation, origin, dated } = situationOf(app);
  latestSituation = null;
  latestPlanId = -1; // whatever was asked before this edit is stale from now on
  showHistory(app);
  if (!dated) {
    form.clearErrors();
    shownPlan = null;
    states.delete(app.id);
    renderNote(planBody, "Enter the date of your interview to see your plan.");
    scheduleAgenda();
    return;
  }
  // A year that looks mistyped (11/16/26 is the year 26) is asked about, not planned.
  const doubts = dateDoubts(situation, planDay);
  if (doubts.length) {
    showProblems(app, doubts, origin);
    return;
  }
  if (!engineReady && statusLine.dataset.state !== "failed" && !showKeptPlan(situation)) {
    renderNote(planBody, "Your plan will appear here as soon as the planner has loaded.");
  }
  const { id, answer, drafts } = engine.request("plan", situation);
  latestPlanId = id;
  latestSituation = situation;
  pendingAnswer = drafts; // the whole answer: the dated plan, then its drafts
  const reply = await answer;
  if (id !== latestPlanId || app.id !== openId) return; // a newer request is on its way
  if (reply.error) {
    shownPlan = null;
    // No plan rather than one without the chosen country's holidays: its dates could fall
    // on a public holiday, and nothing on it would say so.
    const download = downloadProblem(reply);
    if (download) form.clearErrors(); // nothing in the form is wrong
    renderNote(planBody, download ?? `The planner ran into a problem: ${reply.error}`, "problem");
  } else if (reply.result.ok) {
    const { plan } = reply.result;
    form.clearErrors();
    broken.delete(app.id);
    states.set(app.id, plan.outcome ?? "waiting");
    // The kept copy on screen is this very plan: leave it, and any focus inside it, alone.
    if (!isShown(situation, plan)) {
      renderPlan(planBody, plan, applicationLabel(app.draft), { draftsPending: true });
      shownPlan = { id: app.id, situation, plan };
    }
    showHistory(app);
    bringIntoView();
    showDrafts(app, id, situation, plan, drafts);
  } else {
    showProblems(app, reply.result.errors, origin);
    return;
  }
  renderApplicationList();
  scheduleAgenda();
}

/**
 * Put the drafts of plan request `id` in place once they come, if that plan is still the
 * one on screen; only then is the plan kept for the next visit (storage.js), drafts and all.
 */
async function showDrafts(app, id, situation, plan, drafts) {
  const reply = await drafts;
  if (id !== latestPlanId || app.id !== openId || reply.superseded) return;
  if (reply.error || !reply.result.ok) {
    failDrafts(planBody, "The draft could not be written. Change anything in the form to try again.");
    return;
  }
  const full = withDrafts(plan, reply.result.drafts);
  if (engineBuild !== null) keepPlan(engineBuild, situation, full);
  fillDrafts(planBody, full);
  shownPlan = { id: app.id, situation, plan: full };
}

/** No plan for `app`: each problem beside its field, all of them where the plan would be. */
function showProblems(app, problems, origin) {
  shownPlan = null;
  broken.add(app.id);
  const homeless = form.showErrors(problems, origin);
  showLogProblems(homeless);
  renderProblems(planBody, problems);
  renderApplicationList();
  scheduleAgenda();
}

/** Each application's plan once, in the background, for its state and the today list. */
async function planOthers() {
  for (const app of applications) {
    const { situation, dated } = situationOf(app);
    if (app.id === openId || !dated) continue;
    // Its state only: no drafts (their absence also leaves the open plan's drafts first).
    const { answer } = engine.request("plan", situation, undefined, { drafts: false });
    const reply = await answer;
    if (reply.result?.ok) {
      states.set(app.id, reply.result.plan.outcome ?? "waiting");
      broken.delete(app.id);
    } else if (!downloadProblem(reply)) {
      broken.add(app.id); // a failed download says nothing about the application
    }
  }
  renderApplicationList();
  scheduleAgenda();
}

/** Titles of the shown plan's steps by id, for the history ("Done: Email Dana..."). */
function stepTitles() {
  const titles = new Map();
  if (shownPlan?.id === openId) {
    for (const action of shownPlan.plan.actions) titles.set(action.id, action.title);
  }
  return titles;
}

/** Problems with history entries go beside the entry they name. */
function showLogProblems(problems) {
  for (const problem of problems) {
    if (problem.field !== "log" || problem.event === null || problem.event === undefined) continue;
    const item = $(`#fp-event-${problem.event}`);
    item?.append(Object.assign(document.createElement("p"), { className: "fp-error", textContent: problem.message }));
  }
}

let shownList = "";
function renderApplicationList() {
  const signature = JSON.stringify([
    openId,
    applications.map((app) => [app.id, applicationLabel(app.draft), states.get(app.id)]),
  ]);
  if (signature !== shownList) {
    shownList = signature; // redrawn only when it changed: a click on it is never lost
    renderApplications(applicationList, applications, openId, states);
  }
  const due = applications.some((app) => app.stored);
  const meta = loadMeta();
  const reminder = $("#fp-export-reminder");
  const stale =
    !meta.exported ||
    (Date.parse(localToday()) - Date.parse(meta.exported)) / 86_400_000 >= EXPORT_REMINDER_DAYS;
  reminder.hidden = !(due && stale);
  reminder.textContent = meta.exported
    ? `Your last export was on ${dateInWords(meta.exported)}: export again to keep a copy of your latest changes.`
    : "You have not exported your applications yet: they live only in this browser, so export them to keep a copy.";
}

/**
 * The export format for `chosen` applications (by default every one with something in it:
 * an export never leaves one out).
 */
function exportFile(extra = {}, chosen = applications.filter((app) => !isUntouched(app))) {
  return {
    ...EXPORT_FORMAT,
    ...extra,
    applications: chosen.map((app) => ({
      id: app.id,
      situation: { ...exportedSituation(app.draft), date_style: DATE_STYLE },
    })),
  };
}

/** What the today list and the calendar cover: the applications the engine can plan now. */
const plannable = () =>
  applications.filter(
    (app) => !isUntouched(app) && situationOf(app).dated && !broken.has(app.id),
  );

/** The today list after the latest plan: at once, or after a pause in the visitor's edits. */
function scheduleAgenda() {
  clearTimeout(agendaTimer);
  agendaTimer = setTimeout(refreshAgenda, agendaWait);
}

/** One agenda request for every application: the today list, and the app badge. */
async function refreshAgenda() {
  const file = exportFile({ today: localToday(), days: AGENDA_DAYS }, plannable());
  latestAgendaId = -1; // an answer to an earlier request must not be drawn any more
  if (!file.applications.length) {
    shownAgenda = "";
    renderNote(agendaBody, "Your steps across all applications appear here.");
    setBadge(0);
    return;
  }
  const { id, answer } = engine.request("agenda", file);
  latestAgendaId = id;
  const reply = await answer;
  if (id !== latestAgendaId) return;
  if (reply.error || !reply.result.ok) {
    shownAgenda = "";
    renderNote(
      agendaBody,
      downloadProblem(reply) ??
        "The today list could not be made; each application's plan still works.",
    );
    return;
  }
  const { agenda } = reply.result;
  const signature = JSON.stringify(agenda);
  if (signature !== shownAgenda) {
    shownAgenda = signature;
    renderAgenda(agendaBody, agenda);
  }
  setBadge(agenda.items.filter((item) => item.status !== "upcoming").length);
}

/** When installed, the app's badge counts the steps due or overdue (Badging API). */
function setBadge(count) {
  if (!("setAppBadge" in navigator) || !matchMedia("(display-mode: standalone)").matches) return;
  (count ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
}

let persistAsked = false;
/** Ask the browser to keep the data for good (not evict it under storage pressure). */
function askToPersist() {
  if (persistAsked || !navigator.storage?.persist) return;
  persistAsked = true;
  navigator.storage.persist().then((granted) => {
    $("#fp-where").textContent = granted
      ? "Your applications live only in this browser on this device, and the browser has agreed to keep them until you clear them. Export them now and then to keep a copy."
      : "Your applications live only in this browser on this device; it may remove them if space runs short. Export them now and then to keep a copy.";
  });
}

function openApplication(id) {
  if (id === openId) return;
  saveOpen();
  openId = id;
  saveMeta({ open: id });
  form.write(current().draft);
  shownPlan = null;
  updatePlan();
}

function addApplication(app, message) {
  saveOpen();
  applications.push(app);
  openId = null;
  openApplication(app.id);
  if (message) showMessage(message, () => deleteApplication(app.id, false));
}

function deleteApplication(id, ask = true) {
  const app = applications.find((a) => a.id === id);
  if (!app) return;
  const label = applicationLabel(app.draft);
  if (ask && !confirm(`Delete "${label}" and its history from this browser?`)) return;
  removeApplication(id);
  applications = applications.filter((a) => a.id !== id);
  states.delete(id);
  if (!applications.length) applications.push(newApplication());
  if (openId === id) {
    openId = null;
    openApplication(applications.at(-1).id);
  }
  renderApplicationList();
  agendaWait = 0; // not an edit of the form: the today list follows at once
  scheduleAgenda();
  if (ask) {
    showMessage(`Deleted "${label}".`, () => {
      if (app.stored) store(app);
      addApplication(app, "");
      showMessage("");
    });
  }
}

/** The open application's history, and whether anything more can be recorded in it. */
function showHistory(app) {
  renderHistory(history, app.draft.log, stepTitles());
  form.showHistoryLimit(app.draft.log.length);
}

/** There is room for one more history entry; if not, the visitor is told why. */
function roomInHistory(app) {
  if (app.draft.log.length < LIMITS.events) return true;
  showMessage(historyFullText());
  return false;
}

/** Add one event to the open application's history and plan again. */
function record(event) {
  const app = current();
  if (!roomInHistory(app)) return;
  saveOpen();
  app.draft.log = [...app.draft.log, event];
  store(app);
  planOpen();
}

function undoEvent(index) {
  const app = current();
  saveOpen();
  app.draft.log = app.draft.log.filter((_, position) => position !== index);
  store(app);
  planOpen();
}

/** Tick or untick a step: a done event today, or none; or move the day it was done. */
function onDoneChange(target) {
  const app = current();
  const action = shownPlan?.plan.actions[Number(target.dataset.done ?? target.dataset.doneOn)];
  if (!app || !action) return;
  if (target.name === "done" && target.checked && !roomInHistory(app)) {
    target.checked = false;
    return;
  }
  saveOpen();
  const others = app.draft.log.filter((e) => !(e.event === "done" && e.action === action.id));
  if (target.name === "done") {
    app.draft.log = target.checked
      ? [...app.draft.log, { date: localToday(), event: "done", action: action.id }]
      : others;
  } else if (target.value) {
    app.draft.log = app.draft.log.map((e) =>
      e.event === "done" && e.action === action.id ? { ...e, date: target.value } : e,
    );
  }
  focusAction = action.id;
  store(app);
  planOpen();
}

/** Bring the step asked for (from the today list, or just ticked) into view, with focus. */
function bringIntoView() {
  if (!focusAction) return;
  const card = planBody.querySelector(`[data-action="${CSS.escape(focusAction)}"]`);
  focusAction = null;
  if (!card) return;
  card.scrollIntoView({ block: "center" });
  (card.querySelector("[name=done]") ?? card).focus({ preventScroll: true });
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

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
  download(name, reply.result.ics, "text/calendar");
}

function onPlanClick(event) {
  const button = event.target.closest("button");
  if (!button || !shownPlan || button.disabled) return;
  const action = (key) => shownPlan.plan.actions[Number(button.dataset[key])];
  if (button.id === "fp-print") window.print();
  else if (button.id === "fp-calendar-all") downloadCalendar(button);
  else if (button.hasAttribute("data-calendar")) {
    downloadCalendar(button, Number(button.dataset.calendar));
  } else if (button.hasAttribute("data-copy")) {
    copyText(button, action("copy").message.body);
  } else if (button.hasAttribute("data-copy-subject")) {
    copyText(button, action("copySubject").message.subject);
  }
}

async function share(button) {
  // The link carries the open application whole: what was typed and what happened since.
  const url = shareUrl({ ...form.read(), log: current().draft.log });
  const box = $("#fp-share-box");
  const field = $("#fp-share-url");
  box.hidden = false;
  if (url === null) {
    field.value = "";
    $("#fp-share-note").textContent =
      "A link cannot carry this much text: shorten the longest fields, then try again.";
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
  if (!confirm("Forget every application and its history in this browser? This cannot be undone.")) {
    return;
  }
  forgetSaved();
  clearFragment();
  // Answers to requests made before this moment are never drawn or kept again: planOpen and
  // refreshAgenda make every earlier request stale.
  states.clear();
  broken.clear();
  applications = [newApplication()];
  openId = applications[0].id;
  form.write(applications[0].draft);
  $("#fp-share-box").hidden = true;
  $("#fp-share-url").value = "";
  showNotice("");
  showMessage("Your data is cleared from this browser.");
  updatePlan();
}

async function exportAll(button) {
  const today = localToday();
  const file = exportFile({ exported: today });
  download(`followup-planner-${today}.json`, `${JSON.stringify(file, null, 2)}\n`, "application/json");
  saveMeta({ exported: today });
  renderApplicationList();
  acknowledge(button, "Exported");
  const unfinished = applications.filter(
    (app) => !isUntouched(app) && (broken.has(app.id) || !situationOf(app).dated),
  );
  if (unfinished.length) {
    const names = unfinished.map((app) => `"${applicationLabel(app.draft)}"`).join(", ");
    showMessage(
      `Exported ${file.applications.length}. ${names} still ${unfinished.length === 1 ? "has" : "have"} problems: fix them before importing the file elsewhere.`,
    );
  }
}

/** A file the engine makes from every application the engine can plan, as a download. */
async function engineFile(button, type, extra, extension, mime) {
  const { answer } = engine.request(type, exportFile({ today: localToday(), ...extra }, plannable()));
  const reply = await answer;
  if (reply.error || !reply.result.ok) {
    acknowledge(button, "Could not make the file");
    return;
  }
  download(`followup-planner-${localToday()}.${extension}`, reply.result[extension], mime);
}

/** Read an export file; nothing is stored until the engine has found the whole file valid. */
async function importFile(input) {
  const file = input.files?.[0];
  input.value = "";
  if (!file) return;
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    showNotice(`"${file.name}" is not a Follow-up Planner export file (it is not JSON).`);
    return;
  }
  const { answer } = engine.request("agenda", { ...data, today: localToday(), days: AGENDA_DAYS });
  const reply = await answer;
  if (reply.error || !reply.result.ok) {
    const problems = reply.error ? [{ message: reply.error }] : reply.result.errors;
    showNotice(`Nothing was imported from "${file.name}": ${problems.map((p) => p.message).join(" ")}`);
    return;
  }
  // Every application is read before any is stored: all of the file, or nothing.
  let drafts;
  try {
    drafts = data.applications.map((item) => readDraft(item.situation));
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    showNotice(
      `Nothing was imported from "${file.name}": it holds more than this planner can keep (${error.message}).`,
    );
    return;
  }
  const same = (a, b) =>
    JSON.stringify(exportedSituation(a)) === JSON.stringify(exportedSituation(b));
  let added = 0;
  for (const [index, item] of data.applications.entries()) {
    const draft = drafts[index];
    const existing = applications.find((app) => app.id === item.id);
    if (existing) {
      const label = applicationLabel(existing.draft);
      if (same(existing.draft, draft)) continue;
      if (confirm(`"${label}" is already here. Replace it with the copy from the file? (Cancel keeps both.)`)) {
        existing.draft = draft;
        store(existing);
        added += 1;
        continue;
      }
      const copy = { id: newApplicationId(), created: Date.now(), draft };
      applications.push(copy);
      store(copy);
    } else {
      const app = { id: item.id, created: Date.now(), draft };
      applications.push(app);
      store(app);
    }
    added += 1;
  }
  showNotice("");
  showMessage(`Imported ${added} ${added === 1 ? "application" : "applications"} from "${file.name}".`);
  if (added) {
    openId = null;
    openApplication(applications.at(-1).id);
  }
  planOthers();
}

/** Another tab saved or removed an application (or cleared everything): follow it. */
function onOtherTab(id) {
  if (id === null) {
    applications = loadApplications().applications.map((app) => ({ ...app, stored: true }));
  } else {
    const fresh = loadApplication(id);
    const index = applications.findIndex((app) => app.id === id);
    if (fresh === null) applications = applications.filter((app) => app.id !== id);
    else if (index === -1) applications.push({ ...fresh, stored: true });
    else applications[index] = { ...applications[index], draft: fresh.draft, stored: true };
  }
  if (!applications.length) applications.push(newApplication());
  const wasOpen = openId;
  if (!current()) openId = applications.at(-1).id;
  if (id === null || id === openId || openId !== wasOpen) form.write(current().draft);
  planOpen();
  planOthers();
}

/** Start from the stored applications; a share link adds one more (it never replaces). */
function restore() {
  const loaded = loadApplications();
  applications = loaded.applications.map((app) => ({ ...app, stored: true }));
  if (loaded.aside) {
    showNotice(
      "Some data saved by an earlier visit could not be read. It is kept aside in this browser, untouched; the rest is here.",
    );
  }
  if (!loaded.available) {
    showNotice("This browser does not let the planner keep anything: your input lasts until you close this tab.");
  }
  const shared = readShareFragment();
  clearFragment();
  if (shared.damaged) {
    showNotice("This share link is damaged or incomplete, so nothing was added from it.");
  }
  if (shared.draft) {
    const same = applications.find(
      (app) => JSON.stringify(app.draft) === JSON.stringify(shared.draft),
    );
    if (same) {
      openId = same.id;
      return;
    }
    const app = { id: newApplicationId(), created: Date.now(), draft: shared.draft };
    applications.push(app);
    openId = app.id;
    store(app);
    showMessage("The shared application was added beside your others.", () =>
      deleteApplication(app.id, false),
    );
    return;
  }
  const meta = loadMeta();
  if (!applications.length) applications.push(newApplication());
  openId = applications.some((app) => app.id === meta.open) ? meta.open : applications.at(-1).id;
}

function onFormClick(event) {
  const button = event.target.closest("button");
  if (!button || button.getAttribute("aria-disabled") === "true") return; // its note says why
  const eventDay = form.form.elements.namedItem("event_date").value || localToday();
  if (button.id === "fp-share") share(button);
  else if (button.id === "fp-clear") clearData();
  else if (button.id === "fp-delete-application") deleteApplication(openId);
  else if (button.name === "record_reply") {
    const newDate = form.form.elements.namedItem("new_decision_date").value || null;
    form.form.elements.namedItem("new_decision_date").value = "";
    record({ date: eventDay, event: "reply", new_decision_date: newDate });
  } else if (button.name === "record_round") {
    saveOpen();
    const app = current();
    app.draft.rounds.push({ date: eventDay, interviewers: [emptyPerson()] });
    form.write(app.draft);
    updatePlan();
    $(`#fp-r${app.draft.rounds.length - 1}-p0-name`)?.focus();
  } else if (button.name === "outcome") {
    record({ date: eventDay, event: "outcome", outcome: button.value });
  } else if (button.hasAttribute("data-undo-event")) {
    undoEvent(Number(button.dataset.undoEvent));
  } else if (form.handleClick(event.target)) updatePlan();
}

/**
 * A page left open past midnight: the plan, the today list and every overdue flag follow the
 * date, at local midnight and whenever the tab comes back into view (a sleeping computer
 * holds timers back). "When" in What happened moves on too, unless the visitor changed it.
 */
function followTheDate() {
  clearTimeout(midnightTimer);
  const today = localToday();
  if (today !== planDay) {
    const eventDay = form.form.elements.namedItem("event_date");
    if (eventDay.value === planDay) eventDay.value = today;
    updatePlan();
  }
  midnightTimer = setTimeout(followTheDate, untilMidnight());
}

function start() {
  const formNode = $("#fp-form");
  restore();
  form.write(current().draft);
  form.form.elements.namedItem("event_date").value = localToday();
  formNode.addEventListener("input", (event) => {
    if (["event_date", "new_decision_date"].includes(event.target.name)) return;
    showMessage("");
    planSoon();
  });
  formNode.addEventListener("change", (event) => {
    if (["event_date", "new_decision_date"].includes(event.target.name)) return;
    if (event.target.name === "country") current().autoCountry = false; // chosen now
    planSoon();
  });
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
  formNode.addEventListener("click", onFormClick);
  planBody.addEventListener("click", onPlanClick);
  planBody.addEventListener("change", (event) => {
    if (event.target.matches("[data-done], [data-done-on]")) onDoneChange(event.target);
  });
  applicationList.addEventListener("click", (event) => {
    const button = event.target.closest("[data-open]");
    if (button) openApplication(button.dataset.open);
  });
  agendaBody.addEventListener("click", (event) => {
    const item = event.target.closest("[data-application]");
    if (!item) return;
    focusAction = item.dataset.action;
    if (item.dataset.application === openId) bringIntoView();
    else openApplication(item.dataset.application);
  });
  $("#fp-new-application").addEventListener("click", () => {
    saveOpen();
    // A blank application open already is the new one: no second blank entry.
    if (!isUntouched(current())) addApplication(newApplication(), "");
    $("#fp-company").focus();
  });
  $("#fp-export").addEventListener("click", (event) => exportAll(event.currentTarget));
  $("#fp-export-csv").addEventListener("click", (event) =>
    engineFile(event.currentTarget, "agenda_csv", { days: AGENDA_DAYS }, "csv", "text/csv"),
  );
  $("#fp-calendar-everything").addEventListener("click", (event) =>
    engineFile(event.currentTarget, "agenda_ics", {}, "ics", "text/calendar"),
  );
  $("#fp-import").addEventListener("change", (event) => importFile(event.currentTarget));
  $("#fp-retry").addEventListener("click", retryStart);
  $("#fp-undo").addEventListener("click", () => {
    const undo = undoAction;
    showMessage("");
    undo?.();
  });
  window.addEventListener("hashchange", () => {
    if (!window.location.hash.startsWith("#s=")) return;
    showNotice("");
    $("#fp-share-box").hidden = true; // its link was for the application it came from
    saveOpen();
    restore();
    form.write(current().draft);
    updatePlan();
  });
  window.addEventListener("appinstalled", askToPersist);
  // The jump link floats on narrow screens; it steps aside while the plan is in view.
  new IntersectionObserver(([entry]) => {
    $(".fp-jump").classList.toggle("fp-jump--away", entry.isIntersecting);
  }).observe($("#fp-plan"));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") followTheDate();
  });
  followTheDate();
  watchOtherTabs(onOtherTab);
  updatePlan();
}

start();
