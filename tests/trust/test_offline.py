"""After one visit the guide and the planner work offline, at every address the server answers
for a page; a new build replaces the old copy once the visitor reloads; two copies of the site
on one origin (at different paths) keep their own copies."""

from __future__ import annotations

import http.server
import json
import re
import shutil
from html import unescape
from pathlib import Path

from planner_page import INTERVIEW_DAY, expect_plan, type_interview_day
from playwright.sync_api import BrowserContext, Page
from trust_support import Server, serve
from worker_support import (
    LOOK_FOR_UPDATE,
    activated_caches,
    cache_name,
    controlled_caches,
    mark_new_build,
    offline,
    reload_to_new_version,
    update_notice,
    worker_build,
)

# Addresses links and people use for pages: a query from a campaign or a referrer, a folder
# named without its slash (the server redirects), a folder's index.html (the folder's page).
ADDRESSES = (
    "planner/?utm_source=x",
    "planner",
    "planner/index.html",
    "index.html",
    "thank-you-note/?ref=a",
)


def test_worker_lists_every_file_and_a_version_of_their_contents(site_dir: Path) -> None:
    build = worker_build(site_dir)
    files = offline.cached_files(site_dir)
    assert build == {
        "version": offline.build_version(site_dir, files),
        "files": [offline.precache_url(path) for path in files],
    }
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    wheels = {f"pyodide/{package['file_name']}" for package in lock["packages"].values()}
    needed = {"./", "planner/", "assets/planner/worker.js", "pyodide/pyodide.asm.wasm"}
    assert needed | wheels <= set(build["files"])
    assert not [url for url in build["files"] if url.endswith((".gz", ".map"))]


def test_guide_and_planner_work_offline_after_one_visit(
    static_server: tuple[Server, http.server.ThreadingHTTPServer], site_dir: Path, new_context
) -> None:
    site, server = static_server
    context = new_context()
    page = context.new_page()
    page.goto(site.url)  # one visit, to the home page only
    version = worker_build(site_dir)["version"]
    assert controlled_caches(page) == [cache_name(site.url, version)]

    server.shutdown()
    server.server_close()
    context.set_offline(True)

    page.reload()
    assert page.locator("h1").first.inner_text() != ""
    page.goto(site.url + "no-timeline/")
    assert page.locator("#wait-a-week").count() == 1
    page.goto(site.url + "planner/")
    # A new application in an en-US browser: planned with US public holidays, so the country
    # list and the holidays package work offline too.
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)


def words(html: str) -> str:
    """Text of a piece of HTML, tags dropped and spaces squeezed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def server_answer(context: BrowserContext, url: str) -> tuple[str, str, str]:
    """(address, title, first heading) of the page the server itself sends for `url`, after
    any redirect; the context's request API goes straight to the server, past the worker."""
    response = context.request.get(url)
    assert response.ok, f"{url}: HTTP {response.status}"
    html = response.text()
    title, heading = re.search(r"<title>(.*?)</title>.*?<h1[^>]*>(.*?)</h1>", html, re.S).groups()
    return response.url, words(title), words(heading)


def page_answer(page: Page) -> tuple[str, str, str]:
    """(address, title, first heading) of the page on screen."""
    return page.url, words(page.title()), words(page.locator("h1").first.inner_html())


def test_offline_every_address_of_a_page_opens_that_page(
    static_server: tuple[Server, http.server.ThreadingHTTPServer], new_context
) -> None:
    site, server = static_server
    context = new_context()
    online = {address: server_answer(context, site.url + address) for address in ADDRESSES}
    page = context.new_page()
    page.goto(site.url)  # one visit; the worker keeps the whole site
    controlled_caches(page)

    server.shutdown()
    server.server_close()
    context.set_offline(True)

    answers = {}
    for address in ADDRESSES:
        page.goto(site.url + address)
        answers[address] = page_answer(page)
    assert answers == online


def test_a_new_build_replaces_the_old_copy_once_the_visitor_reloads(
    tmp_path: Path, site_dir: Path, new_context
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    site, server = serve(copy)
    try:
        page = new_context().new_page()
        page.goto(site.url)
        old = worker_build(copy)["version"]
        assert controlled_caches(page) == [cache_name(site.url, old)]

        new = mark_new_build(copy)
        assert new != old
        page.evaluate(LOOK_FOR_UPDATE)
        update_notice(page)
        # Until the visitor reloads, the page keeps the build it came from.
        assert page.locator("#new-build").count() == 0

        reload_to_new_version(page)
        assert activated_caches(page) == [cache_name(site.url, new)]
        assert page.locator("#new-build").count() == 1
    finally:
        server.shutdown()
        server.server_close()


def test_two_copies_on_one_origin_keep_their_own_caches(
    tmp_path: Path, site_dir: Path, new_context
) -> None:
    origin = tmp_path / "origin"
    (origin / "careers").mkdir(parents=True)
    (origin / "careers" / "followup").symlink_to(site_dir, target_is_directory=True)
    shutil.copytree(site_dir, origin / "other")
    site, server = serve(origin)
    careers, other = site.url + "careers/followup/", site.url + "other/"
    version = worker_build(site_dir)["version"]
    try:
        context = new_context()
        first = context.new_page()
        first.goto(careers)
        assert controlled_caches(first) == [cache_name(careers, version)]
        second = context.new_page()
        second.goto(other)
        both = {cache_name(careers, version), cache_name(other, version)}
        assert set(controlled_caches(second)) == both

        # A new build of the other copy drops that copy's old cache, and only that one.
        new = mark_new_build(origin / "other")
        second.evaluate(LOOK_FOR_UPDATE)
        reload_to_new_version(second)
        kept = {cache_name(careers, version), cache_name(other, new)}
        assert set(activated_caches(second)) == kept
    finally:
        server.shutdown()
        server.server_close()

    context.set_offline(True)
    first.goto(careers + "no-timeline/")
    assert first.locator("#wait-a-week").count() == 1
