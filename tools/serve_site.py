"""Serve the built site folder on 127.0.0.1, the way a static web host would.

`make serve` runs this after `mkdocs build`, so what you try is exactly what you would upload:
no MkDocs in between. It sends the MIME types Pyodide needs (WebAssembly streaming
compilation and module workers refuse other types) and never caches, so a rebuild shows at once.

    python tools/serve_site.py [--root site] [--port 8000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
from pathlib import Path

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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with Pyodide-friendly MIME types and no caching."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("site"), help="built site folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.root / "index.html").is_file():
        parser.error(f"{args.root} has no index.html; build the site first (make build)")
    handler = functools.partial(SiteHandler, directory=str(args.root))
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Serving {args.root}/ at http://{args.host}:{args.port}/ (Ctrl+C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
