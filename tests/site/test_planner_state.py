"""The visitor's input outlives the page: saved in the browser and shared by link; broken
copies of it (damaged links, unreadable stored records) never break the page or the rest of
the data. Migration, two tabs and "Clear my data" are in test_storage.py."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from planner_page import (
    SHARED,
    expect_plan,
    fill_round,
    open_planner,
    page_situation,
    share_fragment,
    store_applications,
    type_details,
    wait_for_countries,
)
from playwright.sync_api import BrowserContext, Page, expect

APP_PREFIX = "followup-planner:v2:app:"
ASIDE_PREFIX = "followup-planner:aside:"

STORED = """() => Object.fromEntries(Object.keys(localStorage)
  .filter((key) => key.startsWith("followup-planner"))
  .map((key) => [key, localStorage.getItem(key)]))"""

# What the form below sends: every field as the page fills its blanks; en-US picks US.
TYPED = page_situation(
    "Initech",
    "Tester",
    "2026-11-09",
    "Ana Ruiz",
    "ana@example.org",
    decision_date="2026-11-18",
    channel="email",
    candidate="Sam Rivera",
    has_references=True,
    country="US",
)


def shared_situation(url: str) -> dict[str, Any]:
    """The situation a share link carries in its #s= fragment (base64url of JSON)."""
    code = url.split("#s=", 1)[1]
    return json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))


def applications(page: Page):
    return page.locator("#fp-applications li.fp-application")


def stored(page: Page) -> dict[str, str]:
    return page.evaluate(STORED)


def test_share_link_opens_elsewhere_and_input_survives_reload(new_context, site_url: str):
    context = new_context()
    page = open_planner(context, site_url)
    wait_for_countries(page)  # a new application gets the locale's country (US) from the list
    fill_round(page, 0, "2026-11-09", [("Ana Ruiz", "ana@example.org")])
    type_details(
        page,
        decision_date="2026-11-18",
        channel="email",
        candidate="Sam Rivera",
        company="Initech",
        role="Tester",
    )
    page.get_by_label("I gave references").check()
    expect(page.locator("#fp-country")).to_have_value("US")  # from the locale
    expect_plan(page, TYPED)

    page.get_by_role("button", name="Share link").click()
    link = page.locator("#fp-share-url")
    expect(link).to_have_value(re.compile(re.escape(f"{site_url}planner/#s=")))
    carried = shared_situation(link.input_value())
    assert carried.pop("log", []) == []  # nothing recorded yet
    assert carried == {key: value for key, value in TYPED.items() if key != "log"}
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    assert "#" not in page.url, "sharing must not put the data in this tab's address"

    # Someone else opens the link: same input, same plan; the fragment leaves the address bar.
    other = open_planner(new_context(), site_url, share_fragment(TYPED))
    expect_plan(other, TYPED)
    expect(applications(other)).to_have_count(1)
    expect(other.locator("#fp-company")).to_have_value("Initech")
    expect(other.locator("#fp-r0-p0-email")).to_have_value("ana@example.org")
    expect(other.locator("#fp-channel")).to_have_value("email")
    expect(other.locator("#fp-country")).to_have_value("US")
    expect(other.get_by_label("I gave references")).to_be_checked()
    assert other.url == f"{site_url}planner/"

    # Coming back restores the input.
    page.reload()
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect(page.locator("#fp-r0-date")).to_have_value("2026-11-09")
    expect_plan(page, TYPED)

    # A link to something else, opened here, comes in beside it and replaces nothing.
    changed = {**TYPED, "company": "Hooli"}
    page.goto(f"{site_url}planner/{share_fragment(changed)}")
    expect(applications(page)).to_have_count(2)
    expect(page.locator("#fp-company")).to_have_value("Hooli")
    expect_plan(page, changed)
    drafts = [
        json.loads(value)["draft"]
        for key, value in stored(page).items()
        if key.startswith(APP_PREFIX)
    ]
    assert sorted(draft["company"] for draft in drafts) == ["Hooli", "Initech"]


def test_links_made_by_the_previous_version_keep_opening(context: BrowserContext, site_url: str):
    page = open_planner(context, site_url, share_fragment(SHARED))
    expect(applications(page)).to_have_count(1)
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect(page.locator("#fp-r0-p0-name")).to_have_value("Ana Ruiz")
    expect(page.get_by_label("I gave references")).to_be_checked()
    expect_plan(page, SHARED)
    expect(page.locator("#fp-notice")).to_be_hidden()


def test_damaged_share_links_add_nothing_and_leave_the_rest_alone(
    context: BrowserContext, site_url: str
):
    store_applications(context, site_url, {"acme0000001": TYPED})
    good = share_fragment(TYPED)
    page = open_planner(context, site_url, good[:-7])  # truncated in a chat message
    notice = page.locator("#fp-notice")
    expect(notice).to_contain_text("share link is damaged or incomplete")
    expect(applications(page)).to_have_count(1)
    expect(page.locator("#fp-company")).to_have_value("Initech")  # what was here before
    assert page.url == f"{site_url}planner/"

    for broken in ("#s=%%%not-base64", share_fragment({"rounds": "many"}), "#s=e30"):
        page.goto(f"{site_url}planner/{broken}")  # same page, new fragment: a hashchange
        expect(notice).to_contain_text("damaged or incomplete")
        expect(applications(page)).to_have_count(1)
        expect(page.locator("#fp-company")).to_have_value("Initech")
    assert [key for key in stored(page) if key.startswith(APP_PREFIX)] == [
        f"{APP_PREFIX}acme0000001"
    ]


def test_unreadable_stored_records_are_set_aside_and_the_rest_still_works(
    context: BrowserContext, site_url: str
):
    store_applications(context, site_url, {"acme0000001": TYPED})
    damaged = {
        f"{APP_PREFIX}broken00001": '{"version": 2, "id": "broken00001", "draft": {"rou',
        f"{APP_PREFIX}broken00002": json.dumps(
            {"version": 2, "id": "broken00002", "created": 1, "draft": {"rounds": [{"date": 5}]}}
        ),
        f"{APP_PREFIX}broken00003": json.dumps(  # its id is not the key's
            {"version": 2, "id": "someone-else", "created": 2, "draft": TYPED}
        ),
    }
    page = context.new_page()
    page.goto(site_url)
    page.evaluate(
        "values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))",
        damaged,
    )
    page.goto(f"{site_url}planner/")

    notice = page.locator("#fp-notice")
    expect(notice).to_contain_text("could not be read")
    expect(notice).to_contain_text("kept aside")
    expect(applications(page)).to_have_count(1)
    expect(applications(page)).to_have_attribute("data-application", "acme0000001")
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect_plan(page, TYPED)
    keys = stored(page)
    for key, value in damaged.items():
        assert key not in keys
        assert keys[ASIDE_PREFIX + key] == value  # kept exactly as it was

    # The page still works: a round added plans at once.
    page.get_by_role("button", name="Add a round").click()
    expect(page.locator(".fp-round")).to_have_count(2)
    fill_round(page, 1, "2026-11-16", [])
    expect(page.locator("#fp-plan li.fp-action").first).to_be_visible()

    # The next visit does not complain again about copies already set aside.
    page.reload()
    expect(applications(page)).to_have_count(1)
    expect(page.locator("#fp-r1-date")).to_have_value("2026-11-16")
    expect(notice).to_be_hidden()
