"""MkDocs hook: write the service worker with this build's files (site_build.offline), after
every other step that writes files and before the precompression."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from site_build.offline import WORKER, write_worker

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-90)
def on_post_build(*, config: MkDocsConfig) -> None:
    source = (Path(config.docs_dir) / WORKER).read_text(encoding="utf-8")
    kept = write_worker(Path(config.site_dir), source, serving=_serving)
    if not _serving:
        log.info(f"offline: the service worker keeps {kept} files")
