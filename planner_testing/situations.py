"""The situations the tests and the benchmark type or share, and share links to them."""

from __future__ import annotations

import base64
import json
from typing import Any


def one_round(day: str, people: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """A situation's rounds when there was one interview: its day and the people met, each
    (name, address), as fill_round types them into the form.

    >>> one_round("2026-11-16", [("Dana Lee", "dana@example.com")])
    [{'date': '2026-11-16', 'interviewers': [{'name': 'Dana Lee', 'email': 'dana@example.com'}]}]
    """
    return [{"date": day, "interviewers": [{"name": n, "email": e} for n, e in people]}]


#: A whole situation, as a share link carries it (the form's every field filled in).
SHARED: dict[str, Any] = {
    "rounds": one_round("2026-11-09", [("Ana Ruiz", "ana@example.org")]),
    "decision_date": "2026-11-18",
    "checkin_date": None,
    "channel": "email",
    "candidate": "Sam Rivera",
    "company": "Initech",
    "role": "Tester",
    "has_inside_contact": False,
    "has_references": True,
    "country": None,
}

#: A typical visitor's input (two interviewers, a promised date): what the benchmark plans.
TYPICAL: dict[str, Any] = {
    "rounds": [
        {
            "date": "2026-11-16",
            "interviewers": [
                {"name": "Dana Lee", "email": "dana@example.com"},
                {"name": "Ravi Patel", "email": "ravi@example.com"},
            ],
        }
    ],
    "decision_date": "2026-11-27",
    "checkin_date": None,
    "channel": "email",
    "candidate": "Sam Rivera",
    "company": "Acme",
    "role": "Data Analyst",
    "has_inside_contact": False,
    "has_references": True,
    "country": None,
}


def share_fragment(value: object) -> str:
    """The #s= fragment of a share link: base64url (unpadded) of the JSON, or of a raw
    string as it is (to build damaged links).

    >>> share_fragment({"a": 1}), share_fragment("{")
    ('#s=eyJhIjoxfQ', '#s=ew')
    """
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return "#s=" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
