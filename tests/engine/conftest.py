"""Shared helpers and Hypothesis profiles for the engine tests.

These tests also run under Pyodide: no subprocess, no network, no files outside tmp_path,
and never the system date (every situation names its own "today").
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = "2026-11-25"


def situation(*dates: str, **fields: Any) -> dict[str, Any]:
    """A situation dict with one round per date (default 2026-11-16) and a fixed today."""
    rounds = [{"date": day, "interviewers": []} for day in dates or ("2026-11-16",)]
    data: dict[str, Any] = {"today": TODAY, "rounds": rounds}
    people = fields.pop("people", None)
    if people is not None:
        data["rounds"][-1]["interviewers"] = people
    data.update(fields)
    return data


def dana() -> dict[str, str]:
    return {"name": "Dana Lee", "email": "dana@example.com"}
