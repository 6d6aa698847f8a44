"""MkDocs hook: Apache's settings travel inside the built site (site_build.htaccess)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from site_build.htaccess import write_htaccess


@event_priority(-110)  # after the offline copy (-90) and the precompression (-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    write_htaccess(Path(config.site_dir), config.site_url)
