"""A deploy during a visit: the open planner keeps working on the build it came from, a new
tab opened after the deploy shows that build too (the offline copy answers first) and both
say that a new version is ready; Reload brings the new build with what the visitor typed.

Both builds are real: a copy of the working tree built with `mkdocs build` like any release,
then built again with the engine's version raised, and served at the same address in turn.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from planner_page import (
    INTERVIEW_DAY,
    expect_plan,
    open_planner,
    round_box,
    type_interview_day,
    type_into,
)
from playwright.sync_api import Page, expect
from trust_support import REPO
from worker_support import (
    activated_caches,
    cache_name,
    controlled_caches,
    reload_to_new_version,
    update_notice,
    worker_build,
)

from planner_testing.server import SiteHandler

FIRST = {**INTERVIEW_DAY, "company": "Acme"}
# The same application with its interview moved, typed while the new build waits.
MOVED = {**FIRST, "rounds": [{"date": "2026-11-18", "interviewers": []}]}

# What the page gets from the site's files right now, through its service worker: the
# engine's version in the lock file, the first-plan index's build, and whether the pack
# matches that index's checksum.
FILES_IN_USE = """async () => {
  const folder = new URL("../pyodide/", window.location.href);
  const lock = await (await fetch(new URL("pyodide-lock.json", folder))).json();
  const index = await (await fetch(new URL("first-plan.json", folder))).json();
  const pack = await fetch(new URL(index.pack, folder), { integrity: index.integrity })
    .then((response) => response.ok, () => false);
  return { engine: lock.packages["followup-engine"].version, build: index.build, pack };
}"""
# True once the page has dealt with a newer worker: it offers the visitor a reload (the
# worker waits), or (had the worker not waited) that worker controls the page instead of the
# one that served it.
NEWER_WORKER = """() =>
  document.querySelector("#fp-update button") !== null ||
  navigator.serviceWorker.controller !== window.__firstWorker"""


def files_of(site_dir: Path) -> dict:
    """FILES_IN_USE's answer for a page of this build."""
    pyodide = site_dir / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    index = json.loads((pyodide / "first-plan.json").read_text(encoding="utf-8"))
    return {"engine": lock["packages"]["followup-engine"]["version"], "build": index["build"]}


def copy_working_tree(target: Path) -> None:
    """The repository as it is on disk (tracked and new files, not ignored ones), with the
    build cache copied (so only what changed is rebuilt) and node_modules linked."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    shutil.copytree(REPO / "build", target / "build")
    (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def raise_engine_version(repo: Path) -> str:
    """Raise the last number of the engine's version in pyproject.toml; return the new one."""
    pyproject = repo / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    found = re.search(r'(?m)^version = "(\d+(?:\.\d+)*)\.(\d+)"$', text)
    assert found is not None, "pyproject.toml: no version line"
    version = f"{found[1]}.{int(found[2]) + 1}"
    pyproject.write_text(text.replace(found[0], f'version = "{version}"', 1), encoding="utf-8")
    return version


def build_site(repo: Path, out: Path) -> Path:
    """`mkdocs build --strict` of a copy of the repository."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        command, cwd=repo, env=environment, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build of {repo} failed:\n{done.stdout}\n{done.stderr}")
    return out


@dataclass(frozen=True)
class Releases:
    """Two builds of one snapshot of the working tree, the second with a newer engine."""

    current: Path
    next: Path


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Releases:
    """Both builds come from one copy, so that they differ only in the engine's version
    (the working tree may change while the tests run)."""
    work = tmp_path_factory.mktemp("releases")
    repo = work / "repo"
    copy_working_tree(repo)
    current = build_site(repo, work / "current")
    version = raise_engine_version(repo)
    following = build_site(repo, work / "next")
    assert files_of(following)["engine"] == version != files_of(current)["engine"]
    return Releases(current, following)


class DeployedHandler(SiteHandler):
    """`make serve`'s server, sending whichever build is deployed now, with the site's CSP."""

    policy = ""

    def __init__(self, request, client_address, server) -> None:  # type: ignore[no-untyped-def]
        super().__init__(request, client_address, server, directory=str(server.deployed))

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class Origin:
    """One address whose files a deploy replaces with another build's, between requests."""

    def __init__(self, site_dir: Path, policy: str) -> None:
        handler = type("Handler", (DeployedHandler,), {"policy": policy})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.deployed = site_dir  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def deploy(self, site_dir: Path) -> None:
        self.server.deployed = site_dir  # type: ignore[attr-defined]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def origin(releases: Releases, content_security_policy: str) -> Iterator[Origin]:
    """The current release, served at a fresh address (so with no service worker yet)."""
    served = Origin(releases.current, content_security_policy)
    yield served
    served.close()


def files_in_use(page: Page) -> dict:
    files = page.evaluate(FILES_IN_USE)
    assert files.pop("pack"), "first-plan.bin does not match its index"
    return files


def test_a_deploy_during_a_visit_keeps_each_page_on_its_build_until_the_visitor_reloads(
    origin: Origin, releases: Releases, new_context
) -> None:
    context = new_context(locale="en-US")
    page = open_planner(context, origin.url)
    type_interview_day(page)
    type_into(page, "#fp-company", "Acme")
    expect_plan(page, FIRST)
    controlled_caches(page)  # the first build's worker has the whole site
    page.evaluate("window.__firstWorker = navigator.serviceWorker.controller")

    origin.deploy(releases.next)
    # The first visit after the deploy, in a new tab: the browser finds the new worker.
    other = open_planner(context, origin.url)
    page.wait_for_function(NEWER_WORKER)

    # Both pages get the files of the build they came from; the open one still plans.
    assert files_in_use(page) == files_of(releases.current)
    assert files_in_use(other) == files_of(releases.current)
    round_box(page, 0).locator('input[name="interview"]').fill("2026-11-18")
    expect_plan(page, MOVED)
    assert files_in_use(page) == files_of(releases.current)

    # Both say a new version is ready; Reload in one brings it to both.
    update_notice(other)
    with other.expect_event("load"):
        reload_to_new_version(page)

    expect(page.locator("#fp-company")).to_have_value("Acme")
    expect_plan(page, MOVED)
    assert files_in_use(page) == files_of(releases.next)
    assert files_in_use(other) == files_of(releases.next)
    new = worker_build(releases.next)["version"]
    assert activated_caches(page) == [cache_name(origin.url, new)]
    expect(page.get_by_role("status").filter(has_text="A new version")).to_have_count(0)
