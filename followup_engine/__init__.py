"""Follow-up Planner engine: interview dates in, a dated follow-up plan with drafts out.

`agenda_from_dict` and `plan_to_ics` load on first use: the browser's first plan needs
neither, and every module it imports is paid for while the visitor waits.
"""

from typing import Any

from .browser import agenda_response, calendar_response, plan_response
from .model import (
    Action,
    Event,
    InterviewRound,
    Message,
    Person,
    Plan,
    PlanInputError,
    Problem,
    Situation,
)
from .schedule import make_plan, plan_from_dict
from .validation import situation_from_dict

__all__ = [
    "Action",
    "Event",
    "InterviewRound",
    "Message",
    "Person",
    "Plan",
    "PlanInputError",
    "Problem",
    "Situation",
    "agenda_from_dict",
    "agenda_response",
    "calendar_response",
    "make_plan",
    "plan_from_dict",
    "plan_response",
    "plan_to_ics",
    "situation_from_dict",
]


_LATER = {"agenda_from_dict": "agenda", "plan_to_ics": "calendar_export"}


def __getattr__(name: str) -> Any:
    """The re-exports that load on first use (PEP 562)."""
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
