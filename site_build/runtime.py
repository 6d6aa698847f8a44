"""Lay the Pyodide runtime, the wheels and their lock file into site/pyodide/.

The planner's worker loads Pyodide from the site itself, so the page works without any CDN.
The lock file is the npm package's, cut down to our own packages and rewritten with
`pyodide lockfile add-wheels`, so `loadPackage("followup-engine")` resolves the engine and its
dependencies to the wheels beside it, each checked against its sha256. Files are written only
when their content changed, so `mkdocs serve` stays quick and does not rebuild in a loop.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from . import first_plan, stdlib_bytecode, wheelhouse
from .cache import cached, fingerprint, write_if_changed
from .wheelhouse import WheelhouseError

PYODIDE_PACKAGE = wheelhouse.ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.mjs.map",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
LOCK_NAME = "pyodide-lock.json"
# The runtime files every start downloads (the lock and the index come first, and are small):
# the page's progress bar counts them against their sizes (first_plan, "sizes").
FIRST_DOWNLOADS = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The page's list of countries, so the browser need not load `holidays` (the biggest wheel)
# before the visitor picks one.
COUNTRIES_NAME = "countries.json"
LOCK_CACHE = wheelhouse.ROOT / "build" / LOCK_NAME
LOCK_STAMP = wheelhouse.ROOT / "build" / "pyodide-lock.stamp"  # beside LOCK_CACHE
SITE_FOLDER = "pyodide"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def base_lock(npm_lock: Path, into: Path) -> Path:
    """The npm lock with its package list emptied: those ~350 wheels are not shipped here.

    Keeping `info` (Python version, platform, ABI) lets add-wheels check our wheels' tags.
    """
    lock = json.loads(npm_lock.read_text(encoding="utf-8"))
    lock["packages"] = {}
    path = into / "base-lock.json"
    path.write_text(json.dumps(lock), encoding="utf-8")
    return path


def check_lock(lock: dict, wheels: list[Path]) -> None:
    """Every entry must name a wheel we ship, with its sha256, and the engine must be there."""
    shipped = {wheel.name: sha256(wheel) for wheel in wheels}
    packages = lock["packages"]
    if wheelhouse.ENGINE_PACKAGE not in packages:
        raise WheelhouseError(f"{LOCK_NAME} has no '{wheelhouse.ENGINE_PACKAGE}' entry")
    for name, entry in packages.items():
        file_name = entry["file_name"]
        if shipped.get(file_name) != entry["sha256"]:
            raise WheelhouseError(
                f"{LOCK_NAME}: '{name}' points at {file_name}, not a shipped wheel"
            )


def write_lock(wheels: list[Path]) -> bytes:
    """Run `pyodide lockfile add-wheels` on the shipped wheels, caching its result in build/."""
    npm_lock = PYODIDE_PACKAGE / LOCK_NAME
    inputs = fingerprint([npm_lock, *wheels, Path(__file__)])
    (made,) = cached(LOCK_STAMP, inputs, lambda: [_add_wheels(npm_lock, wheels)])
    return made.read_bytes()


def _add_wheels(npm_lock: Path, wheels: list[Path]) -> Path:
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            str(pyodide_cli),
            "lockfile",
            "add-wheels",
            "--input",
            str(base_lock(npm_lock, Path(tmp))),
            "--output",
            str(LOCK_CACHE),
            "--base-path",
            str(wheels[0].parent),
            *map(str, wheels),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise WheelhouseError(
            "`pyodide lockfile add-wheels` failed (is pyodide-lock[wheel] installed? "
            f"run `make setup`):\n{result.stdout}{result.stderr}"
        )
    lock = json.loads(LOCK_CACHE.read_text(encoding="utf-8"))
    check_lock(lock, wheels)
    LOCK_CACHE.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return LOCK_CACHE


def country_codes(wheels: list[Path]) -> bytes:
    """ISO codes of the countries the shipped holidays release knows, as a JSON list.

    Read from the same pinned release installed in this Python (requirements/dev.txt pins
    both), and refused if the versions differ, so the list always matches the wheel.
    """
    import holidays
    from holidays.registry import COUNTRIES

    (wheel,) = (wheel for wheel in wheels if wheel.name.startswith("holidays-"))
    shipped = wheel.name.split("-")[1]
    if holidays.__version__ != shipped:
        raise WheelhouseError(
            f"holidays {holidays.__version__} is installed but {shipped} is shipped; "
            "run `make setup`"
        )
    return (json.dumps(sorted(entry[1] for entry in COUNTRIES.values())) + "\n").encode()


def check_runtime() -> None:
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_PACKAGE / name).is_file()]
    if missing:
        raise WheelhouseError(
            f"Pyodide runtime files missing from {PYODIDE_PACKAGE}: {', '.join(missing)}; "
            "run `npm ci` (or `make setup`)"
        )


def shipped_files(wheels: list[Path], lock: bytes) -> dict[str, Path]:
    """Every file copied into site/pyodide/ as it is, by name: the runtime, the byte-compiled
    standard library and the wheels (made by the wheel step; only read here)."""
    shipped = {name: PYODIDE_PACKAGE / name for name in RUNTIME_FILES}
    shipped[stdlib_bytecode.STDLIB_NAME] = stdlib_bytecode.compiled_stdlib(wheels, lock)
    return shipped | {wheel.name: wheel for wheel in wheels}


def written_files(shipped: dict[str, Path], wheels: list[Path], lock: bytes) -> dict[str, bytes]:
    """The files made for site/pyodide/: the lock, the country list, the first plan's two
    packs and their index."""
    # What the worker downloads before the first plan, as the browser hands it over (decoded).
    sizes = {name: shipped[name].stat().st_size for name in FIRST_DOWNLOADS}
    first = first_plan.first_plan_files(json.loads(lock), wheels, sizes)
    return {
        LOCK_NAME: lock,
        COUNTRIES_NAME: country_codes(wheels),
        first_plan.INDEX_NAME: first.index,
        first_plan.PACK_NAME: first.pack,
        first_plan.DRAFTS_NAME: first.drafts,
    }


def lay_out_runtime(site_dir: Path) -> None:
    """Fill site_dir/pyodide/ with exactly the shipped and written files; drop any other."""
    check_runtime()
    wheels = wheelhouse.site_wheels()
    lock = write_lock(wheels)  # once: the stdlib's bytecode and the first plan both read it
    target = site_dir / SITE_FOLDER
    shipped = shipped_files(wheels, lock)
    for name, source in shipped.items():
        write_if_changed(target / name, source.read_bytes())
    written = written_files(shipped, wheels, lock)
    for name, content in written.items():
        write_if_changed(target / name, content)
    stale = {path.name for path in target.iterdir()} - set(shipped) - set(written)
    for name in stale:
        (target / name).unlink()
