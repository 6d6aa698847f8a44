"""MkDocs hook: pages whose front matter says `theme_script: later` start Material's script
late (site_build.theme_script)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build.theme_script import defer_theme_script


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if page.meta.get("theme_script") != "later":
        return output
    return defer_theme_script(output)
