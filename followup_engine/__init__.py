"""Follow-up Planner engine: interview dates in, a dated follow-up plan with drafts out."""

from .browser import calendar_response, plan_response
from .calendar_export import plan_to_ics
from .model import (
    Action,
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
    "InterviewRound",
    "Message",
    "Person",
    "Plan",
    "PlanInputError",
    "Problem",
    "Situation",
    "calendar_response",
    "make_plan",
    "plan_from_dict",
    "plan_response",
    "plan_to_ics",
    "situation_from_dict",
]
