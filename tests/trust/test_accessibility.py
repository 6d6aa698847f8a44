"""Accessibility: axe-core finds no serious or critical problem on any page, in the light and
the dark palette, including the planner with a plan, with errors and with a notice on screen;
the planner can be completed with the keyboard alone, with a visible focus ring at every
stop; plans, errors and notices reach screen readers through live regions.

axe-core comes from node_modules (npm ci) and is handed to the page as source text through
Playwright's evaluate, which the pages' CSP does not apply to: nothing is fetched and the
policy is not relaxed for these tests. The planner's states with several applications (today
list, checklist, history, closed application, import notice, delete message) and its phone
layout are checked in test_accessibility_states.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from planner_page import (
    LOCALE_COUNTRY,
    expect_plan,
    expected_plan,
    open_planner,
    share_fragment,
    wait_for_countries,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect
from trust_support import PALETTES, Server, blocking_violations, use_palette


def light_context(new_context) -> BrowserContext:
    context = new_context(locale="en-US", service_workers="block", color_scheme="light")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a path below the site root."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


PAGES = [
    "",
    "404.html",
    "before-you-leave/",
    "how-we-count-days/",
    "if-you-are-late/",
    "keep-applying/",
    "no-timeline/",
    "planner/",
    "promised-date-passed/",
    "reference/",
    "reference/export/",
    "reference/plan/",
    "reference/situation/",
    "second-check-in/",
    "self-hosting/",
    "thank-you-note/",
    "when-they-answer/",
    "who-to-write-to/",
]


def test_every_page_is_checked(site_dir: Path) -> None:
    """PAGES must list the built site's pages, so a new page cannot skip the check."""
    assert sorted(site_pages(site_dir)) == sorted(PAGES)


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("page_path", PAGES)
def test_no_serious_problem_on_any_page(
    site: Server, new_context, axe_source: str, page_path: str, palette: str
) -> None:
    page = light_context(new_context).new_page()
    page.goto(site.url + page_path)
    use_palette(page, palette)
    assert blocking_violations(page, axe_source) == []


IMG = "<img src=x onerror=alert(1)>"
TEMPLATE = "{{7*7}}"
HOSTILE = {
    "rounds": [
        {"date": "2026-11-16", "interviewers": [{"name": IMG, "email": "dana@example.com"}]}
    ],
    "decision_date": "2026-11-20",
    "channel": "email",
    "company": TEMPLATE,
    "has_inside_contact": True,
}
ERRORS = {
    "rounds": [
        {"date": "2026-11-16", "interviewers": [{"name": "Dana", "email": "javascript:alert(1)"}]}
    ],
    "decision_date": "2026-11-01",
}


@pytest.mark.parametrize("palette", PALETTES)
def test_no_serious_problem_in_the_planner_with_a_notice_a_plan_or_errors(
    site: Server, new_context, axe_source: str, palette: str
) -> None:
    page = open_planner(light_context(new_context), site.url, "#s=broken%%")
    use_palette(page, palette)
    wait_until_ready(page)
    expect(page.locator("#fp-notice")).to_be_visible()
    assert blocking_violations(page, axe_source) == [], "with a notice"

    # A plan (with hostile names in it) and the share box open.
    page.goto(f"{site.url}planner/{share_fragment(HOSTILE)}")
    expect_plan(page, HOSTILE)
    page.get_by_role("button", name="Share link").click()
    expect(page.locator("#fp-share-url")).not_to_have_value("")
    assert blocking_violations(page, axe_source) == [], "with a plan"
    assert IMG in page.locator("#fp-plan").inner_text()
    assert TEMPLATE in page.locator("#fp-plan").inner_text()

    # Errors beside their fields; the live plan region repeats each of them.
    page.goto(f"{site.url}planner/{share_fragment(ERRORS)}")
    errors = page.locator(".fp-error")
    expect(errors).to_have_count(2)
    assert blocking_violations(page, axe_source) == [], "with errors"
    live = page.locator("#fp-plan-body")
    expect(live).to_have_attribute("aria-live", "polite")
    for message in page.locator(".fp-plan__problems li").all_inner_texts():
        assert message in " ".join(errors.all_inner_texts())
    for error in errors.all():
        expect(live).to_contain_text(error.inner_text())


def test_live_regions_announce_status_notices_and_the_plan(site: Server, new_context) -> None:
    page = open_planner(light_context(new_context), site.url)
    expect(page.locator("#fp-status")).to_have_attribute("role", "status")
    expect(page.locator("#fp-notice")).to_have_attribute("role", "alert")
    expect(page.locator("#fp-plan-body")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#fp-share-note")).to_have_attribute("role", "status")


# The focused element shows a ring (outline or box-shadow); a visually hidden control such as
# Material's palette switch may show it on a label (Material rings the label right after it).
FOCUS_RING = """() => {
  const node = document.activeElement;
  if (!node || node === document.body) return null;
  const ringed = (element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
  };
  const hidden = getComputedStyle(node).opacity === "0" || node.offsetWidth === 0;
  const standIns = hidden ? [...node.parentElement.querySelectorAll("label")] : [];
  return {
    what: `${node.tagName.toLowerCase()}#${node.id}.${node.className}`,
    ring: [node, ...(node.labels ?? []), ...standIns].some(
      (element) => element.checkVisibility() && ringed(element)),
  };
}"""


def tab_to(page: Page, selector: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `selector` has focus; every stop must show a ring."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        focused: Any = page.evaluate(FOCUS_RING)
        if focused is None:
            continue
        assert focused["ring"], f"no visible focus on {focused['what']}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with {key} in {limit} presses")


def test_the_planner_works_with_the_keyboard_alone(site: Server, new_context) -> None:
    page = open_planner(light_context(new_context), site.url)
    wait_for_countries(page)
    keyboard = page.keyboard

    tab_to(page, "#fp-r0-date")
    keyboard.type("11162026")  # en-US date fields take month, day, year
    expect(page.locator("#fp-r0-date")).to_have_value("2026-11-16")
    tab_to(page, "#fp-r0-p0-name")
    keyboard.type("Dana")
    tab_to(page, "#fp-r0-p0-email")
    keyboard.type("dana@acme.com")

    tab_to(page, "#fp-add-round")
    keyboard.press("Enter")
    expect(page.locator("#fp-r1-date")).to_be_focused()  # the new round's date, ready to type
    keyboard.type("11092026")
    expect(page.locator("#fp-r1-date")).to_have_value("2026-11-09")

    tab_to(page, "#fp-decision-date")
    keyboard.type("11202026")
    tab_to(page, "#fp-channel")
    keyboard.press("ArrowDown")
    expect(page.locator("#fp-channel")).to_have_value("email")
    tab_to(page, "#fp-inside-contact")
    keyboard.press("Space")
    tab_to(page, "#fp-references")
    keyboard.press("Space")
    expect(page.locator("#fp-inside-contact")).to_be_checked()
    expect(page.locator("#fp-references")).to_be_checked()

    situation = {
        "rounds": [
            {
                "date": "2026-11-16",
                "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}],
            },
            {"date": "2026-11-09", "interviewers": []},
        ],
        "decision_date": "2026-11-20",
        "channel": "email",
        "has_inside_contact": True,
        "has_references": True,
        "country": LOCALE_COUNTRY,  # a new application in an en-US browser
    }
    expect_plan(page, situation)

    # The first card with a draft (a skipped step has none, so no Copy button).
    actions = expected_plan(situation)["actions"]
    index, first = next((i, a) for i, a in enumerate(actions) if a["message"])
    copy_button = f'button[data-copy="{index}"]'
    tab_to(page, copy_button)
    keyboard.press("Enter")
    expect(page.locator(copy_button)).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == first["message"]["body"]

    # Tick that step off: its checkbox sits above the draft; after the plan is drawn again
    # the step shows as done and focus is back on its checkbox, not lost at the top.
    tab_to(page, f"#fp-done-{index}", backwards=True)
    keyboard.press("Space")
    card = page.locator(f'#fp-plan .fp-action[data-action="{first["id"]}"]')
    expect(card).to_have_attribute("data-status", "done")
    expect(card.locator('input[name="done"]')).to_be_focused()
    expect(card.locator('input[name="done"]')).to_be_checked()

    tab_to(page, "#fp-share", backwards=True)
    keyboard.press("Enter")
    link = re.compile(re.escape(f"{site.url}planner/#s=") + r"[\w-]+$")
    expect(page.locator("#fp-share-url")).to_have_value(link)
