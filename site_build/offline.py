"""Complete the service worker with this build's file list and cache version.

docs/sw.js starts with a placeholder line; this step writes site/sw.js with that line replaced
by the list of every file the site needs (pages, Material's assets, the planner, Pyodide, the
wheels) and a version made from a hash of those files, so each build gets its own cache and
the browser sees a changed worker exactly when the site changed. The files are listed
relative to the worker, which works out everything else from its own address: the site may
live under any path. It runs after every other build step that writes files (they lay out
site/pyodide/ and the search index), and before site_build.precompress, which then compresses
the finished worker too.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from .cache import write_if_changed

WORKER = "sw.js"
PLACEHOLDER = 'const BUILD = { version: "dev", files: [] };'
# Compressed twins are the server's business, source maps are only for developers.
NOT_CACHED_SUFFIXES = (".br", ".gz", ".map")


def is_cached(relative: str) -> bool:
    """Whether the worker keeps a built file (path relative to the site root). Not hidden
    files such as Apache's .htaccess: servers refuse to send them, and one refused file
    would fail the whole offline copy.

    >>> [is_cached(path) for path in ("planner/index.html", ".htaccess", "a.js.gz", "sw.js")]
    [True, False, False, False]
    """
    hidden = any(part.startswith(".") for part in relative.split("/"))
    return not hidden and relative != WORKER and not relative.endswith(NOT_CACHED_SUFFIXES)


def cached_files(site_dir: Path) -> list[str]:
    """Paths (relative to the site root, sorted) of every built file to keep offline."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and is_cached(relative):
            files.append(relative)
    return files


def precache_url(relative: str) -> str:
    """The URL pages use for a file: a folder's index.html is the folder ("planner/").

    >>> precache_url("planner/index.html"), precache_url("index.html")
    ('planner/', './')
    """
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return quote(relative)


def build_version(site_dir: Path, files: list[str]) -> str:
    """A short hash of the files' names and contents: changes exactly when the site does."""
    digest = hashlib.sha256()
    for relative in files:
        content = hashlib.sha256((site_dir / relative).read_bytes()).digest()
        digest.update(relative.encode() + b"\0" + content)
    return digest.hexdigest()[:16]


def render_worker(source: str, *, version: str, urls: list[str]) -> str:
    """The worker source with its placeholder line filled in."""
    if source.count(PLACEHOLDER) != 1:
        raise ValueError(f"offline hook: docs/{WORKER} must contain exactly once: {PLACEHOLDER}")
    build = json.dumps({"version": version, "files": urls}, indent=1)
    return source.replace(PLACEHOLDER, f"const BUILD = {build};")


def write_worker(site_dir: Path, source: str, *, serving: bool = False) -> int:
    """Write site_dir/sw.js from the worker's `source`; return how many files it keeps.

    The dev server rebuilds on every edit, and a cache-first worker would hide the edits, so
    when `serving` it keeps none.
    """
    if serving:
        worker = render_worker(source, version="serve", urls=[])
        urls: list[str] = []
    else:
        files = cached_files(site_dir)
        urls = [precache_url(relative) for relative in files]
        worker = render_worker(source, version=build_version(site_dir, files), urls=urls)
    write_if_changed(site_dir / WORKER, worker)
    return len(urls)
