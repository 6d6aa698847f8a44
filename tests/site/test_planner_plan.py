"""A person fills in the planner and uses the plan: messages, mail links, calendar files."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

from icalendar import Calendar
from planner_page import (
    ENGINE_TIMEOUT_MS,
    expect_plan,
    expected_plan,
    fill_round,
    open_planner,
    round_box,
    share_fragment,
    type_into,
    wait_until_ready,
)
from playwright.sync_api import expect

NO_TIMELINE = {
    "rounds": [
        {"date": "2026-11-16", "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}]}
    ],
    "candidate": "Sam Rivera",
    "company": "Acme",
    "role": "Data Analyst",
    "has_inside_contact": True,
    "has_references": True,
}

PROMISED = {
    "rounds": [
        {"date": "2026-11-10", "interviewers": [{"name": "Ana Ruiz", "email": "ana@example.org"}]}
    ],
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


def test_no_timeline_plan_with_messages_and_calendar(context, site_url):
    page = open_planner(context, site_url)
    fill_round(page, 0, "2026-11-16", [("Dana Lee", "dana@example.com")])
    type_into(page, "#fp-candidate", "Sam Rivera")
    type_into(page, "#fp-company", "Acme")
    type_into(page, "#fp-role", "Data Analyst")
    page.get_by_label("I know someone who works there").check()
    page.get_by_label("I gave references").check()
    expect_plan(page, NO_TIMELINE)

    plan = expected_plan(NO_TIMELINE)
    thank_you = action_item(page, "thank_you")
    expect(thank_you.locator("time")).to_have_text("Monday, November 16, 2026")
    expect(thank_you.locator(".fp-badge--overdue")).to_have_text("Overdue")
    expect(action_item(page, "keep_applying").locator(".fp-badge--overdue")).to_have_count(0)
    follow_up = next(action for action in plan["actions"] if action["kind"] == "follow_up")
    item = action_item(page, "follow_up")
    expect(item.locator(".fp-action__title")).to_have_text(follow_up["title"])
    expect(item.locator(".fp-action__why")).to_contain_text(f"({follow_up['rule']})")
    guide = item.get_by_role("link", name="Read more in the guide")
    expect(guide).to_have_attribute("href", "../no-timeline/#when-to-ask")
    assert guide.evaluate("link => link.href") == f"{site_url}no-timeline/#when-to-ask"

    # Copy puts the message text on the clipboard.
    item.get_by_role("button", name="Copy").click()
    expect(item.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == follow_up["message"]["body"]

    # "Open in email" carries recipient, subject and body.
    mailto = urlsplit(item.get_by_role("link", name="Open in email").get_attribute("href"))
    assert mailto.scheme == "mailto"
    assert unquote(mailto.path) == "dana@example.com"
    fields = parse_qs(mailto.query)
    assert fields["subject"] == [follow_up["message"]["subject"]]
    assert fields["body"] == [follow_up["message"]["body"].replace("\n", "\r\n")]

    # One action as a calendar file.
    with page.expect_download() as one:
        item.get_by_role("button", name="Add to calendar").click()
    assert one.value.suggested_filename == f"follow-up-{follow_up['date']}.ics"
    events = calendar_events(one.value.path())
    assert len(events) == 1
    assert events[0].decoded("DTSTART") == date.fromisoformat(follow_up["date"])
    assert str(events[0]["SUMMARY"]) == follow_up["title"]

    # The whole plan as one calendar file.
    with page.expect_download() as everything:
        page.get_by_role("button", name="Download all as calendar").click()
    assert everything.value.suggested_filename.endswith(".ics")
    events = calendar_events(everything.value.path())
    assert sorted(event.decoded("DTSTART").isoformat() for event in events) == sorted(
        action["date"] for action in plan["actions"]
    )

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
    expect(item.get_by_role("button", name="Copy")).to_be_hidden()
    expect(item.locator(".fp-action__title")).to_be_visible()


def test_promised_date_errors_and_country(context, site_url):
    page = open_planner(context, site_url)
    fill_round(page, 0, "2026-11-10", [("Ana Ruiz", "ana@example.org")])
    page.locator("#fp-decision-date").fill("2026-11-20")
    type_into(page, "#fp-candidate", "Sam Rivera")
    type_into(page, "#fp-company", "Globex")
    type_into(page, "#fp-role", "Analyst")
    expect_plan(page, PROMISED)
    expect(action_item(page, "follow_up").locator(".fp-action__guide")).to_have_attribute(
        "href", "../promised-date-passed/#check-in-by-email"
    )

    # A decision date before the interview: the error sits beside that field.
    decision = page.locator("#fp-decision-date")
    decision.fill("2026-11-01")
    expect(decision).to_have_attribute("aria-invalid", "true", timeout=ENGINE_TIMEOUT_MS)
    error_id = decision.get_attribute("aria-describedby")
    error = page.locator(f"#{error_id}")
    expect(error).to_contain_text("before your latest interview")
    expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
    expect(page.locator("#fp-plan")).to_contain_text("Fix the highlighted field")
    # The rest of the form keeps working, and fixing the date clears the error.
    type_into(page, "#fp-company", " Ltd")
    decision.fill("2026-11-20")
    expect(decision).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{error_id}")).to_have_count(0)
    expect_plan(page, {**PROMISED, "company": "Globex Ltd"})

    # Public holidays: once the engine is ready the full country list is there.
    wait_until_ready(page)
    thanksgiving = {**PROMISED, "company": "Globex Ltd", "decision_date": "2026-11-25"}
    with_holidays = {**thanksgiving, "country": "US"}
    assert expected_plan(thanksgiving) != expected_plan(with_holidays)
    decision.fill("2026-11-25")
    expect_plan(page, thanksgiving)
    expect(page.locator('#fp-country option[value="US"]')).to_have_count(1)
    page.get_by_label("Country whose public holidays to skip").select_option("US")
    expect_plan(page, with_holidays)


def test_add_and_remove_rounds_and_interviewers(context, site_url):
    page = open_planner(context, site_url)
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
        ]
    }
    expect_plan(page, two_rounds)
    expect(page.locator('#fp-plan .fp-action[data-kind="thank_you"]')).to_have_count(4)

    # Remove the second interviewer of round 2, then the whole first round.
    page.get_by_role("button", name="Remove interviewer 2 of round 2").click()
    del two_rounds["rounds"][1]["interviewers"][1]
    expect_plan(page, two_rounds)
    expect(page.locator("#fp-r1-p1-name")).to_have_value("Al Bo")
    round_box(page, 0).get_by_role("button", name="Remove round 1").click()
    one_round = {"rounds": two_rounds["rounds"][1:]}
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
        "rounds": [
            *one_round["rounds"],
            {"date": "2026-11-13", "interviewers": [{"name": "Zed Ray", "email": ""}]},
        ]
    }
    expect_plan(page, three_rounds)


def test_later_packages_download_in_the_background_after_the_first_plan(context, site_url, traffic):
    """The first plan needs neither holidays nor icalendar; once it is on screen, the worker
    fetches them (and what they need) into the cache, so a first country or calendar file
    does not wait for the network."""
    page = open_planner(context, site_url, share_fragment(NO_TIMELINE))
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    wheels = ("holidays-", "icalendar-", "python_dateutil-", "six-", "tzdata-")

    def fetched() -> set[str]:
        return {name for name in wheels for url in traffic.urls if f"/pyodide/{name}" in url}

    for _ in range(300):  # up to 30 s; the downloads follow the first plan
        if fetched() == set(wheels):
            break
        page.wait_for_timeout(100)
    assert fetched() == set(wheels)
    assert not [url for url in traffic.urls if "/pyodide/followup_engine-" in url]
