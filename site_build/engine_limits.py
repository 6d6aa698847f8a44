"""Publish the engine's size limits to the planner page as assets/planner/limits.js.

The limits are written once, in followup_engine/limits.py. The page stops the visitor before
them, beside the control (form.js), and reads stored and shared copies with them (draft.js),
so it imports this generated module instead of repeating the numbers: a changed limit reaches
the page with the next build. The module is added to the site's files before anything else
reads them, so the CSP, module preload, precompression and the offline copy treat it as they
treat the planner's other modules.
"""

from __future__ import annotations

import importlib
import json

import followup_engine.limits

MODULE = "assets/planner/limits.js"


def limits_module(limits: dict[str, int]) -> str:
    """The JavaScript module that exports `limits` as LIMITS.

    >>> print(limits_module({"rounds": 20, "text": 200}), end="")
    // Made at build time from followup_engine/limits.py by site_build.engine_limits.
    export const LIMITS = Object.freeze({"rounds": 20, "text": 200});
    """
    return (
        "// Made at build time from followup_engine/limits.py by site_build.engine_limits.\n"
        f"export const LIMITS = Object.freeze({json.dumps(limits)});\n"
    )


def current_limits_module() -> str:
    """The module for the engine's limits as they are now on disk: reloaded, so that
    `mkdocs serve` picks up an edited limit on its next rebuild."""
    return limits_module(importlib.reload(followup_engine.limits).LIMITS)
