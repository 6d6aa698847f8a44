"""The engine's worker starts before planner.js's module graph has loaded (early.js, issue 15):
Pyodide's start is the planner's cost, and it begins with the worker. planner.js adopts that
worker, and every message it sent meanwhile reaches the page; without early.js, planner.js
starts the worker itself."""

from __future__ import annotations

from planner_page import (
    ENGINE_TIMEOUT_MS,
    SHARED,
    HeldRequests,
    expect_plan,
    share_fragment,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

# Installed before the page's scripts: records each worker the page starts (window.workers)
# and every message any of them sends (window.workerMessages), whoever listens to it.
RECORD_WORKERS = """
(() => {
  window.workers = [];
  window.workerMessages = [];
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      window.workers.push({ url: String(url), name: options?.name ?? "" });
      this.addEventListener("message", (event) => {
        window.workerMessages.push(event.data);
        // Told on the console too: a page whose first paint is held runs no animation frame,
        // so a test waits for this message rather than for a page function to turn true.
        console.debug(`worker:${event.data?.type}`);
      });
    }
  };
})();
"""


def recording_context(context: BrowserContext) -> BrowserContext:
    context.add_init_script(RECORD_WORKERS)
    return context


def workers(page: Page) -> list[dict[str, str]]:
    """The engine's workers the page started (not the theme's search worker)."""
    made = page.evaluate("window.workers")
    return [worker for worker in made if worker["url"].endswith("/assets/planner/worker.js")]


def test_the_worker_starts_and_gets_ready_while_planner_js_is_held_back(context, site_url):
    """planner.js is held until the early worker has sent everything it sends while starting
    ("loading", build, progress, "ready", countries): none of it may be lost to the page."""
    recording_context(context)
    entry = HeldRequests(context, "**/assets/planner/planner.js")
    page = context.new_page()
    page.goto(f"{site_url}planner/{share_fragment(SHARED)}", wait_until="commit")
    page.wait_for_function(
        "() => window.workerMessages.some((message) => message.type === 'countries')",
        timeout=ENGINE_TIMEOUT_MS,
    )
    assert len(entry.routes) == 1  # planner.js never arrived: early.js started the worker
    assert workers(page) == [{"url": f"{site_url}assets/planner/worker.js", "name": ""}]
    kinds = [message.get("type") for message in page.evaluate("window.workerMessages")]
    assert {"status", "build", "progress", "countries"} <= set(kinds), kinds
    entry.release()
    wait_until_ready(page)
    # The country list came before planner.js did: the form has it all the same.
    expect(page.locator("#fp-country-hint")).to_be_hidden()
    expect_plan(page, SHARED)
    assert len(workers(page)) == 1  # adopted, not started a second time


def test_the_page_starts_its_own_worker_when_early_js_fails(context, site_url):
    recording_context(context)
    context.route("**/assets/planner/early.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{site_url}planner/{share_fragment(SHARED)}")
    wait_until_ready(page)
    expect_plan(page, SHARED)
    assert workers(page) == [{"url": f"{site_url}assets/planner/worker.js", "name": ""}]


def test_the_worker_starts_before_any_style_sheet_has_arrived(context, site_url):
    """early.js stands at the top of the <head> (overrides/main.html): the page's style sheets,
    which hold up its classic scripts and so the parser, do not hold up Pyodide's start."""
    recording_context(context)
    styles = HeldRequests(context, "**/*.css")
    page = context.new_page()
    countries = lambda message: message.text == "worker:countries"  # noqa: E731
    with page.expect_console_message(countries, timeout=ENGINE_TIMEOUT_MS):
        page.goto(f"{site_url}planner/{share_fragment(SHARED)}", wait_until="commit")
    assert styles.routes, "the page asked for no style sheet"
    assert page.evaluate("document.styleSheets.length") == 0  # none has arrived yet
    styles.release()
    wait_until_ready(page)
    expect_plan(page, SHARED)
    assert len(workers(page)) == 1
