"""Follow-up Planner engine: interview dates in, a dated follow-up plan with drafts out."""

from .agenda import agenda_from_dict
from .browser import agenda_response, calendar_response, plan_response
from .calendar_export import plan_to_ics
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
