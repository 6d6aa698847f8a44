"""The static server for the built site, as `make serve`, the tests and the benchmark run it.

Like the documented server set-ups (deploy/), it

- sends the MIME types Pyodide needs (WebAssembly streaming compilation and module workers
  refuse other types);
- sends the compressed twin a build writes next to a file (file.br, else file.gz, see
  site_build/precompress.py) to browsers that accept it, with Content-Encoding and Vary;
- lets browsers keep files but makes them ask again each time (no-cache, answered with a
  cheap 304 while the file is unchanged), so a rebuild shows at once; only names that carry
  a hash of their content may be kept for a year without asking.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".ics": "text/calendar",
    ".webmanifest": "application/manifest+json",
}

# Compressed twins by preference: (Content-Encoding, file suffix).
TWINS = (("br", ".br"), ("gzip", ".gz"))

# The same names deploy/nginx lets browsers keep for a year: they change with their content.
IMMUTABLE = re.compile(
    r"/assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$|/assets/inline/[0-9a-f]+\.js$"
)


def accepted_encodings(header: str) -> set[str]:
    """Content codings an Accept-Encoding header allows (q=0 means refused).

    >>> sorted(accepted_encodings("gzip, deflate, br;q=0.5, zstd;q=0"))
    ['br', 'deflate', 'gzip']
    """
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=").strip() if params else "1"
        with contextlib.suppress(ValueError):
            if name and float(quality) > 0:
                accepted.add(name.strip().lower())
    return accepted


def cache_control(url_path: str) -> str:
    """What browsers may do with a file: keep it for a year if its name has a content hash.

    >>> cache_control("/assets/inline/0eb10c249dbdb0beef22.js"), cache_control("/planner/")
    ('public, max-age=31536000, immutable', 'no-cache')
    """
    return "public, max-age=31536000, immutable" if IMMUTABLE.search(url_path) else "no-cache"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with Pyodide-friendly MIME types, compressed twins and revalidation."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012

    def end_headers(self) -> None:
        self.send_header("Cache-Control", cache_control(self.path.split("?", 1)[0]))
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        """Like the base class, but choose a compressed twin and answer If-None-Match."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or path.name.endswith(tuple(suffix for _, suffix in TWINS)):
            return super().send_head()  # folders without a slash, 404s, direct twin requests
        served, encoding, has_twin = self.pick_twin(path)
        stat = served.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}-{encoding or "identity"}"'
        if etag in self.headers.get("If-None-Match", ""):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            if has_twin:
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        file = served.open("rb")
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("ETag", etag)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if has_twin:
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return file

    def pick_twin(self, path: Path) -> tuple[Path, str | None, bool]:
        """(file to send, its Content-Encoding or None, whether any twin exists)."""
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        twins = [(coding, path.with_name(path.name + suffix)) for coding, suffix in TWINS]
        present = [(coding, twin) for coding, twin in twins if twin.is_file()]
        for coding, twin in present:
            if coding in accepted and twin.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                return twin, coding, True
        return path, None, bool(present)


def start_server(folder: Path, handler_class: type[Any] = SiteHandler, port: int = 0) -> Any:
    """A threading server for `folder` on 127.0.0.1 (a free port unless given), already
    serving in the background; stop it with shutdown() and server_close()."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_of(server: Any) -> str:
    """The base URL of a server from start_server, ending with a slash."""
    return f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def serving(folder: Path, handler_class: type[Any] = SiteHandler) -> Iterator[str]:
    """Serve `folder` while the block runs; yields its base URL."""
    server = start_server(folder, handler_class)
    try:
        yield url_of(server)
    finally:
        server.shutdown()
        server.server_close()
