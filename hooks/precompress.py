"""MkDocs hook: compressed twins of the built files (site_build.precompress), as the very
last step that changes a served file."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from site_build.precompress import compress_site

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    candidates, twins = compress_site(Path(config.site_dir))
    counts = ", ".join(f"{count} {suffix}" for suffix, count in twins.items())
    log.info(f"precompress: of {candidates} compressible files, twins: {counts}")
