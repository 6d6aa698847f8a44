"""MkDocs hook: publish the data formats' JSON Schemas beside their reference pages, and write
the engine's limits into those pages.

The schemas and the limits are the engine's (followup_engine.schemas, followup_engine.limits),
so the site never types a number of its own. The schema files are added as generated files:
the offline copy, the precompression and the link checks treat them like any other file.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from followup_engine.limits import LIMITS, MAX_NESTING
from followup_engine.schemas import schema_texts
from followup_engine.validation import MAX_PHONE_DIGITS, MIN_PHONE_DIGITS

FOLDER = "reference"
#: The numbers a reference page may name: every form limit, and the few other bounds the
#: engine checks (not form controls, so not in `LIMITS`).
NUMBERS = {
    **LIMITS,
    "nesting": MAX_NESTING,
    "phone_digits_min": MIN_PHONE_DIGITS,
    "phone_digits_max": MAX_PHONE_DIGITS,
}
# "{limit:rounds}" in a reference page becomes NUMBERS["rounds"].
_LIMIT = re.compile(r"\{limit:(?P<name>\w+)\}")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for name, text in schema_texts(config.site_url).items():
        files.append(File.generated(config, f"{FOLDER}/{name}", content=text))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.startswith(f"{FOLDER}/"):
        return markdown
    return _LIMIT.sub(lambda match: _limit(match["name"], page.file.src_uri), markdown)


def _limit(name: str, page: str) -> str:
    """One number as text; a name the engine does not have stops the build, loudly."""
    if name not in NUMBERS:
        raise PluginError(f"{page}: no limit named {name!r} (known: {', '.join(NUMBERS)})")
    return str(NUMBERS[name])
