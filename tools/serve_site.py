"""Serve the built site folder on 127.0.0.1, the way a static web host would.

`make serve` runs this after `mkdocs build`, so what you try is exactly what you would upload:
no MkDocs in between. The server itself (types, compressed twins, caching) is the one the
tests and the benchmark use too: planner_testing/server.py.

    python tools/serve_site.py [--root site] [--port 8000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
from pathlib import Path

from planner_testing.server import SiteHandler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("site"), help="built site folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.root / "index.html").is_file():
        parser.error(f"{args.root} has no index.html; build the site first (make build)")
    handler = functools.partial(SiteHandler, directory=os.fspath(args.root))
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Serving {args.root}/ at http://{args.host}:{args.port}/ (Ctrl+C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
