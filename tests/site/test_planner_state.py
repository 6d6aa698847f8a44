"""The visitor's input outlives the page: saved in the browser, shared by link, cleared on
request; broken copies of it never break the page."""

from __future__ import annotations

from planner_page import (
    SHARED,
    expect_plan,
    fill_round,
    open_planner,
    plan_on_screen,
    share_fragment,
    type_into,
)
from playwright.sync_api import expect

STORAGE_KEY = "followup-planner:v1"


def test_share_link_reload_and_clear(new_context, site_url):
    context = new_context()
    page = open_planner(context, site_url)
    fill_round(page, 0, "2026-11-09", [("Ana Ruiz", "ana@example.org")])
    page.locator("#fp-decision-date").fill("2026-11-18")
    page.get_by_label("How to get in touch").select_option("email")
    type_into(page, "#fp-candidate", "Sam Rivera")
    type_into(page, "#fp-company", "Initech")
    type_into(page, "#fp-role", "Tester")
    page.get_by_label("I gave references").check()
    expect_plan(page, SHARED)

    page.get_by_role("button", name="Share link").click()
    link = page.locator("#fp-share-url")
    expect(link).to_have_value(f"{site_url}planner/{share_fragment(SHARED)}")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    assert "#" not in page.url, "sharing must not put the data in this tab's address"

    # Someone else opens the link: same input, same plan; the fragment leaves the address bar.
    other = open_planner(new_context(), site_url, share_fragment(SHARED))
    expect_plan(other, SHARED)
    expect(other.locator("#fp-company")).to_have_value("Initech")
    expect(other.locator("#fp-r0-p0-email")).to_have_value("ana@example.org")
    expect(other.locator("#fp-channel")).to_have_value("email")
    expect(other.get_by_label("I gave references")).to_be_checked()
    assert other.url == f"{site_url}planner/"

    # Coming back restores the input.
    page.reload()
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect(page.locator("#fp-r0-date")).to_have_value("2026-11-09")
    expect_plan(page, SHARED)

    # A share link wins over what this browser saved.
    changed = {**SHARED, "company": "Hooli"}
    page.goto(f"{site_url}planner/{share_fragment(changed)}")
    expect(page.locator("#fp-company")).to_have_value("Hooli")
    expect_plan(page, changed)

    page.get_by_role("button", name="Clear my data").click()
    expect(page.locator("#fp-notice")).to_contain_text("cleared")
    expect(page.locator("#fp-company")).to_have_value("")
    expect(page.locator("#fp-r0-date")).to_have_value("")
    expect(page.locator(".fp-round")).to_have_count(1)
    expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
    expect(page.locator("#fp-plan")).to_contain_text("Enter the date of your interview")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}:plan')") is None  # kept plan
    page.reload()
    expect(page.locator("#fp-company")).to_have_value("")
    assert plan_on_screen(page) == []


def test_damaged_share_links_and_storage_give_a_clean_form(context, site_url):
    good = share_fragment(SHARED)
    page = open_planner(context, site_url, good[:-7])  # truncated in a chat message
    expect(page.locator("#fp-notice")).to_contain_text("share link is damaged or incomplete")
    expect(page.locator("#fp-r0-date")).to_have_value("")
    expect(page.locator("#fp-company")).to_have_value("")

    for broken in ("#s=%%%not-base64", share_fragment({"rounds": "many"}), "#s=e30"):
        page.goto(f"{site_url}planner/{broken}")  # same page, new fragment: a hashchange
        expect(page.locator("#fp-notice")).to_contain_text("damaged or incomplete")
        expect(page.locator("#fp-company")).to_have_value("")

    # Garbage saved in this browser: a notice, a clean form, and the form still works.
    page.goto(f"{site_url}planner/")
    page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', '{{\"rounds\": [{{\"date\": 5}}]')")
    page.reload()
    expect(page.locator("#fp-notice")).to_contain_text("saved input could not be read")
    expect(page.locator("#fp-r0-date")).to_have_value("")
    page.get_by_role("button", name="Add a round").click()
    expect(page.locator(".fp-round")).to_have_count(2)
    fill_round(page, 1, "2026-11-16", [])
    expect_plan(page, {"rounds": [{"date": "2026-11-16", "interviewers": []}]})
