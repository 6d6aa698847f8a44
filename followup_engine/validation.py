"""Turn the shared situation JSON into a `Situation`, collecting every problem on the way.

Parsing checks types and date formats; `check_situation` checks content (order of dates,
addresses, text, country), so a `Situation` built in Python gets the same checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from .model import InterviewRound, Person, PlanInputError, Problem, Situation

__all__ = [
    "CHANNELS",
    "LAST_PLANNABLE_DATE",
    "MAX_TEXT_LENGTH",
    "check_situation",
    "is_valid_email",
    "situation_from_dict",
]

CHANNELS = ("email", "phone")
MAX_TEXT_LENGTH = 200
MAX_EMAIL_LENGTH = 254

#: A plan reaches a few weeks past its input dates; later dates would run off the calendar.
LAST_PLANNABLE_DATE = date(9999, 10, 31)

# ASCII digits only: "\d" would also take other scripts' digits, which no date input sends.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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
# Control characters, line and paragraph separators, and lone surrogate halves (not text at
# all: they cannot even be written out as UTF-8, in a calendar file for instance).
_NOT_ONE_LINE = frozenset({"Cc", "Zl", "Zp", "Cs"})

_DATE_LABELS = {
    "interview": "interview date",
    "decision_date": "decision date",
    "checkin_date": "check-in date",
    "today": "date for today",
}
_TEXT_LABELS = {
    "candidate": "your name",
    "company": "the company name",
    "role": "the role",
    "interviewer": "the interviewer's name",
    "interviewer_email": "the interviewer's email address",
}
_FLAG_LABELS = {
    "has_inside_contact": "whether you have an inside contact",
    "has_references": "whether you gave references",
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
    )
    for problem in check_situation(situation):
        if problem.round is not None:
            # Rounds that failed to parse were dropped: report by index in the input.
            problem = replace(problem, round=round_origins[problem.round])
        elif problem.field == "interview" and not rounds:
            continue  # parsing already said what is wrong with the rounds
        if problem not in problems:
            problems.append(problem)
    if problems:
        raise PlanInputError(problems)
    return situation


def check_situation(situation: Situation) -> list[Problem]:
    """Every content problem of an already-typed situation (empty when it can be planned)."""
    problems: list[Problem] = []
    if not situation.rounds:
        problems.append(Problem("interview", "Add the date of at least one interview."))
    for index, interview_round in enumerate(situation.rounds):
        problems += _check_not_too_late(interview_round.date, "interview", index)
        for person_index, person in enumerate(interview_round.interviewers):
            where = {"round": index, "person": person_index}
            problems += _check_text(person.name, "interviewer", **where)
            problems += _check_text(person.email, "interviewer_email", **where)
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
    for field in ("decision_date", "checkin_date", "today"):
        day = getattr(situation, field)
        if day is not None:
            problems += _check_not_too_late(day, field)
    if situation.rounds:
        latest = situation.latest_round.date
        for field in ("decision_date", "checkin_date"):
            day = getattr(situation, field)
            if day is not None and day < latest:
                label = _DATE_LABELS[field]
                problems.append(
                    Problem(
                        field,
                        f"The {label} {day.isoformat()} is before your latest interview "
                        f"({latest.isoformat()}).",
                    )
                )
    if situation.channel is not None and situation.channel not in CHANNELS:
        problems.append(_unknown_channel(situation.channel))
    for field in ("candidate", "company", "role"):
        problems += _check_text(getattr(situation, field), field)
    if situation.country is not None and not _is_supported_country(situation.country):
        problems.append(_unknown_country(situation.country))
    return problems


def is_valid_email(address: str) -> bool:
    """A deliberately strict check for a plain address.

    >>> is_valid_email("dana@example.com"), is_valid_email("javascript:alert(1)@x.com")
    (True, False)
    >>> is_valid_email("Dana <dana@example.com>"), is_valid_email("dana@localhost")
    (False, False)
    """
    return len(address) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(address) is not None


def _parse_rounds(
    value: Any, problems: list[Problem]
) -> tuple[tuple[InterviewRound, ...], list[int]]:
    """The rounds that parsed, and for each its index in the input."""
    if value is None or value == []:
        problems.append(Problem("interview", "Add the date of at least one interview."))
        return (), []
    if not isinstance(value, list):
        problems.append(Problem("interview", "The interview rounds must be given as a list."))
        return (), []
    rounds = []
    origins = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            problems.append(
                Problem(
                    "interview",
                    f"Round {index + 1} must be given as an object with a date.",
                    round=index,
                )
            )
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
    if not isinstance(value, list):
        problems.append(
            Problem(
                "interviewer",
                f"The interviewers of round {round_index + 1} must be given as a list.",
                round=round_index,
            )
        )
        return ()
    people = []
    for index, item in enumerate(value):
        where = {"round": round_index, "person": index}
        if not isinstance(item, Mapping):
            problems.append(
                Problem(
                    "interviewer",
                    f"Interviewer {index + 1} of round {round_index + 1} must be given as an "
                    "object with a name and an email address.",
                    **where,
                )
            )
            continue
        name = _parse_text(item.get("name"), "interviewer", problems, **where)
        email = _parse_text(item.get("email"), "interviewer_email", problems, **where)
        people.append(Person(name, email))
    return tuple(people)


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
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
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
    return value.strip().lower()


def _parse_country(value: Any, problems: list[Problem]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.append(_unknown_country(str(value)))
        return None
    return value.strip().upper()


def _check_text(
    value: str, field: str, round: int | None = None, person: int | None = None
) -> list[Problem]:
    label = _TEXT_LABELS[field]
    if round is not None and person is not None:
        label += f" (interviewer {person + 1} of round {round + 1})"
    problems = []
    if len(value) > MAX_TEXT_LENGTH:
        problems.append(
            Problem(
                field,
                f"{label[0].upper()}{label[1:]} is too long: keep it under "
                f"{MAX_TEXT_LENGTH} characters.",
                round,
                person,
            )
        )
    if value.isascii() and value.isprintable():
        return problems  # the usual case: no character below can be in it
    if any(char in _BIDI_CONTROLS for char in value):
        problems.append(
            Problem(
                field,
                f"{label[0].upper()}{label[1:]} contains invisible characters that change "
                "the direction of the text; please type it again.",
                round,
                person,
            )
        )
    elif any(unicodedata.category(char) in _NOT_ONE_LINE for char in value):
        problems.append(
            Problem(
                field,
                f"{label[0].upper()}{label[1:]} contains a line break or a control "
                "character; please write it on one line.",
                round,
                person,
            )
        )
    return problems


def _check_not_too_late(day: date, field: str, round_index: int | None = None) -> list[Problem]:
    if day <= LAST_PLANNABLE_DATE:
        return []
    where = "" if round_index is None else f" of round {round_index + 1}"
    return [
        Problem(
            field,
            f"The {_DATE_LABELS[field]}{where}, {day.isoformat()}, is too late: the plan would "
            "run past the year 9999.",
            round_index,
        )
    ]


@cache
def _is_supported_country(code: str) -> bool:
    import holidays  # lazy: only needed when a country is named

    return code in holidays.list_supported_countries()


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
