"""MkDocs hook: each page names its whole module graph in its <head> (site_build.module_preload)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build.module_preload import announce_page_modules


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    site_dir = Path(config.site_dir)
    return announce_page_modules(
        output, page_url=page.url, site_dir=site_dir, source=page.file.src_uri
    )
