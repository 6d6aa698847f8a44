"""Entry points for the page's worker: JSON strings in, JSON strings out, never an exception.

Errors travel as data (`{"ok": false, "errors": [...]}`), so the page can show each one
beside the form control it belongs to.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .model import PlanInputError, Problem
from .schedule import make_checked_plan
from .validation import situation_from_dict

__all__ = ["calendar_response", "plan_response"]

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


def calendar_response(situation_json: str, action: int | None = None) -> str:
    """`{"ok": true, "ics": "BEGIN:VCALENDAR..."}` for the plan or one action, or errors."""

    from .calendar_export import plan_to_ics  # lazy: the page's first plan needs no calendar

    def answer(data: Any) -> dict[str, Any]:
        situation = situation_from_dict(data)
        plan = make_checked_plan(situation)
        return {"ok": True, "ics": plan_to_ics(plan, situation, only=action)}

    return _respond(situation_json, answer)


def _respond(situation_json: str, answer: Callable[[Any], dict[str, Any]]) -> str:
    try:
        data = json.loads(situation_json)
    except (TypeError, ValueError):
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
