"""Plain data in and out of the engine: a situation goes in, a plan comes out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "KINDS",
    "Action",
    "InterviewRound",
    "Message",
    "Person",
    "Plan",
    "PlanInputError",
    "Problem",
    "Situation",
]

#: Every kind of action a plan can hold, in the order used to break ties on one day.
KINDS = (
    "thank_you",
    "follow_up",
    "second_follow_up",
    "ask_inside_contact",
    "ask_references",
    "keep_applying",
)


@dataclass(frozen=True)
class Person:
    """Someone the visitor met; either field may be empty when unknown."""

    name: str = ""
    email: str = ""

    @property
    def label(self) -> str:
        """How a title refers to this person: name, else address, else a generic phrase.

        >>> Person("Dana Lee").label, Person(email="hr@example.com").label, Person().label
        ('Dana Lee', 'hr@example.com', 'your interviewer')
        """
        return self.name or self.email or "your interviewer"

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email}


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

    @property
    def latest_round(self) -> InterviewRound:
        """The most recent round: every waiting period starts from it (G14)."""
        return max(self.rounds, key=lambda interview_round: interview_round.date)

    def to_dict(self) -> dict[str, Any]:
        """The situation in the shared JSON shape (CONTRACT.md)."""
        return {
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
            "country": self.country,
        }


@dataclass(frozen=True)
class Message:
    """A ready-to-send draft: an email, or a short script for a phone call."""

    to: str
    subject: str
    body: str

    def to_dict(self) -> dict[str, str]:
        return {"to": self.to, "subject": self.subject, "body": self.body}


@dataclass(frozen=True)
class Action:
    """One dated step of the plan, with the rule behind it and the guide section."""

    date: date
    kind: str
    channel: str | None
    title: str
    why: str
    rule: str
    guide: str
    overdue: bool = False
    message: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "channel": self.channel,
            "title": self.title,
            "why": self.why,
            "rule": self.rule,
            "guide": self.guide,
            "overdue": self.overdue,
            "message": None if self.message is None else self.message.to_dict(),
        }


@dataclass(frozen=True)
class Plan:
    """The dated actions, sorted by date, as seen from `today`."""

    today: date
    actions: tuple[Action, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "actions": [action.to_dict() for action in self.actions],
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, tied to the form control that holds it.

    `round` is the 0-based round index and `person` the 0-based interviewer index within
    that round, where the problem belongs to one; `field` is None when the whole input is
    unreadable.
    """

    field: str | None
    message: str
    round: int | None = None
    person: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "round": self.round,
            "person": self.person,
            "message": self.message,
        }


class PlanInputError(ValueError):
    """The situation cannot be planned; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("PlanInputError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self.problems[0].message)


def _iso_or_none(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
