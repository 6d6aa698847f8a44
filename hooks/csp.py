"""MkDocs hook: every page gets the site's Content-Security-Policy (site_build.csp)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

from site_build.csp import secure_page

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        log.info("csp: allowing inline scripts on the dev server for its live-reload script")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    base_url = get_relative_url(".", page.url)
    return secure_page(output, base_url=base_url, site_dir=Path(config.site_dir), serving=_serving)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages built from templates alone (404.html) need the same treatment."""
    if not template_name.endswith(".html"):
        return output_content
    if is_error_template(template_name):
        # MkDocs gives error pages absolute URLs, since they are served at any depth.
        base_url = urlsplit(config.site_url or "/").path
    else:
        base_url = get_relative_url(".", template_name)
    site_dir = Path(config.site_dir)
    return secure_page(output_content, base_url=base_url, site_dir=site_dir, serving=_serving)
