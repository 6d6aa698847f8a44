"""Plans as an iCalendar file: one all-day event per step still to do, with a reminder.

Standing advice (keep applying) has no day that matters, so it gets no event: a reminder
for it would only be noise.

Each event's UID depends only on the application (its id, else its company and role) and
the step's id, so importing the file again after an edit updates the events instead of
adding copies. Done and skipped steps are left out. `icalendar` is imported only when a
calendar is asked for, to keep the browser start fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from .model import Action, Plan, PlanInputError, Problem, Situation

__all__ = ["PRODID", "REMINDER_AT", "application_key", "entries_to_ics", "plan_to_ics"]

PRODID = "-//Follow-up Planner//followup-engine//EN"
UID_DOMAIN = "followup-planner"
#: Each step's reminder goes off at 09:00 on its day (an offset from the all-day start).
REMINDER_AT = timedelta(hours=9)


def application_key(situation: Situation) -> str:
    """What identifies an application in UIDs: its id, else its company and role.

    >>> from followup_engine.model import InterviewRound
    >>> application_key(Situation((InterviewRound(date(2026, 11, 16)),), date(2026, 11, 16),
    ...                           company="Acme", role="Analyst"))
    'company-role:Acme|Analyst'
    """
    if situation.id:
        return f"id:{situation.id}"
    return f"company-role:{situation.company}|{situation.role}"


def plan_to_ics(plan: Plan, situation: Situation, only: int | str | None = None) -> str:
    """RFC 5545 text for the plan's pending steps, or for one step alone: `only` is its
    0-based position in the plan or its id."""
    actions = list(plan.actions)
    if only is not None:
        actions = [_one_action(plan, only)]
    entries = [(situation, action) for action in actions if action.is_pending]
    return entries_to_ics(entries, plan.today)


def entries_to_ics(entries: Iterable[tuple[Situation, Action]], today: date) -> str:
    """One calendar for the pending steps of one or more applications; DTSTAMP is `today`
    so that the same plan always gives the same file."""
    import icalendar  # lazy: see the module docstring

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for situation, action in entries:
        if not action.is_pending or action.kind == "keep_applying":
            continue
        summary = f"{situation.company}: {action.title}" if situation.company else action.title
        event = icalendar.Event()
        event.add("uid", _uid(situation, action))
        event.add("dtstamp", stamp)
        event.add("dtstart", action.date)
        event.add("dtend", action.date + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", _description(action))
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", summary)
        reminder.add("trigger", REMINDER_AT, parameters={"RELATED": "START"})
        event.add_component(reminder)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _one_action(plan: Plan, only: int | str) -> Action:
    if isinstance(only, str):
        for action in plan.actions:
            if action.id == only:
                break
        else:
            raise PlanInputError([Problem(None, "This plan has no such step.")])
    elif isinstance(only, bool) or not isinstance(only, int) or not 0 <= only < len(plan.actions):
        raise PlanInputError(
            [Problem(None, f"This plan has no action number {only}; it has {len(plan.actions)}.")]
        )
    else:
        action = plan.actions[only]
    if not action.is_pending:
        raise PlanInputError(
            [Problem(None, "This step is done or skipped: there is nothing to add to a calendar.")]
        )
    if action.kind == "keep_applying":
        raise PlanInputError([Problem(None, "This advice has no day to add to a calendar.")])
    return action


def _uid(situation: Situation, action: Action) -> str:
    seed = f"{application_key(situation)}|{action.id}"
    return f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _description(action: Action) -> str:
    parts = [f"{action.why} ({action.rule})"]
    if action.message:
        head = f"To: {action.message.to or '(fill in)'}"
        if action.message.subject is not None:
            head += f"\nSubject: {action.message.subject}"
        parts.append(f"{head}\n\n{action.message.body}")
    return "\n\n".join(parts)
