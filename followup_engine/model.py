"""Plain data in and out of the engine: a situation goes in, a plan comes out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

#: The closing action each outcome asks for (G20-G22).
CLOSING_KINDS = {
    "rejection": "reply_to_rejection",
    "offer": "reply_to_offer",
    "withdrawn": "withdraw",
}

#: Every kind of action a plan can hold, in the order used to break ties on one day.
KINDS = (
    "thank_you",
    "follow_up",
    "second_follow_up",
    "ask_inside_contact",
    "ask_references",
    *CLOSING_KINDS.values(),
    "keep_applying",
)

#: What the log can record (G15, G17/G18, G20-G22).
EVENTS = ("done", "reply", "outcome")
OUTCOMES = tuple(CLOSING_KINDS)
#: Who a person met in a round is to the visitor (G24).
ROLES = ("interviewer", "hiring_manager", "recruiter")
#: Where a step stands on the plan's `today`.
STATUSES = ("done", "skipped", "overdue", "due", "upcoming")


@dataclass(frozen=True)
class Person:
    """Someone the visitor met or knows; every field may be empty when unknown."""

    name: str = ""
    email: str = ""
    role: str = "interviewer"
    phone: str = ""
    topic: str = ""

    @property
    def label(self) -> str:
        """How a title refers to this person: name, else address, else a generic phrase.

        >>> Person("Dana Lee").label, Person(email="hr@example.com").label, Person().label
        ('Dana Lee', 'hr@example.com', 'your interviewer')
        """
        return self.name or self.email or "your interviewer"

    @property
    def is_known(self) -> bool:
        """True when the visitor gave a name or an address (a round may list blank rows)."""
        return bool(self.name or self.email)

    @cached_property
    def key(self) -> str:
        """Who this is, for telling two messages to one person apart: address, else name.

        >>> Person("Dana Lee", "Dana@Example.com").key, Person("Dana  Lee").key
        ('dana@example.com', 'dana lee')
        """
        return self.email.lower() or " ".join(self.name.lower().split())

    def to_dict(self) -> dict[str, str]:
        return _attributes(self, ("name", "email", "role", "phone", "topic"))


@dataclass(frozen=True)
class InterviewRound:
    """One interview round: the day it took place and the people met."""

    date: date
    interviewers: tuple[Person, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "interviewers": [person.to_dict() for person in self.interviewers],
        }


@dataclass(frozen=True)
class Event:
    """One thing that happened while waiting, as the log records it.

    `action` is set for "done", `new_decision_date` (or None) for "reply", `outcome` for
    "outcome".
    """

    date: date
    event: str
    action: str | None = None
    new_decision_date: date | None = None
    outcome: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"date": self.date.isoformat(), "event": self.event}
        if self.event == "done":
            data["action"] = self.action
        elif self.event == "reply":
            data["new_decision_date"] = _iso_or_none(self.new_decision_date)
        else:
            data["outcome"] = self.outcome
        return data


@dataclass(frozen=True)
class Situation:
    """Everything the visitor told the planner, already validated."""

    rounds: tuple[InterviewRound, ...]
    today: date
    decision_date: date | None = None
    checkin_date: date | None = None
    channel: str | None = None
    candidate: str = ""
    company: str = ""
    role: str = ""
    has_inside_contact: bool = False
    has_references: bool = False
    country: str | None = None
    log: tuple[Event, ...] = ()
    inside_contact: Person | None = None
    references: tuple[Person, ...] = ()
    greeting: str = "first_name"
    date_style: str = "day_month"
    id: str | None = None

    @property
    def latest_round(self) -> InterviewRound:
        """The most recent round: every waiting period starts from it (G14)."""
        return max(self.rounds, key=lambda interview_round: interview_round.date)

    @property
    def first_round(self) -> InterviewRound:
        """The earliest round: nothing about this application can come before it."""
        return min(self.rounds, key=lambda interview_round: interview_round.date)

    def to_dict(self) -> dict[str, Any]:
        """The situation in the shared JSON shape (the same one `situation_from_dict` reads)."""
        return {
            "id": self.id,
            "today": self.today.isoformat(),
            "rounds": [interview_round.to_dict() for interview_round in self.rounds],
            "decision_date": _iso_or_none(self.decision_date),
            "checkin_date": _iso_or_none(self.checkin_date),
            "channel": self.channel,
            "candidate": self.candidate,
            "company": self.company,
            "role": self.role,
            "has_inside_contact": self.has_inside_contact,
            "has_references": self.has_references,
            "inside_contact": None
            if self.inside_contact is None
            else {"name": self.inside_contact.name, "email": self.inside_contact.email},
            "references": [{"name": p.name, "email": p.email} for p in self.references],
            "country": self.country,
            "greeting": self.greeting,
            "date_style": self.date_style,
            "log": [event.to_dict() for event in self.log],
        }


@dataclass(frozen=True)
class Message:
    """A ready-to-send draft: an email, or a short script for a phone call.

    `to` is None when no address (or, for a call, no number) is known; a call script has no
    subject.
    """

    to: str | None
    subject: str | None
    body: str

    def to_dict(self) -> dict[str, str | None]:
        return {"to": self.to, "subject": self.subject, "body": self.body}


@dataclass(frozen=True)
class Action:
    """One dated step of the plan, with the rule behind it, the guide section and where it
    stands (`status`; `done_on` when the log records it as done)."""

    date: date
    kind: str
    channel: str | None
    title: str
    why: str
    rule: str
    guide: str
    id: str = ""
    status: str = "upcoming"
    done_on: date | None = None
    message: Message | None = None

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"

    @property
    def is_pending(self) -> bool:
        """Still to do: neither done nor skipped."""
        return self.status in ("overdue", "due", "upcoming")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "channel": self.channel,
            "title": self.title,
            "why": self.why,
            "rule": self.rule,
            "guide": self.guide,
            "status": self.status,
            "done_on": _iso_or_none(self.done_on),
            "overdue": self.overdue,
            "message": None if self.message is None else self.message.to_dict(),
        }


@dataclass(frozen=True)
class Plan:
    """The dated actions, sorted by date, as seen from `today`; `closed` once an outcome is
    recorded."""

    today: date
    actions: tuple[Action, ...] = field(default_factory=tuple)
    outcome: str | None = None

    @property
    def state(self) -> str:
        return "waiting" if self.outcome is None else "closed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "state": self.state,
            "outcome": self.outcome,
            "actions": [action.to_dict() for action in self.actions],
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, tied to the form control that holds it.

    `round` is the 0-based round index and `person` the 0-based interviewer index within
    that round (or the reference's index, for a reference's field); `event` is the 0-based
    index of a log entry. `field` is None when the whole input is unreadable.
    """

    field: str | None
    message: str
    round: int | None = None
    person: int | None = None
    event: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _attributes(self, ("field", "round", "person", "event", "message"))


class PlanInputError(ValueError):
    """The situation cannot be planned; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("PlanInputError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self.problems[0].message)


def _attributes(value: object, names: tuple[str, ...]) -> dict[str, Any]:
    """`value`'s attributes `names`, in that order: the order of the keys in the JSON.

    >>> _attributes(Problem("log", "Too late.", event=2), ("field", "event", "message"))
    {'field': 'log', 'event': 2, 'message': 'Too late.'}
    """
    return {name: getattr(value, name) for name in names}


def _iso_or_none(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
