"""After one visit the guide and the planner work offline; a new build replaces the old copy."""

from __future__ import annotations

import http.server
import json
import re
import shutil
from pathlib import Path

from planner_page import LOCALE_COUNTRY, expect_plan, fill_round, wait_for_countries
from trust_support import REPO, Server, load_hook, serve

offline = load_hook("offline")

# Typed into a new application in an en-US browser: planned with US public holidays, so the
# country list and the holidays package work offline too.
SITUATION = {"rounds": [{"date": "2026-11-16", "interviewers": []}], "country": LOCALE_COUNTRY}
# Resolves once the service worker controls the page, with the names of the site's caches.
CONTROLLED_CACHES = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return await caches.keys();
}"""
# Asks for the newest worker and resolves once it has finished activating (the page switches
# to it as activation starts, before old caches are gone), with the caches left.
UPDATED_CACHES = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const changed = new Promise((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  await registration.update();
  await changed;
  const worker = navigator.serviceWorker.controller;
  while (worker.state !== "activated") {
    await new Promise((resolve) => worker.addEventListener("statechange", resolve, { once: true }));
  }
  return await caches.keys();
}"""


def worker_build(site_dir: Path) -> dict:
    """The version and file list the build wrote into site/sw.js."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const BUILD = (\{.*?\});", source, re.S)
    assert found is not None
    return json.loads(found[1])


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


def test_hook_examples_run() -> None:
    import doctest

    assert doctest.testmod(offline).failed == 0


def test_guide_and_planner_work_offline_after_one_visit(
    static_server: tuple[Server, http.server.ThreadingHTTPServer], site_dir: Path, new_context
) -> None:
    site, server = static_server
    context = new_context()
    page = context.new_page()
    page.goto(site.url)  # one visit, to the home page only
    version = worker_build(site_dir)["version"]
    assert page.evaluate(CONTROLLED_CACHES) == [f"followup-planner-{version}"]

    server.shutdown()
    server.server_close()
    context.set_offline(True)

    page.reload()
    assert page.locator("h1").first.inner_text() != ""
    page.goto(site.url + "no-timeline/")
    assert page.locator("#wait-a-week").count() == 1
    page.goto(site.url + "planner/")
    wait_for_countries(page)
    fill_round(page, 0, "2026-11-16", [])
    expect_plan(page, SITUATION)


def test_a_new_build_replaces_the_old_copy(tmp_path: Path, site_dir: Path, new_context) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    site, server = serve(copy)
    try:
        page = new_context().new_page()
        page.goto(site.url)
        old = worker_build(copy)["version"]
        assert page.evaluate(CONTROLLED_CACHES) == [f"followup-planner-{old}"]

        # A "new build": one page changed, and the worker regenerated the way the hook does.
        home = copy / "index.html"
        marker = '<p id="new-build"></p></body>'
        marked = home.read_text(encoding="utf-8").replace("</body>", marker)
        home.write_text(marked, encoding="utf-8")
        files = offline.cached_files(copy)
        urls = [offline.precache_url(path) for path in files]
        new = offline.build_version(copy, files)
        source = (REPO / "docs" / "sw.js").read_text(encoding="utf-8")
        (copy / "sw.js").write_text(offline.render_worker(source, version=new, urls=urls))

        assert new != old
        assert page.evaluate(UPDATED_CACHES) == [f"followup-planner-{new}"]
        page.reload()
        assert page.locator("#new-build").count() == 1
    finally:
        server.shutdown()
        server.server_close()
