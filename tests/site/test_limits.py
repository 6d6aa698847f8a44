"""The form stops before the engine's limits, and says so beside the control (issue 17,
item 2): whatever the form holds, the engine plans and this browser keeps. A year typed in
two digits is asked about beside its field, never planned as the year 26.

The limits come from the engine (followup_engine.limits), as the page's own do
(assets/planner/limits.js, made at build time by site_build.engine_limits).
"""

from __future__ import annotations

import doctest
import json
from typing import Any

from planner_page import (
    ENGINE_TIMEOUT_MS,
    expect_plan,
    open_planner,
    page_situation,
    round_box,
    share_fragment,
    store_applications,
    type_into,
    wait_for_countries,
)
from playwright.sync_api import BrowserContext, Locator, Page, expect

from followup_engine.limits import LIMITS
from site_build import engine_limits

APP_PREFIX = "followup-planner:v2:app:"
SAVE_PROBLEM = "#fp-notice"
DOUBT = "Is the year right?"


def stored_drafts(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(
        """() => Object.keys(localStorage)
          .filter((key) => key.startsWith("followup-planner:v2:app:"))
          .map((key) => JSON.parse(localStorage.getItem(key)).draft)"""
    )


def note_of(page: Page, control: Locator) -> Locator:
    """The note the control is described by (its limit, or its problem)."""
    ids = (control.get_attribute("aria-describedby") or "").split()
    assert ids, "the control is described by no note"
    return page.locator(", ".join(f"#{note}" for note in ids))


def click_until_stopped(page: Page, button: Locator, items: Locator, limit: int) -> None:
    """Click an "add" button as often as the form lets the visitor, then once more."""
    while items.count() < limit:
        button.click()
    expect(items).to_have_count(limit)
    expect(button).to_have_attribute("aria-disabled", "true")
    button.click(force=True)  # a person can still press it: nothing is added
    expect(items).to_have_count(limit)


def form_for_acme(context: BrowserContext, site_url: str) -> Page:
    """The planner once its country list is in, with "Acme" typed as the company."""
    page = open_planner(context, site_url)
    wait_for_countries(page)
    type_into(page, "#fp-company", "Acme")
    return page


def test_adding_stops_at_the_engines_limits_and_everything_is_kept(
    context: BrowserContext, site_url: str
):
    page = form_for_acme(context, site_url)

    rounds = page.locator(".fp-round")
    click_until_stopped(page, page.locator("#fp-add-round"), rounds, LIMITS["rounds"])
    expect(note_of(page, page.locator("#fp-add-round"))).to_have_text(
        f"One application holds up to {LIMITS['rounds']} interview rounds: "
        "remove one to add another."
    )
    # "A new round is booked" would add one too: it is stopped as well.
    record_round = page.locator("#fp-record-round")
    expect(record_round).to_have_attribute("aria-disabled", "true")
    record_round.click(force=True)
    expect(rounds).to_have_count(LIMITS["rounds"])

    people = round_box(page, 0).locator(".fp-person")
    add_person = round_box(page, 0).get_by_role("button", name="Add interviewer")
    click_until_stopped(page, add_person, people, LIMITS["interviewers"])
    expect(note_of(page, add_person)).to_contain_text(
        f"One round holds up to {LIMITS['interviewers']} interviewers"
    )

    page.get_by_label("I gave references").check()
    references = page.locator(".fp-reference")
    add_reference = page.locator("#fp-add-reference")
    click_until_stopped(page, add_reference, references, LIMITS["references"])
    expect(note_of(page, add_reference)).to_contain_text(
        f"One application holds up to {LIMITS['references']} references"
    )

    # Removing one lets the visitor add again.
    round_box(page, 1).get_by_role("button", name="Remove round").click()
    expect(page.locator("#fp-add-round")).not_to_have_attribute("aria-disabled", "true")
    expect(page.locator("#fp-add-round-limit")).to_have_count(0)
    page.locator("#fp-add-round").click()
    expect(rounds).to_have_count(LIMITS["rounds"])

    # All of it was kept: nothing failed to save, and a reload brings it back.
    type_into(page, f"#fp-r{LIMITS['rounds'] - 1}-p0-name", "Last Person")
    expect(page.locator(SAVE_PROBLEM)).to_be_hidden()
    page.reload()
    expect(rounds).to_have_count(LIMITS["rounds"])
    expect(people).to_have_count(LIMITS["interviewers"])
    expect(references).to_have_count(LIMITS["references"])
    expect(page.locator(f"#fp-r{LIMITS['rounds'] - 1}-p0-name")).to_have_value("Last Person")
    expect(page.locator("#fp-add-round")).to_have_attribute("aria-disabled", "true")


def test_text_fields_take_up_to_the_engines_length_and_say_so(
    context: BrowserContext, site_url: str
):
    page = open_planner(context, site_url)
    wait_for_countries(page)
    round_box(page, 0).locator('input[name="interview"]').fill("2026-11-16")
    for control in page.locator(
        "#fp-form input[type=text]:not([readonly]), #fp-form input[type=email]"
    ).all():
        kind = "email" if control.get_attribute("type") == "email" else "text"
        longest = LIMITS[kind]  # an address has its own, longer limit
        expect(control).to_have_attribute("maxlength", str(longest))

    company = page.locator("#fp-company")
    company.fill("Acme " * 100)  # pasted: 500 characters
    expect(company).to_have_value(("Acme " * 100)[: LIMITS["text"]])
    expect(note_of(page, company)).to_have_text(
        f"This field holds up to {LIMITS['text']} characters."
    )
    expect(company).not_to_have_attribute("aria-invalid", "true")  # the engine takes it
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator(SAVE_PROBLEM)).to_be_hidden()
    assert [draft["company"] for draft in stored_drafts(page)] == [company.input_value()]

    page.keyboard.press("Backspace")
    expect(page.locator("#fp-company-limit")).to_have_count(0)
    expect(company).not_to_have_attribute("aria-describedby", "fp-company-limit")


def test_a_two_digit_year_is_asked_about_beside_its_field_not_planned(
    context: BrowserContext, site_url: str
):
    page = form_for_acme(context, site_url)
    date = page.locator("#fp-r0-date")
    date.click()
    page.keyboard.type("11/16/26")  # month, day, and the year as many people write it
    expect(date).to_have_value("0026-11-16")
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(note_of(page, date)).to_have_text(
        f"{DOUBT} This date is in the year 26; for 2026, type the year in full."
    )
    expect(page.locator("#fp-plan-body")).to_contain_text(DOUBT)
    expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
    # Kept as typed, so nothing is lost, and asked about again after a reload.
    expect(page.locator(SAVE_PROBLEM)).to_be_hidden()
    assert [draft["rounds"][0]["date"] for draft in stored_drafts(page)] == ["0026-11-16"]
    page.reload()
    expect(date).to_have_value("0026-11-16")
    expect(note_of(page, date)).to_contain_text(DOUBT)
    expect(page.locator(SAVE_PROBLEM)).to_be_hidden()

    # A date years away is asked about too; the right year plans.
    page.locator("#fp-decision-date").fill("2030-11-18")
    expect(note_of(page, page.locator("#fp-decision-date"))).to_have_text(
        f"{DOUBT} This date is more than two years from today."
    )
    page.locator("#fp-decision-date").fill("2026-11-18")
    date.fill("2026-11-16")
    # The first plan with the holiday country loads its library: allow for it.
    expect(page.locator('[aria-invalid="true"]')).to_have_count(0, timeout=ENGINE_TIMEOUT_MS)
    expect_plan(
        page,
        page_situation("Acme", "", "2026-11-16", "", "", decision_date="2026-11-18", country="US")
        | {"rounds": [{"date": "2026-11-16", "interviewers": []}]},
    )


def test_a_share_link_with_a_two_digit_year_opens_and_asks(context: BrowserContext, site_url: str):
    """The CLI reads the year 26 as a date; the page reads the same link (not "damaged")."""
    situation = {"rounds": [{"date": "0026-11-16", "interviewers": []}], "company": "Acme"}
    page = open_planner(context, site_url, share_fragment(situation))
    expect(page.locator("#fp-company")).to_have_value("Acme")
    expect(page.locator("#fp-r0-date")).to_have_value("0026-11-16")
    expect(page.locator("#fp-notice")).to_be_hidden()
    expect(note_of(page, page.locator("#fp-r0-date"))).to_contain_text(DOUBT)
    drafts = stored_drafts(page)
    assert [draft["rounds"][0]["date"] for draft in drafts] == ["0026-11-16"]


def test_a_field_kept_longer_by_an_earlier_version_is_read_and_asked_to_be_shortened(
    context: BrowserContext, site_url: str
):
    """Versions before the page read the engine's limits kept up to 300 characters a field:
    such a copy opens as it was (not set aside), and the engine asks beside the field."""
    long_role = "R" * (LIMITS["text"] + 50)
    draft = {"rounds": [{"date": "2026-11-16", "interviewers": []}], "role": long_role}
    record = {"version": 2, "id": "older0000001", "created": 1, "draft": draft}
    guide = context.new_page()
    guide.goto(site_url)
    guide.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"{APP_PREFIX}older0000001", json.dumps(record)],
    )
    page = open_planner(context, site_url)
    role = page.locator("#fp-role")
    expect(role).to_have_value(long_role)
    expect(role).to_have_attribute("aria-invalid", "true", timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#fp-role-error")).to_contain_text("too long")
    # It cannot be kept again as it is: the page says so at once, and what to do.
    expect(page.locator(SAVE_PROBLEM)).to_contain_text("shorten the longest fields")
    expect(page.locator(SAVE_PROBLEM)).not_to_contain_text("could not be read")
    type_into(page, "#fp-company", "Acme")
    expect(page.locator(SAVE_PROBLEM)).to_contain_text("shorten the longest fields")
    # Nor can a link carry it: the note says what to do, and claims no highlighted field.
    page.get_by_role("button", name="Share link").click()
    expect(page.locator("#fp-share-url")).to_have_value("")
    expect(page.locator("#fp-share-note")).to_contain_text("shorten the longest fields")
    expect(page.locator("#fp-share-note")).not_to_contain_text("highlighted")
    role.fill("Tester")
    expect(page.locator(SAVE_PROBLEM)).to_be_hidden()
    assert [(d["company"], d["role"]) for d in stored_drafts(page)] == [("Acme", "Tester")]


def test_the_page_reads_the_engines_limits_from_one_built_module(site_dir):
    """assets/planner/limits.js is made from the engine's LIMITS, and the offline copy and
    the page's module preload list it as they list the other planner modules."""
    hook = engine_limits
    assert doctest.testmod(hook).failed == 0
    built = (site_dir / "assets" / "planner" / "limits.js").read_text(encoding="utf-8")
    assert built == hook.limits_module(LIMITS)
    assert '"assets/planner/limits.js"' in (site_dir / "sw.js").read_text(encoding="utf-8")
    planner = (site_dir / "planner" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="modulepreload" href="../assets/planner/limits.js">' in planner


def test_recording_stops_when_the_history_is_full(context: BrowserContext, site_url: str):
    """The history has the engine's limit too: at it, nothing more is recorded (the buttons
    say why, and a ticked step stays unticked), and undoing one entry makes room again."""
    full = page_situation("Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com")
    full["log"] = [{"date": "2026-11-20", "event": "reply", "new_decision_date": None}] * LIMITS[
        "events"
    ]
    store_applications(context, site_url, {"acme": full})
    page = open_planner(context, site_url)
    entries = page.locator("#fp-history > li")
    expect(entries).to_have_count(LIMITS["events"])
    reply = page.locator("#fp-record-reply")
    expect(reply).to_have_attribute("aria-disabled", "true")
    words = f"One application keeps up to {LIMITS['events']} history entries"
    expect(note_of(page, reply)).to_contain_text(words)
    offer = page.locator('button[name="outcome"][value="offer"]')
    expect(offer).to_have_attribute("aria-disabled", "true")
    expect(note_of(page, offer)).to_contain_text(words)

    reply.click(force=True)  # a person can still press them: nothing is recorded
    offer.click(force=True)
    expect(entries).to_have_count(LIMITS["events"])
    tick = page.locator("#fp-plan input[type=checkbox][name=done]").first
    tick.click()
    expect(page.locator("#fp-message-text")).to_contain_text(words)
    expect(tick).not_to_be_checked()
    expect(entries).to_have_count(LIMITS["events"])
    assert len(stored_drafts(page)[0]["log"]) == LIMITS["events"]

    entries.last.locator("button[data-undo-event]").click()
    expect(entries).to_have_count(LIMITS["events"] - 1)
    expect(reply).not_to_have_attribute("aria-disabled", "true")
    reply.click()
    expect(entries).to_have_count(LIMITS["events"])
