"""A site built for an address under a sub-path (SITE_URL=https://example.org/careers/followup/)
and served there, as GitHub Pages project sites and institutions do: the planner, its worker,
Pyodide, the lock file, the service worker and its copy, the manifest, share links and the
"page not found" page all stay under that path, online and then offline."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from build_site import mkdocs_build
from planner_page import (
    INTERVIEW_DAY,
    LOCALE_COUNTRY,
    expect_plan,
    fill_round,
    open_planner,
    type_interview_day,
    wait_for_countries,
)
from web_servers import apache

BASE = "/careers/followup/"
SITE_URL = f"https://example.org{BASE}"
OFFLINE = {"rounds": [{"date": "2026-11-19", "interviewers": []}], "country": LOCALE_COUNTRY}


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for SITE_URL (one more build: the session's site has no SITE_URL)."""
    site = tmp_path_factory.mktemp("sub-path") / "site"
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = SITE_URL
    try:
        mkdocs_build(site, quiet=True)
    finally:
        if previous is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = previous
    return site


@pytest.fixture
def served(sub_path_site: Path, tmp_path: Path) -> Iterator[str]:
    with apache(sub_path_site, tmp_path, base=BASE) as url:
        yield url


def status_and_body(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_build_names_its_address_only_where_it_must(sub_path_site: Path) -> None:
    assert f"<loc>{SITE_URL}planner/</loc>" in (sub_path_site / "sitemap.xml").read_text()
    assert f"ErrorDocument 404 {BASE}404.html" in (sub_path_site / ".htaccess").read_text()
    planner = (sub_path_site / "planner" / "index.html").read_text()
    assert 'href="../assets/' in planner and 'href="/assets/' not in planner


def test_unknown_addresses_get_the_sites_own_404_page(served: str) -> None:
    status, body = status_and_body(served + "no-such-page/")
    assert status == 404
    assert f'href="{BASE}assets/stylesheets/' in body  # its styles load from any depth
    assert status_and_body(served.removesuffix(BASE) + "/assets/planner/planner.js")[0] == 404


def test_planner_works_under_the_sub_path_online_then_offline(served: str, new_context) -> None:
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_planner(context, served)
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)

    # The service worker sits at the sub-path and controls only it.
    scope = page.evaluate("navigator.serviceWorker.ready.then((ready) => ready.scope)")
    assert scope == served
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    manifest = page.evaluate("document.querySelector('link[rel=manifest]').href")
    assert manifest.startswith(served)
    page.locator("#fp-share").click()
    assert page.locator("#fp-share-url").input_value().startswith(f"{served}planner/#")
    outside = [url for url in requested if url.startswith("http") and not url.startswith(served)]
    assert outside == []

    context.set_offline(True)
    page.goto(served + "planner/")
    # Once the list is in, a new application gets the locale's country (US) at once.
    wait_for_countries(page)
    page.locator("button[name=new_application]").click()
    fill_round(page, 0, "2026-11-19", [])
    expect_plan(page, OFFLINE)
