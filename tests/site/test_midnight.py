"""A planner left open past midnight follows the date (issue 17, item 3): at local midnight,
and when the tab comes back into view, the plan, the today list and every overdue flag are
those of the new day, with no edit needed.

The page's clock is Playwright's fake clock, moved on by the test: no test waits for a real
midnight.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from planner_page import (
    agenda_request,
    open_planner,
    page_situation,
    store_applications,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

from followup_engine.browser import agenda_response, plan_response

# A thank-you overdue today, a follow-up due tomorrow: the next day's plan is another one.
SITUATION = page_situation(
    "Acme", "Tester", "2026-11-24", "Ana Ruiz", "ana@example.org", decision_date="2026-11-25"
)
APP_ID = "acme00000001"
BEFORE_MIDNIGHT = datetime(2026, 11, 25, 23, 55)
NEXT_DAY = datetime(2026, 11, 26, 8, 30)

# Headless Chromium keeps every tab visible: this is what the browser does when the visitor
# switches to another tab (or locks the screen) and back.
LEAVE_AND_COME_BACK = """() => {
  for (const state of ["hidden", "visible"]) {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }
}"""


def engine_plan(today: str) -> list[list[Any]]:
    """(kind, date, status) of each step the engine plans for SITUATION on `today`."""
    payload = {**SITUATION, "id": APP_ID, "today": today, "date_style": "month_day"}
    answer = json.loads(plan_response(json.dumps(payload)))
    return [[a["kind"], a["date"], a["status"]] for a in answer["plan"]["actions"]]


def engine_agenda(today: str) -> list[list[str]]:
    """(kind, date, status) of each item of the today list the engine makes on `today`."""
    payload = agenda_request({APP_ID: {**SITUATION, "date_style": "month_day"}}, today)
    answer = json.loads(agenda_response(json.dumps(payload)))
    return [[i["kind"], i["date"], i["status"]] for i in answer["agenda"]["items"]]


def facts(page: Page, selector: str) -> list[list[str]]:
    return page.locator(selector).evaluate_all(
        "items => items.map((i) => [i.dataset.kind, i.dataset.date, i.dataset.status])"
    )


def expect_day(page: Page, today: str) -> None:
    """Wait until the plan and the today list on screen are the engine's for `today`."""
    plan, agenda = engine_plan(today), engine_agenda(today)
    expect(page.locator("#fp-plan .fp-plan__asof time")).to_have_attribute("datetime", today)
    page.wait_for_function(
        """([plan, agenda]) => JSON.stringify(plan) === JSON.stringify(
             [...document.querySelectorAll("#fp-plan .fp-action")].map(
               (i) => [i.dataset.kind, i.dataset.date, i.dataset.status])) &&
           JSON.stringify(agenda) === JSON.stringify(
             [...document.querySelectorAll("#fp-agenda-body .fp-agenda__item")].map(
               (i) => [i.dataset.kind, i.dataset.date, i.dataset.status]))""",
        arg=[plan, agenda],
    )
    assert facts(page, "#fp-plan .fp-action") == plan
    assert facts(page, "#fp-agenda-body .fp-agenda__item") == agenda


def open_before_midnight(context: BrowserContext, site_url: str) -> Page:
    """The visitor's application, open in the planner at 23:55 with its plan on screen."""
    context.clock.install(time=BEFORE_MIDNIGHT)
    store_applications(context, site_url, {APP_ID: SITUATION})
    page = open_planner(context, site_url)
    wait_until_ready(page)
    assert engine_plan("2026-11-25") != engine_plan("2026-11-26")
    expect_day(page, "2026-11-25")
    expect(page.locator("#fp-event-date")).to_have_value("2026-11-25")
    return page


def test_at_midnight_the_open_page_plans_the_new_day(context: BrowserContext, site_url: str):
    page = open_before_midnight(context, site_url)
    page.clock.run_for("06:00")  # to 00:01, every timer on the way fires
    expect_day(page, "2026-11-26")
    expect(page.locator("#fp-event-date")).to_have_value("2026-11-26")


def test_a_tab_back_in_view_the_next_morning_plans_the_new_day(
    context: BrowserContext, site_url: str
):
    page = open_before_midnight(context, site_url)
    page.locator("#fp-event-date").fill("2026-11-20")  # chosen by the visitor: kept
    # The computer slept through the night: the clock moved on, no timer fired.
    page.clock.set_system_time(NEXT_DAY)
    page.evaluate(LEAVE_AND_COME_BACK)
    expect_day(page, "2026-11-26")
    expect(page.locator("#fp-event-date")).to_have_value("2026-11-20")
