"""MkDocs hook: build the engine wheel and gather its dependency wheels (site_build.wheelhouse).

The planner runs followup_engine in the visitor's browser, so the site ships it as a wheel,
together with pure-Python wheels of everything it imports (site_build.wheelhouse says which, and
requirements/dev.txt which versions). A stamp skips the work while nothing changed, which keeps
`mkdocs serve` fast; a change under followup_engine/ rebuilds the engine wheel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from site_build import wheelhouse

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


def on_pre_build(*, config: MkDocsConfig) -> None:
    try:
        wheelhouse.site_wheels()
    except wheelhouse.WheelhouseError as error:
        raise PluginError(f"Could not prepare the wheels for the planner: {error}") from error


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Rebuild the site when the engine changes, so the served planner runs the new code."""
    server.watch(str(wheelhouse.ROOT / "followup_engine"))
    return server
