"""The plan as an iCalendar file: one all-day event per action, stable across runs.

`icalendar` is imported only when a calendar is asked for, to keep the browser start fast.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, time, timedelta

from .model import Action, Plan, PlanInputError, Problem, Situation

__all__ = ["PRODID", "plan_to_ics"]

PRODID = "-//Follow-up Planner//followup-engine//EN"
UID_DOMAIN = "followup-planner"


def plan_to_ics(plan: Plan, situation: Situation, only: int | None = None) -> str:
    """RFC 5545 text for the whole plan, or for action number `only` (0-based) alone.

    UIDs depend on the situation (without "today") and the action, so importing the same
    plan twice updates events instead of duplicating them; DTSTAMP comes from `today`.
    """
    import icalendar  # lazy: see the module docstring

    if only is not None and (
        isinstance(only, bool) or not isinstance(only, int) or not 0 <= only < len(plan.actions)
    ):
        raise PlanInputError(
            [Problem(None, f"This plan has no action number {only}; it has {len(plan.actions)}.")]
        )
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = datetime.combine(plan.today, time(0, 0), tzinfo=UTC)
    fingerprint = _situation_fingerprint(situation)
    seen: dict[str, int] = {}
    for index, action in enumerate(plan.actions):
        # Numbered within its kind, so a reminder moving past others keeps the others' UIDs.
        occurrence = seen[action.kind] = seen.get(action.kind, -1) + 1
        if only is not None and index != only:
            continue
        event = icalendar.Event()
        event.add("uid", _uid(fingerprint, action, occurrence))
        event.add("dtstamp", stamp)
        event.add("dtstart", action.date)
        event.add("dtend", action.date + timedelta(days=1))
        event.add("summary", action.title)
        event.add("description", _description(action))
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _situation_fingerprint(situation: Situation) -> str:
    canonical = situation.to_dict()
    del canonical["today"]
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _uid(fingerprint: str, action: Action, occurrence: int) -> str:
    seed = f"{fingerprint}|{action.kind}|{action.date.isoformat()}|{occurrence}"
    return f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _description(action: Action) -> str:
    parts = [f"{action.why} ({action.rule})"]
    if action.message:
        parts.append(
            f"To: {action.message.to or '(fill in)'}\n"
            f"Subject: {action.message.subject}\n\n{action.message.body}"
        )
    return "\n\n".join(parts)
