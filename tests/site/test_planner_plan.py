"""A person fills in the planner and uses the plan: messages, mail links, calendar files."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

from icalendar import Calendar
from planner_page import (
    ENGINE_TIMEOUT_MS,
    LOCALE_COUNTRY,
    HeldRequests,
    expect_plan,
    expected_calendar,
    expected_errors,
    expected_plan,
    fill_round,
    one_round,
    open_planner,
    round_box,
    share_fragment,
    type_into,
    wait_for_countries,
    wait_for_requests,
    wait_until_ready,
)
from playwright.sync_api import expect

from planner_testing.situations import TYPICAL

# The typical visitor's application with no date promised, one interviewer and a contact inside.
NO_TIMELINE = {
    **TYPICAL,
    "rounds": one_round("2026-11-16", [("Dana Lee", "dana@example.com")]),
    "decision_date": None,
    "has_inside_contact": True,
}

# Typed into a new application in an en-US browser: it plans with US public holidays.
NO_TIMELINE_TYPED = {**NO_TIMELINE, "country": LOCALE_COUNTRY}

PROMISED = {
    "rounds": one_round("2026-11-10", [("Ana Ruiz", "ana@example.org")]),
    "decision_date": "2026-11-20",
    "candidate": "Sam Rivera",
    "company": "Globex",
    "role": "Analyst",
}


def action_item(page, kind: str):
    return page.locator(f'#fp-plan .fp-action[data-kind="{kind}"]').first


def calendar_events(path: str) -> list:
    with open(path, "rb") as handle:
        return list(Calendar.from_ical(handle.read()).walk("VEVENT"))


def event_facts(events: list) -> list[tuple[str, str, str, str, int]]:
    """What a calendar event says, sorted: UID, day, title, details and its reminders."""
    return sorted(
        (
            str(event["UID"]),
            event.decoded("DTSTART").isoformat(),
            str(event["SUMMARY"]),
            str(event["DESCRIPTION"]),
            len(event.walk("VALARM")),
        )
        for event in events
    )


def engine_events(ics: str) -> list:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def is_pending(action: dict) -> bool:
    return action["status"] in ("overdue", "due", "upcoming")


def test_no_timeline_plan_with_messages_and_calendar(context, site_url):
    page = open_planner(context, site_url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "dana@example.com")])
    type_into(page, "#fp-candidate", "Sam Rivera")
    type_into(page, "#fp-company", "Acme")
    type_into(page, "#fp-role", "Data Analyst")
    page.get_by_label("I know someone who works there").check()
    page.get_by_label("I gave references").check()
    expect_plan(page, NO_TIMELINE_TYPED)

    plan = expected_plan(NO_TIMELINE_TYPED)
    for index, action in enumerate(plan["actions"]):
        card = page.locator("#fp-plan .fp-action").nth(index)
        expect(card).to_have_attribute("data-status", action["status"])
        expect(card).to_have_attribute("data-action", action["id"])

    # Nine days after the interview a separate thank-you is no longer worth sending (G16):
    # the card says it was skipped and offers nothing to send or to put in a calendar.
    thanks = next(action for action in plan["actions"] if action["kind"] == "thank_you")
    assert thanks["status"] == "skipped" and thanks["message"] is None
    thank_you = action_item(page, "thank_you")
    expect(thank_you.locator("time")).to_have_text("Monday, November 16, 2026")
    expect(thank_you.locator(".fp-badge")).to_have_text("Skipped")
    expect(thank_you.locator(".fp-action__why")).to_contain_text(f"({thanks['rule']})")
    expect(thank_you.locator(".fp-message")).to_have_count(0)
    expect(thank_you.locator(".fp-action__tools").get_by_role("button")).to_have_count(0)
    expect(thank_you.locator(".fp-action__tools").get_by_role("link")).to_have_count(0)
    # Standing advice is due today, never overdue, and has no day for a calendar.
    keep_applying = action_item(page, "keep_applying")
    expect(keep_applying.locator(".fp-badge--overdue")).to_have_count(0)
    expect(keep_applying.get_by_role("button", name="Add to calendar")).to_have_count(0)
    follow_up = next(action for action in plan["actions"] if action["kind"] == "follow_up")
    item = action_item(page, "follow_up")
    expect(item.locator(".fp-action__title")).to_have_text(follow_up["title"])
    expect(item.locator(".fp-action__why")).to_contain_text(f"({follow_up['rule']})")
    guide = item.get_by_role("link", name="Read more in the guide")
    expect(guide).to_have_attribute("href", "../no-timeline/#when-to-ask")
    assert guide.evaluate("link => link.href") == f"{site_url}no-timeline/#when-to-ask"

    # Copy puts the message text on the clipboard.
    item.get_by_role("button", name="Copy", exact=True).click()
    expect(item.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == follow_up["message"]["body"]

    # "Open in email" carries recipient, subject and body.
    mailto = urlsplit(item.get_by_role("link", name="Open in email").get_attribute("href"))
    assert mailto.scheme == "mailto"
    assert unquote(mailto.path) == "dana@example.com"
    fields = parse_qs(mailto.query)
    assert fields["subject"] == [follow_up["message"]["subject"]]
    assert fields["body"] == [follow_up["message"]["body"].replace("\n", "\r\n")]

    # One action as a calendar file: its day, titled with the company, with a reminder,
    # and the very event the engine makes for that step (same UID, so re-imports update it).
    with page.expect_download() as one:
        item.get_by_role("button", name="Add to calendar").click()
    assert one.value.suggested_filename == f"follow-up-{follow_up['date']}.ics"
    events = calendar_events(one.value.path())
    assert len(events) == 1
    assert events[0].decoded("DTSTART") == date.fromisoformat(follow_up["date"])
    assert str(events[0]["SUMMARY"]) == f"Acme: {follow_up['title']}"
    assert len(events[0].walk("VALARM")) == 1
    # The page names the application by its id, so its events keep their UIDs whatever
    # the company or role become.
    application = page.locator('#fp-applications [aria-current="true"]').get_attribute("data-open")
    typed = {**NO_TIMELINE_TYPED, "id": application}
    assert event_facts(events) == event_facts(
        engine_events(expected_calendar(typed, follow_up["id"]))
    )

    # The whole plan as one calendar file: every step still to do, and nothing else.
    with page.expect_download() as everything:
        page.get_by_role("button", name="Download all as calendar").click()
    assert everything.value.suggested_filename.endswith(".ics")
    events = calendar_events(everything.value.path())
    assert sorted(event.decoded("DTSTART").isoformat() for event in events) == sorted(
        action["date"]
        for action in plan["actions"]
        if is_pending(action) and action["kind"] != "keep_applying"
    )
    assert event_facts(events) == event_facts(engine_events(expected_calendar(typed)))

    # Enter in a field updates the plan and does not reload the page.
    page.evaluate("window.plannerTestMarker = 'still here'")
    page.locator("#fp-role").fill("Senior Data Analyst")
    page.locator("#fp-role").press("Enter")
    expect(item.locator(".fp-message")).to_contain_text("Senior Data Analyst")
    assert page.evaluate("window.plannerTestMarker") == "still here"

    # Print: the button asks the browser to print; on paper only the plan shows.
    page.evaluate("window.print = () => { window.plannerPrinted = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.plannerPrinted") is True
    page.emulate_media(media="print")
    expect(page.locator("#fp-form")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(item.get_by_role("button", name="Copy", exact=True)).to_be_hidden()
    expect(item.locator(".fp-action__title")).to_be_visible()


def test_promised_date_errors_and_country(context, site_url):
    page = open_planner(context, site_url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-10", [("Ana Ruiz", "ana@example.org")])
    page.locator("#fp-decision-date").fill("2026-11-20")
    type_into(page, "#fp-candidate", "Sam Rivera")
    type_into(page, "#fp-company", "Globex")
    type_into(page, "#fp-role", "Analyst")
    promised = {**PROMISED, "country": LOCALE_COUNTRY}
    expect_plan(page, promised)
    follow_up = action_item(page, "follow_up")
    expect(follow_up.locator(".fp-action__guide")).to_have_attribute(
        "href", "../promised-date-passed/#check-in-by-email"
    )
    # The promised date passed days ago and the check-in is not sent yet: it is overdue,
    # keeps its day, and is still offered for the calendar.
    check_in = next(a for a in expected_plan(promised)["actions"] if a["kind"] == "follow_up")
    assert check_in["status"] == "overdue"
    expect(follow_up).to_have_attribute("data-status", "overdue")
    expect(follow_up).to_have_attribute("data-date", check_in["date"])
    expect(follow_up.locator(".fp-badge--overdue")).to_have_text("Overdue")
    expect(follow_up.get_by_role("button", name="Add to calendar")).to_have_count(1)

    # A decision date before the interview: the error sits beside that field.
    decision = page.locator("#fp-decision-date")
    decision.fill("2026-11-01")
    expect(decision).to_have_attribute("aria-invalid", "true", timeout=ENGINE_TIMEOUT_MS)
    error_id = decision.get_attribute("aria-describedby")
    error = page.locator(f"#{error_id}")
    [problem] = expected_errors({**promised, "decision_date": "2026-11-01"})
    assert problem["field"] == "decision_date"
    expect(error).to_have_text(problem["message"])
    expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
    expect(page.locator("#fp-plan")).to_contain_text("Fix the highlighted field")
    # The rest of the form keeps working, and fixing the date clears the error.
    type_into(page, "#fp-company", " Ltd")
    decision.fill("2026-11-20")
    expect(decision).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{error_id}")).to_have_count(0)
    expect_plan(page, {**promised, "company": "Globex Ltd"})

    # Public holidays: the new application started from the browser's region (US), and the
    # visitor sees it and can change it. Thanksgiving moves the check-in by a day.
    wait_until_ready(page)
    with_holidays = {**promised, "company": "Globex Ltd", "decision_date": "2026-11-25"}
    no_holidays = {**with_holidays, "country": None}
    assert expected_plan(no_holidays) != expected_plan(with_holidays)
    decision.fill("2026-11-25")
    expect_plan(page, with_holidays)
    country = page.get_by_label("Country whose public holidays to skip")
    expect(country).to_have_value("US")
    expect(country.locator("option:checked")).to_have_text("United States")
    country.select_option(label="No public holidays")
    expect_plan(page, no_holidays)
    # The choice is the visitor's from then on: it is kept, and not put back to the region.
    page.reload()
    expect(country).to_have_value("")
    expect_plan(page, no_holidays)
    wait_for_countries(page, "")
    country.select_option("US")
    expect_plan(page, with_holidays)

    # By phone, a check-in is a call script: it copies, but no mail client opens for it,
    # and with no number known there is nothing to dial.
    by_phone = {**with_holidays, "channel": "phone"}
    page.get_by_label("How to get in touch").select_option("phone")
    expect_plan(page, by_phone)
    call = next(a for a in expected_plan(by_phone)["actions"] if a["kind"] == "follow_up")
    assert call["channel"] == "phone" and call["message"]["to"] is None
    call_item = action_item(page, "follow_up")
    opening = call["message"]["body"].split("\n\n")[0]
    expect(call_item.locator(".fp-message__body p").first).to_have_text(opening)
    expect(call_item.get_by_role("button", name="Copy", exact=True)).to_have_count(1)
    expect(call_item.get_by_role("link", name="Open in email")).to_have_count(0)
    expect(call_item.get_by_role("link", name="Call")).to_have_count(0)
    expect(call_item.locator(".fp-message__head")).not_to_contain_text("Subject")


def test_add_and_remove_rounds_and_interviewers(context, site_url):
    page = open_planner(context, site_url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-02", [("Dana Lee", "dana@example.com")])
    page.get_by_role("button", name="Add a round").click()
    expect(page.locator("#fp-r1-date")).to_be_focused()
    fill_round(
        page,
        1,
        "2026-11-12",
        [("Kim Park", "kim@example.com"), ("Lee Wong", "lee@example.com"), ("Al Bo", "")],
    )
    two_rounds = {
        "rounds": [
            {
                "date": "2026-11-02",
                "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}],
            },
            {
                "date": "2026-11-12",
                "interviewers": [
                    {"name": "Kim Park", "email": "kim@example.com"},
                    {"name": "Lee Wong", "email": "lee@example.com"},
                    {"name": "Al Bo", "email": ""},
                ],
            },
        ],
        "country": LOCALE_COUNTRY,
    }
    expect_plan(page, two_rounds)
    expect(page.locator('#fp-plan .fp-action[data-kind="thank_you"]')).to_have_count(4)

    # Remove the second interviewer of round 2, then the whole first round.
    page.get_by_role("button", name="Remove interviewer 2 of round 2").click()
    del two_rounds["rounds"][1]["interviewers"][1]
    expect_plan(page, two_rounds)
    expect(page.locator("#fp-r1-p1-name")).to_have_value("Al Bo")
    round_box(page, 0).get_by_role("button", name="Remove round 1").click()
    one_round = {**two_rounds, "rounds": two_rounds["rounds"][1:]}
    expect_plan(page, one_round)
    expect(page.locator(".fp-round")).to_have_count(1)
    expect(page.locator("#fp-r0-date")).to_have_value("2026-11-12")
    expect(page.get_by_role("button", name="Remove round 1")).to_have_count(0)

    # Errors land beside the right control even when blank rounds are skipped.
    page.get_by_role("button", name="Add a round").click()  # round 2 stays blank
    page.get_by_role("button", name="Add a round").click()
    type_into(page, "#fp-r2-p0-name", "Zed Ray")  # round 3: a person but no date
    page.locator("#fp-r0-p1-email").fill("not-an-address")
    for control in ("#fp-r2-date", "#fp-r0-p1-email"):
        expect(page.locator(control)).to_have_attribute("aria-invalid", "true")
        described = page.locator(control).get_attribute("aria-describedby")
        expect(page.locator(f"#{described}")).not_to_be_empty()
    for control in ("#fp-r1-date", "#fp-r0-p0-email", "#fp-r0-date"):
        expect(page.locator(control)).not_to_have_attribute("aria-invalid", "true")
    page.locator("#fp-r2-date").fill("2026-11-13")
    page.locator("#fp-r0-p1-email").fill("")
    expect(page.locator("[aria-invalid]")).to_have_count(0)
    three_rounds = {
        **one_round,
        "rounds": [
            *one_round["rounds"],
            {"date": "2026-11-13", "interviewers": [{"name": "Zed Ray", "email": ""}]},
        ],
    }
    expect_plan(page, three_rounds)


def test_later_packages_download_in_the_background_after_the_first_plan(context, site_url, traffic):
    """The first plan needs neither holidays nor icalendar; once it is on screen, the worker
    fetches them (and what they need) into the cache, so a first country or calendar file
    does not wait for the network."""
    page = open_planner(context, site_url, share_fragment(NO_TIMELINE))
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    wheels = ("holidays-", "icalendar-", "python_dateutil-", "six-", "tzdata-")
    # The downloads follow the first plan.
    wait_for_requests(context, traffic.urls, [f"/pyodide/{name}" for name in wheels], 30_000)
    assert not [url for url in traffic.urls if "/pyodide/followup_engine-" in url]


def test_the_country_list_arriving_leaves_the_field_being_typed_in_alone(context, site_url):
    """The engine's country list arrives a moment after "Ready", and a new application then
    takes the browser's region as its holiday country. A person typing just then keeps the
    field they are in, and every key they press lands in it."""
    countries = HeldRequests(context, "**/pyodide/countries.json")
    page = open_planner(context, site_url)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "")])
    wait_until_ready(page)
    email = page.locator("#fp-r0-p0-email")
    type_into(page, "#fp-r0-p0-email", "dana@exa")
    countries.release()
    expect(page.locator("#fp-country")).to_have_value(LOCALE_COUNTRY)
    expect(email).to_be_focused()
    page.keyboard.type("mple.com")
    expect(email).to_have_value("dana@example.com")
    assert page.url == f"{site_url}planner/"
    expect_plan(
        page,
        {
            "rounds": [
                {
                    "date": "2026-11-16",
                    "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}],
                }
            ],
            "country": LOCALE_COUNTRY,
        },
    )
