// The visitor's input ("draft"): its shape, a strict reader for untrusted copies of it
// (localStorage, share links), and the situation the engine is asked to plan.
//
// A draft mirrors the form, blanks included, so a half-filled form survives a reload.
// The situation drops what the visitor has not filled in yet (an empty round, an unnamed
// interviewer) and remembers where each remaining entry sits in the form, so an engine
// error about "round 1" lands beside the right control.

import { isIsoDate, yearDoubt } from "./dates.js";
import { LIMITS } from "./limits.js";

// Versions before the page read the engine's limits kept fields of up to 300 characters.
// Such a stored copy is still read (never set aside for it); the engine then asks, beside
// the field, to shorten it, and it is saved again once it fits LIMITS.
const OLDER_TEXT_LIMIT = 300;
const CHANNELS = ["", "email", "phone"];
const ROLES = ["interviewer", "hiring_manager", "recruiter"];
const GREETINGS = ["first_name", "full_name"];
const EVENTS = ["done", "reply", "outcome"];
const OUTCOMES = ["offer", "rejection", "withdrawn"];
const TEXT_FIELDS = ["candidate", "company", "role"];
const DATE_FIELDS = ["decision_date", "checkin_date"];
const FLAG_FIELDS = ["has_inside_contact", "has_references"];

export const emptyPerson = () => ({ name: "", email: "", role: "interviewer", phone: "", topic: "" });
export const emptyContact = () => ({ name: "", email: "" });
export const emptyRound = () => ({ date: "", interviewers: [emptyPerson()] });

export function emptyDraft() {
  return {
    rounds: [emptyRound()],
    decision_date: "",
    checkin_date: "",
    channel: "",
    candidate: "",
    company: "",
    role: "",
    has_inside_contact: false,
    has_references: false,
    inside_contact: emptyContact(),
    references: [],
    greeting: "first_name",
    country: "",
    log: [],
  };
}

/** Raised when a stored or shared copy of the input is not a draft we can trust. */
export class DraftError extends Error {}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The longest text each kind of field may hold: the engine's, or what older copies held. */
const textLimits = (older) =>
  older
    ? { text: OLDER_TEXT_LIMIT, email: Math.max(OLDER_TEXT_LIMIT, LIMITS.email) }
    : { text: LIMITS.text, email: LIMITS.email };
let limits = textLimits(false); // set by readDraft for the copy it reads

function readText(value, what, longest = limits.text) {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string" || value.length > longest) throw new DraftError(`bad ${what}`);
  return value;
}

function readDate(value, what) {
  const text = readText(value, what);
  if (text !== "" && !isIsoDate(text)) throw new DraftError(`bad ${what}`);
  return text;
}

function readChoice(value, choices, what) {
  const text = readText(value, what).trim().toLowerCase() || choices[0];
  if (!choices.includes(text)) throw new DraftError(`bad ${what}`);
  return text;
}

function readContact(value) {
  if (value === undefined || value === null) return emptyContact();
  if (!isPlainObject(value)) throw new DraftError("bad contact");
  return {
    name: readText(value.name, "name"),
    email: readText(value.email, "email", limits.email),
  };
}

function readPerson(value) {
  if (!isPlainObject(value)) throw new DraftError("bad interviewer");
  return {
    ...readContact(value),
    role: readChoice(value.role, ROLES, "role"),
    phone: readText(value.phone, "phone"),
    topic: readText(value.topic, "topic"),
  };
}

/** One entry of the history, in the engine's shape (its sense is the engine's to check). */
function readEvent(value) {
  if (!isPlainObject(value) || !EVENTS.includes(value.event)) throw new DraftError("bad event");
  const event = { date: readDate(value.date, "event date"), event: value.event };
  if (!event.date) throw new DraftError("undated event");
  if (value.event === "done") event.action = readText(value.action, "action");
  if (value.event === "reply") {
    event.new_decision_date = readDate(value.new_decision_date, "new date") || null;
  }
  if (value.event === "outcome") {
    if (!OUTCOMES.includes(value.outcome)) throw new DraftError("bad outcome");
    event.outcome = value.outcome;
  }
  return event;
}

function readRound(value) {
  if (!isPlainObject(value)) throw new DraftError("bad round");
  const people = value.interviewers ?? [];
  if (!Array.isArray(people) || people.length > LIMITS.interviewers) {
    throw new DraftError("bad interviewers");
  }
  return { date: readDate(value.date, "round date"), interviewers: people.map(readPerson) };
}

/**
 * Check an untrusted value (parsed JSON) and return a clean draft, or throw DraftError.
 * Accepts both the draft form ("" for blanks) and the situation form (null for blanks).
 * Within the engine's limits (LIMITS), or with `older`, the longer text older versions kept.
 */
export function readDraft(value, { older = false } = {}) {
  limits = textLimits(older);
  try {
    return readWholeDraft(value);
  } finally {
    limits = textLimits(false);
  }
}

function readWholeDraft(value) {
  if (!isPlainObject(value)) throw new DraftError("not an object");
  const rounds = value.rounds;
  if (!Array.isArray(rounds) || rounds.length > LIMITS.rounds) throw new DraftError("bad rounds");
  const draft = emptyDraft();
  draft.rounds = rounds.length ? rounds.map(readRound) : [emptyRound()];
  for (const field of DATE_FIELDS) draft[field] = readDate(value[field], field);
  for (const field of TEXT_FIELDS) draft[field] = readText(value[field], field);
  for (const field of FLAG_FIELDS) {
    const flag = value[field] ?? false;
    if (typeof flag !== "boolean") throw new DraftError(`bad ${field}`);
    draft[field] = flag;
  }
  // Written as the engine reads them: case and spaces do not matter.
  draft.channel = readText(value.channel, "channel").trim().toLowerCase();
  if (!CHANNELS.includes(draft.channel)) throw new DraftError("bad channel");
  draft.country = readText(value.country, "country").trim().toUpperCase();
  if (draft.country !== "" && !/^[A-Z]{2,3}$/.test(draft.country)) {
    throw new DraftError("bad country");
  }
  draft.inside_contact = readContact(value.inside_contact);
  const references = value.references ?? [];
  if (!Array.isArray(references) || references.length > LIMITS.references) {
    throw new DraftError("bad references");
  }
  draft.references = references.map(readContact);
  draft.greeting = readChoice(value.greeting, GREETINGS, "greeting");
  const log = value.log ?? [];
  if (!Array.isArray(log) || log.length > LIMITS.events) throw new DraftError("bad log");
  draft.log = log.map(readEvent);
  return draft;
}

const isBlankPerson = (person) => !person.name.trim() && !person.email.trim();

/** The situation as an application of the export file carries it: no today, no date style. */
export function exportedSituation(draft) {
  return toSituation(draft).situation;
}
const isBlankRound = (round) => !round.date && round.interviewers.every(isBlankPerson);

/** True when nothing has been filled in (a blank form leaves nothing to keep). */
export function isBlankDraft(draft) {
  const {
    rounds,
    has_inside_contact: inside,
    has_references: hasReferences,
    inside_contact: contact,
    references,
    greeting,
    log,
    ...rest
  } = draft;
  return (
    rounds.every(isBlankRound) &&
    !inside &&
    !hasReferences &&
    isBlankPerson(contact) &&
    references.every(isBlankPerson) &&
    !log.length &&
    Object.values(rest).every((value) => !String(value).trim())
  );
}
const orNull = (text) => text || null;

/**
 * The engine's situation for a draft, plus where each entry came from in the form:
 * `rounds[k]` is the form index of situation round k, `people[k][p]` the form index of
 * its interviewer p. `dated` is false while no round has a date yet (nothing to plan).
 */
export function toSituation(draft, today, dateStyle) {
  const rounds = [];
  const people = [];
  const situationRounds = [];
  draft.rounds.forEach((round, roundIndex) => {
    if (isBlankRound(round)) return;
    const kept = [];
    const interviewers = [];
    round.interviewers.forEach((person, personIndex) => {
      if (isBlankPerson(person)) return;
      kept.push(personIndex);
      interviewers.push({
        name: person.name.trim(),
        email: person.email.trim(),
        role: person.role,
        phone: person.phone.trim(),
        topic: person.topic.trim(),
      });
    });
    rounds.push(roundIndex);
    people.push(kept);
    situationRounds.push({ date: round.date, interviewers });
  });
  const situation = {
    rounds: situationRounds,
    decision_date: orNull(draft.decision_date),
    checkin_date: orNull(draft.checkin_date),
    channel: orNull(draft.channel),
    candidate: draft.candidate.trim(),
    company: draft.company.trim(),
    role: draft.role.trim(),
    has_inside_contact: draft.has_inside_contact,
    has_references: draft.has_references,
    inside_contact: isBlankPerson(draft.inside_contact)
      ? null
      : { name: draft.inside_contact.name.trim(), email: draft.inside_contact.email.trim() },
    references: draft.references
      .filter((person) => !isBlankPerson(person))
      .map((person) => ({ name: person.name.trim(), email: person.email.trim() })),
    greeting: draft.greeting,
    country: orNull(draft.country),
    log: draft.log,
  };
  const references = [];
  draft.references.forEach((person, index) => {
    if (!isBlankPerson(person)) references.push(index);
  });
  if (today) situation.today = today;
  if (dateStyle) situation.date_style = dateStyle;
  const dated = situationRounds.some((round) => round.date);
  return { situation, origin: { rounds, people, references }, dated };
}

/**
 * Dates in `situation` whose year looks mistyped (before 1900, or years away from `today`),
 * as problems in the engine's shape, so that the form shows each beside its field. A plan
 * for such a date would be a plan for another year: the page asks instead.
 */
export function dateDoubts(situation, today) {
  const problems = [];
  situation.rounds.forEach((round, index) => {
    const message = round.date && yearDoubt(round.date, today);
    if (message) problems.push({ field: "interview", round: index, person: null, message });
  });
  for (const field of DATE_FIELDS) {
    const message = situation[field] && yearDoubt(situation[field], today);
    if (message) problems.push({ field, round: null, person: null, message });
  }
  return problems;
}
