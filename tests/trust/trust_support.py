"""What the trust tests share: the recording static server, the nginx set-up around the
documented config (web_servers.py), and the CSP violation watch."""

from __future__ import annotations

import http.server
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hook_loading import REPO
from planner_page import open_planner
from playwright.sync_api import BrowserContext, Page, expect
from web_servers import NGINX_SITE_CONF

from planner_testing.server import start_server, url_of

__all__ = ["NGINX_SITE_CONF", "REPO"]


# Types a plain static server must send for Pyodide (nginx gets them from its config).
MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: str
    body: bytes


@dataclass
class Server:
    """A running server for the built site, and every request it received."""

    url: str
    received: list[Received] = field(default_factory=list)


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, like any plain host: no CSP header, so the pages' meta tag must do.

    Records every request (and any body) so tests can look for personal data in it.
    """

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012
    server_record: Server

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server_record.received.append(
            Received(self.command, self.path, str(self.headers), body)
        )
        return True

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site_dir: Path) -> tuple[Server, http.server.ThreadingHTTPServer]:
    record = Server(url="")
    handler = type("Handler", (RecordingHandler,), {"server_record": record})
    server = start_server(site_dir, handler)
    record.url = url_of(server)
    return record, server


# Runs in every page before its own scripts: collects CSP violations the page reports.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`);
});
"""


@dataclass
class CspWatch:
    """CSP violations a page reported: its own events plus the browser's console errors
    (those also cover workers, which have no document to fire events on)."""

    console: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.add_init_script(WATCH_CSP)
        context.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        text = message.text
        if "content security policy" in text.lower() or "content-security-policy" in text.lower():
            self.console.append(text)

    def violations(self, page: Any) -> list[str]:
        return [*page.evaluate("window.__cspViolations"), *self.console]


def planner_context(new_context: Any, csp_watch: CspWatch | None = None) -> BrowserContext:
    """A context for the hostile-input tests: en-US, no service worker, clipboard allowed,
    downloads kept, and (if given) CSP violations watched."""
    context = new_context(locale="en-US", service_workers="block", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    if csp_watch is not None:
        csp_watch.attach(context)
    return context


# Every script element but the theme's, which assets/planner/theme.js adds once the first
# plan is on screen.
PAGE_SCRIPTS = 'script:not([src*="/assets/javascripts/bundle."])'
# Elements that visitor text could only have made by becoming markup: the planner draws none
# of them itself.
MADE_OF_TEXT = "#fp-planner :is(img, svg, b, i, script, iframe, object, embed)"


class Guard:
    """Fails on any dialog (alert, confirm, prompt) the page opens, and counts elements that
    visitor text could have created: images pointing at "x", scripts, event attributes,
    markup inside the planner."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._on_dialog)
        self.scripts = page.locator(PAGE_SCRIPTS).count()

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        page = self.page
        assert self.dialogs == [], "visitor text opened a dialog"
        assert page.evaluate("window.__hostile") is None, "visitor text ran as script"
        assert page.locator('img[src="x"]').count() == 0, "visitor text became an image"
        assert page.locator(PAGE_SCRIPTS).count() == self.scripts, "visitor text became a script"
        assert page.locator("[onerror], [onload]").count() == 0
        assert page.locator(MADE_OF_TEXT).count() == 0, "visitor text became markup"


def guarded_planner(
    new_context: Any, site_url: str, fragment: str = "", csp_watch: CspWatch | None = None
) -> tuple[Page, Guard]:
    """The planner (opened at `fragment`) in a new planner_context, and a Guard on it,
    attached once the page has loaded."""
    page = open_planner(planner_context(new_context, csp_watch), site_url, fragment)
    return page, Guard(page)


def unfold_ics(text: str) -> str:
    """The .ics text with folded lines joined and escaped commas/semicolons plain, UIDs out."""
    text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
    return "\n".join(line for line in text.splitlines() if not line.startswith("UID:"))


# axe-core from node_modules (npm ci), handed to pages as source text through Playwright's
# evaluate, which the pages' CSP does not apply to (the axe_source fixture reads it).
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = ["light", "dark"]
BLOCKING = ("serious", "critical")


def blocking_violations(page: Page, axe_source: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    # Let transitions (Material's header title on scroll) end, so colours are final.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
            .map((a) => a.finished))"""
    )
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def use_palette(page: Page, palette: str) -> None:
    """Switch with Material's own toggle in the header, as a visitor does."""
    body = page.locator("body")
    if palette == "dark":
        page.locator('label[title="Switch to dark mode"]').click()
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
    else:
        expect(body).to_have_attribute("data-md-color-scheme", "default")
