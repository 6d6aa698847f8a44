// The form: turn it into a draft and back, grow and shrink the interview rounds, and show
// the engine's complaints beside the controls they are about. It stops the visitor before
// the engine's limits (limits.js, made from the engine's own), saying so beside the control,
// so that whatever the form holds the engine plans and this browser keeps.

import { element } from "./dom.js";
import { emptyContact, emptyPerson, emptyRound } from "./draft.js";
import { LIMITS } from "./limits.js";

const SCALAR_FIELDS = [
  "decision_date",
  "checkin_date",
  "channel",
  "candidate",
  "company",
  "role",
  "country",
  "greeting",
];
const FLAG_FIELDS = ["has_inside_contact", "has_references"];
const PERSON_FIELDS = [
  "interviewer",
  "interviewer_email",
  "interviewer_role",
  "interviewer_phone",
  "interviewer_topic",
];
const ROLE_WORDS = { interviewer: "Interviewer", hiring_manager: "Hiring manager", recruiter: "Recruiter" };
// The longest text each kind of input takes. The engine checks an address as text as well,
// so an address field takes the shorter of its two limits.
const LONGEST = {
  text: LIMITS.text,
  tel: LIMITS.text,
  email: LIMITS.email,
};
const TYPED_TEXT = "input[type=text]:not([readonly]), input[type=email], input[type=tel]";

/** Add or remove one id in `control`'s aria-describedby (a note may join an error). */
function describedBy(control, id, on) {
  const ids = new Set((control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) control.setAttribute("aria-describedby", [...ids].join(" "));
  else control.removeAttribute("aria-describedby");
}

/**
 * Say beside `control`, in a note placed after `place`, that it has reached a limit; an
 * empty `text` takes the note away.
 */
function limitNote(control, place, text) {
  const id = `${control.id}-limit`;
  let note = control.ownerDocument.getElementById(id);
  if (!text) {
    note?.remove();
    describedBy(control, id, false);
    return;
  }
  if (!note) {
    note = element("p", { class: "fp-hint fp-limit", id });
    place.after(note);
  }
  note.textContent = text;
  describedBy(control, id, true);
}

/** Why nothing more can be recorded: the history is full. */
export const historyFullText = () =>
  `One application keeps up to ${LIMITS.events} history entries: undo one to record another.`;

/** A button that adds one more of something, stopped (but still focusable) at its limit. */
function limitButton(button, full, text) {
  if (!button) return;
  if (full) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
  limitNote(button, button, full ? text : "");
}

function field(id, labelText, control) {
  control.id = id;
  return element("div", { class: "fp-field" }, element("label", { for: id }, labelText), control);
}

function input(type, name, value) {
  const control = element("input", { type, name, autocomplete: "off", maxlength: LONGEST[type] });
  control.value = value;
  return control;
}

function personRow(person, roundIndex, personIndex) {
  const base = `fp-r${roundIndex}-p${personIndex}`;
  const who = `interviewer ${personIndex + 1} of round ${roundIndex + 1}`;
  const name = input("text", "interviewer", person.name);
  const email = input("email", "interviewer_email", person.email);
  const role = element(
    "select",
    { name: "interviewer_role" },
    ...Object.entries(ROLE_WORDS).map(([value, words]) => element("option", { value }, words)),
  );
  role.value = person.role;
  const phone = input("tel", "interviewer_phone", person.phone);
  const topic = input("text", "interviewer_topic", person.topic);
  const remove = element(
    "button",
    {
      type: "button",
      class: "fp-link-button",
      "data-remove-person": true,
      "aria-label": `Remove ${who}`,
    },
    "Remove",
  );
  return element(
    "div",
    { class: "fp-person", "data-person": personIndex },
    field(`${base}-name`, "Interviewer's name", name),
    field(`${base}-email`, "Their email", email),
    field(`${base}-role`, "Their part", role),
    field(`${base}-phone`, "Their phone (optional)", phone),
    field(`${base}-topic`, "One thing you talked about (for the thank-you)", topic),
    remove,
  );
}

function referenceRow(person, index) {
  const base = `fp-ref${index}`;
  return element(
    "div",
    { class: "fp-person fp-reference", "data-reference": index },
    field(`${base}-name`, "Reference's name", input("text", "reference_name", person.name)),
    field(`${base}-email`, "Their email", input("email", "reference_email", person.email)),
    element(
      "button",
      {
        type: "button",
        class: "fp-link-button",
        "data-remove-reference": true,
        "aria-label": `Remove reference ${index + 1}`,
      },
      "Remove",
    ),
  );
}

function roundBlock(round, roundIndex, roundCount) {
  const date = element("input", { type: "date", name: "interview" });
  date.value = round.date;
  const people = element(
    "div",
    { class: "fp-people" },
    ...round.interviewers.map((person, index) => personRow(person, roundIndex, index)),
  );
  const tools = element(
    "div",
    { class: "fp-round__tools" },
    element(
      "button",
      {
        type: "button",
        class: "fp-button",
        id: `fp-r${roundIndex}-add-person`,
        "data-add-person": true,
      },
      "Add interviewer",
    ),
  );
  if (roundCount > 1) {
    tools.append(
      element(
        "button",
        {
          type: "button",
          class: "fp-button fp-button--quiet",
          "data-remove-round": true,
          "aria-label": `Remove round ${roundIndex + 1}`,
        },
        "Remove round",
      ),
    );
  }
  return element(
    "fieldset",
    { class: "fp-round", "data-round": roundIndex },
    element("legend", {}, `Round ${roundIndex + 1}`),
    field(`fp-r${roundIndex}-date`, "Date of the interview", date),
    people,
    tools,
  );
}

export class PlannerForm {
  constructor(form) {
    this.form = form;
    this.rounds = form.querySelector("#fp-rounds");
    this.references = form.querySelector("#fp-reference-list");
    for (const control of form.querySelectorAll(TYPED_TEXT)) {
      control.maxLength = LONGEST[control.type];
    }
    form.addEventListener("input", (event) => this.showTextLimit(event.target));
  }

  /** A field typed (or pasted) up to its length: say why it takes no more. */
  showTextLimit(control) {
    if (!control.matches?.(TYPED_TEXT) || control.maxLength <= 0) return;
    const full = control.value.length >= control.maxLength;
    const text = `This field holds up to ${control.maxLength} characters.`;
    limitNote(control, control.closest(".fp-field")?.lastElementChild ?? control, full ? text : "");
  }

  /** Stop each "add" button at the engine's limit, with a note saying why. */
  showCountLimits() {
    const rounds = this.rounds.querySelectorAll(".fp-round");
    const roundsFull = rounds.length >= LIMITS.rounds;
    const roundsText = `One application holds up to ${LIMITS.rounds} interview rounds: remove one to add another.`;
    for (const id of ["#fp-add-round", "#fp-record-round"]) {
      limitButton(this.form.querySelector(id), roundsFull, roundsText);
    }
    for (const round of rounds) {
      limitButton(
        round.querySelector("[data-add-person]"),
        round.querySelectorAll(".fp-person").length >= LIMITS.interviewers,
        `One round holds up to ${LIMITS.interviewers} interviewers: remove one to add another.`,
      );
    }
    limitButton(
      this.form.querySelector("#fp-add-reference"),
      this.references.querySelectorAll(".fp-reference").length >= LIMITS.references,
      `One application holds up to ${LIMITS.references} references: remove one to add another.`,
    );
  }

  /** Stop recording what happened at the engine's limit on history entries, saying why. */
  showHistoryLimit(count) {
    const full = count >= LIMITS.events;
    const reply = this.form.querySelector("#fp-record-reply");
    limitButton(reply, full, historyFullText());
    for (const button of this.form.querySelectorAll('button[name="outcome"]')) {
      if (full) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
      describedBy(button, `${reply.id}-limit`, full);
    }
  }

  /** The form's current content as a draft (blanks included). */
  read() {
    const controls = this.form.elements;
    const draft = {
      rounds: [...this.rounds.querySelectorAll(".fp-round")].map((round) => ({
        date: round.querySelector('[name="interview"]').value,
        interviewers: [...round.querySelectorAll(".fp-person")].map((person) => ({
          name: person.querySelector('[name="interviewer"]').value,
          email: person.querySelector('[name="interviewer_email"]').value,
          role: person.querySelector('[name="interviewer_role"]').value,
          phone: person.querySelector('[name="interviewer_phone"]').value,
          topic: person.querySelector('[name="interviewer_topic"]').value,
        })),
      })),
      inside_contact: {
        name: controls.namedItem("inside_contact_name").value,
        email: controls.namedItem("inside_contact_email").value,
      },
      references: [...this.references.querySelectorAll(".fp-reference")].map((person) => ({
        name: person.querySelector('[name="reference_name"]').value,
        email: person.querySelector('[name="reference_email"]').value,
      })),
    };
    for (const name of SCALAR_FIELDS) draft[name] = controls.namedItem(name).value;
    for (const name of FLAG_FIELDS) draft[name] = controls.namedItem(name).checked;
    return draft;
  }

  /** Show a draft in the form, replacing whatever is there. */
  write(draft) {
    this.clearErrors();
    this.rounds.replaceChildren(
      ...draft.rounds.map((round, index) => roundBlock(round, index, draft.rounds.length)),
    );
    const controls = this.form.elements;
    for (const name of SCALAR_FIELDS) {
      if (name === "country") this.ensureCountryOption(draft.country);
      controls.namedItem(name).value = draft[name];
    }
    for (const name of FLAG_FIELDS) controls.namedItem(name).checked = draft[name];
    controls.namedItem("inside_contact_name").value = draft.inside_contact.name;
    controls.namedItem("inside_contact_email").value = draft.inside_contact.email;
    this.references.replaceChildren(...draft.references.map(referenceRow));
    this.showCountLimits();
    for (const control of this.form.querySelectorAll(TYPED_TEXT)) this.showTextLimit(control);
  }

  /**
   * Handle a click on one of the round/interviewer buttons. Returns true when the form
   * changed, and moves focus somewhere sensible because the clicked button may be gone.
   */
  handleClick(target) {
    const button = target.closest("button");
    if (!button || !this.form.contains(button)) return false;
    if (button.getAttribute("aria-disabled") === "true") return false; // at a limit: see its note
    const draft = this.read();
    const roundNode = button.closest(".fp-round");
    const roundIndex = roundNode ? Number(roundNode.dataset.round) : -1;
    let focus;
    if (button.id === "fp-add-round") {
      draft.rounds.push(emptyRound());
      focus = `#fp-r${draft.rounds.length - 1}-date`;
    } else if (button.hasAttribute("data-remove-round")) {
      draft.rounds.splice(roundIndex, 1);
      focus = `#fp-r${Math.max(0, roundIndex - 1)}-date`;
    } else if (button.hasAttribute("data-add-person")) {
      const people = draft.rounds[roundIndex].interviewers;
      people.push(emptyPerson());
      focus = `#fp-r${roundIndex}-p${people.length - 1}-name`;
    } else if (button.hasAttribute("data-remove-person")) {
      const personIndex = Number(button.closest(".fp-person").dataset.person);
      draft.rounds[roundIndex].interviewers.splice(personIndex, 1);
      focus = `.fp-round[data-round="${roundIndex}"] [data-add-person]`;
    } else if (button.id === "fp-add-reference") {
      draft.references.push(emptyContact());
      focus = `#fp-ref${draft.references.length - 1}-name`;
    } else if (button.hasAttribute("data-remove-reference")) {
      draft.references.splice(Number(button.closest(".fp-reference").dataset.reference), 1);
      focus = "#fp-add-reference";
    } else {
      return false;
    }
    this.write(draft);
    this.form.querySelector(focus)?.focus();
    return true;
  }

  /** Fill the country list once the engine has told us which countries it knows. */
  setCountries(codes) {
    const select = this.form.elements.namedItem("country");
    const current = select.value;
    const names = regionNamer();
    const options = codes
      .map((code) => ({ code, name: names(code) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    select.replaceChildren(
      element("option", { value: "" }, "No public holidays"),
      ...options.map(({ code, name }) => element("option", { value: code }, name)),
    );
    this.ensureCountryOption(current);
    select.value = current;
  }

  /** A restored country must stay selected even before the full list has arrived. */
  ensureCountryOption(code) {
    const select = this.form.elements.namedItem("country");
    if (!code || [...select.options].some((option) => option.value === code)) return;
    select.append(element("option", { value: code }, regionNamer()(code)));
  }

  clearErrors() {
    for (const control of this.form.querySelectorAll('[aria-invalid="true"]')) {
      control.removeAttribute("aria-invalid");
      describedBy(control, `${control.id}-error`, false);
    }
    for (const note of this.form.querySelectorAll(".fp-error")) note.remove();
  }

  /**
   * Put each engine problem beside its control. `origin` maps the situation's round and
   * interviewer indexes back to the form's. Returns the problems no control could take.
   */
  showErrors(problems, origin) {
    this.clearErrors();
    const homeless = [];
    for (const problem of problems) {
      const control = this.controlFor(problem, origin);
      if (!control) {
        homeless.push(problem);
        continue;
      }
      const noteId = `${control.id}-error`;
      let note = this.form.querySelector(`#${noteId}`);
      if (!note) {
        note = element("p", { class: "fp-error", id: noteId });
        control.insertAdjacentElement("afterend", note);
      }
      note.textContent = note.textContent
        ? `${note.textContent} ${problem.message}`
        : problem.message;
      control.setAttribute("aria-invalid", "true");
      describedBy(control, noteId, true);
    }
    return homeless;
  }

  controlFor(problem, origin) {
    const { field: name, round, person } = problem;
    if (name === "reference_name" || name === "reference_email") {
      const index = origin.references?.[person ?? 0];
      return this.references.querySelector(`#fp-ref${index}-${name.slice(10)}`);
    }
    if (name === "interview" || PERSON_FIELDS.includes(name)) {
      const roundIndex = round === null || round === undefined ? 0 : origin.rounds[round];
      const roundNode = this.rounds.querySelector(`.fp-round[data-round="${roundIndex}"]`);
      if (!roundNode) return null;
      if (name === "interview") return roundNode.querySelector('[name="interview"]');
      const personIndex =
        person === null || person === undefined ? 0 : origin.people[round]?.[person];
      const personNode = roundNode.querySelector(`.fp-person[data-person="${personIndex}"]`);
      return personNode?.querySelector(`[name="${name}"]`) ?? null;
    }
    const control = this.form.elements.namedItem(name);
    return control instanceof HTMLElement && control.id ? control : null;
  }
}

/** Country names in the visitor's language, falling back to the code itself. */
function regionNamer() {
  let names = null;
  try {
    names = new Intl.DisplayNames(undefined, { type: "region" });
  } catch {
    // Older browsers: the code is still a usable label.
  }
  return (code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
