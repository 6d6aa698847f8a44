"""Combine the rules and the log into one plan: every action dated, worded, sorted, with
where it stands.

The drafts' module (and with it jinja2) is imported only when drafts are made: the page's
first answer is the dated plan alone (`make_dated_plan`), its drafts follow (`plan_drafts`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .business_days import BusinessCalendar, business_calendar
from .guide import guide_for
from .model import KINDS, Action, Message, Plan, PlanInputError, Problem, Situation
from .rules import Step
from .timeline import Wait, follow_the_wait
from .validation import check_log, check_situation, situation_from_dict

__all__ = ["make_checked_plan", "make_dated_plan", "make_plan", "plan_drafts", "plan_from_dict"]


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
    wait, calendar = _follow(situation)
    return _dated_plan(situation, wait, _drafts(wait, situation, calendar))


def make_dated_plan(situation: Situation) -> Plan:
    """`make_checked_plan` without the drafts: the same actions, each with no message.

    It is the page's first answer (issue 15): drafting needs jinja2, whose import alone
    costs a cold page more than the whole plan, so the dates come first and this path
    imports nothing of it. `plan_drafts` gives the messages left out.
    """
    wait, _ = _follow(situation)
    return _dated_plan(situation, wait, {})


def plan_drafts(situation: Situation) -> dict[str, Message | None]:
    """Every action's draft by its id, None for an action that sends nothing: exactly the
    messages `make_checked_plan` puts in the plan. Raises as `make_checked_plan` does."""
    wait, calendar = _follow(situation)
    return _drafts(wait, situation, calendar)


def plan_from_dict(data: Any) -> dict[str, Any]:
    """Situation JSON (as a dict) in, plan JSON (as a dict) out; raises PlanInputError.

    >>> plan = plan_from_dict({"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}]})
    >>> plan["actions"][0]["kind"], plan["actions"][0]["status"], plan["state"]
    ('thank_you', 'skipped', 'waiting')
    """
    return make_checked_plan(situation_from_dict(data)).to_dict()


def _follow(situation: Situation) -> tuple[Wait, BusinessCalendar]:
    """The wait the log describes, on the business calendar of the situation's country;
    raises PlanInputError for dates past the year 9999 or a log that names unknown steps."""
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
    return wait, calendar


def _dated_plan(situation: Situation, wait: Wait, drafts: dict[str, Message | None]) -> Plan:
    """The plan of `wait`'s steps, sorted by date, with the drafts given (by step id)."""
    ordered = sorted(
        enumerate(wait.steps),
        key=lambda item: (item[1].date, KINDS.index(item[1].kind), item[0]),
    )
    return Plan(
        today=situation.today,
        actions=tuple(_action(step, drafts.get(step.id)) for _, step in ordered),
        outcome=None if wait.outcome is None else wait.outcome.outcome,
    )


def _drafts(
    wait: Wait, situation: Situation, calendar: BusinessCalendar
) -> dict[str, Message | None]:
    """Every shown step's draft, by id. G23: a second check-in by email answers the first,
    so its subject is the first one's with "Re: " in front."""
    from .messages import draft_message, plan_wording  # lazy: see the module docstring

    wording = plan_wording(situation)
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
