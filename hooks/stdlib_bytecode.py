"""Pyodide's standard library as bytecode, for hooks/pyodide_runtime.py to ship.

The npm package's python_stdlib.zip holds only .py sources, so the browser compiles every
standard module it imports, on every visit: Pyodide's own start-up and the modules jinja2
pulls in (pickle, urllib.parse, ...) spend most of their time there. This module rewrites the
zip with each module.py replaced by the module.pyc that Pyodide's own Python (3.14, under
Node: hooks/pyodide_compile.mjs) compiles from it, the way hooks/wheelhouse.py treats the
wheels. The result is cached in build/ and redone only when Pyodide or this code changes.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import wheelhouse

STDLIB_NAME = "python_stdlib.zip"
SOURCE = wheelhouse.PYODIDE_RUNTIME / STDLIB_NAME
CACHE = wheelhouse.ROOT / "build" / STDLIB_NAME
STAMP = wheelhouse.ROOT / "build" / "python_stdlib.stamp"


def with_bytecode(source: Path, unpacked: Path, target: Path) -> int:
    """Write `target`: `source` with each module.py swapped for module.pyc from `unpacked`.

    Entries keep their order and times, so the same inputs give the same bytes. A module
    that Pyodide's Python could not compile keeps its source. Returns how many were swapped.
    """
    swapped = 0
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as rewritten:
        for entry in original.infolist():
            compiled = unpacked / (entry.filename + "c")
            if entry.filename.endswith(".py") and compiled.is_file():
                bytecode = zipfile.ZipInfo(entry.filename + "c", date_time=entry.date_time)
                bytecode.external_attr = entry.external_attr
                rewritten.writestr(
                    bytecode,
                    compiled.read_bytes(),
                    compress_type=zipfile.ZIP_DEFLATED,
                    compresslevel=9,
                )
                swapped += 1
            else:
                rewritten.writestr(entry, original.read(entry))
    return swapped


def compiled_stdlib() -> Path:
    """The bytecode standard library (build/python_stdlib.zip), made if stale."""
    inputs = wheelhouse.fingerprint(
        [SOURCE, wheelhouse.COMPILE_SCRIPT, wheelhouse.PYODIDE_RUNTIME / "package.json"],
        Path(__file__).read_text(encoding="utf-8"),
    )
    if CACHE.is_file() and STAMP.is_file() and STAMP.read_text(encoding="utf-8") == inputs:
        return CACHE
    node = shutil.which("node")
    if node is None:
        raise wheelhouse.WheelhouseError("byte-compiling Pyodide's standard library needs node")
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        unpacked = Path(tmp) / "stdlib"
        with zipfile.ZipFile(SOURCE) as archive:
            archive.extractall(unpacked)
        command = [node, str(wheelhouse.COMPILE_SCRIPT), str(wheelhouse.PYODIDE_RUNTIME), tmp]
        wheelhouse.run(command, what="Byte-compiling Pyodide's standard library")
        partial = CACHE.with_suffix(".partial")
        if not with_bytecode(SOURCE, unpacked, partial):
            raise wheelhouse.WheelhouseError(f"no module of {SOURCE} was compiled")
        partial.replace(CACHE)
    STAMP.write_text(inputs, encoding="utf-8")
    return CACHE
