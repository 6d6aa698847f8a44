"""The build's gzip twins: present where they pay off, identical in content, reused when current."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from trust_support import load_hook

precompress = load_hook("precompress")


def test_every_twin_holds_exactly_its_file(site_dir: Path) -> None:
    twins = sorted(site_dir.rglob("*.gz"))
    assert site_dir / "pyodide" / "pyodide.asm.wasm.gz" in twins
    for twin in twins:
        assert gzip.decompress(twin.read_bytes()) == twin.with_suffix("").read_bytes(), twin


def test_every_worthwhile_file_has_a_twin(site_dir: Path) -> None:
    for path in site_dir.rglob("*"):
        if path.is_file() and precompress.wants_twin(path):
            packed = len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            worth_it = packed <= precompress.MAX_RATIO * path.stat().st_size
            assert path.with_name(path.name + ".gz").is_file() == worth_it, path


def test_twins_are_rewritten_only_when_their_file_changed(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>plan</p>" * 200)
    assert precompress.compress(page)
    twin = tmp_path / "page.html.gz"
    twin.write_bytes(b"stale but newer")
    assert precompress.compress(page)
    assert twin.read_bytes() == b"stale but newer"  # current by date: left alone

    page.write_text("<p>new plan</p>" * 200)
    later = twin.stat().st_mtime_ns + 1_000_000_000
    os.utime(page, ns=(later, later))
    assert precompress.compress(page)
    assert gzip.decompress(twin.read_bytes()) == page.read_bytes()


def test_incompressible_files_get_no_twin(tmp_path: Path) -> None:
    noise = tmp_path / "noise.zip"
    noise.write_bytes(os.urandom(4096))
    assert not precompress.compress(noise)
    assert not (tmp_path / "noise.zip.gz").exists()
