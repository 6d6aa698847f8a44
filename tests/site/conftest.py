"""Fixtures for the built site: build it once, serve it locally, drive it with Chromium.

Every request a browser context makes is recorded; a request to any origin other than the
local site fails the test that made it, because the site promises no third-party traffic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from planner_page import ENGINE_TIMEOUT_MS, NOON_TODAY
from playwright.sync_api import Browser, BrowserContext

from planner_testing.server import SiteHandler, serving


class PolicedHandler(SiteHandler):
    """`make serve`'s own server, plus the site's CSP as a header (so it covers the worker
    too, which a meta tag does not reach), and no log noise."""

    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path, content_security_policy: str) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; the URL ends with a slash."""
    policed = type("SitePolicedHandler", (PolicedHandler,), {"policy": content_security_policy})
    with serving(site_dir, policed) as url:
        yield url


@dataclass
class Traffic:
    """What the browser asked for: every request URL, and the size of every response."""

    urls: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)

    def foreign(self, site_url: str) -> list[str]:
        """Requests that left the local site (blob: and data: URLs never leave the page)."""
        home = urlsplit(site_url)
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("blob", "data")
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (home.scheme, home.netloc)
        ]


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def new_context(
    browser: Browser, site_url: str, traffic: Traffic
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts whose clock says TODAY, that may use the clipboard, and whose
    every request is recorded. Fails the test if any request went to another origin."""
    contexts: list[BrowserContext] = []

    def make(**options: object) -> BrowserContext:
        options.setdefault("locale", "en-US")
        # The site's offline service worker would precache the whole site in the background
        # of every fresh context; these tests are about the page, so keep it out.
        options.setdefault("service_workers", "block")
        context = browser.new_context(accept_downloads=True, **options)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
        context.clock.set_fixed_time(NOON_TODAY)
        context.set_default_timeout(ENGINE_TIMEOUT_MS)
        context.on("request", lambda request: traffic.urls.append(request.url))
        context.on("response", lambda response: _record_size(traffic, response))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert traffic.foreign(site_url) == [], "requests left the local site"


def _record_size(traffic: Traffic, response: object) -> None:
    length = response.headers.get("content-length")  # type: ignore[attr-defined]
    if length is not None:
        traffic.sizes[response.url] = int(length)  # type: ignore[attr-defined]


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()
