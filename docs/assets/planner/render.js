// Draw the page's lists: the plan (a checklist of dated steps with their messages, or a
// short note saying why there is no plan yet), the today list across applications, the
// applications and the history of the open one.
//
// A plan comes in two answers (issue 15): its dated steps are drawn at once, each step that
// sends something with its draft's place kept (a box of fixed height, so that nothing moves
// when the drafts come), and fillDrafts puts the drafts in. Each step says where its draft
// is in `data-draft`: "pending", "ready", "none" (a step that sends nothing), or "failed". Visitor data only ever reaches the page as
// text (textContent), never as HTML.

import { dateInWords } from "./dates.js";
import { element } from "./dom.js";

const CHANNEL_WORDS = { email: "by email", phone: "by phone" };

/** Where an action's guide link points, seen from /planner/ (guide is relative to the root). */
const guideHref = (guide) => `../${guide}`;

/** "follow-up-2026-11-27.ics": the kind and date say what the calendar file holds. */
export const calendarFileName = (action) => `${action.kind.replace(/_/g, "-")}-${action.date}.ics`;

/** A mailto: link with the draft filled in (line breaks as CRLF, as RFC 6068 asks). */
function mailtoHref(message) {
  const to = encodeURIComponent(message.to ?? "").replace(/%40/g, "@");
  const subject = encodeURIComponent(message.subject ?? "");
  const body = encodeURIComponent((message.body ?? "").replace(/\r?\n/g, "\r\n"));
  return `mailto:${to}?subject=${subject}&body=${body}`;
}

function messageBlock(message) {
  const lines = element("dl", { class: "fp-message__head" });
  if (message.to) lines.append(element("dt", {}, "To"), element("dd", {}, message.to));
  if (message.subject) {
    lines.append(element("dt", {}, "Subject"), element("dd", {}, message.subject));
  }
  return element(
    "div",
    { class: "fp-message" },
    lines,
    element(
      "div",
      { class: "fp-message__body" },
      ...(message.body ?? "").split(/\n\s*\n/).map((paragraph) => element("p", {}, paragraph)),
    ),
  );
}

const PENDING = new Set(["overdue", "due", "upcoming"]);

/** Only a step still to do, on a day that matters, belongs in a calendar. */
const inCalendar = (action) =>
  PENDING.has(action.status ?? "upcoming") && action.kind !== "keep_applying";

/** Whether the engine drafts a message for `action`: a step to take by some channel that
 * is not skipped (followup_engine.messages.draft_message). The dated plan says so before
 * its drafts are written, so their place can be kept from the start. */
const sendsMessage = (action) => action.status !== "skipped" && Boolean(action.channel);

/** Where the step's draft is: shown, on its way, or none to show. */
function draftState(action, draftsPending) {
  if (action.message) return "ready";
  return draftsPending && sendsMessage(action) ? "pending" : "none";
}

/** The buttons a step will have once its draft is in, disabled meanwhile: the same row,
 * so that it keeps its size when the draft comes. */
function waitingTools(action) {
  const button = (text, quiet = true) =>
    element(
      "button",
      { type: "button", class: `fp-button${quiet ? " fp-button--quiet" : ""}`, disabled: true },
      text,
    );
  const tools = element("div", { class: "fp-action__tools" }, button("Copy", false));
  if (action.channel === "phone") tools.append(button("Call"));
  else tools.append(button("Copy subject"), button("Open in email"));
  if (inCalendar(action)) tools.append(button("Add to calendar"));
  return tools;
}

/** The box that holds a step's draft (the draft, or a note while it is written). */
function draftBox(action, content) {
  // A box of fixed height (planner.css): a long draft scrolls inside it, by keyboard too.
  const label = `Draft: ${action.title}`;
  const attributes = { class: "fp-action__draft", role: "group", "aria-label": label, tabindex: "0" };
  return element("div", attributes, content);
}

const writingNote = () => element("p", { class: "fp-action__writing" }, "Writing the draft…");

/** Copy, mail and calendar buttons: the message ones only when there is a message. */
function actionTools(action, index) {
  const tools = element("div", { class: "fp-action__tools" });
  if (action.message) {
    tools.append(element("button", { type: "button", class: "fp-button", "data-copy": index }, "Copy"));
    if (action.message.subject) {
      tools.append(
        element(
          "button",
          { type: "button", class: "fp-button fp-button--quiet", "data-copy-subject": index },
          "Copy subject",
        ),
      );
    }
    if (action.channel === "phone") {
      // A call script: dial the number when it is known, never a mail client.
      if (action.message.to) {
        const number = action.message.to.replace(/[^0-9+]/g, "");
        tools.append(element("a", { class: "fp-button fp-button--quiet", href: `tel:${number}` }, "Call"));
      }
    } else {
      tools.append(
        element(
          "a",
          { class: "fp-button fp-button--quiet", href: mailtoHref(action.message) },
          "Open in email",
        ),
      );
    }
  }
  if (inCalendar(action)) {
    tools.append(
      element(
        "button",
        { type: "button", class: "fp-button fp-button--quiet", "data-calendar": index },
        "Add to calendar",
      ),
    );
  }
  return tools;
}

/** The done checkbox of a step (and, once ticked, the day it was done), or nothing. */
function doneControls(action, index) {
  if (action.status === "skipped") return [];
  const box = element("input", {
    type: "checkbox",
    name: "done",
    id: `fp-done-${index}`,
    "data-done": index,
  });
  box.checked = action.status === "done";
  const controls = [
    element(
      "label",
      { class: "fp-done", for: box.id, "aria-label": `Done: ${action.title}` },
      box,
      element("span", {}, "Done"),
    ),
  ];
  if (action.status === "done") {
    const day = element("input", {
      type: "date",
      name: "done_on",
      id: `fp-done-on-${index}`,
      "data-done-on": index,
    });
    day.value = action.done_on ?? "";
    controls.push(
      element(
        "span",
        { class: "fp-done-on" },
        element("label", { for: day.id }, "on"),
        day,
      ),
    );
  }
  return [element("div", { class: "fp-action__done" }, ...controls)];
}

const STATUS_BADGES = {
  overdue: ["Overdue", "fp-badge fp-badge--overdue"],
  due: ["Today", "fp-badge"],
  done: ["Done", "fp-badge fp-badge--done"],
  skipped: ["Skipped", "fp-badge fp-badge--skipped"],
};

function actionItem(action, index, today, draftsPending) {
  const when = element(
    "p",
    { class: "fp-action__when" },
    element("time", { datetime: action.date }, dateInWords(action.date)),
  );
  const status = action.status ?? (action.overdue ? "overdue" : "upcoming");
  const badge = STATUS_BADGES[status] ?? (action.date === today ? STATUS_BADGES.due : null);
  if (badge) when.append(element("span", { class: badge[1] }, badge[0]));
  if (action.channel) {
    const words = CHANNEL_WORDS[action.channel] ?? action.channel;
    when.append(element("span", { class: "fp-action__channel" }, words));
  }
  const why = element(
    "p",
    { class: "fp-action__why" },
    `${action.why} `,
    element("span", { class: "fp-rule", title: "Rule in the guide" }, `(${action.rule})`),
    " ",
    element(
      "a",
      { href: guideHref(action.guide), class: "fp-action__guide" },
      "Read more in the guide",
    ),
  );
  const item = element(
    "li",
    {
      class: "fp-action",
      "data-kind": action.kind,
      "data-date": action.date,
      "data-status": action.status ?? "upcoming",
      "data-action": action.id ?? "",
      "data-draft": draftState(action, draftsPending),
    },
    when,
    element("h3", { class: "fp-action__title" }, action.title),
    ...doneControls(action, index),
    why,
  );
  if (action.overdue) item.dataset.overdue = "true";
  if (item.dataset.draft === "pending") {
    item.append(draftBox(action, writingNote()), waitingTools(action));
    return item;
  }
  if (action.message) item.append(draftBox(action, messageBlock(action.message)));
  item.append(actionTools(action, index));
  return item;
}

/**
 * Put the drafts of `plan` (the dated plan drawn with `draftsPending`, its messages now
 * filled in) into the steps waiting for them, in place: only each draft's box and the
 * step's buttons change, so the focus and what the visitor reads stay where they are.
 */
export function fillDrafts(body, plan) {
  const items = body.querySelectorAll(".fp-action");
  plan.actions.forEach((action, index) => {
    const item = items[index];
    if (item?.dataset.draft !== "pending") return;
    const box = item.querySelector(".fp-action__draft");
    if (action.message) box.replaceChildren(messageBlock(action.message));
    else box.remove(); // the engine sent nothing after all: sendsMessage should say so
    item.querySelector(".fp-action__tools").replaceWith(actionTools(action, index));
    item.dataset.draft = action.message ? "ready" : "none";
  });
}

/** The drafts could not be written: each waiting step says so in its draft's place. */
export function failDrafts(body, text) {
  for (const item of body.querySelectorAll('.fp-action[data-draft="pending"]')) {
    const note = element("p", { class: "fp-action__writing fp-plan__problem" }, text);
    item.querySelector(".fp-action__draft").replaceChildren(note);
    item.dataset.draft = "failed";
  }
}

const OUTCOME_WORDS = {
  offer: "Closed: they made an offer.",
  rejection: "Closed: they turned you down.",
  withdrawn: "Closed: you withdrew.",
};

/** "Acme — Data Analyst", or whichever of the two is known. */
export function applicationLabel(draft) {
  const parts = [draft.company.trim(), draft.role.trim()].filter(Boolean);
  return parts.length ? parts.join(" — ") : "New application";
}

/** Draw a plan from the engine; `label` names the application it belongs to. With
 * `draftsPending`, the plan's drafts are on their way (fillDrafts puts them in). */
export function renderPlan(body, plan, label = "", { draftsPending = false } = {}) {
  const count = plan.actions.length;
  const open = plan.actions.filter((action) => PENDING.has(action.status ?? "upcoming")).length;
  const summary =
    plan.state === "closed"
      ? [OUTCOME_WORDS[plan.outcome] ?? "Closed.", " As of "]
      : [`${open} of ${count} ${count === 1 ? "step" : "steps"} still to do, counted from today, `];
  const head = element(
    "div",
    { class: "fp-plan__head" },
    element("p", { class: "fp-plan__application" }, label),
    element(
      "p",
      { class: "fp-plan__asof" },
      ...summary,
      element("time", { datetime: plan.today }, dateInWords(plan.today)),
      ".",
    ),
    element(
      "div",
      { class: "fp-plan__tools" },
      element(
        "button",
        { type: "button", class: "fp-button", id: "fp-calendar-all" },
        "Download all as calendar",
      ),
      element(
        "button",
        { type: "button", class: "fp-button fp-button--quiet", id: "fp-print" },
        "Print",
      ),
    ),
  );
  const list = element(
    "ol",
    { class: "fp-actions" },
    ...plan.actions.map((action, index) => actionItem(action, index, plan.today, draftsPending)),
  );
  body.replaceChildren(head, list);
}

/** A one-line note instead of a plan (waiting for input, loading, or a failure). */
export function renderNote(body, text, kind = "hint") {
  body.replaceChildren(element("p", { class: `fp-plan__${kind}` }, text));
}

/** No plan while the form has problems: say so, and repeat the problems for screen readers. */
export function renderProblems(body, problems) {
  const count = problems.length;
  const inHistory = problems.filter((problem) => problem.field === "log").length;
  let words =
    count === 1
      ? "Fix the highlighted field to see your plan."
      : `Fix the ${count} highlighted fields to see your plan.`;
  if (inHistory === count) {
    words = "Undo or change the history entry marked in red (under What happened) to see your plan.";
  }
  body.replaceChildren(
    element("p", { class: "fp-plan__problem" }, words),
    element(
      "ul",
      { class: "fp-plan__problems" },
      ...problems.map((problem) => element("li", {}, problem.message)),
    ),
  );
}

const STATE_WORDS = {
  waiting: "waiting",
  offer: "closed: offer",
  rejection: "closed: turned down",
  withdrawn: "closed: withdrawn",
};

/**
 * The applications, each a button that opens it, with its state. `states` maps an id to
 * "waiting", an outcome, or undefined while its plan is not known yet.
 */
export function renderApplications(list, applications, openId, states) {
  list.replaceChildren(
    ...applications.map(({ id, draft }) => {
      const state = states.get(id);
      const button = element(
        "button",
        {
          type: "button",
          class: "fp-application__open",
          "data-open": id,
          "aria-current": id === openId ? "true" : false,
        },
        element("span", { class: "fp-application__label" }, applicationLabel(draft)),
        state ? element("span", { class: "fp-application__state" }, STATE_WORDS[state]) : "",
      );
      return element(
        "li",
        {
          class: "fp-application",
          "data-application": id,
          "data-state": state ?? "unknown",
        },
        button,
      );
    }),
  );
}

/**
 * The today list: every application's overdue and due steps and those of the next days,
 * one line each; a click opens the application at that step.
 */
export function renderAgenda(body, agenda) {
  if (!agenda.items.length) {
    renderNote(body, "Nothing is due in the next two weeks: every application is waiting.");
    return;
  }
  const due = agenda.items.filter((item) => item.status !== "upcoming").length;
  body.replaceChildren(
    element(
      "p",
      { class: "fp-agenda__summary" },
      due === 0
        ? "Nothing is due today."
        : `${due} ${due === 1 ? "step is" : "steps are"} due or overdue.`,
    ),
    element(
      "ul",
      { class: "fp-agenda__list" },
      ...agenda.items.map((item) => {
        const badge = STATUS_BADGES[item.status];
        const label = [item.company, item.role].filter(Boolean).join(" — ") || "Application";
        return element(
          "li",
          {
            class: "fp-agenda__item",
            "data-kind": item.kind,
            "data-date": item.date,
            "data-status": item.status,
            "data-application": item.application,
            "data-action": item.id,
          },
          element(
            "button",
            { type: "button", class: "fp-agenda__open" },
            element("time", { datetime: item.date }, dateInWords(item.date)),
            badge ? element("span", { class: badge[1] }, badge[0]) : "",
            element("span", { class: "fp-agenda__application" }, label),
            element("span", { class: "fp-agenda__title" }, item.title),
          ),
        );
      }),
    ),
  );
}

const EVENT_WORDS = {
  reply: (event) =>
    event.new_decision_date
      ? `They answered with a new date: ${dateInWords(event.new_decision_date)}`
      : "They answered, still deciding",
  outcome: (event) =>
    ({ offer: "They made an offer", rejection: "They turned you down", withdrawn: "You withdrew" })[
      event.outcome
    ],
};

/** The open application's history, newest first, each entry with an undo button. */
export function renderHistory(list, log, titles) {
  const entries = log.map((event, index) => ({ event, index })).reverse();
  if (!entries.length) {
    list.replaceChildren(element("li", { class: "fp-history__empty" }, "Nothing recorded yet."));
    return;
  }
  list.replaceChildren(
    ...entries.map(({ event, index }) => {
      const words =
        event.event === "done"
          ? `Done: ${titles.get(event.action) ?? "a step no longer in the plan"}`
          : EVENT_WORDS[event.event](event);
      return element(
        "li",
        { class: "fp-history__item", "data-event": index, id: `fp-event-${index}` },
        element("time", { datetime: event.date }, dateInWords(event.date)),
        " ",
        element("span", {}, words),
        " ",
        element(
          "button",
          {
            type: "button",
            class: "fp-link-button",
            "data-undo-event": index,
            "aria-label": `Undo: ${words}`,
          },
          "Undo",
        ),
      );
    }),
  );
}
