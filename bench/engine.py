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


def plans_per_second(situation: dict[str, Any], *, seconds: float = 0.5, rounds: int = 5) -> float:
    """Median over `rounds` timed stretches of plan_response calls (JSON in, JSON out)."""
    text = json.dumps({"today": TODAY, **situation})
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
    """Plans per second for the typical situation, without and with a country's holidays."""
    with_country = {**SHARED_SITUATION, "country": "US"}
    return {
        "plans_per_s": plans_per_second(SHARED_SITUATION, seconds=seconds, rounds=rounds),
        "plans_per_s_holidays": plans_per_second(with_country, seconds=seconds, rounds=rounds),
    }
