"""The benchmark's web server: `make serve`'s own handler, plus the baseline page and a tally.

The baseline page lives under /__bench__/ on the same server as the site, so both load the
very same Pyodide files through the very same code. Every response's body size is recorded
(as sent, so compressed when the server sent a compressed twin), which gives the wire bytes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner_testing.server import SiteHandler, start_server, url_of

ROOT = Path(__file__).resolve().parent.parent

BASELINE_PREFIX = "/__bench__/"
BASELINE_DIR = Path(__file__).resolve().parent / "baseline"


@dataclass(frozen=True)
class Transfer:
    """One response: the path asked for, when the request came (epoch seconds), body bytes."""

    path: str
    started: float
    sent: int


class Tally:
    """Responses sent since the last reset, safe to fill from the server's threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._transfers: list[Transfer] = []

    def add(self, transfer: Transfer) -> None:
        with self._lock:
            self._transfers.append(transfer)

    def take(self) -> list[Transfer]:
        """The transfers so far; the tally starts again from empty."""
        with self._lock:
            taken, self._transfers = self._transfers, []
        return taken


class _CountingWriter:
    """Wraps the socket writer to count body bytes."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.inner.write(data)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


class BenchHandler(SiteHandler):
    """The site's handler, with /__bench__/ mapped to bench/baseline/ and every body counted."""

    tally: Tally

    def translate_path(self, path: str) -> str:
        if path.startswith(BASELINE_PREFIX):
            name = path[len(BASELINE_PREFIX) :].split("?", 1)[0].split("#", 1)[0] or "index.html"
            return str(BASELINE_DIR / Path(name).name)
        return super().translate_path(path)

    def parse_request(self) -> bool:
        self.started = time.time()
        return super().parse_request()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        writer = _CountingWriter(outputfile)
        super().copyfile(source, writer)
        self.tally.add(Transfer(self.path.split("?", 1)[0], self.started, writer.count))

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[tuple[str, Tally]]:
    """Serve `site` on a free local port; yields the base URL (ending in /) and the tally."""
    tally = Tally()
    handler_class = type("TalliedHandler", (BenchHandler,), {"tally": tally})
    server = start_server(site, handler_class)
    try:
        yield url_of(server), tally
    finally:
        server.shutdown()
        server.server_close()
