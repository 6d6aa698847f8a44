"""Hostile text in the fields the planner gained with several applications: the interviewer's
part, phone and topic, the inside contact's and the references' names and addresses, the
greeting, and company and role as the applications list, the today list and the history
show them. Markup, script and template syntax stay inert text everywhere they go (the lists,
the plan, the mailto: and tel: links, the clipboard, the export file, the CSV of the today
list, the calendar file, messages and notices); text the engine refuses gets its message
beside its field, as text. No dialog opens and nothing a visitor typed ever runs.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula: in the CSV such a cell
starts with an apostrophe, which the spreadsheet shows as text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from planner_page import (
    LOCALE_COUNTRY,
    TODAY,
    agenda_request,
    expect_plan,
    expected_plan,
    fill_round,
    share_fragment,
    type_into,
    wait_for_countries,
)
from playwright.sync_api import Locator, Page, expect
from trust_support import CspWatch, Guard, Server, guarded_planner, planner_context, unfold_ics

from followup_engine.browser import agenda_calendar_response, agenda_csv_response, agenda_response

IMG = "<img src=x onerror=window.__hostile=1>"
SVG = "<svg/onload=window.__hostile=2>"
SCRIPT = "</script><script>alert(1)</script>"
TEMPLATE = "{{7*7}}"
JINJA = "{% raw %}{{ 7*7 }}{% endraw %}"

# Application A, by email: every new field carries its own payload, so each can be traced.
COMPANY_A = '=HYPERLINK("https://evil.example/","{{7*7}}")'
ROLE_A = "-2+3 <b>Analyst</b>"
TOPIC = f"{TEMPLATE} and {SCRIPT}"
INSIDE_EMAIL = "=1+2@example.com"  # a valid address that a spreadsheet would run
REFERENCE_EMAIL = "-ref@example.com"
# Application B, by phone.
NAME_B = "Kim <i>Park</i>"
PHONE_B = "+1 (555) 010-0199"
COMPANY_B = "@SUM(1+1)*cmd|' /C calc'!A0"
ROLE_B = f"+{JINJA}"

LABEL_A = f"{COMPANY_A} — {ROLE_A}"
LABEL_B = f"{COMPANY_B} — {ROLE_B}"
PAYLOADS = (IMG, SVG, SCRIPT, TEMPLATE, JINJA, COMPANY_A, ROLE_A, NAME_B, COMPANY_B)
FORMULA_START = ("=", "+", "-", "@")


def person(name: str, email: str = "", role: str = "interviewer", **more: str) -> dict:
    return {"name": name, "email": email, "role": role, "phone": "", "topic": "", **more}


# Both applications as the page hands them to the engine (and exports them).
SITUATION_A: dict[str, Any] = {
    "rounds": [
        {
            "date": "2026-11-24",
            "interviewers": [person(IMG, "dana@example.com", "recruiter", topic=TOPIC)],
        }
    ],
    "decision_date": None,
    "checkin_date": None,
    "channel": "email",
    "candidate": SCRIPT,
    "company": COMPANY_A,
    "role": ROLE_A,
    "has_inside_contact": True,
    "has_references": True,
    "inside_contact": {"name": SVG, "email": INSIDE_EMAIL},
    "references": [{"name": JINJA, "email": REFERENCE_EMAIL}],
    "greeting": "full_name",
    "country": LOCALE_COUNTRY,  # typed into new applications in an en-US browser
    "log": [],
}
SITUATION_B: dict[str, Any] = {
    "rounds": [
        {
            "date": "2026-11-10",
            "interviewers": [person(NAME_B, role="hiring_manager", phone=PHONE_B)],
        }
    ],
    "decision_date": "2026-11-20",
    "checkin_date": None,
    "channel": "phone",
    "candidate": "",
    "company": COMPANY_B,
    "role": ROLE_B,
    "has_inside_contact": False,
    "has_references": False,
    "inside_contact": None,
    "references": [],
    "greeting": "first_name",
    "country": LOCALE_COUNTRY,
    "log": [],
}


def type_application_a(page: Page) -> None:
    """Every field of A, key by key, as a person (or a paste) would."""
    fill_round(page, 0, "2026-11-24", [(IMG, "dana@example.com")])
    page.locator("#fp-r0-p0-role").select_option("recruiter")
    type_into(page, "#fp-r0-p0-topic", TOPIC)
    page.locator("#fp-channel").select_option("email")
    type_into(page, "#fp-candidate", SCRIPT)
    type_into(page, "#fp-company", COMPANY_A)
    type_into(page, "#fp-role", ROLE_A)
    page.locator("#fp-greeting").select_option("full_name")
    page.get_by_label("I know someone who works there").check()
    type_into(page, "#fp-inside-contact-name", SVG)
    type_into(page, "#fp-inside-contact-email", INSIDE_EMAIL)
    page.get_by_label("I gave references").check()
    page.get_by_role("button", name="Add a reference").click()
    type_into(page, "#fp-ref0-name", JINJA)
    type_into(page, "#fp-ref0-email", REFERENCE_EMAIL)


def type_application_b(page: Page) -> None:
    fill_round(page, 0, "2026-11-10", [(NAME_B, "")])
    page.locator("#fp-r0-p0-role").select_option("hiring_manager")
    type_into(page, "#fp-r0-p0-phone", PHONE_B)
    page.locator("#fp-decision-date").fill("2026-11-20")
    page.locator("#fp-channel").select_option("phone")
    type_into(page, "#fp-company", COMPANY_B)
    type_into(page, "#fp-role", ROLE_B)


def application_ids(page: Page) -> list[str]:
    return [
        item.get_attribute("data-application") or ""
        for item in page.locator("#fp-applications li.fp-application").all()
    ]


def text_of(locator: Locator) -> str:
    return locator.evaluate("node => node.textContent")


def assert_inert(text: str) -> None:
    """Template syntax was never evaluated (7*7 would read 49)."""
    assert "49" not in text


def card(page: Page, kind: str) -> Locator:
    return page.locator(f'#fp-plan .fp-action[data-kind="{kind}"]').first


def test_new_fields_stay_inert_in_lists_plan_links_clipboard_and_history(
    site: Server, new_context, csp_watch: CspWatch
) -> None:
    page, guard = guarded_planner(new_context, site.url, csp_watch=csp_watch)
    wait_for_countries(page)
    type_application_a(page)
    expect_plan(page, SITUATION_A)
    expect(page.locator("#fp-r0-p0-topic")).to_have_value(TOPIC)
    expect(page.locator("#fp-inside-contact-name")).to_have_value(SVG)
    expect(page.locator("#fp-ref0-name")).to_have_value(JINJA)
    page.locator("button[name=new_application]").click()
    type_application_b(page)
    expect_plan(page, SITUATION_B)
    guard.check()

    # The applications list: each label is the typed text, nothing made of it.
    id_a, id_b = application_ids(page)
    labels = page.locator("#fp-applications .fp-application__label")
    expect(labels).to_have_text([LABEL_A, LABEL_B])
    expect(page.locator(f'#fp-applications [data-open="{id_b}"]')).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(LABEL_B)

    # The today list: the engine's agenda over both, company, role and titles as text.
    export = agenda_request({id_a: SITUATION_A, id_b: SITUATION_B})
    agenda = json.loads(agenda_response(json.dumps(export)))["agenda"]["items"]
    items = page.locator("#fp-agenda-body li.fp-agenda__item")
    expect(items).to_have_count(len(agenda))
    for index, item in enumerate(agenda):
        shown = items.nth(index)
        expect(shown).to_have_attribute("data-application", item["application"])
        expect(shown).to_have_attribute("data-kind", item["kind"])
        expect(shown.locator(".fp-agenda__title")).to_have_text(item["title"])
        label = LABEL_A if item["application"] == id_a else LABEL_B
        expect(shown.locator(".fp-agenda__application")).to_have_text(label)
    assert_inert(text_of(page.locator("#agenda")))

    # B's check-in is a call script: a tel: link with the digits only, the name as text.
    call = card(page, "follow_up")
    expect(call.get_by_role("link", name="Call")).to_have_attribute("href", "tel:+15550100199")
    expect(call.get_by_role("link", name="Open in email")).to_have_count(0)
    expect(call.locator(".fp-message__head dd")).to_have_text([PHONE_B])
    expect(call.locator(".fp-message__body p").first).to_have_text(f"Ask for {NAME_B}, then say:")

    # A, opened from the list: every payload in the plan, as text.
    page.locator(f'#fp-applications [data-open="{id_a}"]').click()
    expect_plan(page, SITUATION_A)
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(LABEL_A)
    plan_text = text_of(page.locator("#fp-plan"))
    for payload in (IMG, SVG, SCRIPT, TEMPLATE, JINJA, COMPANY_A, ROLE_A, TOPIC):
        assert payload in plan_text, payload
    assert_inert(plan_text)
    # Greeting by full name: the whole name, markup and all, is the greeting.
    assert f"Dear {IMG}," in plan_text and f"Dear {SVG}," in plan_text

    # mailto: links: percent-encoded, addressed to the typed address only, drafts verbatim.
    plan = expected_plan(SITUATION_A)
    for index, action in enumerate(plan["actions"]):
        link = (
            page.locator("#fp-plan .fp-action").nth(index).get_by_role("link", name="Open in email")
        )
        if not action["message"]:
            expect(link).to_have_count(0)
            continue
        href = link.get_attribute("href") or ""
        assert not any(char in href for char in '<>{}"\n '), href
        mailto = urlsplit(href)
        assert mailto.scheme == "mailto"
        assert unquote(mailto.path) == action["message"]["to"]
        fields = parse_qs(mailto.query)
        assert fields["subject"] == [action["message"]["subject"]]
        assert fields["body"] == [action["message"]["body"].replace("\n", "\r\n")]
    assert (
        unquote(
            urlsplit(
                card(page, "ask_inside_contact")
                .get_by_role("link", name="Open in email")
                .get_attribute("href")
                or ""
            ).path
        )
        == INSIDE_EMAIL
    )

    # The clipboard gets the draft and its subject verbatim.
    thanks = next(action for action in plan["actions"] if action["kind"] == "thank_you")
    thank_you = card(page, "thank_you")
    thank_you.get_by_role("button", name="Copy", exact=True).click()
    assert page.evaluate("navigator.clipboard.readText()") == thanks["message"]["body"]
    assert TOPIC in thanks["message"]["body"]
    thank_you.get_by_role("button", name="Copy subject").click()
    assert page.evaluate("navigator.clipboard.readText()") == thanks["message"]["subject"]

    # The history: a ticked step and an answer, the step's hostile title as text.
    thank_you.get_by_role("checkbox").click()
    done = page.locator(f'#fp-plan .fp-action[data-action="{thanks["id"]}"]')
    expect(done).to_have_attribute("data-status", "done")
    page.locator("button[name=record_reply]").click()
    logged = {
        **SITUATION_A,
        "log": [
            {"date": TODAY, "event": "done", "action": thanks["id"]},
            {"date": TODAY, "event": "reply", "new_decision_date": None},
        ],
    }
    expect_plan(page, logged)
    history = page.locator("#fp-history li")
    expect(history).to_have_count(2)
    expect(history.nth(0).locator("span")).to_have_text("They answered, still deciding")
    expect(history.nth(1).locator("span")).to_have_text(f"Done: {thanks['title']}")
    assert IMG in thanks["title"]
    expect(history.nth(1).get_by_role("button", name="Undo")).to_have_attribute(
        "aria-label", f"Undo: Done: {thanks['title']}"
    )
    assert_inert(text_of(page.locator("#fp-history")))

    # The today list leads to B's step, whose label and card show as text.
    page.locator(f'#fp-agenda-body li[data-application="{id_b}"] button').first.click()
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(LABEL_B)
    expect_plan(page, SITUATION_B)

    guard.check()
    assert csp_watch.violations(page) == [], "something tried to run inline script"


def two_applications_from_links(context: Any, site_url: str) -> Page:
    """A and B, each opened from a share link (each link adds its application)."""
    page = context.new_page()
    for situation in (SITUATION_A, SITUATION_B):
        page.goto(f"{site_url}planner/{share_fragment(situation)}")
        expect_plan(page, situation)
    expect(page.locator("#fp-applications li.fp-application")).to_have_count(2)
    return page


def download(page: Page, button: str, tmp_path: Path) -> tuple[str, str]:
    """Click one of the applications' download buttons; the file's name and text."""
    with page.expect_download() as started:
        page.locator(f"button[name={button}]").click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    return started.value.suggested_filename, saved.read_bytes().decode("utf-8")


def test_export_csv_and_calendar_files_carry_the_text_verbatim_and_no_formula(
    site: Server, new_context, tmp_path: Path
) -> None:
    page = two_applications_from_links(planner_context(new_context), site.url)
    guard = Guard(page)
    id_a, id_b = application_ids(page)

    # The export file: the text exactly as typed, as JSON strings.
    name, text = download(page, "export", tmp_path)
    assert name == f"followup-planner-{TODAY}.json"
    exported = json.loads(text)
    assert (exported["format"], exported["version"]) == ("followup-planner", 2)
    assert [item["id"] for item in exported["applications"]] == [id_a, id_b]
    for item, situation in zip(exported["applications"], (SITUATION_A, SITUATION_B), strict=True):
        for key, value in situation.items():
            assert item["situation"][key] == value, key

    # The CSV of the today list: the engine's file for these applications, and no cell a
    # spreadsheet would run (company, role and addresses starting = + - @ get an apostrophe).
    name, text = download(page, "export_csv", tmp_path)
    assert name == f"followup-planner-{TODAY}.csv"
    request = {**exported, "today": TODAY, "days": 14}
    assert text == json.loads(agenda_csv_response(json.dumps(request)))["csv"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)
        company, role = (
            (COMPANY_A, ROLE_A)
            if row["company"] == f"'{COMPANY_A}"
            else (
                COMPANY_B,
                ROLE_B,
            )
        )
        assert row["company"] == f"'{company}" and row["role"] == f"'{role}"
    to = {row["to"] for row in rows}
    assert {f"'{INSIDE_EMAIL}", f"'{REFERENCE_EMAIL}", f"'{PHONE_B}"} <= to
    titles = " ".join(row["title"] for row in rows)
    for payload in (IMG, SVG, JINJA, NAME_B):
        assert payload in titles, payload

    # Every pending step of both as one calendar file: the engine's own, text verbatim.
    name, text = download(page, "calendar_all", tmp_path)
    assert name == f"followup-planner-{TODAY}.ics"
    engine = json.loads(agenda_calendar_response(json.dumps({**exported, "today": TODAY})))
    assert text == engine["ics"]
    unfolded = unfold_ics(text)
    for payload in (IMG, SVG, SCRIPT, TOPIC, JINJA, COMPANY_A, ROLE_A, NAME_B, COMPANY_B):
        assert payload in unfolded, payload
    assert_inert(unfolded)
    guard.check()

    # The export file read back into another browser: the same applications, still text.
    other, other_guard = guarded_planner(new_context, site.url)
    wait_for_countries(other)
    other.locator("#fp-import").set_input_files(str(tmp_path / f"followup-planner-{TODAY}.json"))
    labels = other.locator("#fp-applications .fp-application__label")
    expect(labels).to_contain_text([LABEL_A, LABEL_B])
    expect(other.locator("#fp-message-text")).to_contain_text("Imported 2 applications")
    expect_plan(other, SITUATION_B)
    other.locator(f'#fp-applications [data-open="{id_a}"]').click()
    expect_plan(other, SITUATION_A)
    expect(other.locator("#fp-r0-p0-topic")).to_have_value(TOPIC)
    expect(other.locator("#fp-inside-contact-email")).to_have_value(INSIDE_EMAIL)
    other_guard.check()


# (the field's control, a value the engine refuses, what the message beside it says)
REFUSED = [
    ("#fp-r0-p0-phone", IMG, "does not look like a number"),
    ("#fp-r0-p0-phone", "tel:+15550100199", "does not look like a number"),
    ("#fp-r0-p0-phone", "javascript:alert(1)", "does not look like a number"),
    ("#fp-r0-p0-topic", "Dana \u202egnp.exe", "change the direction of the text"),
    ("#fp-r0-p0-topic", f"{SCRIPT}\u2028{IMG}", "write it on one line"),
    ("#fp-inside-contact-name", f"Ana \u2066{IMG}", "change the direction of the text"),
    ("#fp-inside-contact-email", "javascript:alert(1)", "does not look like an address"),
    ("#fp-inside-contact-email", f"{IMG}@example.com", "does not look like an address"),
    ("#fp-ref0-name", f"Ref\u2028{SVG}", "write it on one line"),
    ("#fp-ref0-email", "ref@example.com?bcc=all@example.com", "does not look like an address"),
    ("#fp-ref0-email", "<ref@example.com>", "does not look like an address"),
]


def test_refused_text_in_new_fields_gets_a_message_beside_its_field(
    site: Server, new_context
) -> None:
    page, guard = guarded_planner(new_context, site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "dana@example.com")])
    page.get_by_label("I gave references").check()
    page.get_by_role("button", name="Add a reference").click()
    type_into(page, "#fp-ref0-name", "Lee Ray")
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    for selector, value, says in REFUSED:
        control = page.locator(selector)
        before = control.input_value()
        control.fill(value)  # pasted
        expect(control, selector).to_have_attribute("aria-invalid", "true")
        note = page.locator(f"#{control.get_attribute('aria-describedby')}")
        expect(note, value[:30]).to_contain_text(says)
        # The message is plain text right after its control; only that field is flagged.
        assert note.evaluate("node => node.children.length") == 0
        assert control.evaluate("node => node.nextElementSibling.id") == note.get_attribute("id")
        expect(page.locator('[aria-invalid="true"]')).to_have_count(1)
        expect(page.locator("#fp-plan-body")).to_contain_text(says)
        expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
        # The field keeps what was pasted, as its value.
        expect(control).to_have_value(value)
        guard.check()
        control.fill(before)
        expect(page.locator('[aria-invalid="true"]')).to_have_count(0)
        expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    guard.check()


def json_file(name: str, value: Any) -> dict[str, Any]:
    text = value if isinstance(value, str) else json.dumps(value)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode()}


def export_of(*situations: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "followup-planner",
        "version": 2,
        "applications": [
            {"id": f"app{index}", "situation": situation}
            for index, situation in enumerate(situations)
        ],
    }


def test_import_files_and_their_names_stay_text_in_messages_and_notices(
    site: Server, new_context
) -> None:
    page, guard = guarded_planner(new_context, site.url)
    wait_for_countries(page)
    picker = page.locator("#fp-import")
    notice = page.locator("#fp-notice")
    applications = page.locator("#fp-applications li.fp-application")
    stored = "Object.keys(localStorage).filter((key) => key.includes(':app:')).length"
    stored_before = page.evaluate(stored)

    # Not JSON at all, under a name made of markup.
    svg_name = "<svg onload=window.__hostile=2>.json"
    picker.set_input_files(json_file(svg_name, f"{IMG}{TEMPLATE}"))
    expect(notice).to_have_text(
        f'"{svg_name}" is not a Follow-up Planner export file (it is not JSON).'
    )
    guard.check()

    # Values the engine refuses: the notice quotes them (shortened) as text, nothing is kept.
    hostile_role = {
        **SITUATION_A,
        "rounds": [{"date": "2026-11-24", "interviewers": [person("Dana", role=IMG)]}],
    }
    hostile_country = {**SITUATION_B, "country": SVG}
    picker.set_input_files(json_file(f"{IMG}.json", export_of(hostile_role, hostile_country)))
    expect(notice).to_contain_text(f'Nothing was imported from "{IMG}.json":')
    expect(notice).to_contain_text(f"The role '{IMG}'")
    expect(notice).to_contain_text(f"The country '{SVG}'")
    assert notice.evaluate("node => node.children.length") == 0
    expect(applications).to_have_count(1)
    assert page.evaluate(stored) == stored_before
    guard.check()

    # A valid file under a name made of markup: its applications come in, all text.
    picker.set_input_files(json_file(f"{SCRIPT}.json", export_of(SITUATION_A, SITUATION_B)))
    expect(page.locator("#fp-message-text")).to_have_text(
        f'Imported 2 applications from "{SCRIPT}.json".'
    )
    expect(page.locator("#fp-applications .fp-application__label")).to_contain_text(
        [LABEL_A, LABEL_B]
    )
    expect(notice).to_be_hidden()
    expect_plan(page, SITUATION_B)
    assert_inert(text_of(page.locator("#fp-planner")))
    guard.check()


@pytest.mark.parametrize(
    "field, value",
    [
        ("role", IMG),
        ("greeting", SCRIPT),
        ("phone", ["+1", IMG]),
        ("topic", {"html": IMG}),
    ],
)
def test_a_share_link_with_junk_in_a_new_field_adds_nothing(
    site: Server, new_context, field: str, value: Any
) -> None:
    page, guard = guarded_planner(new_context, site.url, share_fragment(SITUATION_A))
    expect_plan(page, SITUATION_A)
    junk = json.loads(json.dumps(SITUATION_B))
    if field == "greeting":
        junk["greeting"] = value
    else:
        junk["rounds"][0]["interviewers"][0][field] = value
    page.goto(f"{site.url}planner/{share_fragment(junk)}")
    expect(page.locator("#fp-notice")).to_contain_text("damaged or incomplete")
    expect(page.locator("#fp-applications li.fp-application")).to_have_count(1)
    expect(page.locator("#fp-applications .fp-application__label")).to_have_text(LABEL_A)
    expect_plan(page, SITUATION_A)
    guard.check()


def test_deleting_and_undoing_an_application_with_markup_in_its_name(
    site: Server, new_context
) -> None:
    page = two_applications_from_links(planner_context(new_context), site.url)
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(f"{dialog.type}: {dialog.message}")
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Delete this application").click()
    expect(page.locator("#fp-message-text")).to_have_text(f'Deleted "{LABEL_B}".')
    assert asked == [f'confirm: Delete "{LABEL_B}" and its history from this browser?']
    expect(page.locator("#fp-applications .fp-application__label")).to_have_text([LABEL_A])
    page.locator("#fp-undo").click()
    expect(page.locator("#fp-applications .fp-application__label")).to_have_text([LABEL_A, LABEL_B])
    expect_plan(page, SITUATION_B)
    # Nothing else asked, ran or became markup.
    assert len(asked) == 1
    assert page.evaluate("window.__hostile") is None
    assert page.locator("#fp-planner :is(img, svg, b, i, script)").count() == 0
    assert_inert(text_of(page.locator("#fp-planner")))
