"""What the planner keeps in this browser outlives versions, tabs and full disks.

Data saved by the previous version (a real copy, tests/site/data/v1-storage.json) becomes the
first application; a copy that cannot be read is set aside, never deleted; two tabs never
lose each other's edits; a save that fails is shown; the browser is asked to keep the data
once there is more than one application; "Clear my data" forgets all of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner_page import (
    ENGINE_TIMEOUT_MS,
    SHARED,
    HeldRequests,
    expect_plan,
    expected_plan,
    fill_round,
    open_planner,
    plan_on_screen,
    share_fragment,
    type_into,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

V1_STORAGE = json.loads(
    (Path(__file__).parent / "data" / "v1-storage.json").read_text(encoding="utf-8")
)
V1_KEY = "followup-planner:v1"
V1_PLAN_KEY = "followup-planner:v1:plan"
APP_PREFIX = "followup-planner:v2:app:"
ASIDE_V1_KEY = "followup-planner:aside:followup-planner:v1"

SAVE_FAILED = "did not let the planner save"
CLEARED = "Your data is cleared from this browser."

# Every key this planner (any version) keeps, key -> raw value.
STORED = """() => Object.fromEntries(Object.keys(localStorage)
  .filter((key) => key.startsWith("followup-planner"))
  .map((key) => [key, localStorage.getItem(key)]))"""

# localStorage.setItem throws as a full disk makes it throw, while window.storageFull is set.
FULL_STORAGE = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.storageFull) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return setItem.call(this, key, value);
  };
})();
"""

# navigator.storage.persist() answers `granted` and counts its calls in window.persistCalls.
PERSIST_SPY = """
(() => {
  window.persistCalls = 0;
  navigator.storage.persist = () => {
    window.persistCalls += 1;
    return Promise.resolve(true);
  };
})();
"""


def stored(page: Page) -> dict[str, str]:
    return page.evaluate(STORED)


def stored_applications(page: Page) -> dict[str, dict[str, Any]]:
    """Each stored application (its v2 record), by id."""
    return {
        key.removeprefix(APP_PREFIX): json.loads(value)
        for key, value in stored(page).items()
        if key.startswith(APP_PREFIX)
    }


def leave_in_browser(context: BrowserContext, site_url: str, values: dict[str, str]) -> None:
    """Put raw values into this browser's localStorage from a guide page, as an earlier
    visit of the planner left them; the planner page itself is not opened."""
    page = context.new_page()
    page.goto(site_url)
    page.evaluate(
        "values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, v))",
        values,
    )
    page.close()


def applications(page: Page):
    return page.locator("#fp-applications li.fp-application")


def open_application(page: Page, app_id: str) -> None:
    button = page.locator(f'#fp-applications [data-open="{app_id}"]')
    button.click()
    expect(button).to_have_attribute("aria-current", "true")


def plan_facts(page: Page) -> list[list[str]]:
    """(id, kind, date, status) of every card of the plan on screen."""
    return page.locator("#fp-plan li.fp-action").evaluate_all(
        """cards => cards.map((card) => [card.dataset.action, card.dataset.kind,
                                         card.dataset.date, card.dataset.status])"""
    )


def engine_facts(situation: dict[str, Any]) -> list[list[str]]:
    plan = expected_plan({**situation, "date_style": "month_day"})
    return [[a["id"], a["kind"], a["date"], a["status"]] for a in plan["actions"]]


def application_ids(page: Page) -> set[str]:
    return set(applications(page).evaluate_all("items => items.map((i) => i.dataset.application)"))


def add_application(page: Page, company: str, day: str) -> str:
    """Click "New application", type a company and a round's date; returns the new id."""
    before = application_ids(page)
    page.locator("button[name=new_application]").click()
    expect(applications(page)).to_have_count(len(before) + 1)
    type_into(page, "#fp-company", company)
    fill_round(page, 0, day, [])
    (new_id,) = application_ids(page) - before
    return new_id


def tab_with_acme(context: BrowserContext, site_url: str) -> tuple[Page, str]:
    """A first tab of the planner where "Acme" is typed with a round; the tab and Acme's id."""
    page = open_planner(context, site_url)
    type_into(page, "#fp-company", "Acme")
    fill_round(page, 0, "2026-11-16", [])
    return page, applications(page).first.get_attribute("data-application") or ""


# Migration of the previous version's data.


def test_v1_data_becomes_the_first_application_once(context: BrowserContext, site_url: str):
    leave_in_browser(context, site_url, V1_STORAGE)
    draft = json.loads(V1_STORAGE[V1_KEY])
    # What the old page asked its engine to plan (its kept plan says), without its today.
    situation = json.loads(json.loads(V1_STORAGE[V1_PLAN_KEY])["situation"])
    del situation["today"]

    page = open_planner(context, site_url)
    expect(applications(page)).to_have_count(1)
    item = applications(page).first
    expect(item.locator(".fp-application__label")).to_have_text("Initech — QA Engineer")
    expect(item.get_by_role("button")).to_have_attribute("aria-current", "true")

    # Every field of the old form is back where it was.
    expect(page.locator(".fp-round")).to_have_count(len(draft["rounds"]))
    for index, interview_round in enumerate(draft["rounds"]):
        expect(page.locator(f"#fp-r{index}-date")).to_have_value(interview_round["date"])
        people = page.locator(f'.fp-round[data-round="{index}"] .fp-person')
        expect(people).to_have_count(len(interview_round["interviewers"]))
        for person, typed in enumerate(interview_round["interviewers"]):
            expect(page.locator(f"#fp-r{index}-p{person}-name")).to_have_value(typed["name"])
            expect(page.locator(f"#fp-r{index}-p{person}-email")).to_have_value(typed["email"])
            # Fields the old version did not have take their defaults.
            expect(page.locator(f"#fp-r{index}-p{person}-role")).to_have_value("interviewer")
            expect(page.locator(f"#fp-r{index}-p{person}-phone")).to_have_value("")
    for field, selector in {
        "decision_date": "#fp-decision-date",
        "checkin_date": "#fp-checkin-date",
        "channel": "#fp-channel",
        "candidate": "#fp-candidate",
        "company": "#fp-company",
        "role": "#fp-role",
        "country": "#fp-country",
    }.items():
        expect(page.locator(selector)).to_have_value(draft[field])
    for field, selector in {
        "has_inside_contact": "#fp-inside-contact",
        "has_references": "#fp-references",
    }.items():
        expect(page.locator(selector)).to_be_checked(checked=draft[field])
    expect(page.locator("#fp-greeting")).to_have_value("first_name")
    expect(page.locator("#fp-notice")).to_be_hidden()  # nothing was lost, nothing to say

    # The plan is the engine's plan for that situation.
    expected = engine_facts(situation)
    expect(page.locator("#fp-plan li.fp-action")).to_have_count(len(expected))
    assert plan_facts(page) == expected
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text("Initech — QA Engineer")

    # The old keys are gone; the application is kept in the new shape.
    keys = stored(page)
    assert V1_KEY not in keys and V1_PLAN_KEY not in keys
    (app_id, record), *others = stored_applications(page).items()
    assert others == []
    assert app_id == item.get_attribute("data-application")
    assert record["version"] == 2 and record["id"] == app_id
    for field in ("decision_date", "channel", "candidate", "company", "role", "country"):
        assert record["draft"][field] == draft[field], field
    assert [person["name"] for r in record["draft"]["rounds"] for person in r["interviewers"]] == [
        "Ana Ruiz",
        "Bo Chen",
    ]

    # The migration ran once: a second visit finds the same one application.
    page.reload()
    expect(applications(page)).to_have_count(1)
    expect(applications(page).first).to_have_attribute("data-application", app_id)
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect(page.locator("#fp-plan li.fp-action")).to_have_count(len(expected))
    assert list(stored_applications(page)) == [app_id]
    assert V1_KEY not in stored(page)


def test_a_damaged_v1_copy_is_set_aside_until_the_visitor_clears_it(
    context: BrowserContext, site_url: str
):
    damaged = V1_STORAGE[V1_KEY][:60]  # cut off mid-write: not JSON any more
    leave_in_browser(context, site_url, {V1_KEY: damaged})

    page = open_planner(context, site_url)
    notice = page.locator("#fp-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    expect(notice).to_contain_text("kept aside")
    expect(applications(page)).to_have_count(1)
    expect(applications(page).locator(".fp-application__label")).to_have_text("New application")
    expect(page.locator("#fp-company")).to_have_value("")
    expect(page.locator("#fp-r0-date")).to_have_value("")
    expect(page.locator("#fp-plan")).to_contain_text("Enter the date of your interview")
    keys = stored(page)
    assert keys[ASIDE_V1_KEY] == damaged  # kept exactly as it was
    assert V1_KEY not in keys

    # A second visit neither loses the copy nor sets it aside again.
    page.reload()
    expect(applications(page)).to_have_count(1)
    expect(notice).to_be_hidden()
    assert stored(page)[ASIDE_V1_KEY] == damaged

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#fp-clear").click()
    expect(page.locator("#fp-message-text")).to_have_text(CLEARED)
    assert ASIDE_V1_KEY not in stored(page)


# Two tabs of one browser.


def test_two_tabs_typing_at_once_into_different_applications_keep_both(
    context: BrowserContext, site_url: str
):
    first, acme = tab_with_acme(context, site_url)
    globex = add_application(first, "Globex", "2026-11-18")

    second = open_planner(context, site_url)
    expect(applications(second)).to_have_count(2)
    open_application(first, acme)
    open_application(second, globex)
    expect(first.locator("#fp-company")).to_have_value("Acme")
    expect(second.locator("#fp-company")).to_have_value("Globex")

    # Typing in both tabs at once: one key here, one key there.
    first.locator("#fp-role").click()
    second.locator("#fp-role").click()
    acme_role, globex_role = "Data Analyst", "Tester II"
    for index in range(max(len(acme_role), len(globex_role))):
        first.keyboard.type(acme_role[index : index + 1])
        second.keyboard.type(globex_role[index : index + 1])
    expect(first.locator("#fp-role")).to_have_value(acme_role)
    expect(second.locator("#fp-role")).to_have_value(globex_role)

    for page in (first, second):
        page.reload()
        expect(applications(page)).to_have_count(2)
        open_application(page, acme)
        expect(page.locator("#fp-company")).to_have_value("Acme")
        expect(page.locator("#fp-role")).to_have_value(acme_role)
        open_application(page, globex)
        expect(page.locator("#fp-company")).to_have_value("Globex")
        expect(page.locator("#fp-role")).to_have_value(globex_role)
    drafts = {app_id: app["draft"] for app_id, app in stored_applications(first).items()}
    assert (drafts[acme]["company"], drafts[acme]["role"]) == ("Acme", acme_role)
    assert (drafts[globex]["company"], drafts[globex]["role"]) == ("Globex", globex_role)


def test_an_edit_in_one_tab_shows_in_the_other_without_reload(
    context: BrowserContext, site_url: str
):
    first, acme = tab_with_acme(context, site_url)
    second = open_planner(context, site_url)
    expect(second.locator("#fp-company")).to_have_value("Acme")

    type_into(first, "#fp-candidate", "Sam Rivera")
    expect(second.locator("#fp-candidate")).to_have_value("Sam Rivera")
    type_into(first, "#fp-company", " Corp")
    label = second.locator(f'li[data-application="{acme}"] .fp-application__label')
    expect(label).to_have_text("Acme Corp")
    expect(second.locator("#fp-company")).to_have_value("Acme Corp")

    # An application added in one tab appears in the other one's list.
    add_application(first, "Globex", "2026-11-18")
    expect(applications(second)).to_have_count(2)
    expect(applications(second).nth(1).locator(".fp-application__label")).to_have_text("Globex")


def test_deleting_in_one_tab_the_application_open_in_the_other(
    context: BrowserContext, site_url: str
):
    """The other tab must not keep showing (and then save) the deleted application's data
    as if it were another application."""
    first, acme = tab_with_acme(context, site_url)
    globex = add_application(first, "Globex", "2026-11-18")
    second = open_planner(context, site_url)
    open_application(second, acme)
    expect(second.locator("#fp-company")).to_have_value("Acme")
    for page in (first, second):  # the country list is in: no late saves from here on
        expect(page.locator("#fp-country-hint")).to_be_hidden(timeout=ENGINE_TIMEOUT_MS)

    open_application(first, acme)
    first.once("dialog", lambda dialog: dialog.accept())
    first.locator("#fp-delete-application").click()
    expect(applications(first)).to_have_count(1)

    expect(applications(second)).to_have_count(1)
    expect(second.locator(f'[data-open="{globex}"]')).to_have_attribute("aria-current", "true")
    expect(second.locator("#fp-company")).to_have_value("Globex")
    type_into(second, "#fp-role", "Tester")
    expect(second.locator("#fp-role")).to_have_value("Tester")
    drafts = {app_id: app["draft"] for app_id, app in stored_applications(second).items()}
    assert list(drafts) == [globex]
    assert (drafts[globex]["company"], drafts[globex]["role"]) == ("Globex", "Tester")


# Saving that fails, and asking the browser to keep the data.


def test_a_save_that_fails_is_shown_until_saving_works_again(
    context: BrowserContext, site_url: str
):
    context.add_init_script(FULL_STORAGE)
    page = open_planner(context, site_url)
    type_into(page, "#fp-company", "Acme")
    fill_round(page, 0, "2026-11-16", [])
    (app_id,) = stored_applications(page)
    notice = page.locator("#fp-notice")
    expect(notice).to_be_hidden()

    page.evaluate("window.storageFull = true")
    type_into(page, "#fp-role", "Data")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(SAVE_FAILED)
    assert stored_applications(page)[app_id]["draft"]["role"] == ""  # nothing was kept

    page.evaluate("window.storageFull = false")
    type_into(page, "#fp-role", " Analyst")
    expect(notice).to_be_hidden()
    assert stored_applications(page)[app_id]["draft"]["role"] == "Data Analyst"


def test_the_browser_is_asked_to_keep_the_data_once_there_are_two_applications(
    context: BrowserContext, site_url: str
):
    context.add_init_script(PERSIST_SPY)
    page = open_planner(context, site_url)
    where = page.locator("#fp-where")
    before = where.inner_text()
    wait_until_ready(page)
    type_into(page, "#fp-company", "Acme")
    fill_round(page, 0, "2026-11-16", [])
    expect(page.locator("#fp-plan li.fp-action").first).to_be_visible()
    assert len(stored_applications(page)) == 1
    assert page.evaluate("window.persistCalls") == 0

    add_application(page, "Globex", "2026-11-18")
    expect(where).not_to_have_text(before)
    expect(where).to_contain_text("agreed to keep them")
    type_into(page, "#fp-role", "Tester")
    assert len(stored_applications(page)) == 2
    assert page.evaluate("window.persistCalls") == 1


def test_only_a_filled_in_application_counts_towards_asking_to_keep_the_data(
    context: BrowserContext, site_url: str
):
    """A new application nobody has typed into yet is not kept, so it is not a second one."""
    context.add_init_script(PERSIST_SPY)
    page = open_planner(context, site_url)
    wait_until_ready(page)
    type_into(page, "#fp-company", "Acme")
    fill_round(page, 0, "2026-11-16", [])
    expect(page.locator("#fp-plan li.fp-action").first).to_be_visible()
    page.locator("button[name=new_application]").click()
    expect(applications(page)).to_have_count(2)
    expect(page.locator("#fp-country")).to_have_value("US")  # the locale's, changeable
    expect(page.locator("#fp-plan")).to_contain_text("Enter the date of your interview")
    assert len(stored_applications(page)) == 1
    assert page.evaluate("window.persistCalls") == 0


# Clear my data.


def test_clear_my_data_asks_first_then_forgets_everything(context: BrowserContext, site_url: str):
    leave_in_browser(context, site_url, {"followup-planner:aside:followup-planner:v0": "old"})
    page = open_planner(context, site_url)
    wait_until_ready(page)
    type_into(page, "#fp-company", "Acme")
    fill_round(page, 0, "2026-11-16", [])
    add_application(page, "Globex", "2026-11-18")
    expect(page.locator("#fp-plan li.fp-action").first).to_be_visible()
    kept = stored(page)
    assert len([key for key in kept if key.startswith(APP_PREFIX)]) == 2

    questions: list[str] = []

    def say_no(dialog) -> None:  # type: ignore[no-untyped-def]
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", say_no)
    page.locator("#fp-clear").click()
    expect(applications(page)).to_have_count(2)
    assert questions and "cannot be undone" in questions[0]
    expect(page.locator("#fp-company")).to_have_value("Globex")
    assert stored(page) == kept

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#fp-clear").click()
    expect(page.locator("#fp-message-text")).to_have_text(CLEARED)
    expect(page.locator("#fp-message")).to_be_visible()
    expect(page.locator("#fp-notice")).to_be_hidden()  # not an error
    expect(applications(page)).to_have_count(1)
    expect(page.locator("#fp-company")).to_have_value("")
    expect(page.locator("#fp-plan")).to_contain_text("Enter the date of your interview")
    assert not kept.keys() & stored(page).keys()  # every application, the aside copy, meta

    # Typing hides the message.
    type_into(page, "#fp-candidate", "S")
    expect(page.locator("#fp-message")).to_be_hidden()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#fp-clear").click()
    expect(page.locator("#fp-message")).to_be_visible()

    # For good: the next visit starts with one blank application and keeps nothing.
    page.reload()
    expect(page.locator("#fp-country-hint")).to_be_hidden(timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#fp-country")).to_have_value("US")  # the locale's, changeable
    expect(applications(page)).to_have_count(1)
    expect(applications(page).locator(".fp-application__label")).to_have_text("New application")
    expect(page.locator("#fp-candidate")).to_have_value("")
    expect(page.locator("#fp-message")).to_be_hidden()
    # Nothing is kept until the visitor types something (a blank application is not kept).
    assert stored(page) == {}


# Clear my data while an answer is on its way (issue 17): an answer to a request made before
# Clear is never drawn, and never kept.

PYTHON = "**/pyodide/pyodide.asm.wasm"  # held back, Python cannot start
HOLIDAYS = "**/pyodide/holidays-*.whl"  # held back, no plan that names a country is answered

# Counts the engine's answers (not its status messages) in window.engineAnswers; the page's
# own listener runs in the same dispatch, right after this one.
COUNT_ANSWERS = """
(() => {
  window.engineAnswers = 0;
  const Engine = window.Worker;
  window.Worker = class extends Engine {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data.id !== undefined) window.engineAnswers += 1;
      });
    }
  };
})();
"""

SHARED_WORDS = ("Ana Ruiz", "ana@example.org", "Sam Rivera", "Initech")


def expect_cleared_for_good(page: Page) -> None:
    """The page shows the blank application, and this browser keeps nothing of the old one."""
    expect(page.locator("#fp-plan-body")).to_have_text(
        "Enter the date of your interview to see your plan."
    )
    expect(page.locator("#fp-company")).to_have_value("")
    kept = json.dumps(stored(page))
    assert not [word for word in SHARED_WORDS if word in kept], kept


def clear(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#fp-clear").click()
    expect(page.locator("#fp-message-text")).to_have_text(CLEARED)


def test_clearing_while_the_engine_starts_keeps_nothing_of_the_shared_application(
    context: BrowserContext, site_url: str
):
    page = open_planner(context, site_url, share_fragment(SHARED))
    expect_plan(page, SHARED)
    wait_until_ready(page)  # the plan is kept for the next visit
    page.close()

    python = HeldRequests(context, PYTHON)
    page = open_planner(context, site_url)
    expect(page.locator("#fp-company")).to_have_value("Initech")
    expect_plan(page, SHARED)  # the kept copy, while Python starts
    clear(page)
    expect_cleared_for_good(page)

    # The plan asked for on opening is answered once Python is ready ("planner:settled").
    page.evaluate(
        """() => { window.settled = new Promise((resolve) =>
             document.addEventListener("planner:settled", resolve, { once: true })); }"""
    )
    python.release()
    wait_until_ready(page)
    page.evaluate("() => window.settled")
    expect_cleared_for_good(page)
    assert plan_on_screen(page) == []
    assert stored(page) == {}


def test_clearing_just_after_picking_a_country_keeps_nothing_of_the_old_plan(
    context: BrowserContext, site_url: str
):
    context.add_init_script(COUNT_ANSWERS)
    page = open_planner(context, site_url, share_fragment(SHARED))  # no country yet
    expect_plan(page, SHARED)
    expect(page.locator("#fp-country-hint")).to_be_hidden(timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#fp-plan-body")).not_to_contain_text("loaded")
    holidays = HeldRequests(context, HOLIDAYS)
    answered = page.evaluate("window.engineAnswers")

    # The first country loads the holidays library: that plan is still on its way.
    page.locator("#fp-country").select_option("DE")
    clear(page)
    holidays.release()
    page.wait_for_function("(before) => window.engineAnswers > before", arg=answered)
    expect_cleared_for_good(page)
    assert plan_on_screen(page) == []
