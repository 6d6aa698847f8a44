"""The documented server set-ups (nginx, Apache with .htaccess, Caddy), each run for real from
Debian's package in front of the built site: the same headers, types and twins from all three,
and a plan made through each."""

from __future__ import annotations

import gzip
import html
import re
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest
from planner_page import INTERVIEW_DAY, expect_plan, open_planner, type_interview_day
from trust_support import CspWatch
from web_servers import CONFIGS

from site_build import csp

HEADER_POLICY = csp.POLICY + "; frame-ancestors 'none'"
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and raw body, without following errors away."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, _lower(error.headers), error.read()


def _lower(headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name.lower(): value for name, value in headers.items()}


def a_bundle(site_dir: Path) -> str:
    """Material's hashed JavaScript bundle, as a site path."""
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.relative_to(site_dir).as_posix()


@pytest.mark.parametrize("server", sorted(CONFIGS))
def test_the_self_hosting_page_shows_this_very_config(site_dir: Path, server: str) -> None:
    page = (site_dir / "self-hosting" / "index.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert CONFIGS[server].read_text().strip() in shown


@pytest.mark.parametrize("server", sorted(CONFIGS))
def test_every_config_sends_the_pages_policy(server: str) -> None:
    """One policy everywhere: the pages' meta tag's, plus frame-ancestors."""
    assert f'"{HEADER_POLICY}"' in CONFIGS[server].read_text()


def test_the_built_site_carries_apaches_settings(site_dir: Path) -> None:
    """Shared hosting: uploading site/ uploads the .htaccess, which no browser ever fetches."""
    assert (site_dir / ".htaccess").read_text() == CONFIGS["apache"].read_text()
    assert '".htaccess"' not in (site_dir / "sw.js").read_text()


def test_pages_carry_the_policy_and_security_headers(web_server: str) -> None:
    for path in ("", "planner/", "no-timeline/", "does-not-exist/"):
        status, headers, _ = fetch(web_server + path)
        assert status == (404 if path == "does-not-exist/" else 200)
        assert headers["content-security-policy"] == HEADER_POLICY
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in headers["permissions-policy"]
        assert headers["cache-control"] == "no-cache"
        assert headers["content-type"] == "text/html; charset=utf-8"


def test_runtime_files_have_the_types_browsers_insist_on(web_server: str) -> None:
    expected = {
        "pyodide/pyodide.asm.wasm": "application/wasm",
        "pyodide/pyodide.mjs": "text/javascript; charset=utf-8",
        "pyodide/pyodide.asm.mjs": "text/javascript; charset=utf-8",
        "pyodide/pyodide-lock.json": "application/json; charset=utf-8",
        "assets/planner/worker.js": "text/javascript; charset=utf-8",
    }
    for path, content_type in expected.items():
        status, headers, _ = fetch(web_server + path)
        assert (status, headers["content-type"]) == (200, content_type), path


def test_twins_are_served_to_browsers_that_accept_them(web_server: str, site_dir: Path) -> None:
    """Brotli to a browser that takes it (every browser that runs Pyodide does), else gzip,
    else the file as it is."""
    for path in (a_bundle(site_dir), "pyodide/pyodide.asm.wasm", "assets/planner/planner.js"):
        original = (site_dir / path).read_bytes()
        _, headers, body = fetch(web_server + path, **{"Accept-Encoding": BROWSER_ENCODINGS})
        assert headers.get("content-encoding") == "br", path
        assert headers.get("vary") == "Accept-Encoding"
        assert brotli.decompress(body) == original
        _, headers, body = fetch(web_server + path, **{"Accept-Encoding": "gzip"})
        assert headers.get("content-encoding") == "gzip", path
        assert headers.get("vary") == "Accept-Encoding"
        assert gzip.decompress(body) == original
        _, plain_headers, plain = fetch(web_server + path)
        assert "content-encoding" not in plain_headers
        assert plain == original


def test_only_fingerprinted_files_are_cached_for_long(web_server: str, site_dir: Path) -> None:
    inline = next((site_dir / "assets" / "inline").iterdir()).relative_to(site_dir).as_posix()
    for path in (a_bundle(site_dir), inline):
        assert fetch(web_server + path)[1]["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("sw.js", "pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json"):
        assert fetch(web_server + path)[1]["cache-control"] == "no-cache", path


def test_planner_makes_a_plan_through_each_server(
    web_server: str, new_context, csp_watch: CspWatch
) -> None:
    """Here the policy also reaches the Pyodide worker (as a header on worker.js)."""
    context = new_context()
    csp_watch.attach(context)
    page = open_planner(context, web_server)
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)
    assert csp_watch.violations(page) == []
