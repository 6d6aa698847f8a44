"""Write a gzip twin (file.gz) next to each compressible file of the built site.

nginx with `gzip_static on` then sends the ready-made .gz to browsers that accept gzip, so the
server never compresses at request time, and the biggest downloads (Pyodide's .wasm and
.mjs) get the best compression level once per build. Runs last in on_post_build, after
hooks/offline.py has written the service worker.
"""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger(f"mkdocs.hooks.{__name__}")

COMPRESSIBLE_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".map", ".zip"}
    | {".bin"}  # hooks/first_plan_files.py: the first plan's files, unzipped
)
MIN_SIZE = 1024  # below one KiB the gzip header and the extra file cost more than they save
MAX_RATIO = 0.9  # keep a twin only when it is at least 10% smaller (zips rarely are)


def wants_twin(path: Path) -> bool:
    """True for a file worth offering gzipped (by kind and size)."""
    return path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


def is_current(path: Path, twin: Path) -> bool:
    """True when the twin was written after the file last changed."""
    return twin.is_file() and twin.stat().st_mtime_ns >= path.stat().st_mtime_ns


def compress(path: Path) -> bool:
    """Write path.gz (reproducibly: no name or time inside); False when it does not pay off."""
    twin = path.with_name(path.name + ".gz")
    if is_current(path, twin):
        return True
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    if len(packed) > MAX_RATIO * len(data):
        twin.unlink(missing_ok=True)
        return False
    twin.write_bytes(packed)
    return True


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    candidates = [p for p in sorted(site_dir.rglob("*")) if p.is_file() and wants_twin(p)]
    written = sum(compress(path) for path in candidates)
    log.info(f"precompress: {written} of {len(candidates)} compressible files have a .gz twin")
