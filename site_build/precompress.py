"""Write compressed twins (file.br, file.gz) next to each compressible file of the built site.

nginx (`brotli_static on`, `gzip_static on`) and `make serve` send the twin a browser accepts,
Brotli before gzip, so nothing is compressed at request time and the biggest downloads get
the best level once per build. Brotli is about a fifth smaller than gzip on Pyodide's
runtime, but its best level takes most of a minute there; the runtime is the same from one
build to the next, so big files' twins are also kept by content in build/compressed/ and a
rebuild takes them from there. Runs last, after site_build.offline has written the service
worker.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path

import brotli

COMPRESSIBLE_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".map", ".zip"}
    | {".bin"}  # site_build.first_plan: the first plan's files, unzipped (both packs)
)
MIN_SIZE = 1024  # below one KiB the header and the extra file cost more than they save
MAX_RATIO = 0.9  # keep a twin only when it is at least 10% smaller (zips rarely are)
# Files this big are compressed once per content and kept in the cache (Pyodide's runtime,
# the stdlib, the first plan's pack, the search index); smaller ones take milliseconds.
CACHED_SIZE = 64 * 1024
CACHE_DIR = Path(__file__).resolve().parent.parent / "build" / "compressed"


def gzip_twin(data: bytes) -> bytes:
    """gzip at its best level, with no name or time inside (reproducible builds)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_twin(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


# Twin suffix -> how to make it. Every browser that runs Pyodide accepts both.
TWINS: dict[str, Callable[[bytes], bytes]] = {".br": brotli_twin, ".gz": gzip_twin}


def wants_twin(path: Path) -> bool:
    """True for a file worth offering compressed (by kind and size)."""
    return path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


def is_current(path: Path, twin: Path) -> bool:
    """True when the twin was written after the file last changed."""
    return twin.is_file() and twin.stat().st_mtime_ns >= path.stat().st_mtime_ns


def packed(data: bytes, suffix: str, cache: Path | None, used: set[Path]) -> bytes:
    """`data` compressed for twin `suffix`: from the cache when this content was packed
    before (big files only), else packed now (and cached, when big). Cache entries read or
    written are added to `used`."""
    if cache is None or len(data) < CACHED_SIZE:
        return TWINS[suffix](data)
    entry = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    used.add(entry)
    if entry.is_file():
        return entry.read_bytes()
    result = TWINS[suffix](data)
    cache.mkdir(parents=True, exist_ok=True)
    partial = entry.with_name(entry.name + ".partial")  # never a half-written entry
    partial.write_bytes(result)
    partial.replace(entry)
    return result


def compress(path: Path, cache: Path | None = None, used: set[Path] | None = None) -> list[str]:
    """Write the twins of `path` that pay off, leaving current ones alone; returns the
    suffixes of the twins it has, in TWINS order."""
    used = set() if used is None else used
    kept = []
    data = None
    for suffix in TWINS:
        twin = path.with_name(path.name + suffix)
        if is_current(path, twin):
            kept.append(suffix)
            continue
        data = path.read_bytes() if data is None else data
        result = packed(data, suffix, cache, used)
        if len(result) > MAX_RATIO * len(data):
            twin.unlink(missing_ok=True)
            continue
        twin.write_bytes(result)
        kept.append(suffix)
    return kept


def prune(cache: Path, used: set[Path]) -> None:
    """Drop the cache entries this build did not use (older content), so it stays small."""
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry not in used:
                entry.unlink()


def compress_site(site_dir: Path, cache: Path = CACHE_DIR) -> tuple[int, dict[str, int]]:
    """Write the twins of every compressible file; return how many files were candidates and
    how many twins of each kind were kept."""
    candidates = [p for p in sorted(site_dir.rglob("*")) if p.is_file() and wants_twin(p)]
    used: set[Path] = set()
    twins = [compress(path, cache, used) for path in candidates]
    prune(cache, used)
    return len(candidates), {suffix: sum(suffix in kept for kept in twins) for suffix in TWINS}
