"""The data formats' JSON Schemas for the site, and the engine's limits for their reference pages.

The schemas and the limits are the engine's (followup_engine.schemas, followup_engine.limits),
so the site never types a number of its own. The build adds the schema files as generated
files: the offline copy, the precompression and the link checks treat them like any other.
"""

from __future__ import annotations

import re

from followup_engine.limits import LIMITS, MAX_NESTING
from followup_engine.schemas import schema_texts
from followup_engine.validation import MAX_PHONE_DIGITS, MIN_PHONE_DIGITS

__all__ = ["FOLDER", "NUMBERS", "UnknownLimit", "fill_in_limits", "schema_files"]

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


class UnknownLimit(ValueError):
    """A reference page names a limit the engine does not have."""


def schema_files(site_url: str | None) -> dict[str, str]:
    """Each schema file's path in the site and its text."""
    return {f"{FOLDER}/{name}": text for name, text in schema_texts(site_url).items()}


def fill_in_limits(markdown: str, page: str) -> str:
    """The page with every "{limit:name}" replaced by the engine's number.

    >>> fill_in_limits("{limit:rounds} rounds", "x.md") == f"{LIMITS['rounds']} rounds"
    True
    """
    return _LIMIT.sub(lambda match: _limit(match["name"], page), markdown)


def _limit(name: str, page: str) -> str:
    """One number as text; a name the engine does not have stops the build, loudly."""
    if name not in NUMBERS:
        raise UnknownLimit(f"{page}: no limit named {name!r} (known: {', '.join(NUMBERS)})")
    return str(NUMBERS[name])
