"""What the service worker tests share: the build a worker carries, its cache's name, waiting
for it in a page (always with a deadline), a stand-in for a new build, and the visitor's
side of an update (the "new version" notice and its Reload button)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from planner_page import ENGINE_TIMEOUT_MS
from playwright.sync_api import Page, expect
from trust_support import REPO

from site_build import offline

# Resolves once a service worker controls the page, with the worker's script URL and the
# names of the origin's caches; rejects after `ms` milliseconds.
CONTROLLED = """async (ms) => {
  const controlled = (async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
    const script = navigator.serviceWorker.controller.scriptURL;
    return { script, caches: await caches.keys() };
  })();
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no service worker took control in time")), ms));
  return await Promise.race([controlled, late]);
}"""
# Resolves once the controlling worker has finished activating (a page switches to a new
# worker as activation starts, before the older caches are gone), with the caches left.
ACTIVATED_CACHES = """async (ms) => {
  const activated = (async () => {
    await navigator.serviceWorker.ready;
    const worker = navigator.serviceWorker.controller;
    while (worker.state !== "activated") {
      await new Promise((resolve) =>
        worker.addEventListener("statechange", resolve, { once: true }));
    }
    return await caches.keys();
  })();
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("the worker did not finish activating in time")), ms));
  return await Promise.race([activated, late]);
}"""
# Asks the browser to look for a newer worker now, as it does when a page is opened.
LOOK_FOR_UPDATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
}"""


def worker_build(site_dir: Path) -> dict:
    """The version and file list the build wrote into site/sw.js."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const BUILD = (\{.*?\});", source, re.S)
    assert found is not None
    return json.loads(found[1])


def cache_name(scope: str, version: str) -> str:
    """The cache a worker with this scope (the site's folder URL) keeps `version` in."""
    return f"followup-planner {scope} {version}"


def controlling_worker(page: Page) -> str:
    """The script URL of the service worker that controls the page, once one does."""
    return page.evaluate(CONTROLLED, ENGINE_TIMEOUT_MS)["script"]


def controlled_caches(page: Page) -> list[str]:
    """The names of the origin's caches, once a service worker controls the page."""
    return page.evaluate(CONTROLLED, ENGINE_TIMEOUT_MS)["caches"]


def activated_caches(page: Page) -> list[str]:
    return page.evaluate(ACTIVATED_CACHES, ENGINE_TIMEOUT_MS)


def mark_new_build(site: Path) -> str:
    """Turn a copy of the built site into a "new build": the home page gains #new-build and
    the worker is written again the way the hook writes it. Returns the new version."""
    home = site / "index.html"
    marked = home.read_text(encoding="utf-8").replace("</body>", '<p id="new-build"></p></body>')
    home.write_text(marked, encoding="utf-8")
    files = offline.cached_files(site)
    urls = [offline.precache_url(path) for path in files]
    version = offline.build_version(site, files)
    source = (REPO / "docs" / "sw.js").read_text(encoding="utf-8")
    (site / "sw.js").write_text(offline.render_worker(source, version=version, urls=urls))
    return version


def update_notice(page: Page):
    """The "new version" notice, once it has its words."""
    notice = page.get_by_role("status").filter(has_text="A new version of this site is ready")
    expect(notice).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    return notice


def reload_to_new_version(page: Page) -> None:
    """Press the notice's Reload button and wait until the page has loaded again."""
    with page.expect_event("load", timeout=ENGINE_TIMEOUT_MS):
        update_notice(page).get_by_role("button", name="Reload").click()
