"""Nothing a person types into the planner leaves the page, not even towards the site itself:
not while it plans, nor when the today list is drawn across applications, nor when the
visitor exports, downloads a CSV or calendar file, or comes back."""

from __future__ import annotations

from urllib.parse import quote, quote_plus, urlsplit

from planner_page import (
    LOCALE_COUNTRY,
    expect_plan,
    fill_round,
    open_planner,
    type_into,
    wait_for_countries,
)
from playwright.sync_api import expect
from trust_support import Server

# Values nobody else would ever send, so finding one in any request can only mean a leak.
PERSON = ("Zyx Quortle", "zyxq@example.org")
CANDIDATE, COMPANY, ROLE = "Vemblor Kastrip", "Glimbotron Works", "Quastle Analyst"
SITUATION = {
    "rounds": [{"date": "2026-11-16", "interviewers": [{"name": PERSON[0], "email": PERSON[1]}]}],
    "candidate": CANDIDATE,
    "company": COMPANY,
    "role": ROLE,
    "country": LOCALE_COUNTRY,  # typed into a new application in an en-US browser
}
# A second application, so the today list is one agenda request over several.
OTHER_COMPANY = "Frobnix Quellware"


def spellings(value: str) -> set[str]:
    """The forms a value takes in URLs, forms and JSON, lower-cased for matching."""
    return {form.lower() for form in (value, quote(value), quote_plus(value))}


def leaks(text: str) -> set[str]:
    found = text.lower()
    personal = [*PERSON, CANDIDATE, COMPANY, ROLE, OTHER_COMPANY]
    return {form for value in personal for form in spellings(value) if form in found}


def test_planner_sends_nothing_personal(site: Server, new_context) -> None:
    context = new_context()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(f"{request.url}\n{request.post_data or ''}"))
    page = open_planner(context, site.url)
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [PERSON])
    type_into(page, "#fp-candidate", CANDIDATE)
    type_into(page, "#fp-company", COMPANY)
    type_into(page, "#fp-role", ROLE)
    expect_plan(page, SITUATION)
    # The drafts use what was typed, so it did reach the engine in the worker.
    assert PERSON[0] in page.locator("#fp-plan").inner_text()

    # A second application; the today list covers both (the worker's agenda).
    page.locator("button[name=new_application]").click()
    fill_round(page, 0, "2026-11-20", [])
    type_into(page, "#fp-company", OTHER_COMPANY)
    agenda = page.locator("#fp-agenda-body")
    expect(agenda.locator(".fp-agenda__item", has_text=COMPANY).first).to_be_visible()
    expect(agenda.locator(".fp-agenda__item", has_text=OTHER_COMPANY).first).to_be_visible()

    # Everything the visitor takes away is made in the page and handed over as a download.
    for button in ("export", "export_csv", "calendar_all"):
        with page.expect_download() as download:
            page.locator(f"button[name={button}]").click()
        saved = download.value.path().read_text(encoding="utf-8")
        assert COMPANY in saved and OTHER_COMPANY in saved, button

    page.reload()  # the saved applications come back from this device, not from anywhere else
    expect(page.locator("#fp-applications [data-open]")).to_have_count(2)
    page.locator("#fp-applications [data-open]", has_text=COMPANY).click()
    expect_plan(page, SITUATION)

    assert seen, "the browser made no requests at all?"
    home = urlsplit(site.url).netloc
    assert [url for url in seen if urlsplit(url).netloc not in (home, "")] == []
    assert [request for request in seen if leaks(request)] == []
    received = [f"{r.method} {r.path}\n{r.headers}\n{r.body!r}" for r in site.received]
    assert [request for request in received if leaks(request)] == []
    assert {r.method for r in site.received} == {"GET"}
