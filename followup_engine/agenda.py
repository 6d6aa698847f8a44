"""Several applications at once: the export format in, one dated to-do list out.

The export format is what the page saves to a file and reads back:
`{"format": "followup-planner", "version": 2, "applications": [{"id", "situation"}]}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from .limits import MAX_AGENDA_DAYS, MAX_APPLICATIONS
from .model import KINDS, Plan, PlanInputError, Problem, Situation
from .schedule import make_checked_plan
from .validation import APPLICATION_ID, ISO_DATE, situation_from_dict

__all__ = [
    "AGENDA_DAYS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "Application",
    "agenda_calendar",
    "agenda_from_dict",
    "agenda_today",
    "applications_from_dict",
]

EXPORT_FORMAT = "followup-planner"
EXPORT_VERSION = 2
#: How far ahead the agenda looks by default: the next two weeks.
AGENDA_DAYS = 14

_AGENDA_STATUSES = ("overdue", "due", "upcoming")


@dataclass(frozen=True)
class Application:
    """One application of an export file, planned as of the agenda's today."""

    id: str
    situation: Situation
    plan: Plan

    @property
    def label(self) -> str:
        parts = [part for part in (self.situation.company, self.situation.role) if part]
        return " — ".join(parts) or self.id


def applications_from_dict(data: Any, today: date | None = None) -> list[Application]:
    """Every application of an export file, validated and planned; raises PlanInputError
    naming the application (and its field) for each problem. `today` replaces each
    application's own."""
    if not isinstance(data, Mapping):
        raise PlanInputError([Problem(None, "The file must hold a JSON object.")])
    if data.get("format") != EXPORT_FORMAT:
        raise PlanInputError(
            [
                Problem(
                    "format",
                    f"This is not a Follow-up Planner file: its format is "
                    f"{_shown(data.get('format'))}, not {EXPORT_FORMAT!r}.",
                )
            ]
        )
    if data.get("version") != EXPORT_VERSION:
        raise PlanInputError(
            [
                Problem(
                    "version",
                    f"This file is version {_shown(data.get('version'))}; this planner reads "
                    f"version {EXPORT_VERSION}.",
                )
            ]
        )
    items = data.get("applications")
    if not isinstance(items, list):
        raise PlanInputError([Problem("applications", "The file has no list of applications.")])
    if len(items) > MAX_APPLICATIONS:
        # Counted before any application is read: each costs a parse and a plan.
        raise PlanInputError(
            [
                Problem(
                    "applications",
                    f"The planner reads at most {MAX_APPLICATIONS} applications in one file; "
                    f"this has {len(items)}.",
                )
            ]
        )
    problems: list[Problem] = []
    applications: list[Application] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"Application {index + 1}"
        if not isinstance(item, Mapping):
            problems.append(Problem("applications", f"{where} must be an object."))
            continue
        application_id = item.get("id")
        if not isinstance(application_id, str) or not APPLICATION_ID.fullmatch(application_id):
            problems.append(
                Problem("id", f"{where} needs an id of 1 to 64 letters, digits, - or _.")
            )
            continue
        if application_id in seen:
            problems.append(Problem("id", f"{where} repeats the id {application_id!r}."))
            continue
        seen.add(application_id)
        raw = item.get("situation")
        if isinstance(raw, Mapping):
            raw = {**raw, "id": application_id}
            if today is not None:
                raw["today"] = today.isoformat()
        try:
            situation = situation_from_dict(raw)
            application = Application(application_id, situation, make_checked_plan(situation))
        except PlanInputError as error:
            label = _label_of(raw, application_id)
            problems += [
                replace(problem, message=f"{where} ({label}): {problem.message}")
                for problem in error.problems
            ]
            continue
        applications.append(application)
    if problems:
        raise PlanInputError(problems)
    return applications


def agenda_from_dict(data: Any) -> dict[str, Any]:
    """The export file (plus optional "today" and "days") in, the agenda out: every
    overdue and due step, and those of the next `days` days, of every application, by date.

    Standing advice (keep applying) is not a step with a date that matters, so it is left
    out; so are done and skipped steps.

    >>> agenda = agenda_from_dict({"format": "followup-planner", "version": 2,
    ...     "today": "2026-11-25", "applications": [{"id": "acme",
    ...     "situation": {"company": "Acme", "rounds": [{"date": "2026-11-16"}]}}]})
    >>> [(item["date"], item["status"], item["kind"]) for item in agenda["items"]]
    [('2026-11-26', 'upcoming', 'follow_up'), ('2026-12-03', 'upcoming', 'second_follow_up')]
    """
    today = agenda_today(data)
    days = _agenda_days(data)
    applications = applications_from_dict(data, today)
    horizon = today + timedelta(days=days)
    items: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for number, application in enumerate(applications):
        for action in application.plan.actions:
            if action.kind == "keep_applying" or action.status not in _AGENDA_STATUSES:
                continue
            if action.status == "upcoming" and action.date > horizon:
                continue
            item = {
                "application": application.id,
                "company": application.situation.company,
                "role": application.situation.role,
                **action.to_dict(),
            }
            items.append(((action.date, number, KINDS.index(action.kind)), item))
    return {
        "today": today.isoformat(),
        "days": days,
        "items": [item for _, item in sorted(items, key=lambda pair: pair[0])],
    }


def agenda_today(data: Any) -> date:
    """The agenda's today: the file's "today" when given, else the system date."""
    value = data.get("today") if isinstance(data, Mapping) else None
    if value is None:
        return date.today()
    problem = Problem("today", f"The date for today, {_shown(value)}, is not a YYYY-MM-DD date.")
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise PlanInputError([problem])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PlanInputError([problem]) from None


def _agenda_days(data: Any) -> int:
    value = data.get("days", AGENDA_DAYS) if isinstance(data, Mapping) else AGENDA_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AGENDA_DAYS:
        raise PlanInputError(
            [Problem("days", f"The number of days ahead must be 0 to {MAX_AGENDA_DAYS}.")]
        )
    return value


def _label_of(raw: Any, application_id: str) -> str:
    if isinstance(raw, Mapping):
        parts = [
            " ".join(part.split())[:40]
            for part in (raw.get("company"), raw.get("role"))
            if isinstance(part, str) and part.strip()
        ]
        if parts:
            return " — ".join(parts)
    return application_id


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else repr(" ".join(value.split())[:40])
    return "missing" if value is None else text


def agenda_calendar(data: Any) -> str:
    """One calendar file for the pending steps of every application of an export file (as
    of its "today"), for the command line and the page alike."""
    from .calendar_export import entries_to_ics  # lazy: icalendar loads on demand

    today = agenda_today(data)
    applications = applications_from_dict(data, today)
    entries = [(app.situation, action) for app in applications for action in app.plan.actions]
    return entries_to_ics(entries, today)
