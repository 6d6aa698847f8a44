"""MkDocs hook: the engine's limits reach the page as assets/planner/limits.js
(site_build.engine_limits), added before anything reads the site's files."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from site_build.engine_limits import MODULE, current_limits_module


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, MODULE, content=current_limits_module()))
    return files
