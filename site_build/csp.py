"""Give every page a Content-Security-Policy that allows only the site's own origin.

A policy without 'unsafe-inline' blocks the small inline scripts Material writes into each
page, so this step moves each executable inline script into a file named by its content hash
(assets/inline/<hash>.js) and loads it from there, in the same place and order. It then puts the
policy in a <meta http-equiv> tag right after <meta charset>, before anything it governs.
The nginx setup (deploy/nginx/followup-planner.conf) sends the same policy as a header, plus
frame-ancestors, which a meta tag cannot carry.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .cache import write_if_changed

# Why each part: scripts, workers, fetches, styles and fonts only from this origin;
# 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly (nothing else is eval'd);
# img-src data: covers Material's icons, which its stylesheet embeds as data: SVG masks;
# manifest-src: the web app manifest that makes the planner installable (its icons are img-src);
# no plugins, no <base> tricks, and no form may submit anywhere (the planner never submits).
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "manifest-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    )
)

# `mkdocs serve` injects its live-reload poller as an inline script after this hook has run;
# its text changes with every request, so only 'unsafe-inline' lets it run. Dev server only.
SERVE_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

INLINE_DIR = "assets/inline"

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_DEFER_ASYNC = re.compile(r"\s+(?:defer|async)\b(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?", re.I)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


@dataclass(frozen=True)
class InlineScript:
    """One executable inline script moved to its own file."""

    name: str  # file name under INLINE_DIR: content hash + ".js"
    source: str


def meta_tag(policy: str) -> str:
    """The <meta> element that carries `policy`."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def script_type(attrs: str) -> str:
    """The script's type attribute, lower-cased ("" when absent)."""
    found = _TYPE.search(attrs)
    return found["type"].lower() if found else ""


def is_executable(attrs: str) -> bool:
    """True for an inline script the browser would run (not a JSON data block, not src=)."""
    return not _SRC.search(attrs) and script_type(attrs) in _EXECUTABLE_TYPES


def externalize_scripts(html: str, *, base_url: str) -> tuple[str, list[InlineScript]]:
    """Replace each executable inline script by a <script src> to its hashed file.

    `base_url` is the page's way back to the site root ("." / ".." / "/" for error pages).

    >>> page, moved = externalize_scripts('<script>a=1</script>', base_url="..")
    >>> page == f'<script src="../assets/inline/{moved[0].name}"></script>'
    True
    """
    moved: list[InlineScript] = []

    def replace(match: re.Match[str]) -> str:
        attrs, body = match["attrs"], match["body"]
        if not body.strip() or not is_executable(attrs):
            return match[0]
        script = InlineScript(hashlib.sha256(body.encode()).hexdigest()[:20] + ".js", body)
        moved.append(script)
        if script_type(attrs) != "module":
            # The browser ignores defer/async on inline classic scripts; keep that timing.
            attrs = _DEFER_ASYNC.sub("", attrs)
        url = f"{base_url.rstrip('/')}/{INLINE_DIR}/{script.name}"
        return f'<script{attrs} src="{url}"></script>'

    return _SCRIPT.sub(replace, html), moved


def insert_policy(html: str, *, policy: str) -> str:
    """Put the policy meta tag right after <meta charset> (else right after <head>), once."""
    tag = meta_tag(policy)
    if tag in html:
        return html
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("csp hook: page has no <head> to carry the Content-Security-Policy")
    return f"{html[: anchor.end()]}\n    {tag}{html[anchor.end() :]}"


def secure_page(html: str, *, base_url: str, site_dir: Path, serving: bool = False) -> str:
    """Move the page's inline scripts to files in `site_dir` and add the policy (the dev
    server's, which allows its live-reload script, when `serving`)."""
    html, moved = externalize_scripts(html, base_url=base_url)
    for script in moved:
        write_if_changed(site_dir / INLINE_DIR / script.name, script.source)
    return insert_policy(html, policy=SERVE_POLICY if serving else POLICY)
