"""Hostile and broken input in the planner: markup, script, template syntax, invisible
characters and huge strings are shown as inert text everywhere they go (the plan, the
drafts, the mailto: link, the clipboard, the .ics file, the print view, the share link) or
refused with a message beside their field. A junk share link gives a notice and adds
nothing; a stored copy that cannot be read is set aside untouched (never deleted) with a
notice. No dialog may open and no visitor text may ever run or become markup, wherever it
comes from (the form, a link, storage). The new fields of several applications have their
own file, test_hostile_applications.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from planner_page import (
    INTERVIEW_DAY,
    LOCALE_COUNTRY,
    expect_plan,
    expected_plan,
    fill_round,
    open_planner,
    share_fragment,
    type_details,
    type_interview_day,
    type_into,
    wait_for_countries,
)
from playwright.sync_api import Page, expect
from trust_support import CspWatch, Guard, Server, guarded_planner, planner_context, unfold_ics

from followup_engine.limits import LIMITS

APP_KEY = "followup-planner:v2:app:"
ASIDE = "followup-planner:aside:"

IMG = "<img src=x onerror=window.__hostile=1>"
SCRIPT = "</script><script>alert(1)</script>"
TEMPLATE = "{{7*7}}"
JINJA = "{% raw %}{{ 7*7 }}{% endraw %}"
ALERT_IMG = "<img src=x onerror=alert(1)>"

# Each text field gets a different payload, so each can be traced to where it shows up.
INERT = {
    "interviewer": ALERT_IMG,
    "candidate": SCRIPT,
    "company": TEMPLATE,
    "role": JINJA,
}
INERT_SITUATION = {
    "rounds": [
        {"date": "2026-11-16", "interviewers": [{"name": ALERT_IMG, "email": "dana@example.com"}]},
        {"date": "2026-11-09", "interviewers": [{"name": IMG, "email": ""}]},
    ],
    "decision_date": "2026-11-20",
    "channel": "email",
    "candidate": SCRIPT,
    "company": TEMPLATE,
    "role": JINJA,
    "has_inside_contact": True,
    # Typed into a new application in an en-US browser: the locale's holiday country.
    "country": LOCALE_COUNTRY,
}


def enter_inert_situation(page: Page) -> None:
    """Type the hostile-but-acceptable values key by key, as a person (or a paste) would."""
    fill_round(page, 0, "2026-11-16", [(ALERT_IMG, "dana@example.com")])
    page.get_by_role("button", name="Add a round").click()
    fill_round(page, 1, "2026-11-09", [(IMG, "")])
    type_details(
        page,
        decision_date="2026-11-20",
        channel="email",
        candidate=SCRIPT,
        company=TEMPLATE,
        role=JINJA,
    )
    page.get_by_label("I know someone who works there").check()


def test_markup_and_template_syntax_stay_inert_text_everywhere(
    site: Server, new_context, csp_watch: CspWatch, tmp_path: Path
) -> None:
    page, guard = guarded_planner(new_context, site.url, csp_watch=csp_watch)
    wait_for_countries(page)
    enter_inert_situation(page)
    expect_plan(page, INERT_SITUATION)

    # The plan: the markup is there as text, and nothing was made of it.
    plan = page.locator("#fp-plan")
    text = plan.evaluate("node => node.textContent")
    for payload in (ALERT_IMG, IMG, SCRIPT, TEMPLATE, JINJA):
        assert payload in text
    # The drafts greet by first name: the first "word" of ALERT_IMG, an unclosed tag, is text.
    greeting = f"Dear {ALERT_IMG.split()[0]},"
    assert greeting in text
    assert "49" not in text
    guard.check()

    # The form keeps the values exactly as typed.
    expect(page.locator("#fp-r0-p0-name")).to_have_value(ALERT_IMG)
    expect(page.locator("#fp-company")).to_have_value(TEMPLATE)

    # mailto: links carry the drafts percent-encoded, addressed to the typed address only.
    hrefs = [link.get_attribute("href") or "" for link in plan.get_by_text("Open in email").all()]
    assert hrefs
    for href in hrefs:
        assert href.startswith(("mailto:dana@example.com?subject=", "mailto:?subject="))
        assert "<" not in href and "{" not in href and "\n" not in href
        decoded = unquote(href)
        assert TEMPLATE in decoded and SCRIPT in decoded and "49" not in decoded
    to_dana = [href for href in hrefs if href.startswith("mailto:dana@example.com?")]
    assert to_dana
    for href in to_dana:
        assert f"body={greeting}" in unquote(href)

    # Copy puts the draft on the clipboard verbatim.
    drafts = [a["message"] for a in expected_plan(INERT_SITUATION)["actions"] if a["message"]]
    plan.get_by_role("button", name="Copy", exact=True).first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == drafts[0]["body"]
    assert copied.startswith(greeting) and copied.endswith(SCRIPT)

    # The calendar file holds the same literal text.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all as calendar").click()
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    calendar = unfold_ics(saved.read_text(encoding="utf-8"))
    for payload in (ALERT_IMG, SCRIPT, TEMPLATE, JINJA):
        assert payload in calendar
    assert "49" not in calendar

    # The print view shows the plan with the same text.
    page.emulate_media(media="print")
    expect(plan).to_be_visible()
    printed = plan.inner_text()
    assert ALERT_IMG in printed and TEMPLATE in printed and "49" not in printed
    page.emulate_media(media="screen")

    # The share link carries the text and brings it back as text, in another browser.
    page.get_by_role("button", name="Share link").click()
    link = page.locator("#fp-share-url").input_value()
    assert "<" not in link and "{" not in link
    other = planner_context(new_context, csp_watch).new_page()
    other.goto(link)
    other_guard = Guard(other)  # attached after the first load: it checks the end state
    expect_plan(other, INERT_SITUATION)
    expect(other.locator("#fp-r0-p0-name")).to_have_value(ALERT_IMG)
    expect(other.locator("#fp-r1-p0-name")).to_have_value(IMG)
    expect(other.locator("#fp-candidate")).to_have_value(SCRIPT)
    expect(other.locator("#fp-company")).to_have_value(TEMPLATE)
    expect(other.locator("#fp-role")).to_have_value(JINJA)
    assert "49" not in other.locator("#fp-plan").inner_text()
    other_guard.check()

    guard.check()
    assert csp_watch.violations(page) == [], "something tried to run inline script"


# (field's control, value, what the message beside it says)
REFUSED = [
    ("#fp-r0-p0-email", "javascript:alert(1)", "does not look like an address"),
    ("#fp-r0-p0-email", "dana@example.com?bcc=all@example.com", "does not look like an address"),
    ("#fp-r0-p0-email", "<dana@example.com>", "does not look like an address"),
    ("#fp-r0-p0-name", "Dana \u202egnp.exe", "change the direction of the text"),
    ("#fp-candidate", "Sam\u2028Rivera", "write it on one line"),
    ("#fp-company", "Acme\tInc", "write it on one line"),
]


def test_refused_text_gets_a_message_beside_its_field(site: Server, new_context) -> None:
    page, guard = guarded_planner(new_context, site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "dana@example.com")])
    for selector, value, says in REFUSED:
        control = page.locator(selector)
        before = control.input_value()
        control.fill(value)  # pasted
        expect(control, selector).to_have_attribute("aria-invalid", "true")
        note_id = control.get_attribute("aria-describedby")
        expect(page.locator(f"#{note_id}"), value[:30]).to_contain_text(says)
        # The note sits right after its control, and only that field is flagged.
        assert control.evaluate("(node) => node.nextElementSibling.id") == note_id
        expect(page.locator('[aria-invalid="true"]')).to_have_count(1)
        # The plan region (a live region) repeats the message and shows no plan.
        expect(page.locator("#fp-plan-body")).to_contain_text(says)
        expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
        control.fill(before)
        expect(page.locator('[aria-invalid="true"]')).to_have_count(0)
        expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    guard.check()


def test_newlines_pasted_into_a_name_become_spaces_in_the_one_line_field(
    site: Server, new_context
) -> None:
    page = open_planner(planner_context(new_context), site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("", "")])
    page.locator("#fp-r0-p0-name").fill("Dana\nLee\r\n")
    # Chromium turns pasted line breaks into spaces in a one-line field.
    expect(page.locator("#fp-r0-p0-name")).to_have_value(re.compile(r"^Dana Lee\s*$"))
    expect(page.locator("#fp-plan .fp-action").first).to_contain_text("Dana Lee")
    expect(page.locator('[aria-invalid="true"]')).to_have_count(0)


def test_a_huge_paste_stops_at_the_engines_length_and_is_kept_and_shared(
    site: Server, new_context
) -> None:
    """A field holds what the engine, the storage and a link all take (form.js stops it at
    limits.js's length); an older copy longer than that is in tests/site/test_limits.py."""
    page, guard = guarded_planner(new_context, site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "")])
    type_into(page, "#fp-company", "Initech")
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    company = page.locator("#fp-company")
    company.fill(IMG * 1_000)  # pasted
    kept = (IMG * 1_000)[: LIMITS["text"]]
    expect(company).to_have_value(kept)
    note = page.locator("#fp-company-limit")
    expect(note).to_have_text(f"This field holds up to {LIMITS['text']} characters.")
    assert note.evaluate("node => node.children.length") == 0
    expect(company).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#fp-plan .fp-plan__application")).to_contain_text(kept)
    expect(page.locator("#fp-notice")).to_be_hidden()

    page.get_by_role("button", name="Share link").click()
    expect(page.locator("#fp-share-url")).to_have_value(re.compile("#s="))

    page.reload()
    expect(company).to_have_value(kept)
    expect(page.locator("#fp-notice")).to_be_hidden()
    guard.check()


GOOD = {"rounds": [{"date": "2026-11-16", "interviewers": [{"name": "Ana", "email": ""}]}]}
DAMAGED_LINKS = {
    "10,000-character name": {
        "rounds": [{"date": "2026-11-16", "interviewers": [{"name": "n" * 10_000}]}]
    },
    "rounds as text": {"rounds": "x"},
    "wrong types": {**GOOD, "has_references": "yes", "channel": 1},
    "nested junk": {"rounds": [{"date": "2026-11-16", "interviewers": [{"name": [{"a": []}]}]}]},
    "impossible date": {"rounds": [{"date": "2026-02-30"}]},
    "unknown channel": {**GOOD, "channel": "javascript:alert(1)"},
    "country with markup": {**GOOD, "country": "<b>US</b>"},
    "too many rounds": {"rounds": [{"date": "2026-11-16"}] * 21},
    "deeply nested": "[" * 5000 + "]" * 5000,
    "not JSON": "{'rounds': []",
    "JSON null": "null",
}


def test_tampered_share_links_give_a_notice_and_a_clean_form(site: Server, new_context) -> None:
    page, guard = guarded_planner(new_context, site.url)
    for name, value in DAMAGED_LINKS.items():
        page.goto(f"{site.url}planner/{share_fragment(value)}")
        expect(page.locator("#fp-notice"), name).to_contain_text("damaged or incomplete")
        expect(page.locator("#fp-r0-p0-name"), name).to_have_value("")
        expect(page.locator(".fp-round"), name).to_have_count(1)
    # After all that the form still plans (a new application: the locale's holidays).
    expect(page.locator("#fp-applications [data-open]")).to_have_count(1)
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)
    guard.check()


def test_prototype_keys_in_a_share_link_pollute_nothing(site: Server, new_context) -> None:
    polluted = {
        "__proto__": {"polluted": "yes", "rounds": [{"date": "2026-11-01"}]},
        "constructor": {"prototype": {"polluted": "yes"}},
        "rounds": [
            {
                "date": "2026-11-16",
                "__proto__": {"interviewers": [{"name": "Mallory"}]},
                "interviewers": [{"name": "Ana", "email": "", "__proto__": {"email": "x@y.zz"}}],
            }
        ],
        "company": "Initech",
    }
    page = open_planner(planner_context(new_context), site.url, share_fragment(polluted))
    expect_plan(
        page,
        {
            "rounds": [{"date": "2026-11-16", "interviewers": [{"name": "Ana", "email": ""}]}],
            "company": "Initech",
        },
    )
    expect(page.locator("#fp-notice")).to_be_hidden()
    expect(page.locator("#fp-r0-p0-email")).to_have_value("")
    assert page.evaluate("({}).polluted === undefined && Object.prototype.polluted === undefined")
    assert "Mallory" not in page.locator("#fp-planner").inner_text()


def stored_application(app_id: str, draft: Any) -> str:
    """An application as the page keeps it under followup-planner:v2:app:<id>."""
    return json.dumps({"version": 2, "id": app_id, "created": 1, "draft": draft})


HOSTILE_DRAFT = {
    "rounds": [{"date": "2026-11-16", "interviewers": [{"name": IMG, "email": ""}]}],
    "company": TEMPLATE,
    "role": SCRIPT,
}
HOSTILE_LABEL = f"{TEMPLATE} — {SCRIPT}"

# (key, what is stored there): copies the page cannot read, each carrying script.
UNREADABLE = {
    "v1 in an older shape": (
        "followup-planner:v1",
        json.dumps({"version": 0, "interview": "2026-11-16", "name": IMG}),
    ),
    "v1 rounds as object": (
        "followup-planner:v1",
        json.dumps({"rounds": {"0": {"date": "x", "name": IMG}}}),
    ),
    "v1 garbage": ("followup-planner:v1", f"\u0000garbage{TEMPLATE}{IMG}"),
    "v1 array": ("followup-planner:v1", json.dumps([HOSTILE_DRAFT])),
    "v2 not JSON": (f"{APP_KEY}broken", "{" + IMG),
    "v2 id not its key": (f"{APP_KEY}stolen", stored_application("other", HOSTILE_DRAFT)),
    "v2 markup in the key": (f"{APP_KEY}{IMG}", stored_application(IMG, HOSTILE_DRAFT)),
    "v2 draft as text": (f"{APP_KEY}text", stored_application("text", IMG)),
    "v2 country with markup": (
        f"{APP_KEY}country",
        stored_application("country", {**HOSTILE_DRAFT, "country": "<b>US</b>"}),
    ),
    "v2 name too long": (
        f"{APP_KEY}long",
        stored_application(
            "long",
            {"rounds": [{"date": "2026-11-16", "interviewers": [{"name": SCRIPT * 20}]}]},
        ),
    ),
    "v2 history of junk": (
        f"{APP_KEY}log",
        stored_application("log", {**HOSTILE_DRAFT, "log": [{"event": IMG, "date": IMG}]}),
    ),
}

PLANNER_KEYS = "Object.keys(localStorage).filter((key) => key.startsWith('followup-planner'))"
STORE = (
    "(items) => { localStorage.clear(); for (const [k, v] of items) localStorage.setItem(k, v); }"
)


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_stored_copy_is_set_aside_untouched_with_a_notice(
    site: Server, new_context, name: str
) -> None:
    key, value = UNREADABLE[name]
    page, guard = guarded_planner(new_context, site.url)
    # Beside it, an application that reads fine, hostile text and all.
    page.evaluate(
        STORE, [[key, value], [f"{APP_KEY}good", stored_application("good", HOSTILE_DRAFT)]]
    )
    page.reload()
    notice = page.locator("#fp-notice")
    expect(notice).to_contain_text("could not be read")
    expect(notice).to_contain_text("kept aside in this browser, untouched")
    # Set aside byte for byte, under its own key; never read again.
    assert page.evaluate("(key) => localStorage.getItem(key)", f"{ASIDE}{key}") == value
    assert page.evaluate("(key) => localStorage.getItem(key)", key) is None
    # The rest is here: the readable application, its markup as text.
    applications = page.locator("#fp-applications [data-open]")
    expect(applications).to_have_count(1)
    expect(applications.locator(".fp-application__label")).to_have_text(HOSTILE_LABEL)
    expect(page.locator("#fp-company")).to_have_value(TEMPLATE)
    expect(page.locator("#fp-r0-p0-name")).to_have_value(IMG)
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(HOSTILE_LABEL)
    expect(page.locator("#fp-agenda-body .fp-agenda__item").first).to_be_visible()
    assert "49" not in page.locator("#fp-planner").inner_text()
    guard.check()

    # The next visit has nothing new to say; the copy stays aside.
    page.reload()
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(HOSTILE_LABEL)
    expect(notice).to_be_hidden()
    assert page.evaluate("(key) => localStorage.getItem(key)", f"{ASIDE}{key}") == value
    guard.check()


OLDER_VERSIONS = {
    # What an earlier planner might have kept: another key, another shape. The page does not
    # read them, so it has nothing to say about them, and loses nothing either.
    "followup-planner": json.dumps({"interview": "2026-11-16", "name": IMG}),
    "followup-planner:v0": json.dumps({"version": 0, "dates": ["2026-11-16"], "x": SCRIPT}),
    # Settings naming an application that is not there, or no settings at all.
    "followup-planner:v2:meta": json.dumps({"open": IMG, "exported": TEMPLATE}),
    "followup-planner:v2:plan": IMG,
}


def test_keys_of_unknown_versions_are_left_alone_and_the_form_works(
    site: Server, new_context
) -> None:
    page, guard = guarded_planner(new_context, site.url)
    page.evaluate(STORE, list(OLDER_VERSIONS.items()))
    page.reload()
    wait_for_countries(page)
    expect(page.locator("#fp-notice")).to_be_hidden()
    expect(page.locator("#fp-r0-date")).to_have_value("")
    expect(page.locator("#fp-applications [data-open]")).to_have_text("New application")
    for key in ("followup-planner", "followup-planner:v0"):
        assert page.evaluate("(key) => localStorage.getItem(key)", key) == OLDER_VERSIONS[key]
    # The form works (a new application: the locale's holidays).
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)
    assert TEMPLATE not in page.locator("#fp-export-reminder").inner_text()
    guard.check()


def test_a_version_1_copy_with_markup_becomes_an_application_of_inert_text(
    site: Server, new_context
) -> None:
    page, guard = guarded_planner(new_context, site.url)
    page.evaluate(STORE, [["followup-planner:v1", json.dumps(HOSTILE_DRAFT)]])
    page.reload()
    expect_plan(page, HOSTILE_DRAFT)
    expect(page.locator("#fp-notice")).to_be_hidden()
    expect(page.locator("#fp-applications .fp-application__label")).to_have_text(HOSTILE_LABEL)
    expect(page.locator("#fp-r0-p0-name")).to_have_value(IMG)
    keys = page.evaluate(PLANNER_KEYS)
    assert "followup-planner:v1" not in keys
    [app_key] = [key for key in keys if key.startswith(APP_KEY)]
    assert (
        json.loads(page.evaluate("(key) => localStorage.getItem(key)", app_key))["draft"]["company"]
        == TEMPLATE
    )
    assert "49" not in page.locator("#fp-planner").inner_text()
    guard.check()


def test_a_share_link_with_markup_adds_an_application_beside_the_stored_ones(
    site: Server, new_context
) -> None:
    page, guard = guarded_planner(new_context, site.url)
    kept = stored_application("good", GOOD)
    page.evaluate(STORE, [[f"{APP_KEY}good", kept]])
    page.goto(f"{site.url}planner/{share_fragment(HOSTILE_DRAFT)}")
    expect_plan(page, HOSTILE_DRAFT)
    expect(page.locator("#fp-message-text")).to_have_text(
        "The shared application was added beside your others."
    )
    applications = page.locator("#fp-applications [data-open]")
    expect(applications).to_have_count(2)
    expect(applications.nth(1).locator(".fp-application__label")).to_have_text(HOSTILE_LABEL)
    expect(applications.nth(1)).to_have_attribute("aria-current", "true")
    # The stored application is still there, unchanged, and the link left the address bar.
    assert page.evaluate("(key) => localStorage.getItem(key)", f"{APP_KEY}good") == kept
    assert "#" not in page.url
    # The same link again opens it; it is not added twice.
    page.goto(f"{site.url}planner/{share_fragment(HOSTILE_DRAFT)}")
    expect_plan(page, HOSTILE_DRAFT)
    expect(applications).to_have_count(2)
    assert "49" not in page.locator("#fp-planner").inner_text()
    guard.check()


def test_clearing_data_also_forgets_older_versions_copies(site: Server, new_context) -> None:
    page = open_planner(planner_context(new_context), site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("Ana", "")])
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    page.evaluate("(key) => localStorage.setItem(key, '{}')", "followup-planner:v0")
    page.evaluate("(key) => localStorage.setItem(key, '{')", f"{ASIDE}followup-planner:v1")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my data").click()
    expect(page.locator("#fp-message-text")).to_have_text("Your data is cleared from this browser.")
    expect(page.locator("#fp-notice")).to_be_hidden()
    # Everything this planner stored is gone, and nothing new was stored since.
    kept = page.evaluate(
        "Object.entries(localStorage).filter(([key]) => key.startsWith('followup-planner'))"
    )
    assert kept == [], "Clear my data left this in storage"
