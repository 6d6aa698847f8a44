"""Hostile and broken input in the planner: markup, script, template syntax, invisible
characters and huge strings are shown as inert text everywhere they go (the plan, the
drafts, the mailto: link, the clipboard, the .ics file, the print view, the share link) or
refused with a message beside their field; junk in share links and storage gives a notice
and a clean form. No dialog may open and no visitor text may ever run or become markup."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from planner_page import (
    expect_plan,
    expected_plan,
    fill_round,
    open_planner,
    share_fragment,
    type_into,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect
from trust_support import CspWatch, Server

STORAGE_KEY = "followup-planner:v1"

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
}


def planner_context(new_context, csp_watch: CspWatch | None = None) -> BrowserContext:
    context = new_context(locale="en-US", service_workers="block", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    if csp_watch is not None:
        csp_watch.attach(context)
    return context


# Every script element but the theme's, which assets/planner/theme.js adds once the first
# plan is on screen.
PAGE_SCRIPTS = 'script:not([src*="/assets/javascripts/bundle."])'


class Guard:
    """Fails on any dialog (alert, confirm, prompt) the page opens, and counts elements that
    visitor text could have created: images pointing at "x", scripts, event attributes."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._on_dialog)
        self.scripts = page.locator(PAGE_SCRIPTS).count()

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        page = self.page
        assert self.dialogs == [], "visitor text opened a dialog"
        assert page.evaluate("window.__hostile") is None, "visitor text ran as script"
        assert page.locator('img[src="x"]').count() == 0, "visitor text became an image"
        assert page.locator(PAGE_SCRIPTS).count() == self.scripts, "visitor text became a script"
        assert page.locator("[onerror], [onload]").count() == 0


def unfold_ics(text: str) -> str:
    """The .ics text with folded lines joined and escaped commas/semicolons plain, UIDs out."""
    text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
    return "\n".join(line for line in text.splitlines() if not line.startswith("UID:"))


def enter_inert_situation(page: Page) -> None:
    """Type the hostile-but-acceptable values key by key, as a person (or a paste) would."""
    fill_round(page, 0, "2026-11-16", [(ALERT_IMG, "dana@example.com")])
    page.get_by_role("button", name="Add a round").click()
    fill_round(page, 1, "2026-11-09", [(IMG, "")])
    page.locator("#fp-decision-date").fill("2026-11-20")
    page.get_by_label("How to get in touch").select_option("email")
    type_into(page, "#fp-candidate", SCRIPT)
    type_into(page, "#fp-company", TEMPLATE)
    type_into(page, "#fp-role", JINJA)
    page.get_by_label("I know someone who works there").check()


def test_markup_and_template_syntax_stay_inert_text_everywhere(
    site: Server, new_context, csp_watch: CspWatch, tmp_path: Path
) -> None:
    context = planner_context(new_context, csp_watch)
    page = open_planner(context, site.url)
    guard = Guard(page)
    wait_until_ready(page)
    enter_inert_situation(page)
    expect_plan(page, INERT_SITUATION)

    # The plan: the markup is there as text, and nothing was made of it.
    plan = page.locator("#fp-plan")
    text = plan.evaluate("node => node.textContent")
    for payload in (ALERT_IMG, IMG, SCRIPT, TEMPLATE, JINJA):
        assert payload in text
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
    assert any(ALERT_IMG in unquote(href) for href in hrefs)

    # Copy puts the draft on the clipboard verbatim.
    drafts = [a["message"] for a in expected_plan(INERT_SITUATION)["actions"] if a["message"]]
    plan.get_by_role("button", name="Copy").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == drafts[0]["body"]
    assert copied.startswith(f"Dear {IMG},") and copied.endswith(SCRIPT)

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
    ("#fp-role", "x" * 10_000, "too long"),
    ("#fp-r0-p0-name", "D" * 201, "too long"),
]


def test_refused_text_gets_a_message_beside_its_field(site: Server, new_context) -> None:
    page = open_planner(planner_context(new_context), site.url)
    guard = Guard(page)
    wait_until_ready(page)
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
    wait_until_ready(page)
    fill_round(page, 0, "2026-11-16", [("", "")])
    page.locator("#fp-r0-p0-name").fill("Dana\nLee\r\n")
    # Chromium turns pasted line breaks into spaces in a one-line field.
    expect(page.locator("#fp-r0-p0-name")).to_have_value(re.compile(r"^Dana Lee\s*$"))
    expect(page.locator("#fp-plan .fp-action").first).to_contain_text("Dana Lee")
    expect(page.locator('[aria-invalid="true"]')).to_have_count(0)


def test_a_field_too_long_for_a_link_gets_no_link_and_keeps_the_saved_copy(
    site: Server, new_context
) -> None:
    page = open_planner(planner_context(new_context), site.url)
    wait_until_ready(page)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "")])
    type_into(page, "#fp-company", "Initech")
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    page.locator("#fp-company").fill("y" * 10_000)
    expect(page.locator("#fp-company")).to_have_attribute("aria-invalid", "true")

    page.get_by_role("button", name="Share link").click()
    expect(page.locator("#fp-share-note")).to_contain_text("shorten the highlighted fields")
    expect(page.locator("#fp-share-url")).to_have_value("")

    # Reloading brings back the last copy that can be read, not a damaged-input notice.
    page.reload()
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect(page.locator("#fp-notice")).to_be_hidden()


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
    page = open_planner(planner_context(new_context), site.url)
    guard = Guard(page)
    for name, value in DAMAGED_LINKS.items():
        page.goto(f"{site.url}planner/{share_fragment(value)}")
        expect(page.locator("#fp-notice"), name).to_contain_text("damaged or incomplete")
        expect(page.locator("#fp-r0-p0-name"), name).to_have_value("")
        expect(page.locator(".fp-round"), name).to_have_count(1)
    # After all that the form still plans.
    fill_round(page, 0, "2026-11-16", [])
    expect_plan(page, {"rounds": [{"date": "2026-11-16", "interviewers": []}]})
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


OLDER_VERSIONS = {
    # What an earlier planner might have kept: another key, another shape.
    "followup-planner": json.dumps({"interview": "2026-11-16", "name": "Sam"}),
    "followup-planner:v0": json.dumps({"version": 0, "dates": ["2026-11-16"]}),
}


STORED = {
    "old shape": {"followup-planner:v1": json.dumps({"version": 0, "interview": "2026-11-16"})},
    "rounds as object": {"followup-planner:v1": json.dumps({"rounds": {"0": {"date": "x"}}})},
    "garbage": {"followup-planner:v1": "\u0000garbage{{7*7}}"},
    "array": {"followup-planner:v1": json.dumps([GOOD])},
    "older keys": OLDER_VERSIONS,
}


def test_stored_state_from_an_older_version_or_garbage_gives_a_clean_form(
    site: Server, new_context
) -> None:
    page = open_planner(planner_context(new_context), site.url)
    guard = Guard(page)
    for name, stored in STORED.items():
        page.evaluate(
            "(items) => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v))",
            stored,
        )
        page.reload()
        expect(page.locator("#fp-notice"), name).to_contain_text("saved input could not be read")
        expect(page.locator("#fp-r0-date"), name).to_have_value("")
        # What could not be read is forgotten, older versions' copies included.
        remaining = page.evaluate(
            "Object.keys(localStorage).filter((key) => key.startsWith('followup-planner'))"
        )
        assert remaining == [], name
    page.reload()
    expect(page.locator("#fp-notice")).to_be_hidden()
    # The form works.
    fill_round(page, 0, "2026-11-16", [])
    expect_plan(page, {"rounds": [{"date": "2026-11-16", "interviewers": []}]})
    guard.check()


def test_clearing_data_also_forgets_older_versions_copies(site: Server, new_context) -> None:
    page = open_planner(planner_context(new_context), site.url)
    wait_until_ready(page)
    fill_round(page, 0, "2026-11-16", [("Ana", "")])
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    page.evaluate("(key) => localStorage.setItem(key, '{}')", "followup-planner:v0")
    page.get_by_role("button", name="Clear my data").click()
    expect(page.locator("#fp-notice")).to_contain_text("cleared")
    kept = page.evaluate("Object.keys(localStorage)")
    assert [key for key in kept if key.startswith("followup-planner")] == []
