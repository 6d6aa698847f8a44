"""A visitor who comes back the same day (from a guide page, say) sees their plan at once.

The page keeps the engine's last plan next to the applications (followup-planner:v2:plan),
named by the situation it answers (today's date included) and the engine build that made it,
and shows it again while Python starts for the open application: only to that build, for that
situation. Anything else waits for the engine.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from planner_page import (
    NOON_TODAY,
    SHARED,
    HeldRequests,
    expect_plan,
    expected_plan,
    open_planner,
    plan_on_screen,
    share_fragment,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

PLAN_KEY = "followup-planner:v2:plan"
PYTHON = "**/pyodide/pyodide.asm.wasm"  # held back, Python cannot start
WAITING = "Your plan will appear here as soon as the planner has loaded."
LABEL = f"{SHARED['company']} — {SHARED['role']}"


def first_visit(context: BrowserContext, site_url: str) -> dict:
    """Plan SHARED once, as a visitor does, and return the copy the page kept."""
    page = open_planner(context, site_url, share_fragment(SHARED))
    expect_plan(page, SHARED)
    wait_until_ready(page)
    kept = json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))
    page.close()
    return kept


def open_while_python_is_held(
    context: BrowserContext, site_url: str, python: HeldRequests, fragment: str
) -> Page:
    """Open the planner while Python cannot start, and wait until the page has decided
    whether a kept plan stands in (it learns the engine build before Python starts)."""
    page = open_planner(context, site_url, fragment)
    expect(page.locator("#fp-plan")).to_have_attribute("data-kept-plan", re.compile(r"."))
    return page


def expect_waiting(page: Page) -> None:
    """No plan yet: the page decided that no kept plan fits, and waits for the engine."""
    expect(page.locator("#fp-plan")).to_have_attribute("data-kept-plan", "none")
    expect(page.locator("#fp-plan-body")).to_have_text(WAITING)
    assert plan_on_screen(page) == []


def test_a_visitor_back_the_same_day_sees_the_kept_plan_while_python_starts(context, site_url):
    kept = first_visit(context, site_url)
    assert kept["plan"] == expected_plan(SHARED)
    assert len(kept["build"]) == 32

    python = HeldRequests(context, PYTHON)
    page = open_planner(context, site_url)  # the saved application comes back, open
    expect_plan(page, SHARED)
    expect(page.locator("#fp-status")).to_have_text("Loading the planner…")
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(LABEL)
    # The kept plan is a working plan: its drafts copy as they are.
    page.locator("#fp-plan [data-copy]").first.click()
    drafted = next(a for a in expected_plan(SHARED)["actions"] if a["message"])
    first_draft = drafted["message"]["body"]
    assert page.evaluate("navigator.clipboard.readText()") == first_draft

    # It is the open application's plan: another application (a new one here) shows no
    # plan while Python starts, and opening this one again shows the kept plan again.
    page.locator("button[name=new_application]").click()
    expect(page.locator("#fp-applications [data-open]")).to_have_count(2)
    expect(page.locator("#fp-plan-body")).to_have_text(
        "Enter the date of your interview to see your plan."
    )
    page.locator("#fp-applications [data-open]", has_text=LABEL).click()
    expect_plan(page, SHARED)
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(LABEL)
    expect(page.locator("#fp-status")).to_have_text("Loading the planner…")

    # The engine's own answer is the same plan: it is not drawn again, so nothing moves.
    page.locator("#fp-plan .fp-action").first.evaluate("item => { item.dataset.seen = 'yes'; }")
    python.release()
    wait_until_ready(page)
    expect_plan(page, SHARED)
    expect(page.locator("#fp-plan .fp-action").first).to_have_attribute("data-seen", "yes")


def test_the_kept_plan_is_shown_for_its_own_situation_build_and_day_only(context, site_url):
    kept = first_visit(context, site_url)
    guide = context.new_page()  # any page of the site, to change what the planner kept
    guide.goto(site_url)
    python = HeldRequests(context, PYTHON)

    def keep(text: str) -> None:
        guide.evaluate("([key, text]) => localStorage.setItem(key, text)", [PLAN_KEY, text])

    # Another situation (a share link with another company): its plan is not known yet.
    other = {**SHARED, "company": "Hooli"}
    page = open_while_python_is_held(context, site_url, python, share_fragment(other))
    expect_waiting(page)
    page.close()

    # A plan from another build of the engine (the site was updated), or damaged.
    first_action = kept["plan"]["actions"][0]
    for damaged in (
        {**kept, "build": "0" * 32},
        {**kept, "plan": {**kept["plan"], "actions": "many"}},
        {**kept, "plan": {**kept["plan"], "today": "tomorrow"}},
        {**kept, "plan": {**kept["plan"], "actions": [{**first_action, "guide": "javascript:"}]}},
        {**kept, "situation": json.dumps(other)},
    ):
        keep(json.dumps(damaged))
        page = open_while_python_is_held(context, site_url, python, share_fragment(SHARED))
        expect_waiting(page)
        page.close()
    keep('{"build": ')
    page = open_while_python_is_held(context, site_url, python, share_fragment(SHARED))
    expect_waiting(page)

    # Once Python answers, its plan shows and takes the damaged copy's place.
    python.release()
    expect_plan(page, SHARED)
    assert json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')")) == kept
    page.close()

    # The next day, the same input makes another plan: yesterday's is not shown.
    python = HeldRequests(context, PYTHON)
    context.clock.set_fixed_time(NOON_TODAY + timedelta(days=1))
    expect_waiting(open_while_python_is_held(context, site_url, python, share_fragment(SHARED)))
