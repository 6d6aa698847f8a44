"""How a person uses the planner page, as small steps the browser tests share."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import datetime
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError

from followup_engine.browser import plan_response

# The page's clock in the browser tests: noon local time, so "today" is this date everywhere.
TODAY = "2026-11-25"
NOON_TODAY = datetime(2026, 11, 25, 12, 0)
# Pyodide needs a few seconds to start cold; give the first plan plenty of room.
ENGINE_TIMEOUT_MS = 60_000

# A whole situation, as a share link carries it (the form's every field filled in).
SHARED = {
    "rounds": [
        {"date": "2026-11-09", "interviewers": [{"name": "Ana Ruiz", "email": "ana@example.org"}]}
    ],
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


class HeldRequests:
    """Requests matching `pattern` wait unanswered until release(): what the page does in
    the meantime shows what it does without them."""

    def __init__(self, context: BrowserContext, pattern: str) -> None:
        self.context, self.pattern, self.routes = context, pattern, []

        def hold(route: Route) -> None:  # a plain function: Playwright tags its handlers
            self.routes.append(route)

        self._hold = hold
        context.route(pattern, hold)

    def release(self) -> None:
        """Let the held requests (and any later ones) through; those of a page closed
        meanwhile are gone with it."""
        for route in self.routes:
            with contextlib.suppress(PlaywrightError):
                route.continue_()
        self.context.unroute(self.pattern, self._hold)


def share_fragment(value: object) -> str:
    """The #s= fragment of a share link: base64url (unpadded) of the JSON, or of a raw
    string as it is (to build damaged links)."""
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return "#s=" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def open_planner(context: BrowserContext, site_url: str, fragment: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{site_url}planner/{fragment}")
    return page


def wait_until_ready(page: Page) -> None:
    expect(page.get_by_role("status").first).to_have_text("Ready", timeout=ENGINE_TIMEOUT_MS)


def plan_on_screen(page: Page) -> list[tuple[str, str]]:
    """(kind, date) of every action the page shows, in order."""
    return [
        (item.get_attribute("data-kind") or "", item.get_attribute("data-date") or "")
        for item in page.locator("#fp-plan .fp-action").all()
    ]


def expected_plan(situation: dict[str, Any]) -> dict[str, Any]:
    """The engine's plan for a situation, computed in CPython (today pinned like the page)."""
    answer = json.loads(plan_response(json.dumps({"today": TODAY, **situation})))
    assert answer["ok"], answer
    return answer["plan"]


def expected_entries(situation: dict[str, Any]) -> list[tuple[str, str]]:
    return [(action["kind"], action["date"]) for action in expected_plan(situation)["actions"]]


def expect_plan(page: Page, situation: dict[str, Any]) -> None:
    """Wait until the page shows exactly the plan the engine makes for the situation."""
    entries = expected_entries(situation)
    items = page.locator("#fp-plan .fp-action")
    expect(items).to_have_count(len(entries), timeout=ENGINE_TIMEOUT_MS)
    for index, (kind, date) in enumerate(entries):
        expect(items.nth(index)).to_have_attribute("data-kind", kind)
        expect(items.nth(index)).to_have_attribute("data-date", date)


def round_box(page: Page, index: int):
    return page.locator(f'.fp-round[data-round="{index}"]')


def type_into(page: Page, selector: str, text: str) -> None:
    """Click a field and type like a person does, key by key."""
    page.locator(selector).click()
    page.keyboard.type(text)


def fill_round(page: Page, index: int, date: str, people: list[tuple[str, str]]) -> None:
    """Enter one interview round: its date and the people met (adding rows as needed)."""
    box = round_box(page, index)
    box.locator('input[name="interview"]').fill(date)
    for person_index, (name, email) in enumerate(people):
        rows = box.locator(".fp-person")
        if rows.count() <= person_index:
            box.get_by_role("button", name="Add interviewer").click()
        type_into(page, f"#fp-r{index}-p{person_index}-name", name)
        type_into(page, f"#fp-r{index}-p{person_index}-email", email)
