"""Fixtures shared by the browser suites (tests/site, tests/trust): one site build, one
Playwright and one Chromium per test run, because the sync Playwright API allows only one
instance per process and a build costs seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hook_loading import REPO

from planner_testing.chromium import CHROMIUM, CHROMIUM_ARGS
from site_build import csp

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

# --doctest-modules (pyproject.toml) would import every conftest.py a second time as a plain
# module named "conftest", and several folders have one: doctests are for the engine anyway.
collect_ignore_glob = ["*conftest.py"]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per run with `mkdocs build --strict` from the repo's mkdocs.yml.

    FOLLOWUP_SITE_DIR reuses an already built site (handy while working on the tests).
    """
    prebuilt = os.environ.get("FOLLOWUP_SITE_DIR")
    if prebuilt:
        return Path(prebuilt)
    out = tmp_path_factory.mktemp("build") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return out


@pytest.fixture(scope="session")
def playwright():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[object]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def content_security_policy() -> str:
    """The policy every built page carries (site_build.csp), for servers that send it too."""
    return csp.POLICY
