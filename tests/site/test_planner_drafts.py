"""A plan in two answers (issue 15): the dated steps at once, their drafts in place after.

Each step says where its draft is in `data-draft`: "pending" while it is on its way, "ready"
once shown, "none" for a step that sends nothing. A pending step keeps its draft's place (so
nothing moves when the draft comes) and its buttons are disabled, with a visible note. Only
the plan with its drafts is kept for the next visit. The tests hold the drafts back in the
page (planner_page.HOLD_DRAFTS) to see the pending state, or watch the attribute's changes.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from planner_page import (
    ENGINE_TIMEOUT_MS,
    HOLD_DRAFTS,
    NOON_TODAY,
    SHARED,
    HeldRequests,
    expect_drafts_ready,
    expect_plan,
    expected_entries,
    expected_plan,
    open_planner,
    share_fragment,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

CARDS = "#fp-plan .fp-action"

# Every value each step's data-draft takes, in order, from the moment it is drawn.
WATCH_DRAFTS = """
(() => {
  window.draftStates = [];
  const seen = (item) => {
    const index = [...item.parentNode.children].indexOf(item);
    (window.draftStates[index] ??= []).push(item.dataset.draft);
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes" && change.target.matches(".fp-action")) seen(change.target);
      for (const node of change.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(".fp-action")) seen(node);
        node.querySelectorAll?.(".fp-action").forEach(seen);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true,
                         attributeFilter: ["data-draft"] });
})();
"""

# Where each step and its draft's box are on the page (CSS px).
# Where each step sits within the plan, and how tall it and its draft's box are. Measured from
# the plan's own top: what changes elsewhere on the page (the status line, the today list)
# is not the plan moving under the visitor's eyes.
GEOMETRY = """() => [...document.querySelectorAll("#fp-plan .fp-action")].map((item) => {
  const box = item.querySelector(".fp-action__draft");
  const plan = document.querySelector("#fp-plan").getBoundingClientRect().top;
  return {
    top: item.getBoundingClientRect().top - plan,
    height: item.getBoundingClientRect().height,
    draft: box ? box.getBoundingClientRect().height : null,
  };
})"""


def draft_states(plan: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Each step's data-draft while its drafts are on their way, and once they are in."""
    waiting = ["pending" if action["message"] else "none" for action in plan["actions"]]
    done = ["ready" if action["message"] else "none" for action in plan["actions"]]
    return waiting, done


def states_on_screen(page: Page) -> list[str]:
    return [item.get_attribute("data-draft") or "" for item in page.locator(CARDS).all()]


def wait_for_dates(page: Page, situation: dict[str, Any]) -> None:
    expect(page.locator(CARDS)).to_have_count(
        len(expected_entries(situation)), timeout=ENGINE_TIMEOUT_MS
    )


def test_the_dates_come_first_and_each_draft_fills_its_place(context: BrowserContext, site_url):
    context.add_init_script(HOLD_DRAFTS)
    page = open_planner(context, site_url, share_fragment(SHARED))
    wait_for_dates(page, SHARED)
    plan = expected_plan(SHARED)
    waiting, done = draft_states(plan)
    assert "pending" in waiting and "none" in waiting
    assert states_on_screen(page) == waiting

    # A step waiting for its draft says so, and none of its buttons works yet.
    pending = page.locator(f'{CARDS}[data-draft="pending"]')
    for index in range(pending.count()):
        card = pending.nth(index)
        expect(card.locator(".fp-action__draft")).to_have_text("Writing the draft…")
        buttons = card.locator(".fp-action__tools button")
        assert buttons.count() > 0
        for button in buttons.all():
            expect(button).to_be_disabled()
    wait_until_ready(page)  # the status line and the country list settle first
    before = page.evaluate(GEOMETRY)

    page.evaluate("window.releaseDrafts()")
    expect_drafts_ready(page)
    assert states_on_screen(page) == done
    # Nothing moved: every step where it was, every draft's box the size it had.
    assert page.evaluate(GEOMETRY) == before

    # The drafts are the engine's, and their buttons work now.
    first = next(action for action in plan["actions"] if action["message"])
    card = page.locator(f'{CARDS}[data-action="{first["id"]}"]')
    expect(card.locator(".fp-message__body")).to_contain_text(
        first["message"]["body"].split("\n")[0]
    )
    card.locator("[data-copy]").click()
    assert page.evaluate("navigator.clipboard.readText()") == first["message"]["body"]


def test_on_a_cold_start_each_draft_is_pending_then_ready(context: BrowserContext, site_url):
    context.add_init_script(WATCH_DRAFTS)
    page = open_planner(context, site_url, share_fragment(SHARED))
    expect_plan(page, SHARED)
    waiting, done = draft_states(expected_plan(SHARED))
    seen = page.evaluate("window.draftStates")
    assert [states[-1] for states in seen] == done
    # Drawn pending (the dates alone), then ready: never ready at once, never back again.
    for index, states in enumerate(seen):
        expected = ["pending", "ready"] if waiting[index] == "pending" else ["none"]
        assert [state for i, state in enumerate(states) if i == 0 or state != states[i - 1]] == (
            expected
        ), index


def test_the_drafts_of_an_earlier_plan_never_land_in_a_newer_one(context: BrowserContext, site_url):
    context.add_init_script(HOLD_DRAFTS)
    page = open_planner(context, site_url, share_fragment(SHARED))
    wait_for_dates(page, SHARED)
    wait_until_ready(page)
    page.locator("#fp-company").fill("Globex")
    # The newer plan is drawn (its label names Globex) while both plans' drafts are held.
    expect(page.locator("#fp-plan .fp-plan__application")).to_contain_text("Globex")
    expect(page.locator(f'{CARDS}[data-draft="pending"]').first).to_be_visible()

    page.evaluate("window.releaseDrafts()")
    expect_drafts_ready(page)
    renamed = {**SHARED, "company": "Globex"}
    for action in expected_plan(renamed)["actions"]:
        if action["message"]:
            card = page.locator(f'{CARDS}[data-action="{action["id"]}"]')
            expect(card.locator(".fp-message__body")).to_have_text(
                action["message"]["body"].replace("\n\n", "")
            )
    drafts = page.locator("#fp-plan .fp-message").all_inner_texts()
    assert drafts and not any("Initech" in text for text in drafts)


def test_a_returning_visitor_sees_the_kept_plan_with_its_drafts_at_once(
    context: BrowserContext, site_url
):
    page = open_planner(context, site_url, share_fragment(SHARED))
    expect_plan(page, SHARED)
    page.close()

    python = HeldRequests(context, "**/pyodide/pyodide.asm.wasm")  # Python cannot start
    page = open_planner(context, site_url)
    wait_for_dates(page, SHARED)
    expect(page.locator("#fp-status")).to_have_text("Loading the planner…")
    assert states_on_screen(page) == draft_states(expected_plan(SHARED))[1]
    expect(page.locator("#fp-plan .fp-message").first).to_be_visible()
    python.release()
    wait_until_ready(page)


# When the progress bar was first shown (ms from the navigation), or null.
WATCH_PROGRESS = """
(() => {
  window.progressShownAt = null;
  new MutationObserver(() => {
    const box = document.getElementById("fp-progress");
    if (box && !box.hidden && window.progressShownAt === null) {
      window.progressShownAt = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true,
                         attributeFilter: ["hidden"] });
})();
"""


def test_a_slow_start_shows_its_download_after_a_second(context: BrowserContext, site_url):
    context.add_init_script(WATCH_PROGRESS)
    python = HeldRequests(context, "**/pyodide/pyodide.asm.wasm")
    page = open_planner(context, site_url, share_fragment(SHARED))
    bar = page.get_by_role("progressbar", name="Downloading the planner")
    expect(bar).to_be_visible()
    assert page.evaluate("window.progressShownAt") >= 1000
    # Bytes done of bytes expected (first-plan.json's sizes), and a polite word on it.
    expect(page.locator("#fp-progress-bytes")).to_have_text(re.compile(r"^\d+\.\d of \d+\.\d MB$"))
    expected = float(page.evaluate("document.getElementById('fp-progress-bar').max"))
    assert expected > 20_000_000
    step = page.locator("#fp-progress-step")
    expect(step).to_have_attribute("aria-live", "polite")
    expect(step).not_to_be_empty()

    python.release()
    wait_until_ready(page)
    expect(page.locator("#fp-progress")).to_be_hidden()
    expect(step).to_be_empty()
    expect_plan(page, SHARED)


def test_a_start_within_a_second_shows_no_progress_bar(context: BrowserContext, site_url):
    context.add_init_script(WATCH_PROGRESS)
    # The page's clock stands still until the engine is ready: its second never ends.
    context.clock.install(time=NOON_TODAY)
    context.clock.pause_at(NOON_TODAY + timedelta(milliseconds=100))
    page = context.new_page()
    page.goto(f"{site_url}planner/{share_fragment(SHARED)}")
    wait_until_ready(page)
    page.clock.run_for(5_000)
    expect_plan(page, SHARED)
    assert page.evaluate("window.progressShownAt") is None
    expect(page.locator("#fp-progress")).to_be_hidden()
