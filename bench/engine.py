"""Engine alone, in CPython: how many plans per second the browser entry point makes.

Timed in CPU seconds of this process (time.process_time), so other programs running on a
shared machine slow the figure less than they would a wall-clock rate.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from followup_engine.browser import plan_response

from .browser import SHARED_SITUATION

TODAY = "2026-11-25"

#: A wait well under way: ten entries (ticked steps, two answers), as a visitor a few weeks
#: in would have them; the plan is made as of the last one's day.
TEN_EVENT_LOG: list[dict[str, Any]] = [
    {"date": "2026-11-16", "event": "done", "action": "thank_you:2026-11-16:dana-lee"},
    {"date": "2026-11-17", "event": "done", "action": "thank_you:2026-11-16:ravi-patel"},
    {"date": "2026-11-30", "event": "done", "action": "follow_up:2026-11-16"},
    {"date": "2026-12-02", "event": "reply", "new_decision_date": "2026-12-09"},
    {"date": "2026-12-03", "event": "done", "action": "keep_applying"},
    {"date": "2026-12-10", "event": "done", "action": "follow_up:reply-2026-12-02"},
    {"date": "2026-12-15", "event": "done", "action": "ask_references:reply-2026-12-02"},
    {"date": "2026-12-16", "event": "reply", "new_decision_date": None},
    {"date": "2026-12-28", "event": "done", "action": "follow_up:reply-2026-12-16"},
    {"date": "2027-01-04", "event": "done", "action": "second_follow_up:reply-2026-12-16"},
]


def plans_per_second(situation: dict[str, Any], *, seconds: float = 0.5, rounds: int = 5) -> float:
    """Median over `rounds` timed stretches of plan_response calls (JSON in, JSON out)."""
    text = json.dumps({"today": TODAY, **situation})  # a situation's own today wins
    answer = json.loads(plan_response(text))  # warm-up, and proof that the input is valid
    if not answer["ok"]:
        raise ValueError(f"the benchmark situation is not valid: {answer['errors']}")
    rates = []
    for _ in range(rounds):
        count = 0
        started = time.process_time()
        deadline = started + seconds
        while (now := time.process_time()) < deadline:
            plan_response(text)
            count += 1
        rates.append(count / (now - started))
    return statistics.median(rates)


def engine_figures(*, seconds: float = 0.5, rounds: int = 5) -> dict[str, float]:
    """Plans per second for the typical situation, without and with a country's holidays,
    and with a ten-entry log."""
    with_country = {**SHARED_SITUATION, "country": "US"}
    with_log = {**SHARED_SITUATION, "log": TEN_EVENT_LOG, "today": "2027-01-05"}
    return {
        "plans_per_s": plans_per_second(SHARED_SITUATION, seconds=seconds, rounds=rounds),
        "plans_per_s_holidays": plans_per_second(with_country, seconds=seconds, rounds=rounds),
        "plans_per_s_log": plans_per_second(with_log, seconds=seconds, rounds=rounds),
    }
