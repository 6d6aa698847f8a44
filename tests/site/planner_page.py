"""How a person uses the planner page, as small steps the browser tests share."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError

from followup_engine.browser import calendar_response, plan_response
from planner_testing.situations import SHARED as SHARED
from planner_testing.situations import one_round as one_round
from planner_testing.situations import share_fragment as share_fragment

# The page's clock in the browser tests: noon local time, so "today" is this date everywhere.
TODAY = "2026-11-25"
# Chromium under Playwright speaks en-US unless a test says otherwise: the page asks the
# engine for American dates ("Monday, November 16, 2026") in its drafts.
DATE_STYLE = "month_day"
NOON_TODAY = datetime(2026, 11, 25, 12, 0)
# ...and a new application's holiday country starts from the locale's region once the
# engine's country list has arrived: a form typed from scratch plans with US holidays.
LOCALE_COUNTRY = "US"
# Pyodide needs a few seconds to start cold; give the first plan plenty of room.
ENGINE_TIMEOUT_MS = 60_000


class RoutedRequests:
    """Requests matching `pattern` get `answer(route)` until stop(), and pass on after it.

    stop() leaves the route registered rather than taking it off (unroute): that turns the
    browser's request interception off, and when it happened while the page was starting,
    Chromium under Playwright sometimes lost a request in flight or never started the
    engine's worker (about 1 run in 60 of test_module_preload under load; none in 240 with
    the route kept)."""

    def __init__(
        self, context: BrowserContext, pattern: str, answer: Callable[[Route], None]
    ) -> None:
        self.stopped = False

        # A function of its own: Playwright sets an attribute on each handler, which a bound
        # method of a list (HeldRequests' append) cannot take.
        def handle(route: Route) -> None:
            if self.stopped:
                route.fallback()
            else:
                answer(route)

        context.route(pattern, handle)

    def stop(self) -> None:
        """From now on matching requests go on as if never routed (to the network, or to
        another route). While any route is on, Playwright keeps the browser's HTTP cache off
        for the context: it stays off after stop() too."""
        self.stopped = True


class HeldRequests(RoutedRequests):
    """Requests matching `pattern` wait unanswered until release(): what the page does in
    the meantime shows what it does without them."""

    def __init__(self, context: BrowserContext, pattern: str) -> None:
        self.routes: list[Route] = []
        super().__init__(context, pattern, self.routes.append)

    def release(self) -> None:
        """Let the held requests (and any later ones) through; those of a page closed
        meanwhile are gone with it."""
        self.stop()
        for route in self.routes:
            with contextlib.suppress(PlaywrightError):
                route.continue_()


def wait_for_requests(
    context: BrowserContext, seen: list[str], fragments: Iterable[str], timeout_ms: float
) -> None:
    """Wait until the context has asked for a URL containing each of `fragments`: `seen` is
    the list of URLs it asked for so far (kept up to date by a "request" listener). Waits on
    the browser's request events, not by polling, and fails after `timeout_ms`."""
    wanted = list(fragments)
    deadline = time.monotonic() + timeout_ms / 1000

    def missing() -> list[str]:
        return [part for part in wanted if not any(part in url for url in seen)]

    while pending := missing():
        left_ms = (deadline - time.monotonic()) * 1000
        assert left_ms > 0, f"never asked for {pending}"
        # `pending` as it was before the wait: the "request" listener that keeps `seen` up to
        # date may run first and take the URL off the list the predicate would see.
        context.wait_for_event(
            "request",
            predicate=lambda request: any(part in request.url for part in pending),
            timeout=left_ms,
        )


def open_planner(context: BrowserContext, site_url: str, fragment: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{site_url}planner/{fragment}")
    return page


def wait_until_ready(page: Page) -> None:
    expect(page.get_by_role("status").first).to_have_text("Ready", timeout=ENGINE_TIMEOUT_MS)


def wait_for_countries(page: Page, country: str = LOCALE_COUNTRY) -> None:
    """Wait until the engine's country list is in the form and the open application's
    holiday country is `country` (a new application gets the locale's own)."""
    # The hint under the list ("appears once the planner has loaded") goes with its arrival.
    expect(page.locator("#fp-country-hint")).to_be_hidden(timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#fp-country")).to_have_value(country)


def plan_on_screen(page: Page) -> list[tuple[str, str]]:
    """(kind, date) of every action the page shows, in order."""
    return [
        (item.get_attribute("data-kind") or "", item.get_attribute("data-date") or "")
        for item in page.locator("#fp-plan .fp-action").all()
    ]


def expected_plan(situation: dict[str, Any]) -> dict[str, Any]:
    """The engine's plan for a situation, computed in CPython (today pinned like the page)."""
    answer = json.loads(
        plan_response(json.dumps({"today": TODAY, "date_style": DATE_STYLE, **situation}))
    )
    assert answer["ok"], answer
    return answer["plan"]


def expected_errors(situation: dict[str, Any]) -> list[dict[str, Any]]:
    """The engine's complaints about a situation, as the page shows them beside the form."""
    answer = json.loads(
        plan_response(json.dumps({"today": TODAY, "date_style": DATE_STYLE, **situation}))
    )
    assert not answer["ok"], answer
    return answer["errors"]


def expected_calendar(situation: dict[str, Any], action: int | str | None = None) -> str:
    """The engine's calendar file (.ics text) for a situation's plan, or for one step."""
    payload = json.dumps({"today": TODAY, "date_style": DATE_STYLE, **situation})
    answer = json.loads(
        calendar_response(payload) if action is None else calendar_response(payload, action)
    )
    assert answer["ok"], answer
    return answer["ics"]


def expected_entries(situation: dict[str, Any]) -> list[tuple[str, str]]:
    return [(action["kind"], action["date"]) for action in expected_plan(situation)["actions"]]


def expect_plan(page: Page, situation: dict[str, Any]) -> None:
    """Wait until the page shows exactly the plan the engine makes for the situation."""
    entries = expected_entries(situation)
    items = page.locator("#fp-plan .fp-action")
    expect(items).to_have_count(len(entries), timeout=ENGINE_TIMEOUT_MS)
    for index, (kind, date) in enumerate(entries):
        expect(items.nth(index)).to_have_attribute("data-kind", kind)
        expect(items.nth(index)).to_have_attribute("data-date", date)
    expect_drafts_ready(page)


def expect_drafts_ready(page: Page) -> None:
    """Wait until the plan on screen has every draft in (issue 15: the dated steps come
    first, each step's draft follows in its place; data-draft says where it is)."""
    pending = page.locator('#fp-plan .fp-action[data-draft="pending"]')
    expect(pending).to_have_count(0, timeout=ENGINE_TIMEOUT_MS)


# Installed before the page's scripts (add_init_script): the page's worker hands on every
# message but the drafts of a plan (worker.js, answer "drafts"), which wait until the test
# calls window.releaseDrafts(). What the page shows meanwhile is its "pending" state.
HOLD_DRAFTS = """
(() => {
  const PageWorker = window.Worker;
  let held = [];
  window.releaseDrafts = () => {
    const waiting = held;
    held = null;
    waiting.forEach((deliver) => deliver());
  };
  window.Worker = class extends PageWorker {
    addEventListener(type, listener, options) {
      if (type !== "message") return super.addEventListener(type, listener, options);
      const holding = (event) => {
        if (held && event.data?.answer === "drafts") held.push(() => listener(event));
        else listener(event);
      };
      return super.addEventListener(type, holding, options);
    }
  };
})();
"""


def round_box(page: Page, index: int):
    return page.locator(f'.fp-round[data-round="{index}"]')


def type_into(page: Page, selector: str, text: str) -> None:
    """Click a field and type like a person does, key by key."""
    page.locator(selector).click()
    page.keyboard.type(text)


def fill_round(page: Page, index: int, date: str, people: list[tuple[str, str]]) -> None:
    """Enter one interview round: its date and the people met (adding rows as needed)."""
    box = round_box(page, index)
    box.locator('input[name="interview"]').fill(date)
    for person_index, (name, email) in enumerate(people):
        rows = box.locator(".fp-person")
        if rows.count() <= person_index:
            box.get_by_role("button", name="Add interviewer").click()
        type_into(page, f"#fp-r{index}-p{person_index}-name", name)
        type_into(page, f"#fp-r{index}-p{person_index}-email", email)


# What type_interview_day types into a new application: one round on November 16 and the
# locale's country, whose holidays move the check-in from Thanksgiving to November 27.
INTERVIEW_DATE = "2026-11-16"
INTERVIEW_DAY = {"rounds": one_round(INTERVIEW_DATE, []), "country": LOCALE_COUNTRY}


def type_interview_day(page: Page) -> None:
    """Type INTERVIEW_DAY's round into the open new application once the country list is in.

    Typed before the list, the first plan would have no country, and the page would change it
    under the test when the list arrived (the locale's country, then its holidays)."""
    wait_for_countries(page)
    fill_round(page, 0, INTERVIEW_DATE, [])


def type_details(
    page: Page, *, decision_date: str, channel: str, candidate: str, company: str, role: str
) -> None:
    """Fill in the fields after the rounds as a person does: the promised decision date, how
    to get in touch, then the candidate's name, the company and the role, key by key."""
    page.locator("#fp-decision-date").fill(decision_date)
    page.get_by_label("How to get in touch").select_option(channel)
    type_into(page, "#fp-candidate", candidate)
    type_into(page, "#fp-company", company)
    type_into(page, "#fp-role", role)


# Several applications (issue 13): what the page keeps and sends for each of them.


def page_situation(
    company: str, role: str, day: str, name: str, email: str, **changes: Any
) -> dict[str, Any]:
    """The situation the page sends for an application with one round and one interviewer,
    every field the form has filled in as the page fills its blanks (without today and
    date_style); `changes` replaces fields."""
    person = {"name": name, "email": email, "role": "interviewer", "phone": "", "topic": ""}
    situation: dict[str, Any] = {
        "rounds": [{"date": day, "interviewers": [person]}],
        "decision_date": None,
        "checkin_date": None,
        "channel": None,
        "candidate": "",
        "company": company,
        "role": role,
        "has_inside_contact": False,
        "has_references": False,
        "inside_contact": None,
        "references": [],
        "greeting": "first_name",
        "country": None,
        "log": [],
    }
    return {**situation, **changes}


def agenda_request(applications: dict[str, dict[str, Any]], today: str = TODAY) -> dict[str, Any]:
    """What the page asks its engine for to make the today list: these applications (id ->
    situation as sent), over the 14 days from `today`."""
    return {
        "format": "followup-planner",
        "version": 2,
        "today": today,
        "days": 14,
        "applications": [
            {"id": app_id, "situation": situation} for app_id, situation in applications.items()
        ],
    }


STORE_APPLICATIONS = """
applications => applications.forEach(({ id, created, draft }) => localStorage.setItem(
  `followup-planner:v2:app:${id}`, JSON.stringify({ version: 2, id, created, draft })))
"""


def store_applications(
    context: BrowserContext, site_url: str, applications: dict[str, dict[str, Any]]
) -> None:
    """Leave applications (id -> situation) in this browser as an earlier visit of the
    planner saved them, oldest first; the planner page itself is not opened."""
    page = context.new_page()
    page.goto(site_url)
    page.evaluate(
        STORE_APPLICATIONS,
        [
            {"id": app_id, "created": 1_700_000_000_000 + index, "draft": situation}
            for index, (app_id, situation) in enumerate(applications.items())
        ],
    )
    page.close()


def stored_logs(page: Page) -> dict[str, list[dict[str, Any]]]:
    """Each stored application's history, by id, as this browser keeps it now."""
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
          .filter((key) => key.startsWith("followup-planner:v2:app:"))
          .map((key) => JSON.parse(localStorage.getItem(key)))
          .map((app) => [app.id, app.draft.log]))"""
    )
