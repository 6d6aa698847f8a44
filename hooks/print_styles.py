"""MkDocs hook: the print style sheet never holds up a page's first paint
(site_build.print_styles)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build.print_styles import print_only


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return print_only(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is built from the theme's template alone, with the same links."""
    if not template_name.endswith(".html"):
        return output_content
    return print_only(output_content)
