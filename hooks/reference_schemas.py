"""MkDocs hook: publish the data formats' JSON Schemas and write the engine's limits into their
reference pages (site_build.reference_schemas)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build.reference_schemas import FOLDER, UnknownLimit, fill_in_limits, schema_files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for path, text in schema_files(config.site_url).items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.startswith(f"{FOLDER}/"):
        return markdown
    try:
        return fill_in_limits(markdown, page.file.src_uri)
    except UnknownLimit as error:
        raise PluginError(str(error)) from error
