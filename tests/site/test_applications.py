"""A person keeps several applications on the planner page: adds them, opens each, reads the
today list across them all, deletes one (and takes that back), adds one from a share link."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner_page import (
    ENGINE_TIMEOUT_MS,
    agenda_request,
    expect_plan,
    expected_plan,
    open_planner,
    page_situation,
    share_fragment,
    store_applications,
    type_into,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from followup_engine.agenda import agenda_from_dict

# (company, role, interview day, interviewer, their email): three processes at once.
TYPED = [
    ("Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com"),
    ("Globex", "Tester", "2026-11-19", "Ana Ruiz", "ana@example.org"),
    ("Initech", "Engineer", "2026-11-23", "Kim Park", "kim@example.net"),
]
# The same three as an earlier visit left them in this browser (the page picked US for en-US).
STORED = {
    "acme0000001": page_situation(*TYPED[0], country="US"),
    "globex00002": page_situation(*TYPED[1], country="US"),
    "initech0003": page_situation(*TYPED[2], country="US"),
}


def in_words(iso: str, style: str = "month_day") -> str:
    """A date as the page writes it: "Friday, November 27, 2026" or "Friday 27 November 2026"."""
    day = date.fromisoformat(iso)
    if style == "month_day":
        return f"{day:%A}, {day:%B} {day.day}, {day.year}"
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def applications(page: Page):
    return page.locator("#fp-applications li.fp-application")


def application_item(page: Page, app_id: str):
    return page.locator(f'#fp-applications li[data-application="{app_id}"]')


def agenda_items(page: Page):
    return page.locator("#agenda li.fp-agenda__item")


def new_application(page: Page) -> None:
    page.locator("button[name=new_application]").click()
    expect(page.locator("#fp-company")).to_be_focused()


def type_application(page: Page, company: str, role: str, day: str, name: str, email: str):
    """Fill in the open application's form the way a person does, field by field."""
    type_into(page, "#fp-company", company)
    type_into(page, "#fp-role", role)
    page.locator("#fp-r0-date").fill(day)
    type_into(page, "#fp-r0-p0-name", name)
    type_into(page, "#fp-r0-p0-email", email)


def expected_agenda(situations: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The engine's today list for these applications, as the page asks for it."""
    sent = {
        app_id: {**situation, "date_style": "month_day"} for app_id, situation in situations.items()
    }
    return agenda_from_dict(agenda_request(sent))["items"]


def expect_agenda(page: Page, items: list[dict[str, Any]]) -> None:
    """Wait until the today list shows exactly these engine items, in this order."""
    shown = agenda_items(page)
    expect(shown).to_have_count(len(items), timeout=ENGINE_TIMEOUT_MS)
    for index, item in enumerate(items):
        line = shown.nth(index)
        for name in ("kind", "date", "status", "application"):
            expect(line).to_have_attribute(f"data-{name}", item[name])
        expect(line).to_have_attribute("data-action", item["id"])
        expect(line.locator("time")).to_have_text(in_words(item["date"]))
        expect(line.locator(".fp-agenda__title")).to_have_text(item["title"])
        label = f"{item['company']} — {item['role']}"
        expect(line.locator(".fp-agenda__application")).to_have_text(label)


def test_three_applications_each_with_its_plan_and_one_today_list(
    context: BrowserContext, site_url: str
) -> None:
    page = open_planner(context, site_url)
    wait_until_ready(page)
    # The page starts with one blank application open; "New application" adds the others.
    expect(applications(page)).to_have_count(1)
    # en-US: the holiday country starts from the locale's region, once the list is there.
    expect(page.locator("#fp-country")).not_to_have_value("")
    country = page.locator("#fp-country").input_value()
    assert country == "US"
    for index, typed in enumerate(TYPED):
        if index:
            new_application(page)
        type_application(page, *typed)
        expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(
            f"{typed[0]} — {typed[1]}"
        )

    expect(applications(page)).to_have_count(3)
    ids = [item.get_attribute("data-application") or "" for item in applications(page).all()]
    situations = {
        app_id: page_situation(*typed, country=country)
        for app_id, typed in zip(ids, TYPED, strict=True)
    }
    for app_id, (company, role, *_) in zip(ids, TYPED, strict=True):
        item = application_item(page, app_id)
        expect(item.locator(".fp-application__label")).to_have_text(f"{company} — {role}")
        expect(item).to_have_attribute("data-state", "waiting")
        expect(item.locator(".fp-application__state")).to_have_text("waiting")

    # Opening each in turn brings its form and its plan.
    for app_id, (company, role, day, name, email) in zip(ids, TYPED, strict=True):
        page.locator(f'[data-open="{app_id}"]').click()
        expect(page.locator(f'[data-open="{app_id}"]')).to_have_attribute("aria-current", "true")
        expect(page.locator('#fp-applications [aria-current="true"]')).to_have_count(1)
        expect(page.locator("#fp-company")).to_have_value(company)
        expect(page.locator("#fp-role")).to_have_value(role)
        expect(page.locator("#fp-r0-date")).to_have_value(day)
        expect(page.locator("#fp-r0-p0-name")).to_have_value(name)
        expect(page.locator("#fp-r0-p0-email")).to_have_value(email)
        expect(page.locator("#fp-country")).to_have_value(country)
        expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(f"{company} — {role}")
        expect_plan(page, situations[app_id])

    # Today: the steps of all three, by date, each naming its application, exactly as the
    # engine's agenda over the three has them.
    items = expected_agenda(situations)
    assert {item["application"] for item in items} == set(ids)
    expect_agenda(page, items)
    dates = [line.get_attribute("data-date") or "" for line in agenda_items(page).all()]
    assert dates == sorted(dates)


def test_a_today_item_opens_its_application_at_that_step(
    context: BrowserContext, site_url: str
) -> None:
    store_applications(context, site_url, STORED)
    page = open_planner(context, site_url)
    expect(page.locator('[data-open="initech0003"]')).to_have_attribute("aria-current", "true")
    items = expected_agenda(STORED)
    expect_agenda(page, items)

    # Acme's last step, far down its plan, below the whole form.
    step = next(
        item
        for item in items
        if item["application"] == "acme0000001" and item["kind"] == "second_follow_up"
    )
    line = page.locator(f'#agenda li[data-application="acme0000001"][data-action="{step["id"]}"]')
    line.get_by_role("button").click()
    expect(page.locator('[data-open="acme0000001"]')).to_have_attribute("aria-current", "true")
    expect(page.locator('[data-open="initech0003"]')).not_to_have_attribute("aria-current", "true")
    expect(page.locator("#fp-company")).to_have_value("Acme")
    card = page.locator(f'#fp-plan .fp-action[data-action="{step["id"]}"]')
    expect(card).to_have_attribute("data-date", step["date"])
    expect(card.locator("input[name=done]")).to_be_focused()
    expect(card).to_be_in_viewport()

    # An item of the application already open brings its card into view as well.
    page.locator("#agenda").scroll_into_view_if_needed()
    first = next(item for item in items if item["application"] == "acme0000001")
    page.locator(f'#agenda li[data-action="{first["id"]}"][data-application="acme0000001"]').click()
    card = page.locator(f'#fp-plan .fp-action[data-action="{first["id"]}"]')
    expect(card.locator("input[name=done]")).to_be_focused()
    expect(card).to_be_in_viewport()


def test_deleting_asks_first_and_can_be_undone(context: BrowserContext, site_url: str) -> None:
    store_applications(context, site_url, STORED)
    page = open_planner(context, site_url)
    expect_agenda(page, expected_agenda(STORED))
    page.locator('[data-open="globex00002"]').click()
    expect(page.locator("#fp-company")).to_have_value("Globex")
    delete = page.get_by_role("button", name="Delete this application")

    # Saying no to the question keeps everything.
    questions: list[str] = []

    def say_no(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", say_no)
    delete.click()
    expect(applications(page)).to_have_count(3)
    assert questions and "Globex — Tester" in questions[0]
    expect(page.locator("#fp-message")).to_be_hidden()
    expect(page.locator("#fp-company")).to_have_value("Globex")

    # Saying yes removes it from the list, the today list and this browser's storage.
    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    expect(applications(page)).to_have_count(2)
    expect(application_item(page, "globex00002")).to_have_count(0)
    expect(page.locator("#fp-message-text")).to_have_text('Deleted "Globex — Tester".')
    without = {key: value for key, value in STORED.items() if key != "globex00002"}
    expect_agenda(page, expected_agenda(without))
    expect(page.locator('#agenda li[data-application="globex00002"]')).to_have_count(0)
    assert page.evaluate("localStorage.getItem('followup-planner:v2:app:globex00002')") is None

    # Undo brings it back with everything it held, open, in the list and the today list.
    page.locator("#fp-message").get_by_role("button", name="Undo").click()
    expect(applications(page)).to_have_count(3)
    expect(page.locator('[data-open="globex00002"]')).to_have_attribute("aria-current", "true")
    expect(application_item(page, "globex00002")).to_have_attribute("data-state", "waiting")
    expect(page.locator("#fp-company")).to_have_value("Globex")
    expect(page.locator("#fp-role")).to_have_value("Tester")
    expect(page.locator("#fp-r0-p0-name")).to_have_value("Ana Ruiz")
    expect(page.locator("#fp-r0-p0-email")).to_have_value("ana@example.org")
    expect_plan(page, STORED["globex00002"])
    expect(page.locator("#fp-message")).to_be_hidden()
    agenda = expected_agenda(STORED)
    expect(agenda_items(page)).to_have_count(len(agenda))
    for app_id in STORED:
        expect(page.locator(f'#agenda li[data-application="{app_id}"]').first).to_be_attached()
    assert page.evaluate("localStorage.getItem('followup-planner:v2:app:globex00002')")


def test_a_share_link_adds_an_application_beside_the_others(
    context: BrowserContext, site_url: str
) -> None:
    two = {key: STORED[key] for key in ("acme0000001", "globex00002")}
    store_applications(context, site_url, two)
    shared = page_situation(
        "Umbrella", "Chemist", "2026-11-18", "Kim Park", "kim@example.net", candidate="Sam Rivera"
    )
    link = share_fragment(shared)

    page = open_planner(context, site_url, link)
    expect(applications(page)).to_have_count(3)
    expect(page.locator("#fp-message-text")).to_have_text(
        "The shared application was added beside your others."
    )
    expect(page.locator("#fp-message")).to_be_visible()
    added = applications(page).nth(2)
    expect(added.get_by_role("button")).to_have_attribute("aria-current", "true")
    expect(added.locator(".fp-application__label")).to_have_text("Umbrella — Chemist")
    expect(page.locator("#fp-company")).to_have_value("Umbrella")
    expect(page.locator("#fp-candidate")).to_have_value("Sam Rivera")
    expect_plan(page, shared)
    # The two that were here are untouched.
    for app_id, (company, role, *_) in zip(two, TYPED[:2], strict=True):
        label = application_item(page, app_id).locator(".fp-application__label")
        expect(label).to_have_text(f"{company} — {role}")
    assert page.url == f"{site_url}planner/"  # the link's data left the address bar
    page.close()

    # The same link again only opens the application it added before.
    page = open_planner(context, site_url, link)
    expect(applications(page)).to_have_count(3)
    added = applications(page).nth(2)
    expect(added.get_by_role("button")).to_have_attribute("aria-current", "true")
    expect(added.locator(".fp-application__label")).to_have_text("Umbrella — Chemist")
    expect_plan(page, shared)
    expect(page.locator("#fp-message")).to_be_hidden()
    stored = page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('followup-planner:v2:app:'))"
    )
    assert len(stored) == 3


def test_a_new_application_takes_its_holiday_country_from_the_locale(
    new_context, site_url: str
) -> None:
    context = new_context(locale="en-GB")
    page = open_planner(context, site_url)
    wait_until_ready(page)
    expect(page.locator("#fp-country")).to_have_value("GB")
    expect(page.locator("#fp-country option:checked")).to_have_text("United Kingdom")
    # The check-in after a round on 16 November: in Great Britain on Thursday the 26th.
    type_application(page, "Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com")
    in_gb = page_situation(
        "Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com", country="GB"
    )
    expect_plan(page, in_gb)
    check_in = page.locator('#fp-plan .fp-action[data-kind="follow_up"]')
    expect(check_in.locator(".fp-action__when time")).to_have_text("Thursday 26 November 2026")
    expect(check_in).to_have_attribute("data-date", "2026-11-26")
    # The engine's draft writes dates the same way (date_style day_month).
    engine = next(
        action
        for action in expected_plan({**in_gb, "date_style": "day_month"})["actions"]
        if action["kind"] == "follow_up"
    )
    paragraphs = [part for part in engine["message"]["body"].split("\n\n") if part.strip()]
    expect(check_in.locator(".fp-message__body p")).to_have_text(paragraphs)
    assert "Monday 16 November 2026" in engine["message"]["body"]
    today_line = page.locator('#agenda li[data-kind="follow_up"] time')
    expect(today_line).to_have_text("Thursday 26 November 2026")

    # The visitor may plan by another country's holidays: in the US, Thanksgiving is the 26th.
    page.get_by_label("Country whose public holidays to skip").select_option("US")
    expect_plan(page, {**in_gb, "country": "US"})
    expect(check_in.locator(".fp-action__when time")).to_have_text("Friday 27 November 2026")
    first = applications(page).first.get_attribute("data-application")

    # A second new application starts from the locale again; the first keeps its choice.
    new_application(page)
    expect(page.locator("#fp-country")).to_have_value("GB")
    page.locator(f'[data-open="{first}"]').click()
    expect(page.locator("#fp-company")).to_have_value("Acme")
    expect(page.locator("#fp-country")).to_have_value("US")
    expect_plan(page, {**in_gb, "country": "US"})


# Every message the page posts to its worker and every edit of the form, in the order they
# happen: the request kinds ("plan", "agenda") and "input" for each edit.
RECORD_WORKER_TRAFFIC = """
window.__traffic = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  window.__traffic.push(message?.type ?? "other");
  return post.call(this, message, ...rest);
};
document.addEventListener("input", () => window.__traffic.push("input"), true);
"""


def test_typing_asks_for_the_today_list_only_once_the_visitor_pauses(
    context: BrowserContext, site_url: str
) -> None:
    store_applications(context, site_url, STORED)
    context.add_init_script(RECORD_WORKER_TRAFFIC)
    page = open_planner(context, site_url)
    expect_agenda(page, expected_agenda(STORED))

    # A person's pace: each key's plan is back before the next key, well within the pause.
    page.locator("#fp-company").click()
    page.keyboard.type(" Labs", delay=80)
    # The today list follows the pause after the last key: the event that ends the wait.
    label = page.locator('#agenda li[data-application="initech0003"] .fp-agenda__application')
    expect(label.first).to_have_text("Initech Labs — Engineer", timeout=ENGINE_TIMEOUT_MS)

    traffic: list[str] = page.evaluate("window.__traffic")
    typed = traffic[traffic.index("input") :]
    last_key = len(typed) - 1 - typed[::-1].index("input")
    assert typed.count("input") == len(" Labs")
    # While the visitor types, only plans go to the worker: none waits behind a today list.
    assert "agenda" not in typed[:last_key], typed
    # After the last key: its plan, then one today list over every application.
    assert typed[last_key + 1 :] == ["plan", "agenda"], typed
