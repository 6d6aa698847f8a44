"""MkDocs hook: lay Pyodide, the wheels, their lock file and the first plan's files into
site/pyodide/ (site_build.runtime)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from site_build.runtime import lay_out_runtime
from site_build.wheelhouse import WheelhouseError


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        lay_out_runtime(Path(config.site_dir))
    except WheelhouseError as error:
        raise PluginError(str(error)) from error
