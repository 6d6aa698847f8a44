"""Accessibility of the planner's states with several applications: axe-core finds no serious
or critical problem, in the light and the dark palette, with three applications and the today
list, a checklist with done and skipped steps and a history, a closed application, the import
error notice, the delete message with its Undo button, the "new version" notice, the start's
progress bar and a plan whose drafts are on their way. On a
390 px wide phone every button, checkbox (with its label) and card link is at least 44 by 44
CSS px, an email field shows a whole address, and a link to the plan is in sight at the top
of the page.

The axe set-up is test_accessibility.py's, shared through trust_support.py (blocking_violations,
use_palette) and conftest.py (axe_source).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from planner_page import (
    HOLD_DRAFTS,
    TODAY,
    HeldRequests,
    expect_plan,
    one_round,
    open_planner,
    share_fragment,
)
from playwright.sync_api import BrowserContext, Page, expect
from trust_support import PALETTES, Server, blocking_violations, serve, use_palette
from worker_support import LOOK_FOR_UPDATE, controlled_caches, mark_new_build, update_notice

ACME = {
    "rounds": [
        {
            "date": "2026-11-24",
            "interviewers": [
                {"name": "Dana Lee", "email": "dana@example.com", "topic": "the data platform"}
            ],
        }
    ],
    "company": "Acme",
    "role": "Data Analyst",
    "channel": "email",
    "has_inside_contact": True,
    "inside_contact": {"name": "Ana Ruiz", "email": "ana@example.org"},
}
# By phone, with a number: its check-in card offers a Call link.
GLOBEX = {
    "rounds": [
        {
            "date": "2026-11-16",
            "interviewers": [
                {"name": "Kim Park", "email": "", "role": "recruiter", "phone": "+1 555 010 0199"}
            ],
        }
    ],
    "decision_date": "2026-11-20",
    "channel": "phone",
    "company": "Globex",
    "role": "Tester",
    "country": "US",
}
# Interviewed too long ago for a thank-you (skipped), the check-in overdue.
INITECH = {
    "rounds": one_round("2026-11-10", [("Lee Wong", "lee@example.com")]),
    "decision_date": "2026-11-20",
    "company": "Initech",
    "role": "Engineer",
    "has_references": True,
    "references": [{"name": "Ray Ito", "email": "ray@example.com"}],
}
PHONE = {"width": 390, "height": 844}
# 30 characters: an ordinary address that must show whole in every email field.
ADDRESS = "firstname.lastname@example.org"
TARGET = 44  # CSS px, each way


def planner_context(new_context: Any, **options: Any) -> BrowserContext:
    context = new_context(locale="en-US", service_workers="block", color_scheme="light", **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


def three_applications(context: BrowserContext, site_url: str, palette: str) -> Page:
    """Acme, Globex and Initech, each added from a share link; Initech open."""
    page = open_planner(context, site_url, share_fragment(ACME))
    use_palette(page, palette)
    expect_plan(page, ACME)
    for situation in (GLOBEX, INITECH):
        page.goto(f"{site_url}planner/{share_fragment(situation)}")
        expect_plan(page, situation)
    expect(page.locator("#fp-applications li.fp-application")).to_have_count(3)
    return page


def card(page: Page, kind: str):
    return page.locator(f'#fp-plan .fp-action[data-kind="{kind}"]').first


def tick_and_answer(page: Page) -> None:
    """Tick the open application's check-in as done today, and record an answer."""
    follow_up = card(page, "follow_up")
    follow_up.locator('input[name="done"]').click()
    expect(follow_up).to_have_attribute("data-status", "done")
    expect(follow_up.locator('input[name="done_on"]')).to_have_value(TODAY)
    page.locator("button[name=record_reply]").click()
    expect(page.locator("#fp-history li.fp-history__item")).to_have_count(2)


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_problem_in_the_states_of_several_applications(
    site: Server, new_context, axe_source: str, palette: str
) -> None:
    page = three_applications(planner_context(new_context), site.url, palette)

    # Three applications and the today list across them, with overdue and due steps.
    agenda = page.locator("#fp-agenda-body li.fp-agenda__item")
    for company in ("Acme", "Globex", "Initech"):
        expect(agenda.filter(has_text=company).first).to_be_visible()
    expect(agenda.locator(".fp-badge--overdue").first).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "three applications, today list"

    # A checklist with done and skipped steps, and a history with entries.
    tick_and_answer(page)
    expect(page.locator('#fp-plan .fp-action[data-status="skipped"]')).not_to_have_count(0)
    expect(page.locator('#fp-plan .fp-action[data-status="done"]')).not_to_have_count(0)
    assert blocking_violations(page, axe_source) == [], "done and skipped steps, history"

    # A closed application: turned down, with the drafted reply.
    page.locator("button[name=outcome][value=rejection]").click()
    expect(card(page, "reply_to_rejection")).to_be_visible()
    expect(page.locator("#fp-plan .fp-plan__asof")).to_contain_text("Closed")
    expect(page.locator('#fp-applications li[data-state="rejection"]')).to_have_count(1)
    assert blocking_violations(page, axe_source) == [], "a closed application"

    # The import error notice.
    page.locator("#fp-import").set_input_files(
        {"name": "notes.json", "mimeType": "application/json", "buffer": b"not json"}
    )
    expect(page.locator("#fp-notice")).to_contain_text("is not a Follow-up Planner export file")
    assert blocking_violations(page, axe_source) == [], "the import error notice"

    # Deleting an application: the message with its Undo button.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this application").click()
    expect(page.locator("#fp-message-text")).to_have_text('Deleted "Initech — Engineer".')
    expect(page.locator("#fp-undo")).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "the delete message with Undo"


# Boxes of every visible control a finger must hit in the planner: buttons (and the file
# picker's label, dressed as one), each checkbox with its labels, and the card links.
TARGETS = """() => {
  const seen = [];
  const visible = (node) => node.checkVisibility() && node.getClientRects().length > 0;
  const name = (node) =>
    `${node.tagName.toLowerCase()}${node.id ? "#" + node.id : ""} "${
      (node.getAttribute("aria-label") || node.textContent || node.labels?.[0]?.textContent || "")
        .trim().replace(/\\s+/g, " ").slice(0, 40)}"`;
  const box = (nodes) => {
    const rects = nodes.filter(visible).map((node) => node.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { width: right - left, height: bottom - top };
  };
  const planner = document.querySelector("#fp-planner");
  for (const node of planner.querySelectorAll("button, .fp-button, .fp-action__tools a")) {
    if (visible(node)) seen.push({ what: name(node), ...box([node]) });
  }
  for (const node of planner.querySelectorAll('input[type="checkbox"]')) {
    if (visible(node)) seen.push({ what: name(node), ...box([node, ...node.labels]) });
  }
  return seen;
}"""


def small_targets(page: Page) -> list[str]:
    targets = page.evaluate(TARGETS)
    assert len(targets) > 30, targets  # the states below are on screen
    return [
        f"{target['what']} is {target['width']:.0f}x{target['height']:.0f}"
        for target in targets
        if target["width"] < TARGET - 0.5 or target["height"] < TARGET - 0.5
    ]


def cut_off_addresses(page: Page) -> list[str]:
    """Email fields whose whole address does not show (they would scroll sideways)."""
    short = []
    for field in page.locator('#fp-planner input[type="email"]').all():
        field.fill(ADDRESS)
        scroll, client = field.evaluate("node => [node.scrollWidth, node.clientWidth]")
        if scroll > client:
            short.append(f"{field.get_attribute('id')}: {scroll} > {client}")
    return short


@pytest.mark.parametrize("palette", PALETTES)
def test_on_a_phone_targets_are_large_addresses_whole_and_the_plan_in_reach(
    site: Server, new_context, axe_source: str, palette: str
) -> None:
    page = three_applications(planner_context(new_context, viewport=PHONE), site.url, palette)
    # On screen: the applications and today lists, the message of a deleted application
    # with its Undo button, and Globex's checklist by phone (Call links) with a done step
    # and its day, a skipped step, a history and a reference row.
    applications = page.locator("#fp-applications li.fp-application")
    applications.filter(has_text="Acme").locator("button").click()
    expect_plan(page, ACME)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this application").click()
    expect(page.locator("#fp-undo")).to_be_visible()
    applications.filter(has_text="Globex").locator("button").click()
    expect_plan(page, GLOBEX)
    tick_and_answer(page)
    page.get_by_role("button", name="Add a reference").click()
    expect(page.locator("#fp-plan .fp-action__tools a", has_text="Call").first).to_be_visible()
    expect(page.locator('#fp-plan .fp-action[data-status="skipped"]')).not_to_have_count(0)
    expect(page.locator("#fp-undo")).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "390 px wide"

    # The link to the plan is in sight at the top of the page, on top of everything there.
    page.evaluate("window.scrollTo(0, 0)")
    jump = page.get_by_role("link", name="Jump to your plan")
    expect(jump).to_be_in_viewport()
    assert jump.evaluate(
        """(link) => {
          const box = link.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return link.contains(hit);
        }"""
    ), "something covers the jump link"
    box = jump.bounding_box()
    assert box is not None and box["width"] >= TARGET and box["height"] >= TARGET
    jump.click()
    expect(page).to_have_url(re.compile(r"#fp-plan$"))
    heading = page.locator("#fp-plan-heading")
    expect(heading).to_be_in_viewport()
    # Not hidden under the site's fixed header.
    assert heading.evaluate(
        """(node) => {
          const box = node.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + 4, box.y + box.height / 2);
          return node.contains(hit);
        }"""
    ), "the plan's heading is hidden"

    assert small_targets(page) == []
    assert cut_off_addresses(page) == []


def test_on_a_desktop_email_fields_show_the_whole_address(site: Server, new_context) -> None:
    context = planner_context(new_context, viewport={"width": 1280, "height": 900})
    page = three_applications(context, site.url, "light")
    page.get_by_role("button", name="Add a reference").click()
    page.get_by_role("button", name="Add interviewer").click()
    assert page.locator('#fp-planner input[type="email"]').count() >= 4
    assert cut_off_addresses(page) == []


@pytest.mark.parametrize("palette", PALETTES)
def test_the_new_version_notice_on_a_phone(
    tmp_path: Path, site_dir: Path, new_context, axe_source: str, palette: str
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    site, server = serve(copy)
    try:
        context = new_context(locale="en-US", color_scheme="light", viewport=PHONE)
        page = open_planner(context, site.url)
        controlled_caches(page)
        use_palette(page, palette)
        mark_new_build(copy)
        page.evaluate(LOOK_FOR_UPDATE)
        notice = update_notice(page)
        assert blocking_violations(page, axe_source) == [], "the new version notice"
        box = notice.get_by_role("button", name="Reload").bounding_box()
        assert box is not None and box["width"] >= TARGET and box["height"] >= TARGET
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_problem_when_downloads_fail(
    site: Server, new_context, axe_source: str, palette: str
) -> None:
    """A holiday calendar that could not be downloaded (the note in the plan), then a start
    that failed on a damaged file (the status and its Try again button)."""
    context = planner_context(new_context)
    context.route("**/pyodide/holidays-*.whl", lambda route: route.abort())
    page = open_planner(context, site.url, share_fragment(INITECH))
    use_palette(page, palette)
    expect_plan(page, INITECH)
    page.locator("#fp-country").select_option("GB")
    expect(page.locator("#fp-plan")).to_contain_text("Could not download the holiday calendar.")
    assert blocking_violations(page, axe_source) == [], "a holiday calendar not downloaded"

    context.route("**/pyodide/first-plan.bin", lambda route: route.fulfill(body=b"damaged"))
    page.reload()
    expect(page.locator("#fp-status")).to_contain_text("its files arrived damaged")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "a failed start, with Try again"


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_problem_while_the_planner_loads_and_writes_drafts(
    site: Server, new_context, axe_source: str, palette: str
) -> None:
    """Issue 15's two passing states: the start's progress bar (Python's download held
    back), then a plan whose dated steps are shown while their drafts are written (held)."""
    context = planner_context(new_context)
    page = open_planner(context, site.url, share_fragment(ACME))
    use_palette(page, palette)  # kept in this browser for the next load
    expect_plan(page, ACME)

    python = HeldRequests(context, "**/pyodide/pyodide.asm.wasm")
    context.add_init_script(HOLD_DRAFTS)
    page.close()  # a new load: on the same page, a new link only changes the fragment
    page = open_planner(context, site.url, share_fragment(INITECH))
    scheme = "slate" if palette == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    expect(page.get_by_role("progressbar", name="Downloading the planner")).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "the start's progress bar"

    python.release()
    expect(page.locator('#fp-plan .fp-action[data-draft="pending"]').first).to_be_visible()
    expect(page.locator("#fp-progress")).to_be_hidden()
    assert blocking_violations(page, axe_source) == [], "dated steps, drafts on their way"
    page.evaluate("window.releaseDrafts()")
    expect_plan(page, INITECH)
