"""Combine the rules into one plan: every action dated, worded, sorted and flagged overdue."""

from __future__ import annotations

from typing import Any

from .business_days import business_calendar
from .guide import guide_for
from .messages import draft_message, plan_wording
from .model import KINDS, Action, Plan, PlanInputError, Problem, Situation
from .rules import (
    Step,
    first_follow_up,
    g4_thank_you_notes,
    g10_ask_inside_contact,
    g10_ask_references,
    g11_second_follow_up,
    g12_keep_applying,
)
from .validation import check_situation, situation_from_dict

__all__ = ["make_checked_plan", "make_plan", "plan_from_dict"]


def make_plan(situation: Situation) -> Plan:
    """The complete follow-up plan for `situation`, sorted by date.

    Actions dated before `situation.today` stay in the plan, flagged overdue.

    >>> from datetime import date
    >>> from .model import InterviewRound
    >>> plan = make_plan(Situation((InterviewRound(date(2026, 11, 16)),), today=date(2026, 11, 25)))
    >>> [(action.date.isoformat(), action.kind, action.overdue) for action in plan.actions]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2026-11-16', 'thank_you', True), ('2026-11-25', 'keep_applying', False),
     ('2026-11-26', 'follow_up', False), ('2026-12-03', 'second_follow_up', False)]
    """
    problems = check_situation(situation)
    if problems:
        raise PlanInputError(problems)
    return make_checked_plan(situation)


def make_checked_plan(situation: Situation) -> Plan:
    """`make_plan` for a situation `situation_from_dict` built, so already checked.

    The page and the command line always parse first; checking again would cost them time
    on every plan for nothing.
    """
    try:
        steps = _steps(situation)
    except OverflowError:
        raise PlanInputError(
            [
                Problem(
                    "interview", "These dates are too late: the plan would run past the year 9999."
                )
            ]
        ) from None
    first = next(step for step in steps if step.kind == "follow_up")
    ordered = sorted(
        enumerate(steps), key=lambda item: (item[1].date, KINDS.index(item[1].kind), item[0])
    )
    wording = plan_wording(situation, first)
    return Plan(
        today=situation.today,
        actions=tuple(_action(step, situation, wording) for _, step in ordered),
    )


def plan_from_dict(data: Any) -> dict[str, Any]:
    """Situation JSON (as a dict) in, plan JSON (as a dict) out; raises PlanInputError.

    >>> plan = plan_from_dict({"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}]})
    >>> plan["actions"][0]["kind"], plan["actions"][0]["guide"]
    ('thank_you', 'thank-you-note/#send-it-within-24-hours')
    """
    return make_checked_plan(situation_from_dict(data)).to_dict()


def _steps(situation: Situation) -> list[Step]:
    calendar = business_calendar(situation.country, around=situation.latest_round.date)
    first = first_follow_up(situation, calendar)
    steps = [*g4_thank_you_notes(situation, calendar), first]
    steps.append(g11_second_follow_up(first, calendar))
    if situation.has_inside_contact:
        steps.append(g10_ask_inside_contact(first, calendar))
    if situation.has_references:
        steps.append(g10_ask_references(first, calendar))
    steps.append(g12_keep_applying(situation))
    return steps


def _action(step: Step, situation: Situation, wording: dict[str, str]) -> Action:
    return Action(
        date=step.date,
        kind=step.kind,
        channel=step.channel,
        title=step.title,
        why=step.why,
        rule=step.rule,
        guide=guide_for(step.kind, step.rule),
        overdue=step.date < situation.today,
        message=draft_message(step, situation, wording=wording),
    )
