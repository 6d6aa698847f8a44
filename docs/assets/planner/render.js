// Draw the plan region: the dated actions with their messages, or a short note saying why
// there is no plan yet. Visitor data only ever reaches the page as text (textContent),
// never as HTML.

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

/** Copy, mail and calendar buttons: the message ones only when there is a message. */
function actionTools(action, index) {
  const tools = element("div", { class: "fp-action__tools" });
  if (action.message) {
    tools.append(
      element("button", { type: "button", class: "fp-button", "data-copy": index }, "Copy"),
      element(
        "a",
        { class: "fp-button fp-button--quiet", href: mailtoHref(action.message) },
        "Open in email",
      ),
    );
  }
  tools.append(
    element(
      "button",
      { type: "button", class: "fp-button fp-button--quiet", "data-calendar": index },
      "Add to calendar",
    ),
  );
  return tools;
}

function actionItem(action, index, today) {
  const when = element(
    "p",
    { class: "fp-action__when" },
    element("time", { datetime: action.date }, dateInWords(action.date)),
  );
  if (action.overdue) {
    when.append(element("span", { class: "fp-badge fp-badge--overdue" }, "Overdue"));
  } else if (action.date === today) {
    when.append(element("span", { class: "fp-badge" }, "Today"));
  }
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
    { class: "fp-action", "data-kind": action.kind, "data-date": action.date },
    when,
    element("h3", { class: "fp-action__title" }, action.title),
    why,
  );
  if (action.overdue) item.dataset.overdue = "true";
  if (action.message) item.append(messageBlock(action.message));
  item.append(actionTools(action, index));
  return item;
}

/** Draw a plan from the engine. */
export function renderPlan(body, plan) {
  const count = plan.actions.length;
  const head = element(
    "div",
    { class: "fp-plan__head" },
    element(
      "p",
      { class: "fp-plan__asof" },
      `${count} ${count === 1 ? "step" : "steps"}, counted from today, `,
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
    ...plan.actions.map((action, index) => actionItem(action, index, plan.today)),
  );
  body.replaceChildren(head, list);
}

/** A one-line note instead of a plan (waiting for input, loading, or a failure). */
export function renderNote(body, text, kind = "hint") {
  body.replaceChildren(element("p", { class: `fp-plan__${kind}` }, text));
}

/** No plan while the form has problems: say so, and repeat the problems for screen readers. */
export function renderProblems(body, problems) {
  body.replaceChildren(
    element("p", { class: "fp-plan__problem" }, "Fix the highlighted field to see your plan."),
    element(
      "ul",
      { class: "fp-plan__problems" },
      ...problems.map((problem) => element("li", {}, problem.message)),
    ),
  );
}
