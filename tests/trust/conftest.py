"""Fixtures for the trust tests: the built site behind a recording server and behind
the real web servers deploy/ documents.
The site build, Playwright and Chromium come from tests/conftest.py."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from planner_page import ENGINE_TIMEOUT_MS, NOON_TODAY
from playwright.sync_api import Browser, BrowserContext
from trust_support import (
    AXE,
    CspWatch,
    Server,
    serve,
)
from web_servers import SERVERS


@pytest.fixture
def static_server(site_dir: Path) -> Iterator[tuple[Server, http.server.ThreadingHTTPServer]]:
    """A fresh recording server per test (the offline test stops it halfway)."""
    record, server = serve(site_dir)
    yield record, server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(static_server: tuple[Server, http.server.ThreadingHTTPServer]) -> Server:
    return static_server[0]


@pytest.fixture(scope="module", params=sorted(SERVERS))
def web_server(
    request: pytest.FixtureRequest, site_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The built site behind each real server deploy/ documents (nginx, Apache, Caddy)."""
    with SERVERS[request.param](site_dir, tmp_path_factory.mktemp(request.param)) as url:
        yield url


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Any]:
    """Browser contexts with the planner tests' clock; closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        context.clock.set_fixed_time(NOON_TODAY)
        context.set_default_timeout(ENGINE_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def csp_watch() -> CspWatch:
    return CspWatch()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's source, for blocking_violations (trust_support)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (or `make setup`)")
    return AXE.read_text(encoding="utf-8")
