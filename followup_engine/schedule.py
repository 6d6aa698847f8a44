"""Combine the rules and the log into one plan: every action dated, worded, sorted, with
where it stands."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .business_days import BusinessCalendar, business_calendar
from .guide import guide_for
from .messages import draft_message, plan_wording
from .model import KINDS, Action, Message, Plan, PlanInputError, Problem, Situation
from .rules import Step
from .timeline import Wait, follow_the_wait
from .validation import check_log, check_situation, situation_from_dict

__all__ = ["make_checked_plan", "make_plan", "plan_from_dict"]


def make_plan(situation: Situation) -> Plan:
    """The complete follow-up plan for `situation`, sorted by date.

    Steps dated before `situation.today` and not done stay in the plan as overdue, except
    what G16 says a late arrival should no longer send.

    >>> from datetime import date
    >>> from .model import InterviewRound
    >>> plan = make_plan(Situation((InterviewRound(date(2026, 11, 16)),), today=date(2026, 11, 18)))
    >>> [(action.date.isoformat(), action.kind, action.status) for action in plan.actions]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2026-11-16', 'thank_you', 'overdue'), ('2026-11-18', 'keep_applying', 'due'),
     ('2026-11-26', 'follow_up', 'upcoming'), ('2026-12-03', 'second_follow_up', 'upcoming')]
    """
    problems = check_situation(situation)
    if problems:
        raise PlanInputError(problems)
    return make_checked_plan(situation)


def make_checked_plan(situation: Situation) -> Plan:
    """`make_plan` for a situation `situation_from_dict` built, so already checked.

    The page and the command line always parse first; checking again would cost them time
    on every plan for nothing. The log is checked here, against the steps it names.
    """
    try:
        calendar = business_calendar(situation.country, around=situation.latest_round.date)
        wait = follow_the_wait(situation, calendar)
    except OverflowError:
        raise PlanInputError(
            [
                Problem(
                    "interview", "These dates are too late: the plan would run past the year 9999."
                )
            ]
        ) from None
    problems = check_log(situation, wait.defined)
    if problems:
        raise PlanInputError(problems)
    ordered = sorted(
        enumerate(wait.steps),
        key=lambda item: (item[1].date, KINDS.index(item[1].kind), item[0]),
    )
    wording = plan_wording(situation)
    drafts = _drafts(wait, situation, wording, calendar)
    return Plan(
        today=situation.today,
        actions=tuple(_action(step, drafts.get(step.id)) for _, step in ordered),
        outcome=None if wait.outcome is None else wait.outcome.outcome,
    )


def plan_from_dict(data: Any) -> dict[str, Any]:
    """Situation JSON (as a dict) in, plan JSON (as a dict) out; raises PlanInputError.

    >>> plan = plan_from_dict({"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}]})
    >>> plan["actions"][0]["kind"], plan["actions"][0]["status"], plan["state"]
    ('thank_you', 'skipped', 'waiting')
    """
    return make_checked_plan(situation_from_dict(data)).to_dict()


def _drafts(
    wait: Wait, situation: Situation, wording: dict[str, str], calendar: BusinessCalendar
) -> dict[str, Message | None]:
    """Every shown step's draft, by id. G23: a second check-in by email answers the first,
    so its subject is the first one's with "Re: " in front."""
    drafts = {
        step.id: None
        if step.status == "skipped"
        else draft_message(step, situation, wording=wording, calendar=calendar)
        for step in wait.steps
    }
    for step in wait.steps:
        draft = drafts[step.id]
        if step.kind != "second_follow_up" or draft is None or draft.subject is None:
            continue
        first_id = f"follow_up:{step.cycle}"
        first = drafts.get(first_id) or draft_message(
            wait.defined[first_id], situation, wording=wording, calendar=calendar
        )
        if first is not None and first.subject:
            drafts[step.id] = replace(draft, subject=f"Re: {first.subject}")
    return drafts


def _action(step: Step, message: Message | None) -> Action:
    return Action(
        date=step.date,
        kind=step.kind,
        channel=step.channel,
        title=step.title,
        why=step.why,
        rule=step.rule,
        guide=guide_for(step.kind, step.rule),
        id=step.id,
        status=step.status,
        done_on=step.done_on,
        message=message,
    )
