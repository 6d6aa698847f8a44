"""Stored applications for the benchmark: N realistic ones, the same on every run.

Each application is drawn from a generator seeded with its own position, so the first 20 of
`stored_applications(50)` are `stored_applications(20)`. They vary as a visitor's would:
one to three rounds, one to three people met per round (some recruiters, some with a phone
number or a topic), a decision or check-in date or neither, the phone now and then, a
country's holidays for about one in three (mostly the visitor's own, a few abroad),
references and inside contacts, and a log of a few events (ticked steps, an answer, now and
then an outcome). The log is written by asking the engine what is due, so every step it
names is one the plan has.

`stored_applications(n)` is the export format: what `agenda_response` takes, and what the
page's export button writes, so a browser profile can seed its storage from it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from followup_engine.agenda import AGENDA_DAYS, EXPORT_FORMAT, EXPORT_VERSION
from followup_engine.schedule import make_checked_plan
from followup_engine.validation import situation_from_dict

__all__ = ["TODAY", "application", "stored_applications"]

#: The benchmark's today: every application is planned as of this day.
TODAY = date(2026, 11, 25)

_COMPANIES = (
    ("Acme", "acme.example"),
    ("Globex", "globex.example"),
    ("Initech", "initech.example"),
    ("Umbrella Health", "umbrella.example"),
    ("Stark Logistics", "stark.example"),
    ("Wayne Analytics", "wayne.example"),
    ("Hooli", "hooli.example"),
    ("Vandelay Imports", "vandelay.example"),
    ("Soylent Foods", "soylent.example"),
    ("Tyrell Systems", "tyrell.example"),
    ("Cyberdyne", "cyberdyne.example"),
    ("Massive Dynamic", "massive.example"),
)
_ROLES = (
    "Data Analyst",
    "Senior Product Manager",
    "Backend Engineer",
    "UX Researcher",
    "Marketing Lead",
    "Operations Coordinator",
    "The Customer Success position",
    "",
)
_PEOPLE = (
    "Dana Lee",
    "Ravi Patel",
    "Ana Silva",
    "Li Wei",
    "Jonas Müller",
    "Chloé Martin",
    "Dr. Amara Okafor",
    "Tom O'Neil",
    "Sofia García",
    "Kenji Watanabe",
    "Priya Nair",
    "Ben Carter",
)
_TOPICS = ("the data platform", "hiring plans", "the team's roadmap", "")
# Most of a visitor's applications are in their own country; a few are abroad.
_COUNTRIES = ("GB", "GB", "GB", "DE", "US")
_OUTCOMES = ("rejection", "offer", "withdrawn")


def stored_applications(n: int, today: date = TODAY, days: int = AGENDA_DAYS) -> dict[str, Any]:
    """`n` applications in the export format, planned as of `today` (each keeps its dates
    relative to it, so a page seeded on another day sees the same kind of wait).

    >>> export = stored_applications(3)
    >>> export["format"], export["version"], export["today"], len(export["applications"])
    ('followup-planner', 2, '2026-11-25', 3)
    >>> stored_applications(2)["applications"] == export["applications"][:2]
    True
    """
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "today": today.isoformat(),
        "days": days,
        "applications": [application(number, today) for number in range(n)],
    }


def application(number: int, today: date = TODAY) -> dict[str, Any]:
    """The `number`-th application (from 0): `{"id", "situation"}`, with a log the engine
    accepts."""
    rng = random.Random(f"followup-bench-application-{number}")
    company, domain = _COMPANIES[number % len(_COMPANIES)]
    rounds = _rounds(rng, today, domain)
    latest = date.fromisoformat(rounds[-1]["date"])
    situation: dict[str, Any] = {
        "today": today.isoformat(),
        "rounds": rounds,
        "decision_date": None,
        "checkin_date": None,
        "channel": "phone" if rng.random() < 0.2 else "email",
        "candidate": "Sam Rivera",
        "company": company,
        "role": rng.choice(_ROLES),
        "has_inside_contact": False,
        "has_references": rng.random() < 0.5,
        "country": rng.choice(_COUNTRIES) if rng.random() < 0.35 else None,
        "greeting": "full_name" if rng.random() < 0.2 else "first_name",
        "date_style": "month_day" if rng.random() < 0.3 else "day_month",
    }
    timeline = rng.random()
    if timeline < 0.45:
        situation["decision_date"] = (latest + timedelta(days=rng.randint(5, 14))).isoformat()
    elif timeline < 0.6:
        situation["checkin_date"] = (latest + timedelta(days=rng.randint(7, 12))).isoformat()
    if rng.random() < 0.25:
        situation["inside_contact"] = {"name": "Maya Chen", "email": "maya@friends.example"}
    if situation["has_references"] and rng.random() < 0.5:
        situation["references"] = [
            {"name": "Alex Kim", "email": "alex.kim@old-job.example"},
            {"name": "Jordan Blake", "email": ""},
        ]
    situation["log"] = _log(rng, situation, today)
    return {"id": f"app-{number + 1:03d}", "situation": situation}


def _rounds(rng: random.Random, today: date, domain: str) -> list[dict[str, Any]]:
    """One to three rounds, the first 3 to 40 days ago, each a few days after the last."""
    day = today - timedelta(days=rng.randint(3, 40))
    rounds = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        if day >= today:
            break
        rounds.append({"date": day.isoformat(), "interviewers": _people(rng, domain)})
        day += timedelta(days=rng.randint(3, 9))
    return rounds


def _people(rng: random.Random, domain: str) -> list[dict[str, str]]:
    people = []
    for name in rng.sample(_PEOPLE, rng.choice((1, 1, 2, 2, 3))):
        first, last = name.replace("Dr. ", "").replace("'", "").lower().split()[:2]
        person = {"name": name, "email": f"{first}.{last}@{domain}"}
        kind = rng.random()
        if kind < 0.15:
            person["role"] = "recruiter"
            person["phone"] = f"+1 555 010 {rng.randint(1000, 9999)}"
        elif kind < 0.3:
            person["role"] = "hiring_manager"
        if rng.random() < 0.5:
            person["topic"] = rng.choice(_TOPICS)
        people.append(person)
    return people


def _log(rng: random.Random, situation: dict[str, Any], today: date) -> list[dict[str, Any]]:
    """Zero to six events, oldest first: steps ticked on (or a day or two after) their day,
    an answer now and then, and for about one application in eight an outcome at the end."""
    log: list[dict[str, Any]] = []
    last = date.fromisoformat(situation["rounds"][0]["date"])
    latest = date.fromisoformat(situation["rounds"][-1]["date"])
    for _ in range(rng.choice((0, 1, 2, 3, 3, 4, 5, 6))):
        if rng.random() < 0.2 and max(last, latest) < today:  # they answered
            day = min(today, max(last, latest) + timedelta(days=rng.randint(1, 4)))
            new_date = day + timedelta(days=rng.randint(4, 12)) if rng.random() < 0.6 else None
            log.append(
                {
                    "date": day.isoformat(),
                    "event": "reply",
                    "new_decision_date": None if new_date is None else new_date.isoformat(),
                }
            )
            last = day
            continue
        plan = make_checked_plan(situation_from_dict({**situation, "log": log}))
        due = [
            action
            for action in plan.actions
            if action.status in ("overdue", "due") and action.kind != "keep_applying"
        ]
        if not due:
            break
        action = due[0]
        day = min(today, max(last, action.date + timedelta(days=rng.choice((0, 0, 1, 2)))))
        log.append({"date": day.isoformat(), "event": "done", "action": action.id})
        last = day
    if rng.random() < 0.125:
        day = min(today, last + timedelta(days=rng.randint(1, 5)))
        log.append({"date": day.isoformat(), "event": "outcome", "outcome": rng.choice(_OUTCOMES)})
    make_checked_plan(situation_from_dict({**situation, "log": log}))  # raises if not valid
    return log
