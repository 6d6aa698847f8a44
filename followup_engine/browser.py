"""Entry points for the page's worker: JSON strings in, JSON strings out, never an exception.

Errors travel as data (`{"ok": false, "errors": [...]}`), so the page can show each one
beside the form control it belongs to.

A plan can come in two answers (issue 15): `plan_dates_response` first, the dated plan
without its drafts, which imports no jinja2 (nor holidays or icalendar unless a country is
named); then `drafts_response` for the same situation, the drafted messages by action id.
Together they are exactly `plan_response` (see `drafts_response`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .json_input import load_json
from .model import PlanInputError, Problem
from .schedule import make_checked_plan, make_dated_plan, plan_drafts
from .validation import situation_from_dict

__all__ = [
    "agenda_calendar_response",
    "agenda_csv_response",
    "agenda_response",
    "calendar_response",
    "drafts_response",
    "plan_dates_response",
    "plan_response",
]

_UNREADABLE = Problem(None, "The planner could not read the form data. Please try again.")
_INTERNAL = Problem(
    None, "Something went wrong while making your plan. Please check your dates and try again."
)


def plan_response(situation_json: str) -> str:
    """`{"ok": true, "plan": {...}}` or `{"ok": false, "errors": [...]}`.

    >>> print(plan_response('{"today": "2026-11-25", "rounds": []}'))  # doctest: +ELLIPSIS
    {"ok": false, "errors": [{"field": "interview", ... "Add the date of at least one interview."}]}
    """

    def answer(data: Any) -> dict[str, Any]:
        return {"ok": True, "plan": make_checked_plan(situation_from_dict(data)).to_dict()}

    return _respond(situation_json, answer)


def plan_dates_response(situation_json: str) -> str:
    """The first answer: `{"ok": true, "plan": {...}, "drafts": "pending"}`, or the errors
    `plan_response` gives, identical.

    The plan has `plan_response`'s shape and every field of it but the drafts: each action's
    `"message"` is null until `drafts_response` fills it in, and `"drafts": "pending"` says
    so (an action that sends nothing has a null message in the full plan as well).

    >>> reply = json.loads(plan_dates_response('{"today": "2026-11-25", '
    ...     '"rounds": [{"date": "2026-11-16"}]}'))
    >>> reply["drafts"], [(a["kind"], a["message"]) for a in reply["plan"]["actions"]][:2]
    ('pending', [('thank_you', None), ('keep_applying', None)])
    """

    def answer(data: Any) -> dict[str, Any]:
        plan = make_dated_plan(situation_from_dict(data))
        return {"ok": True, "plan": plan.to_dict(), "drafts": "pending"}

    return _respond(situation_json, answer)


def drafts_response(situation_json: str) -> str:
    """The second answer: `{"ok": true, "drafts": {action id: message or null}}`, one entry
    for every action of the plan, each message as `plan_response` has it (`{"to", "subject",
    "body"}`), or errors.

    Only the drafts, not the plan again: the page already shows the dated plan and only
    fills each action's draft in, and the answer is smaller to send and parse. To get
    `plan_response`'s answer from the two: if the first is not ok, it is that answer; if
    the second is not ok, it is that one; otherwise it is the first's plan with each
    action's `"message"` set to `drafts[action["id"]]`, and without `"drafts": "pending"`.

    >>> reply = json.loads(drafts_response('{"today": "2026-11-25", '
    ...     '"rounds": [{"date": "2026-11-16"}]}'))
    >>> reply["drafts"]["keep_applying"], reply["drafts"]["follow_up:2026-11-16"]["subject"]
    (None, 'Checking in about the role')
    """

    def answer(data: Any) -> dict[str, Any]:
        drafts = plan_drafts(situation_from_dict(data))
        return {
            "ok": True,
            "drafts": {
                action_id: None if message is None else message.to_dict()
                for action_id, message in drafts.items()
            },
        }

    return _respond(situation_json, answer)


def agenda_response(export_json: str) -> str:
    """`{"ok": true, "agenda": {...}}` for an export file (with "today" and "days"), or
    errors naming the application.

    >>> reply = json.loads(agenda_response('{"format": "followup-planner", "version": 2, '
    ...     '"today": "2026-11-25", "applications": []}'))
    >>> reply["ok"], reply["agenda"]["items"]
    (True, [])
    """
    from .agenda import agenda_from_dict

    return _respond(export_json, lambda data: {"ok": True, "agenda": agenda_from_dict(data)})


def agenda_csv_response(export_json: str) -> str:
    """`{"ok": true, "csv": ...}`: the agenda as a spreadsheet file (formula-safe cells)."""
    from .agenda import agenda_from_dict
    from .formats import agenda_to_csv

    return _respond(
        export_json, lambda data: {"ok": True, "csv": agenda_to_csv(agenda_from_dict(data))}
    )


def agenda_calendar_response(export_json: str) -> str:
    """`{"ok": true, "ics": ...}`: one calendar for the pending steps of every application."""
    from .agenda import agenda_calendar

    def answer(data: Any) -> dict[str, Any]:
        return {"ok": True, "ics": agenda_calendar(data)}

    return _respond(export_json, answer)


def calendar_response(situation_json: str, action: int | str | None = None) -> str:
    """`{"ok": true, "ics": "BEGIN:VCALENDAR..."}` for the plan's pending steps or one step
    (its position in the plan or its id), or errors."""

    from .calendar_export import plan_to_ics  # lazy: the page's first plan needs no calendar

    def answer(data: Any) -> dict[str, Any]:
        situation = situation_from_dict(data)
        plan = make_checked_plan(situation)
        return {"ok": True, "ics": plan_to_ics(plan, situation, only=action)}

    return _respond(situation_json, answer)


def _respond(situation_json: str, answer: Callable[[Any], dict[str, Any]]) -> str:
    try:
        data = load_json(situation_json)
    except (TypeError, ValueError):  # not text, not JSON, or nested too deeply
        return _errors([_UNREADABLE])
    try:
        return json.dumps(answer(data), ensure_ascii=False)
    except PlanInputError as error:
        return _errors(error.problems)
    except Exception:  # the page must always get an answer it can show
        return _errors([_INTERNAL])


def _errors(problems: list[Problem]) -> str:
    return json.dumps(
        {"ok": False, "errors": [problem.to_dict() for problem in problems]}, ensure_ascii=False
    )
