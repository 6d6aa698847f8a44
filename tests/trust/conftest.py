"""Fixtures for the trust tests: the built site behind a recording server and behind nginx.

The site build, Playwright and Chromium are shared with tests/site when that directory runs in
the same session (one Playwright per process is all the sync API allows); run alone, this
directory starts its own. Moving `site_dir`, `playwright` and `browser` to tests/conftest.py
would make the sharing plain pytest.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import inspect
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "site"))  # planner_page: how a person uses the planner

from planner_page import ENGINE_TIMEOUT_MS, NOON_TODAY  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NGINX_SITE_CONF = REPO / "deploy" / "nginx" / "followup-planner.conf"
# Types a plain static server must send for Pyodide (nginx gets them from its config).
MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}


def load_hook(name: str) -> ModuleType:
    """Import hooks/<name>.py (MkDocs loads hooks by path; they are not a package)."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", REPO / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _borrowed(request: pytest.FixtureRequest, name: str) -> Any | None:
    """The value of fixture `name` if another directory's definition is already set up."""
    # pytest has no public way to reach another folder's fixture values.
    manager = request._fixturemanager
    for definitions in manager._arg2node2fixturedefs.get(name, {}).values():
        for definition in definitions:
            cached = definition.cached_result
            if cached is not None and cached[2] is None and _defined_elsewhere(definition.func):
                return cached[0]
    return None


def _defined_elsewhere(function: Any) -> bool:
    return inspect.getsourcefile(inspect.unwrap(function)) != __file__


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once with `mkdocs build --strict` (FOLLOWUP_SITE_DIR reuses a build)."""
    shared = _borrowed(request, "site_dir")
    if shared is not None:
        return shared
    if os.environ.get("FOLLOWUP_SITE_DIR"):
        return Path(os.environ["FOLLOWUP_SITE_DIR"])
    out = tmp_path_factory.mktemp("trust-build") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return out


@pytest.fixture(scope="module")
def playwright(request: pytest.FixtureRequest) -> Iterator[Playwright]:
    """Module scope: never alive while another folder's session-wide Playwright starts."""
    shared = _borrowed(request, "playwright")
    if shared is not None:
        yield shared
        return
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest, playwright: Playwright) -> Iterator[Browser]:
    shared = _borrowed(request, "browser")
    if shared is not None:
        yield shared
        return
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


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


def _serve(site_dir: Path) -> tuple[Server, http.server.ThreadingHTTPServer]:
    record = Server(url="")
    handler = type("Handler", (RecordingHandler,), {"server_record": record})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}/"
    return record, server


@pytest.fixture
def static_server(site_dir: Path) -> Iterator[tuple[Server, http.server.ThreadingHTTPServer]]:
    """A fresh recording server per test (the offline test stops it halfway)."""
    record, server = _serve(site_dir)
    yield record, server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(static_server: tuple[Server, http.server.ThreadingHTTPServer]) -> Server:
    return static_server[0]


def nginx_site_config(text: str, *, root: Path, port: int) -> str:
    """The documented site config with only its root and listen address changed."""
    text, roots = re.subn(r"(?m)^(\s*root\s+)\S+;", rf"\g<1>{root};", text)
    text, listens = re.subn(r"(?m)^(\s*listen\s+)\S+;", rf"\g<1>127.0.0.1:{port};", text)
    assert (roots, listens) == (1, 1), "the nginx config must have one root and one listen line"
    return text


def nginx_main_config(prefix: Path, site_conf: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around conf.d/*.conf, in a temp prefix."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp site
    return (
        f"{user}worker_processes 1;\nerror_log {prefix / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n"
        f"    include {site_conf};\n}}\n"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real nginx (Debian package) serving the built site with deploy/nginx's config."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is missing: apt-get install -y nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    site_conf = prefix / "followup-planner.conf"
    site_conf.write_text(nginx_site_config(NGINX_SITE_CONF.read_text(), root=site_dir, port=port))
    main_conf = prefix / "nginx.conf"
    main_conf.write_text(nginx_main_config(prefix, site_conf))
    command = [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(main_conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [*command, "-g", f"daemon off; pid {prefix / 'nginx.pid'};"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait()


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    """Block until nginx accepts connections (or fail with its error output if it died)."""
    while True:
        if process.poll() is not None:
            pytest.fail(f"nginx exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)


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


@pytest.fixture
def csp_watch() -> CspWatch:
    return CspWatch()
