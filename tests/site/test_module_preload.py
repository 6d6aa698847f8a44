"""The planner page names all of its modules in its <head> (site_build.module_preload), so the
browser fetches them in one round instead of one round per level of imports, and each only
once."""

from __future__ import annotations

import re
from pathlib import Path

from planner_page import HeldRequests, wait_until_ready

PLANNER_CODE = Path(__file__).resolve().parents[2] / "docs" / "assets" / "planner"
# Not imported by planner.js: the worker's own script, and the theme's classic loader.
NOT_MODULES_OF_THE_PAGE = {"worker.js", "theme.js"}
# Made at build time from the engine's limits (site_build.engine_limits): not in docs/.
GENERATED_MODULES = {"limits.js"}


def planner_modules() -> list[str]:
    written = {path.name for path in PLANNER_CODE.glob("*.js")} - NOT_MODULES_OF_THE_PAGE
    return sorted(written | GENERATED_MODULES)


def test_the_planner_page_names_every_module_before_its_style_sheets(site_dir):
    html = (site_dir / "planner" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    named = re.findall(r'<link rel="modulepreload" href="\.\./assets/planner/([^"]+)">', head)
    assert sorted(named) == planner_modules()
    assert head.index('rel="modulepreload"') < head.index('rel="stylesheet"')


def test_guide_pages_name_no_module(site_dir):
    assert "modulepreload" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_the_deepest_module_is_fetched_before_the_first_has_arrived(context, site_url, traffic):
    """dom.js is imported by render.js, which planner.js imports: without the links in the head,
    the browser would only ask for it after planner.js and render.js had arrived."""
    entry = HeldRequests(context, "**/assets/planner/planner.js")
    page = context.new_page()
    with page.expect_request("**/assets/planner/dom.js", timeout=10_000):
        page.goto(f"{site_url}planner/", wait_until="commit")
    assert len(entry.routes) == 1
    entry.release()
    wait_until_ready(page)
    fetched = [url.rsplit("/", 1)[-1] for url in traffic.urls if "/assets/planner/" in url]
    for module in planner_modules():
        assert fetched.count(module) == 1, (module, fetched)
