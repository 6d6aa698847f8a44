"""Situation builders shared by the engine tests (imported by name: see conftest.py)."""

from __future__ import annotations

from typing import Any

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
