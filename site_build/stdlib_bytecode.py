"""Pyodide's standard library with bytecode for what the planner imports, for the runtime
step (site_build.runtime) to ship.

The npm package's python_stdlib.zip holds only .py sources, so the browser compiles every
standard module it imports, on every visit: Pyodide's own start-up and the modules jinja2
pulls in (pickle, urllib.parse, ...) spend most of their time there. This module rewrites the
zip with module.py replaced by the module.pyc that Pyodide's own Python (3.14, under Node:
node/pyodide_compile.mjs) compiles from it, the way site_build.wheelhouse treats the wheels.

Bytecode is larger than source, so only the modules the planner imports get it: the ones
node/pyodide_imports.mjs sees Pyodide load while it runs the engine's requests (178 of 559,
+0.44 MB instead of +0.99 MB for all). Any other module still works; Python compiles it when
it is first imported. The result is cached in build/ and redone when an input changes.

Its entries are stored, not deflated: the server's Brotli twin (site_build.precompress) packs
the whole archive far better than zip's file-by-file deflate (1.9 MB on the wire instead of
3.0 MB), the browser unpacks it natively, and Python reads each module as it is, without
inflating it in WebAssembly. The price is memory: the unpacked archive (10 MB) sits in
Pyodide's file system, and in the offline copy.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from . import wheelhouse
from .cache import cached, fingerprint

STDLIB_NAME = "python_stdlib.zip"
SOURCE = wheelhouse.PYODIDE_RUNTIME / STDLIB_NAME
CACHE = wheelhouse.ROOT / "build" / STDLIB_NAME
STAMP = wheelhouse.ROOT / "build" / "python_stdlib.stamp"
IMPORTS_SCRIPT = Path(__file__).with_name("node") / "pyodide_imports.mjs"
# What Pyodide needs to start from a folder and load packages from its lock.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB_NAME)


def planner_imports(wheels: list[Path], lock: bytes, node: str) -> set[str]:
    """The standard modules the planner imports, as paths in the zip ("json/decoder.py")."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in RUNTIME_FILES:
            shutil.copyfile(wheelhouse.PYODIDE_RUNTIME / name, folder / name)
        for wheel in wheels:
            shutil.copyfile(wheel, folder / wheel.name)
        (folder / "pyodide-lock.json").write_bytes(lock)
        printed = wheelhouse.run(
            [node, str(IMPORTS_SCRIPT), tmp], what="Running the engine in Pyodide"
        )
    return set(json.loads(printed.strip().splitlines()[-1]))


def with_bytecode(source: Path, unpacked: Path, target: Path, modules: set[str]) -> int:
    """Write `target`: `source` with each of `modules` swapped for its .pyc from `unpacked`,
    every entry stored uncompressed.

    Entries keep their order and times, so the same inputs give the same bytes. A module
    that Pyodide's Python could not compile keeps its source. Returns how many were swapped.
    """
    swapped = 0
    stored = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED)
    with zipfile.ZipFile(source) as original, stored as rewritten:
        for entry in original.infolist():
            compiled = unpacked / (entry.filename + "c")
            if entry.filename in modules and compiled.is_file():
                name, content = entry.filename + "c", compiled.read_bytes()
                swapped += 1
            else:
                name, content = entry.filename, original.read(entry)
            kept = zipfile.ZipInfo(name, date_time=entry.date_time)
            kept.external_attr = entry.external_attr
            rewritten.writestr(kept, content)
    return swapped


def compiled_stdlib(wheels: list[Path], lock: bytes) -> Path:
    """The standard library with the planner's modules as bytecode (build/python_stdlib.zip),
    made if stale. `wheels` and `lock` are what the site ships: the engine's imports decide."""
    inputs = fingerprint(
        [
            SOURCE,
            wheelhouse.COMPILE_SCRIPT,
            IMPORTS_SCRIPT,
            wheelhouse.PYODIDE_RUNTIME / "package.json",
            *wheels,
        ],
        Path(__file__).read_text(encoding="utf-8"),
        lock.decode(),
    )
    (made,) = cached(STAMP, inputs, lambda: [_compile_stdlib(wheels, lock)])
    return made


def _compile_stdlib(wheels: list[Path], lock: bytes) -> Path:
    node = shutil.which("node")
    if node is None:
        raise wheelhouse.WheelhouseError("byte-compiling Pyodide's standard library needs node")
    modules = planner_imports(wheels, lock, node)
    with tempfile.TemporaryDirectory() as tmp:
        unpacked = Path(tmp) / "stdlib"
        with zipfile.ZipFile(SOURCE) as archive:  # only what gets compiled
            archive.extractall(unpacked, members=sorted(modules & set(archive.namelist())))
        command = [node, str(wheelhouse.COMPILE_SCRIPT), str(wheelhouse.PYODIDE_RUNTIME), tmp]
        wheelhouse.run(command, what="Byte-compiling Pyodide's standard library")
        partial = CACHE.with_suffix(".partial")
        if not with_bytecode(SOURCE, unpacked, partial, modules):
            raise wheelhouse.WheelhouseError(f"no module of {SOURCE} was compiled")
        partial.replace(CACHE)
    return CACHE
