"""The build's Brotli and gzip twins: present where they pay off, identical in content,
reused when current, and big ones kept by content between builds."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest

from site_build import precompress

UNPACK = {".br": brotli.decompress, ".gz": gzip.decompress}


@pytest.mark.parametrize("suffix", sorted(UNPACK))
def test_every_twin_holds_exactly_its_file(site_dir: Path, suffix: str) -> None:
    twins = sorted(site_dir.rglob(f"*{suffix}"))
    assert site_dir / "pyodide" / f"pyodide.asm.wasm{suffix}" in twins
    for twin in twins:
        assert UNPACK[suffix](twin.read_bytes()) == twin.with_suffix("").read_bytes(), twin


def test_every_worthwhile_file_has_its_twins(site_dir: Path) -> None:
    for path in site_dir.rglob("*"):
        if path.is_file() and precompress.wants_twin(path):
            data = path.read_bytes()
            for suffix in precompress.TWINS:
                # The build's cache spares this test a minute of Brotli on the runtime.
                packed = precompress.packed(data, suffix, precompress.CACHE_DIR, set())
                worth_it = len(packed) <= precompress.MAX_RATIO * len(data)
                assert path.with_name(path.name + suffix).is_file() == worth_it, (path, suffix)


def test_brotli_twins_are_smaller_than_gzip_ones_for_the_runtime(site_dir: Path) -> None:
    wasm = site_dir / "pyodide" / "pyodide.asm.wasm"
    br, gz = (wasm.with_name(wasm.name + suffix).stat().st_size for suffix in (".br", ".gz"))
    assert br < 0.85 * gz


def test_the_standard_library_travels_packed_as_a_whole(site_dir: Path) -> None:
    """Its zip stores modules as they are (site_build.stdlib_bytecode): the twin then packs
    the whole archive, well below what zip's own deflate gave (3.0 MB)."""
    stdlib = site_dir / "pyodide" / "python_stdlib.zip"
    twin = stdlib.with_name(stdlib.name + ".br")
    assert twin.stat().st_size < 0.25 * stdlib.stat().st_size


def test_twins_are_rewritten_only_when_their_file_changed(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>plan</p>" * 200)
    assert precompress.compress(page) == [".br", ".gz"]
    twin = tmp_path / "page.html.gz"
    twin.write_bytes(b"stale but newer")
    assert precompress.compress(page) == [".br", ".gz"]
    assert twin.read_bytes() == b"stale but newer"  # current by date: left alone

    page.write_text("<p>new plan</p>" * 200)
    later = twin.stat().st_mtime_ns + 1_000_000_000
    os.utime(page, ns=(later, later))
    assert precompress.compress(page) == [".br", ".gz"]
    assert gzip.decompress(twin.read_bytes()) == page.read_bytes()
    assert brotli.decompress((tmp_path / "page.html.br").read_bytes()) == page.read_bytes()


def test_incompressible_files_get_no_twin(tmp_path: Path) -> None:
    noise = tmp_path / "noise.zip"
    noise.write_bytes(os.urandom(4096))
    assert precompress.compress(noise) == []
    assert not list(tmp_path.glob("noise.zip.*"))


def test_big_files_are_compressed_once_per_content(tmp_path: Path) -> None:
    """A rebuild takes a big file's twins from the cache; the cache keeps what a build used."""
    cache = tmp_path / "cache"
    runtime = tmp_path / "site" / "runtime.wasm"
    runtime.parent.mkdir()
    runtime.write_bytes(b"\0asm" + bytes(range(256)) * 400)
    used: set[Path] = set()
    assert precompress.compress(runtime, cache, used) == [".br", ".gz"]
    assert sorted(entry.suffix for entry in used) == [".br", ".gz"]
    assert set(cache.iterdir()) == used

    # The next build's copy of the same file: its twins come from the cache, as they are.
    (gz_entry,) = (entry for entry in used if entry.suffix == ".gz")
    gzip_of_the_cache = gzip.compress(runtime.read_bytes(), compresslevel=1, mtime=0)
    gz_entry.write_bytes(gzip_of_the_cache)
    for twin in runtime.parent.glob("runtime.wasm.*"):
        twin.unlink()
    rebuilt: set[Path] = set()
    assert precompress.compress(runtime, cache, rebuilt) == [".br", ".gz"]
    assert rebuilt == used
    assert (tmp_path / "site" / "runtime.wasm.gz").read_bytes() == gzip_of_the_cache

    # Small files are not cached; entries no build uses any more are dropped.
    page = tmp_path / "site" / "page.html"
    page.write_text("<p>plan</p>" * 200)
    assert precompress.compress(page, cache, rebuilt) == [".br", ".gz"]
    assert rebuilt == used
    precompress.prune(cache, set())
    assert list(cache.iterdir()) == []
