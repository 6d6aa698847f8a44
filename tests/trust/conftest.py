"""Fixtures for the trust tests: the built site behind a recording server and behind nginx.
The site build, Playwright and Chromium come from tests/conftest.py."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))  # planner_page

from planner_page import ENGINE_TIMEOUT_MS, NOON_TODAY
from trust_support import (
    AXE,
    NGINX_SITE_CONF,
    CspWatch,
    Server,
    free_port,
    nginx_main_config,
    nginx_site_config,
    serve,
    wait_for_port,
)


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


# Debian's nginx prefix: its modules/ links to where the module packages put them.
DEBIAN_PREFIX = "/usr/share/nginx"


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real nginx (Debian package) serving the built site with deploy/nginx's config."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is missing: apt-get install -y nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    # Debian's module snippets (modules-enabled/) name modules relative to the prefix.
    (prefix / "modules").symlink_to(Path(DEBIAN_PREFIX, "modules").resolve())
    port = free_port()
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
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait()


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
