"""Failed downloads (issue 17, items 5 and 6): the page names what failed, in the visitor's
words, and tries again; whatever the visitor typed stays.

- A holiday calendar that could not be downloaded is said to be just that (not a problem
  with the dates), and the next change downloads it again.
- A damaged first-plan.bin (truncated, or not the file its checksum names) stops the start
  with a message that says so, and a Try again button that starts again. So does a damaged
  drafts.bin (the drafts' packages), once the dated steps it never held up are on screen.
- A runtime download that stalls is given up after the start deadline (engine.js), and one
  that arrives truncated at once; both offer Try again.

Files are blocked, damaged or held with context routes (no service worker: the routes see
every request). The start deadline runs on the page's clock, which the stalled test moves
on with Playwright's clock API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from planner_page import (
    ENGINE_TIMEOUT_MS,
    NOON_TODAY,
    HeldRequests,
    RoutedRequests,
    expect_plan,
    one_round,
    open_planner,
    share_fragment,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect
from trust_support import Server

# A promised decision on December 23: the second check-in falls on December 31 without
# holidays and on January 5 with Great Britain's (Christmas, Boxing Day, New Year).
SITUATION: dict[str, Any] = {
    "rounds": one_round("2026-11-20", [("Ana Ruiz", "ana@example.org")]),
    "decision_date": "2026-12-23",
    "company": "Acme",
    "role": "Tester",
    "country": None,
}
IN_BRITAIN = {**SITUATION, "country": "GB"}
HOLIDAYS_WHEEL = "**/pyodide/holidays-*.whl"
WASM = "**/pyodide/pyodide.asm.wasm"
START_DEADLINE_MS = 30_000  # engine.js
TYPED_ROLE = "Senior Tester"


def planner_context(new_context: Any) -> BrowserContext:
    return new_context(locale="en-US", service_workers="block")


def type_a_role(page: Page) -> None:
    """What the visitor typed while the planner failed: it must still be there after."""
    page.locator("#fp-role").fill(TYPED_ROLE)


def expect_start_failure(page: Page, words: str) -> None:
    status = page.locator("#fp-status")
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_contain_text(words)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


def try_again(page: Page) -> None:
    """Press Try again; the planner starts, plans what the form holds, and hides the button."""
    page.get_by_role("button", name="Try again").click()
    wait_until_ready(page)
    expect(page.get_by_role("button", name="Try again")).to_be_hidden()
    expect(page.locator("#fp-role")).to_have_value(TYPED_ROLE)
    expect_plan(page, {**SITUATION, "role": TYPED_ROLE})


def test_a_failed_holiday_download_is_named_and_tried_again_at_the_next_change(
    site: Server, new_context
) -> None:
    context = planner_context(new_context)
    blocked = RoutedRequests(context, HOLIDAYS_WHEEL, lambda route: route.abort())
    page = open_planner(context, site.url, share_fragment(SITUATION))
    expect_plan(page, SITUATION)

    page.locator("#fp-country").select_option("GB")
    plan = page.locator("#fp-plan")
    expect(plan).to_contain_text("Could not download the holiday calendar.")
    expect(plan).to_contain_text("the planner will try again at your next change")
    expect(plan).not_to_contain_text("check your dates")
    # Nothing in the form is wrong, so nothing there is marked.
    expect(page.locator('#fp-form [aria-invalid="true"], #fp-form .fp-error')).to_have_count(0)

    blocked.stop()
    page.locator("#fp-company").fill("Acme Ltd")
    expect_plan(page, {**IN_BRITAIN, "company": "Acme Ltd"})
    expect(plan).not_to_contain_text("Could not download")


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def changed(data: bytes) -> bytes:
    """The same length, one byte different: only its checksum tells."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def open_with_damaged(
    site: Server, site_dir: Path, new_context, name: str, damage
) -> tuple[RoutedRequests, Page]:
    """Open the planner on SITUATION in a context that gets pyodide/`name` damaged until
    the returned routing stops."""
    context = planner_context(new_context)
    body = damage((site_dir / "pyodide" / name).read_bytes())
    damaged = RoutedRequests(
        context,
        f"**/pyodide/{name}",
        lambda route: route.fulfill(body=body, content_type="application/octet-stream"),
    )
    return damaged, open_planner(context, site.url, share_fragment(SITUATION))


@pytest.mark.parametrize("damage", [truncated, changed], ids=["truncated", "changed"])
def test_a_damaged_first_plan_bundle_is_named_and_can_be_tried_again(
    site: Server, site_dir: Path, new_context, damage
) -> None:
    damaged, page = open_with_damaged(site, site_dir, new_context, "first-plan.bin", damage)
    type_a_role(page)
    expect_start_failure(page, "its files arrived damaged")

    damaged.stop()
    try_again(page)


@pytest.mark.parametrize("damage", [truncated, changed], ids=["truncated", "changed"])
def test_a_damaged_drafts_pack_is_named_and_can_be_tried_again(
    site: Server, site_dir: Path, new_context, damage
) -> None:
    damaged, page = open_with_damaged(site, site_dir, new_context, "drafts.bin", damage)
    # The dated steps never wait for the drafts' pack: they come all the same.
    first_step = page.locator("#fp-plan .fp-action").first
    expect(first_step).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    type_a_role(page)
    expect_start_failure(page, "its files arrived damaged")
    expect(first_step).to_have_attribute("data-draft", "failed")

    damaged.stop()
    try_again(page)


def test_a_stalled_engine_download_is_given_up_after_the_deadline(
    site: Server, new_context
) -> None:
    context = planner_context(new_context)
    held = HeldRequests(context, WASM)
    page = context.new_page()
    page.clock.install(time=NOON_TODAY)
    with page.expect_request(WASM):
        page.goto(f"{site.url}planner/{share_fragment(SITUATION)}")
    type_a_role(page)
    status = page.locator("#fp-status")
    expect(status).to_have_text("Loading the planner…")

    # The other files may still be arriving (each a sign of life that moves the deadline):
    # move the clock on past the deadline until the page gives up on the stalled file.
    for _ in range(10):
        page.clock.fast_forward(START_DEADLINE_MS)
        try:
            expect(status).to_have_attribute("data-state", "failed", timeout=2000)
            break
        except AssertionError:
            continue  # a file arrived meanwhile, and the deadline moved on with it
    expect_start_failure(page, "its engine did not finish downloading")

    held.release()
    try_again(page)


def test_a_truncated_engine_download_fails_at_once(
    site: Server, site_dir: Path, new_context
) -> None:
    context = planner_context(new_context)
    body = truncated((site_dir / "pyodide" / "pyodide.asm.wasm").read_bytes())
    damaged = RoutedRequests(
        context, WASM, lambda route: route.fulfill(body=body, content_type="application/wasm")
    )
    page = open_planner(context, site.url, share_fragment(SITUATION))
    type_a_role(page)
    expect_start_failure(page, "its files arrived damaged")

    damaged.stop()
    try_again(page)
