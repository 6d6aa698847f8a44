"""Turn the shared situation JSON into a `Situation`, collecting every problem on the way.

Parsing checks types and date formats; `check_situation` checks content (order of dates,
addresses, text, country), so a `Situation` built in Python gets the same checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence, Sized
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from .dates_in_words import DATE_STYLES, short_date
from .limits import (
    MAX_EMAIL_LENGTH,
    MAX_EVENTS,
    MAX_INTERVIEWERS,
    MAX_REFERENCES,
    MAX_ROUNDS,
    MAX_TEXT_LENGTH,
)
from .model import (
    CLOSING_KINDS,
    EVENTS,
    OUTCOMES,
    ROLES,
    Event,
    InterviewRound,
    Person,
    PlanInputError,
    Problem,
    Situation,
)

if TYPE_CHECKING:
    from .rules import Step

__all__ = [
    "APPLICATION_ID",
    "CHANNELS",
    "GREETINGS",
    "ISO_DATE",
    "LAST_PLANNABLE_DATE",
    "MAX_EVENTS",
    "MAX_TEXT_LENGTH",
    "check_log",
    "check_situation",
    "is_valid_email",
    "situation_from_dict",
]

CHANNELS = ("email", "phone")
GREETINGS = ("first_name", "full_name")
MAX_PHONE_DIGITS = 15  # E.164's longest number
MIN_PHONE_DIGITS = 5

# An application id goes into calendar UIDs and file names: plain characters only.
APPLICATION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Digits with the usual separators, an optional leading "+": nothing a dialler cannot read.
_PHONE = re.compile(r"\+?[0-9(][0-9 ().\-/]*[0-9]")

#: A plan reaches a few weeks past its input dates; later dates would run off the calendar.
LAST_PLANNABLE_DATE = date(9999, 10, 31)

# ASCII digits only: "\d" would also take other scripts' digits, which no date input sends.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Deliberately strict: one @, a dot in the domain, none of the characters that could turn
# an address into markup or a link (spaces, <>, quotes, colons as in "javascript:"), and a
# domain of letters, digits and hyphens only, so "?", "&" or "=" cannot smuggle in a query.
_DOMAIN_LABEL = r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?"
_TOP_LEVEL_DOMAIN = r"[^\W\d_](?:[^\W_]|-)*[^\W_]"
_EMAIL = re.compile(rf"[^\s@<>\"'`:;,()\[\]\\]+@(?:{_DOMAIN_LABEL}\.)+{_TOP_LEVEL_DOMAIN}")
# Unicode's Bidi_Control characters: invisible, they reorder text and can disguise what a
# message says or where a link goes.
_BIDI_CONTROLS = frozenset(
    chr(code) for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
# Control characters, line and paragraph separators.
_NOT_ONE_LINE = frozenset({"Cc", "Zl", "Zp"})
# Lone surrogate halves are not text at all (they cannot even be written out as UTF-8, in a
# calendar file for instance): what Python makes of bytes that are not valid UTF-8.
_NOT_TEXT = "Cs"

_DATE_LABELS = {
    "interview": "interview date",
    "decision_date": "decision date",
    "checkin_date": "check-in date",
    "today": "date for today",
    "log": "date",
    "new_decision_date": "new decision date",
}
_TEXT_LABELS = {
    "candidate": "your name",
    "company": "the company name",
    "role": "the role",
    "interviewer": "the interviewer's name",
    "interviewer_email": "the interviewer's email address",
    "interviewer_phone": "the interviewer's phone number",
    "interviewer_topic": "what you talked about",
    "interviewer_role": "the interviewer's role",
    "inside_contact_name": "your inside contact's name",
    "inside_contact_email": "your inside contact's email address",
    "reference_name": "your reference's name",
    "reference_email": "your reference's email address",
}
_ROLE_WORDS = "interviewer, hiring_manager or recruiter"
_FLAG_LABELS = {
    "has_inside_contact": "whether you have an inside contact",
    "has_references": "whether you gave references",
}
# The lists of objects, by the field their problems belong to: what an entry is counted as
# in a problem (a round, or a person of a round or of the references), and what to say when
# the value is not a list and when an entry is not an object ({number} is the entry's
# number, {round} its round's).
_OBJECT_LISTS = {
    "interview": (
        "round",
        "The interview rounds must be given as a list.",
        "Round {number} must be given as an object with a date.",
    ),
    "interviewer": (
        "person",
        "The interviewers of round {round} must be given as a list.",
        "Interviewer {number} of round {round} must be given as an object with a name and an "
        "email address.",
    ),
    "reference_name": (
        "person",
        "The references must be given as a list.",
        "Reference {number} must be given as a name and an email.",
    ),
}


def situation_from_dict(data: Any, *, today: date | None = None) -> Situation:
    """Validate the situation JSON (as a dict) and return a `Situation`.

    `today` is used when the input has no "today"; without either, the system date is used.
    Raises `PlanInputError` listing every problem found.

    >>> situation = situation_from_dict({"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}]})
    >>> situation.latest_round.date
    datetime.date(2026, 11, 16)
    >>> situation_from_dict({"rounds": []})
    Traceback (most recent call last):
    ...
    followup_engine.model.PlanInputError: Add the date of at least one interview.
    """
    if not isinstance(data, Mapping):
        raise PlanInputError([Problem(None, "The planner needs the situation as a JSON object.")])
    oversized = _oversized_lists(data)
    if oversized:
        raise PlanInputError(oversized)
    problems: list[Problem] = []
    rounds, round_origins = _parse_rounds(data.get("rounds"), problems)
    parsed_today = _parse_date(data.get("today"), "today", problems)
    flags = {name: _parse_flag(data.get(name), name, problems) for name in _FLAG_LABELS}
    situation = Situation(
        rounds=rounds,
        today=parsed_today or today or date.today(),
        decision_date=_parse_date(data.get("decision_date"), "decision_date", problems),
        checkin_date=_parse_date(data.get("checkin_date"), "checkin_date", problems),
        channel=_parse_choice(data.get("channel"), "channel", problems),
        candidate=_parse_text(data.get("candidate"), "candidate", problems),
        company=_parse_text(data.get("company"), "company", problems),
        role=_parse_text(data.get("role"), "role", problems),
        has_inside_contact=flags["has_inside_contact"],
        has_references=flags["has_references"],
        country=_parse_country(data.get("country"), problems),
        log=_parse_log(data.get("log"), problems),
        inside_contact=_parse_inside_contact(data.get("inside_contact"), problems),
        references=_parse_references(data.get("references"), problems),
        greeting=_parse_option(data.get("greeting"), "greeting", GREETINGS, problems),
        date_style=_parse_option(data.get("date_style"), "date_style", DATE_STYLES, problems),
        id=_parse_application_id(data.get("id"), problems),
    )
    for problem in _content_problems(situation, round_origins):
        if problem.field == "interview" and problem.round is None and not rounds:
            continue  # parsing already said what is wrong with the rounds
        if problem not in problems:
            problems.append(problem)
    if problems:
        raise PlanInputError(problems)
    return situation


def check_situation(situation: Situation) -> list[Problem]:
    """Every content problem of an already-typed situation (empty when it can be planned)."""
    return _content_problems(situation, range(len(situation.rounds)))


def _content_problems(situation: Situation, round_origins: Sequence[int]) -> list[Problem]:
    """`check_situation`, numbering each round as the input did (`round_origins`): parsing
    drops a round without a date, and a message must not blame the round after it."""
    problems = _size_problems(
        len(situation.rounds),
        (interview_round.interviewers for interview_round in situation.rounds),
        len(situation.references),
        len(situation.log),
    )
    if problems:
        return problems  # too big to look through
    if not situation.rounds:
        problems.append(Problem("interview", "Add the date of at least one interview."))
    for index, interview_round in zip(round_origins, situation.rounds, strict=True):
        problems += _check_not_too_late(interview_round.date, "interview", index)
        for person_index, person in enumerate(interview_round.interviewers):
            where = {"round": index, "person": person_index}
            problems += _check_text(person.name, "interviewer", **where)
            problems += _check_text(person.email, "interviewer_email", **where)
            problems += _check_text(person.topic, "interviewer_topic", **where)
            if person.email and not is_valid_email(person.email):
                problems.append(
                    Problem(
                        "interviewer_email",
                        f"The email address of interviewer {person_index + 1} in round "
                        f"{index + 1} does not look like an address such as "
                        "name@example.com.",
                        **where,
                    )
                )
            if person.phone and not is_valid_phone(person.phone):
                problems.append(
                    Problem(
                        "interviewer_phone",
                        f"The phone number of interviewer {person_index + 1} in round "
                        f"{index + 1} does not look like a number such as +1 555 010 0199.",
                        **where,
                    )
                )
            if person.role not in ROLES:
                problems.append(
                    Problem(
                        "interviewer_role",
                        f"The role {_clip(person.role)!r} of interviewer {person_index + 1} "
                        f"in round {index + 1} is not known: use {_ROLE_WORDS}.",
                        **where,
                    )
                )
    if situation.inside_contact is not None:
        problems += _check_contact(situation.inside_contact, "inside_contact")
    for index, reference in enumerate(situation.references):
        problems += _check_contact(reference, "reference", index)
    for field in ("decision_date", "checkin_date", "today"):
        day = getattr(situation, field)
        if day is not None:
            problems += _check_not_too_late(day, field)
    style = situation.date_style if situation.date_style in DATE_STYLES else "day_month"
    if situation.rounds:
        # A date that falls before a later round belonged to an earlier one (G19): it no
        # longer applies, but it is not wrong. Before the first round, it cannot be right.
        first = situation.first_round.date
        for field in ("decision_date", "checkin_date"):
            day = getattr(situation, field)
            if day is not None and day < first:
                label = _DATE_LABELS[field]
                problems.append(
                    Problem(
                        field,
                        f"The {label}, {short_date(day, style)}, is before your first "
                        f"interview ({short_date(first, style)}).",
                    )
                )
        problems += _check_log_order(situation, style)
    if situation.channel is not None and situation.channel not in CHANNELS:
        problems.append(_unknown_channel(situation.channel))
    for field in ("candidate", "company", "role"):
        problems += _check_text(getattr(situation, field), field)
    if situation.country is not None and not _is_supported_country(situation.country):
        problems.append(_unknown_country(situation.country))
    if situation.greeting not in GREETINGS:
        problems.append(_unknown_option("greeting", situation.greeting))
    if situation.date_style not in DATE_STYLES:
        problems.append(_unknown_option("date_style", situation.date_style))
    if situation.id is not None and not APPLICATION_ID.fullmatch(situation.id):
        problems.append(_bad_application_id())
    return problems


def _oversized_lists(data: Mapping[str, Any]) -> list[Problem]:
    """The input's lists over their limits, counted before any item is read: a runaway
    input (a thousand rounds of a thousand people) costs no parsing and no planning."""
    rounds = _as_list(data.get("rounds"))
    people = (item.get("interviewers") if isinstance(item, Mapping) else None for item in rounds)
    return _size_problems(
        len(rounds),
        (_as_list(group) for group in people),
        len(_as_list(data.get("references"))),
        len(_as_list(data.get("log"))),
    )


def _size_problems(
    rounds: int, people: Iterable[Sized], references: int, events: int
) -> list[Problem]:
    """One problem for each list over its limit in `followup_engine.limits`. `people` holds
    each round's interviewers; it is only looked at when the rounds are within theirs."""
    problems = []
    if rounds > MAX_ROUNDS:
        problems.append(
            Problem(
                "interview",
                f"The planner takes at most {MAX_ROUNDS} interview rounds; this has {rounds}.",
            )
        )
    else:
        problems += [
            Problem(
                "interviewer",
                f"The planner takes at most {MAX_INTERVIEWERS} interviewers in one round; "
                f"round {index + 1} has {len(group)}.",
                round=index,
            )
            for index, group in enumerate(people)
            if len(group) > MAX_INTERVIEWERS
        ]
    if references > MAX_REFERENCES:
        problems.append(
            Problem(
                "reference_name",
                f"The planner takes at most {MAX_REFERENCES} references; this has {references}.",
            )
        )
    if events > MAX_EVENTS:
        problems.append(
            Problem(
                "log", f"The planner keeps at most {MAX_EVENTS} history entries; this has {events}."
            )
        )
    return problems


def _as_list(value: Any) -> list[Any]:
    """`value` when it is a list, else no items (parsing reports a list of the wrong type)."""
    return value if isinstance(value, list) else []


def check_log(situation: Situation, defined: Mapping[str, Step]) -> list[Problem]:
    """The log's problems that need the plan's steps: a `done` entry naming a step the plan
    does not have, dated before the round it concerns (a thank-you's own round, the first
    round for everything else), recorded twice, or after the outcome it closes."""
    problems: list[Problem] = []
    style = situation.date_style
    first = situation.first_round.date
    seen: set[str] = set()
    outcome_day = next((e.date for e in situation.log if e.event == "outcome"), None)
    for index, event in enumerate(situation.log):
        if event.event != "done" or event.action is None:
            continue
        step = defined.get(event.action)
        if step is None:
            problems.append(
                Problem(
                    "log",
                    f"{_entry(index, event, style)} names a step this plan does not have "
                    f"({_clip(event.action)!r}).",
                    event=index,
                )
            )
            continue
        if event.action in seen:
            problems.append(
                Problem(
                    "log",
                    f"{_entry(index, event, style)} records a step that is already done.",
                    event=index,
                )
            )
        seen.add(event.action)
        concerns = step.interview_round.date if step.interview_round is not None else first
        if event.date < concerns:
            problems.append(
                Problem(
                    "log",
                    f"{_entry(index, event, style)} is before the interview it follows "
                    f"({short_date(concerns, style)}).",
                    event=index,
                )
            )
        closing = step.kind in CLOSING_KINDS.values()
        if closing and outcome_day is not None and event.date < outcome_day:
            problems.append(
                Problem(
                    "log",
                    f"{_entry(index, event, style)} is before the outcome it answers "
                    f"({short_date(outcome_day, style)}).",
                    event=index,
                )
            )
    return problems


def is_valid_phone(number: str) -> bool:
    """Digits with spaces, dots, hyphens, slashes or brackets, and an optional leading "+".

    >>> is_valid_phone("+44 20 7946 0958"), is_valid_phone("(555) 010-0199")
    (True, True)
    >>> is_valid_phone("call me"), is_valid_phone("123"), is_valid_phone("tel:+15550100")
    (False, False, False)
    """
    digits = sum(char.isdigit() for char in number)
    return (
        MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS
        and len(number) <= 40
        and _PHONE.fullmatch(number) is not None
    )


def is_valid_email(address: str) -> bool:
    """A deliberately strict check for a plain address.

    >>> is_valid_email("dana@example.com"), is_valid_email("javascript:alert(1)@x.com")
    (True, False)
    >>> is_valid_email("Dana <dana@example.com>"), is_valid_email("dana@localhost")
    (False, False)
    """
    return len(address) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(address) is not None


def _each_object(
    value: Any, field: str, problems: list[Problem], round_index: int | None = None
) -> list[tuple[int, Mapping[str, Any] | None]]:
    """A list of objects from the input (`_OBJECT_LISTS[field]`, in round `round_index` if
    it belongs to one), entry by entry with its index. An entry that is not an object is
    reported and comes as None, so the caller can keep the later entries' numbers right; a
    value that is not a list at all is reported once and gives nothing."""
    counted_as, not_a_list, not_an_object = _OBJECT_LISTS[field]
    round_number = None if round_index is None else round_index + 1
    if not isinstance(value, list):
        problems.append(Problem(field, not_a_list.format(round=round_number), round_index))
        return []
    entries: list[tuple[int, Mapping[str, Any] | None]] = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            message = not_an_object.format(number=index + 1, round=round_number)
            # An entry of the rounds is itself a round: its index replaces round_index.
            where = {"round": round_index, counted_as: index}
            problems.append(Problem(field, message, **where))
            item = None
        entries.append((index, item))
    return entries


def _parse_rounds(
    value: Any, problems: list[Problem]
) -> tuple[tuple[InterviewRound, ...], list[int]]:
    """The rounds that parsed, and for each its index in the input."""
    if value is None or value == []:
        problems.append(Problem("interview", "Add the date of at least one interview."))
        return (), []
    rounds = []
    origins = []
    for index, item in _each_object(value, "interview", problems):
        if item is None:
            continue
        day = _parse_date(item.get("date"), "interview", problems, index)
        people = _parse_people(item.get("interviewers"), index, problems)
        if day is not None:
            rounds.append(InterviewRound(day, people))
            origins.append(index)
    return tuple(rounds), origins


def _parse_people(value: Any, round_index: int, problems: list[Problem]) -> tuple[Person, ...]:
    if value is None:
        return ()
    people = []
    for index, item in _each_object(value, "interviewer", problems, round_index):
        if item is None:
            people.append(Person())  # keeps the later interviewers' numbers right
            continue
        where = {"round": round_index, "person": index}
        name = _parse_text(item.get("name"), "interviewer", problems, **where)
        email = _parse_text(item.get("email"), "interviewer_email", problems, **where)
        role = _parse_text(item.get("role"), "interviewer_role", problems, **where)
        phone = _parse_text(item.get("phone"), "interviewer_phone", problems, **where)
        topic = _parse_text(item.get("topic"), "interviewer_topic", problems, **where)
        people.append(Person(name, email, role.lower() or "interviewer", phone, topic))
    return tuple(people)


def _parse_inside_contact(value: Any, problems: list[Problem]) -> Person | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.append(
            Problem("inside_contact_name", "Give your inside contact as a name and an email.")
        )
        return None
    person = Person(
        _parse_text(value.get("name"), "inside_contact_name", problems),
        _parse_text(value.get("email"), "inside_contact_email", problems),
    )
    return person if person.is_known else None


def _parse_references(value: Any, problems: list[Problem]) -> tuple[Person, ...]:
    if value is None:
        return ()
    people = []
    for index, item in _each_object(value, "reference_name", problems):
        if item is None:
            people.append(Person())  # keeps the later references' numbers right
            continue
        people.append(
            Person(
                _parse_text(item.get("name"), "reference_name", problems, person=index),
                _parse_text(item.get("email"), "reference_email", problems, person=index),
            )
        )
    return tuple(people)


def _parse_log(value: Any, problems: list[Problem]) -> tuple[Event, ...]:
    """The log's entries that parsed (each checked for its shape; order and sense later)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(Problem("log", "The history must be given as a list of entries."))
        return ()
    events = []
    for index, item in enumerate(value):
        event = _parse_event(item, index, problems)
        if event is not None:
            events.append(event)
    return tuple(events)


def _parse_event(item: Any, index: int, problems: list[Problem]) -> Event | None:
    where = f"History entry {index + 1}"
    if not isinstance(item, Mapping):
        problems.append(Problem("log", f"{where} must be an object with a date.", event=index))
        return None
    kind = item.get("event")
    if kind not in EVENTS:
        message = _unknown(f"{where} is an unknown event", kind, "done, reply or outcome")
        problems.append(Problem("log", message, event=index))
        return None
    day = _parse_event_date(item.get("date"), "log", where, index, problems)
    if day is None:
        return None
    if kind == "done":
        action = item.get("action")
        if not isinstance(action, str) or not action.strip():
            problems.append(
                Problem("log", f"{where} must name the step that was done.", event=index)
            )
            return None
        return Event(day, "done", action=action.strip())
    if kind == "reply":
        raw = item.get("new_decision_date")
        new_date = None
        if raw is not None and raw != "":
            new_date = _parse_event_date(raw, "new_decision_date", where, index, problems)
            if new_date is None:
                return None
        return Event(day, "reply", new_decision_date=new_date)
    outcome = item.get("outcome")
    if outcome not in OUTCOMES:
        choices = "offer, rejection or withdrawn"
        message = _unknown(f"{where} has an unknown outcome", outcome, choices)
        problems.append(Problem("log", message, event=index))
        return None
    return Event(day, "outcome", outcome=outcome)


def _unknown(said: str, value: Any, choices: str) -> str:
    """`said`, then the value given (clipped, or "nothing") and the choices there are.

    >>> _unknown("History entry 1 is an unknown event", "sent", "done, reply or outcome")
    "History entry 1 is an unknown event ('sent'): use done, reply or outcome."
    """
    shown = _clip(str(value)) if value is not None else "nothing"
    return f"{said} ({shown!r}): use {choices}."


def _parse_event_date(
    value: Any, field: str, where: str, index: int, problems: list[Problem]
) -> date | None:
    label = _DATE_LABELS[field]
    if value is None or value == "":
        problems.append(Problem("log", f"{where} has no {label}.", event=index))
        return None
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
        shown = value if isinstance(value, str) else str(value)
        problems.append(
            Problem(
                "log",
                f"{where}: the {label} {_clip(shown)!r} is not a date written as YYYY-MM-DD.",
                event=index,
            )
        )
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(
            Problem("log", f"{where}: the {label} {value.strip()} does not exist.", event=index)
        )
        return None


def _parse_option(value: Any, field: str, choices: tuple[str, ...], problems: list[Problem]) -> str:
    if value is None or value == "":
        return choices[0]
    if not isinstance(value, str) or value.strip().lower() not in choices:
        problems.append(_unknown_option(field, str(value)))
        return choices[0]
    return value.strip().lower()


def _parse_application_id(value: Any, problems: list[Problem]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not APPLICATION_ID.fullmatch(value):
        problems.append(_bad_application_id())
        return None
    return value


def _parse_date(
    value: Any, field: str, problems: list[Problem], round_index: int | None = None
) -> date | None:
    if value is None or value == "":
        if field == "interview":
            problems.append(
                Problem(field, f"Round {round_index + 1} has no interview date.", round_index)
            )
        return None
    label = _DATE_LABELS[field]
    where = "" if round_index is None else f" of round {round_index + 1}"
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
        shown = value if isinstance(value, str) else str(value)
        problems.append(
            Problem(
                field,
                f"The {label}{where}, {_clip(shown)!r}, is not a date written as YYYY-MM-DD.",
                round_index,
            )
        )
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(
            Problem(field, f"The {label}{where}, {value.strip()}, does not exist.", round_index)
        )
        return None


def _parse_text(
    value: Any,
    field: str,
    problems: list[Problem],
    round: int | None = None,
    person: int | None = None,
) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(
            Problem(field, f"{_TEXT_LABELS[field].capitalize()} must be text.", round, person)
        )
        return ""
    return value.strip()


def _parse_flag(value: Any, field: str, problems: list[Problem]) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        problems.append(Problem(field, f"Say {_FLAG_LABELS[field]} with true or false."))
        return False
    return value


def _parse_choice(value: Any, field: str, problems: list[Problem]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.append(_unknown_channel(str(value)))
        return None
    if not value.strip():
        problems.append(_blank(field, "choose email or phone"))
        return None
    return value.strip().lower()


def _parse_country(value: Any, problems: list[Problem]) -> str | None:
    """The country code in capitals. Only ASCII letters are uppercased: "ß".upper() is "SS",
    which would quietly pick South Sudan's holidays."""
    if value is None or value == "":
        return None
    code = value.strip() if isinstance(value, str) else str(value)
    if not code:
        problems.append(_blank("country", "give a two-letter code such as US, GB or DE"))
        return None
    if not (isinstance(value, str) and code.isascii() and code.isalpha()):
        problems.append(_unknown_country(code))
        return None
    return code.upper()


def _check_text(
    value: str, field: str, round: int | None = None, person: int | None = None
) -> list[Problem]:
    label = _TEXT_LABELS[field]
    if round is not None and person is not None:
        label += f" (interviewer {person + 1} of round {round + 1})"
    problems = []
    # Addresses have their own, longer limit (RFC 5321's); every other field is a line of text.
    limit = MAX_EMAIL_LENGTH if field.endswith("email") else MAX_TEXT_LENGTH
    if len(value) > limit:
        problems.append(
            Problem(
                field,
                f"{label[0].upper()}{label[1:]} is too long: keep it under {limit} characters.",
                round,
                person,
            )
        )
    wrong = _wrong_characters(value)
    if wrong:
        problems.append(Problem(field, f"{label[0].upper()}{label[1:]} {wrong}", round, person))
    return problems


def _wrong_characters(value: str) -> str | None:
    """What is wrong with the characters of one line of text, worded to follow its label,
    or None. Each kind gets its own words: the visitor fixes what the message names."""
    if value.isascii() and value.isprintable():
        return None  # the usual case: no character below can be in it
    if any(char in _BIDI_CONTROLS for char in value):
        return (
            "contains invisible characters that change the direction of the text; "
            "please type it again."
        )
    categories = {unicodedata.category(char) for char in value}
    if _NOT_TEXT in categories:
        return (
            "contains something that is not valid text (such as bytes that are not UTF-8); "
            "please type it again."
        )
    if categories & _NOT_ONE_LINE:
        return "contains a line break or a control character; please write it on one line."
    return None


def _check_contact(person: Person, kind: str, index: int | None = None) -> list[Problem]:
    """An inside contact's or a reference's name and address (`index`: which reference)."""
    problems = _check_text(person.name, f"{kind}_name", person=index)
    problems += _check_text(person.email, f"{kind}_email", person=index)
    if person.email and not is_valid_email(person.email):
        who = "your inside contact" if index is None else f"reference {index + 1}"
        problems.append(
            Problem(
                f"{kind}_email",
                f"The email address of {who} does not look like an address such as "
                "name@example.com.",
                person=index,
            )
        )
    return problems


def _check_log_order(situation: Situation, style: str) -> list[Problem]:
    """The log's problems that need no plan: dates in the future or before the first round,
    a new date before the answer that gave it, two outcomes, anything after an outcome
    but marking its closing step done (`check_log` checks which step that is)."""
    problems: list[Problem] = []
    first = situation.first_round.date
    outcome: Event | None = None
    for index, event in sorted(enumerate(situation.log), key=lambda item: item[1].date):
        if event.date > situation.today:
            problems.append(
                Problem("log", f"{_entry(index, event, style)} is after today.", event=index)
            )
        elif event.event != "done" and event.date < first:
            problems.append(
                Problem(
                    "log",
                    f"{_entry(index, event, style)} is before your first interview "
                    f"({short_date(first, style)}).",
                    event=index,
                )
            )
        if event.event == "reply" and event.new_decision_date is not None:
            if event.new_decision_date < event.date:
                problems.append(
                    Problem(
                        "log",
                        f"{_entry(index, event, style)}: the new decision date, "
                        f"{short_date(event.new_decision_date, style)}, is before the answer.",
                        event=index,
                    )
                )
            problems += _check_not_too_late(event.new_decision_date, "new_decision_date")
        if outcome is not None:
            closing = event.event == "done" and event.action in CLOSING_KINDS.values()
            if event.event == "outcome":
                problems.append(
                    Problem(
                        "log",
                        f"{_entry(index, event, style)}: an outcome is already recorded.",
                        event=index,
                    )
                )
            elif not closing:
                problems.append(
                    Problem(
                        "log",
                        f"{_entry(index, event, style)} comes after the outcome "
                        f"({outcome.outcome}, "
                        f"{short_date(outcome.date, style)}): nothing follows an outcome.",
                        event=index,
                    )
                )
        elif event.event == "outcome":
            outcome = event
    return problems


def _entry(index: int, event: Event, style: str) -> str:
    """How a message names a log entry: its number, what it records and its date."""
    what = {"done": "done step", "reply": "answer", "outcome": "outcome"}[event.event]
    return f"History entry {index + 1} ({what}, {short_date(event.date, style)})"


def _check_not_too_late(day: date, field: str, round_index: int | None = None) -> list[Problem]:
    if day <= LAST_PLANNABLE_DATE:
        return []
    where = "" if round_index is None else f" of round {round_index + 1}"
    return [
        Problem(
            field,
            f"The {_DATE_LABELS[field]}{where}, {short_date(day)}, is too late: the plan would "
            "run past the year 9999.",
            round_index,
        )
    ]


@cache
def _is_supported_country(code: str) -> bool:
    import holidays  # lazy: only needed when a country is named

    return code in holidays.list_supported_countries()


def _unknown_option(field: str, value: str) -> Problem:
    choices = {"greeting": GREETINGS, "date_style": DATE_STYLES}[field]
    label = {"greeting": "greeting", "date_style": "date style"}[field]
    return Problem(
        field,
        f"The {label} {_clip(value)!r} is not known: use {' or '.join(choices)}.",
    )


def _bad_application_id() -> Problem:
    return Problem(
        "id",
        "The application id must be 1 to 64 letters, digits, hyphens or underscores.",
    )


def _blank(field: str, advice: str) -> Problem:
    """Spaces alone, where a choice belongs: quoting them back ('') would say nothing."""
    return Problem(field, f"The {field} is blank: {advice}, or leave it out.")


def _unknown_channel(value: str) -> Problem:
    return Problem("channel", f"The channel {_clip(value)!r} is not known: choose email or phone.")


def _unknown_country(value: str) -> Problem:
    return Problem(
        "country",
        f"The country {_clip(value)!r} is not known: use a two-letter code such as US, GB or DE.",
    )


def _clip(text: str, limit: int = 40) -> str:
    """Shorten visitor text quoted back in a message, and keep it on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
