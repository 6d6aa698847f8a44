"""The theme's own script on the planner page: overrides/main.html keeps Material's scripts in
a <template> and assets/planner/theme.js runs them once the first plan is on screen, or at once
when the visitor reaches for the header; then search and the colour toggle work as on every
other page."""

from __future__ import annotations

import re

from planner_page import ENGINE_TIMEOUT_MS, HeldRequests, open_planner, share_fragment
from playwright.sync_api import BrowserContext, Page, expect

SHARED = share_fragment({"rounds": [{"date": "2026-11-16", "interviewers": [{"name": "Dana"}]}]})

# Notes, at the moment the first plan shows, whether the theme's bundle was already on the
# page or fetched (times cannot be compared: the tests' fixed clock shifts performance.now()).
ORDER_PROBE = """
window.__themeAtFirstPlan = null;
new MutationObserver(() => {
  if (window.__themeAtFirstPlan !== null) return;
  if (!document.querySelector("#fp-plan-body .fp-action")) return;
  const isBundle = (url) => url.includes("/assets/javascripts/bundle.");
  window.__themeAtFirstPlan = {
    element: [...document.scripts].some((script) => isBundle(script.src)),
    fetched: performance.getEntriesByType("resource").some((entry) => isBundle(entry.name)),
  };
}).observe(document, { childList: true, subtree: true });
"""


def search_for(page: Page, query: str) -> None:
    page.get_by_placeholder("Search").click()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__item").first).to_contain_text(
        "thank", ignore_case=True, timeout=ENGINE_TIMEOUT_MS
    )


def hold_python(context: BrowserContext) -> None:
    """Keep Pyodide's WebAssembly from ever arriving, so the planner never settles."""
    context.route("**/pyodide.asm.wasm", lambda route: None)


def test_the_theme_starts_after_the_first_plan(context, site_url):
    context.add_init_script(ORDER_PROBE)
    page = open_planner(context, site_url, SHARED)
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    assert page.evaluate("window.__themeAtFirstPlan") == {"element": False, "fetched": False}
    search_for(page, "thank")  # and then it starts: its search answers


def test_the_colour_toggle_works_on_the_planner_page(context, site_url):
    page = open_planner(context, site_url, SHARED)
    expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_title("Switch to light mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_search_works_before_python_has_started(context, site_url):
    hold_python(context)
    page = open_planner(context, site_url)
    search_for(page, "thank")
    expect(page.get_by_role("status").first).to_have_text("Loading the planner…")


def test_the_colour_toggle_works_before_python_has_started(context, site_url):
    hold_python(context)
    page = open_planner(context, site_url)
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()  # the choice is kept, as Material keeps it
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    expect(page.get_by_role("status").first).to_have_text("Loading the planner…")


def test_a_dark_system_gets_the_dark_scheme_before_python_has_started(new_context, site_url):
    context = new_context(color_scheme="dark")
    hold_python(context)
    page = open_planner(context, site_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    expect(page.get_by_title("Switch to dark mode")).to_be_hidden()
    expect(page.get_by_role("status").first).to_have_text("Loading the planner…")


def test_a_keyboard_shortcut_opens_search_before_python_has_started(context, site_url):
    hold_python(context)
    page = open_planner(context, site_url)
    page.locator("h1").click()  # the page, not a form field, has the focus
    page.keyboard.press("/")  # starts the theme, which then acts on this very key
    expect(page.get_by_placeholder("Search")).to_be_focused()


def focus_ring(page: Page) -> dict[str, str]:
    """The focused element's class and outline style ("none" when no ring is drawn)."""
    return page.evaluate(
        "() => ({ focused: document.activeElement.className,"
        " outline: getComputedStyle(document.activeElement).outlineStyle })"
    )


def test_keyboard_focus_on_the_header_shows_a_ring_before_and_after_material_starts(
    context, site_url
):
    """Material's style sheet rings a header button only once its script has marked the
    focus as keyboard focus: until the script runs, the loader marks it."""
    hold_python(context)
    bundle = HeldRequests(context, "**/assets/javascripts/bundle.*.min.js")
    page = open_planner(context, site_url)
    page.keyboard.press("Tab")  # the skip link; this key asks for Material's script (held)
    page.keyboard.press("Tab")
    before = focus_ring(page)
    assert "md-logo" in before["focused"] and before["outline"] != "none", before
    bundle.release()
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs-focus-visible\b"))
    page.keyboard.press("Tab")  # on to the colour toggle: the logo's mark is taken off on blur
    logo = page.locator(".md-header__button.md-logo")
    expect(logo).not_to_have_class(re.compile(r"\bfocus-visible\b"))
    page.keyboard.press("Shift+Tab")  # back to the logo, now marked by Material's script
    after = focus_ring(page)
    assert "md-logo" in after["focused"] and after["outline"] != "none", after


def test_materials_scripts_wait_in_a_template_and_the_sites_own_run_at_once(site_dir):
    built = (site_dir / "planner" / "index.html").read_text(encoding="utf-8")
    kept = re.findall(r'<template id="fp-theme-scripts">(.*?)</template>', built, re.DOTALL)
    assert len(kept) == 1
    outside = built.replace(kept[0], "")
    bundle = re.compile(r'<script src="../assets/javascripts/bundle\.[0-9a-f]+\.min\.js">')
    assert bundle.search(kept[0]) and not bundle.search(outside)
    assert '<script src="../assets/planner/theme.js">' in outside
    for script in ("../assets/offline/register.js", "../assets/accessibility.js"):
        assert outside.count(f'src="{script}"') == 1, script
    guide = (site_dir / "thank-you-note" / "index.html").read_text(encoding="utf-8")
    assert "fp-theme-scripts" not in guide and bundle.search(guide)


def test_once_started_each_script_has_run_once(context, site_url):
    page = open_planner(context, site_url, SHARED)
    search_for(page, "thank")  # Material runs
    sources = page.evaluate("[...document.scripts].map((script) => script.src).filter(Boolean)")
    names = [source.rsplit("/", 1)[-1] for source in sources]
    assert len(names) == len(set(names)), names
    assert {"register.js", "accessibility.js", "theme.js"} <= set(names)
    assert any(re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", name) for name in names)


def test_the_theme_starts_anyway_when_the_planner_never_settles(new_context, site_url):
    context = new_context()
    context.route("**/assets/planner/planner.js", lambda route: route.abort())
    page = context.new_page()
    page.clock.install()
    page.goto(f"{site_url}planner/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))  # the loader ran
    bundle = page.locator('script[src*="/assets/javascripts/bundle."]')
    expect(bundle).to_have_count(0)
    page.clock.run_for(16_000)  # past the loader's latest start, with nobody touching it
    expect(bundle).to_have_count(1)
    search_for(page, "thank")


def test_a_site_script_that_arrives_after_the_first_plan_still_runs_once(new_context, site_url):
    """register.js held until the planner has settled: the page's parser waits for it, so the
    theme's loader, after it, runs later still. Each script then runs once, the offline copy is
    registered all the same, and Material starts (the settled news is kept on <html>)."""
    context = new_context(service_workers="allow")
    register = HeldRequests(context, "**/assets/offline/register.js")
    page = context.new_page()
    page.goto(f"{site_url}planner/{SHARED}", wait_until="commit")
    expect(page.locator("html")).to_have_attribute(
        "data-planner-settled", "", timeout=ENGINE_TIMEOUT_MS
    )
    assert len(register.routes) == 1
    register.release()
    # Material starts with nobody touching the header (well before the 15 s fallback).
    bundle = page.locator('script[src*="/assets/javascripts/bundle."]')
    expect(bundle).to_have_count(1, timeout=5_000)
    search_for(page, "thank")
    sources = page.evaluate("[...document.scripts].map((script) => script.src).filter(Boolean)")
    names = [source.rsplit("/", 1)[-1] for source in sources]
    assert len(names) == len(set(names)), names
    registered = """Promise.race([
        navigator.serviceWorker.ready.then((registration) => registration.scope),
        new Promise((resolve) => setTimeout(() => resolve("never registered"), 10_000)),
    ])"""
    assert page.evaluate(registered) == site_url
