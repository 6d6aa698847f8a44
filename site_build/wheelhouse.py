"""Collect the wheels that Pyodide needs: the engine, its pure-Python dependencies, test tools.

Shared by the site build (which ships the wheels with the site) and by the Pyodide test
runner (which also needs pytest and hypothesis inside Pyodide). Every version comes from
requirements/dev.txt, so CPython and Pyodide run the same releases. Work is skipped when a
stamp shows the inputs are unchanged, because `mkdocs serve` calls this on every rebuild.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .cache import ROOT, cached, fingerprint

PINS_FILE = ROOT / "requirements" / "dev.txt"
PYODIDE_TEST_PINS_FILE = ROOT / "requirements" / "pyodide-tests.txt"
WHEELS_DIR = ROOT / "build" / "wheels"
SITE_WHEELS_DIR = ROOT / "build" / "site-wheels"
PYODIDE_RUNTIME = ROOT / "node_modules" / "pyodide"
COMPILE_SCRIPT = Path(__file__).with_name("node") / "pyodide_compile.mjs"
TEST_WHEELS_DIR = ROOT / "build" / "pyodide-test-wheels"

ENGINE_PACKAGE = "followup-engine"
ENGINE_SOURCES = ("followup_engine", "pyproject.toml", "README.md")

# What the engine imports at run time in the browser. Pyodide runs Python 3.14, where
# icalendar does not need typing-extensions (its marker is python_version < "3.13").
BROWSER_WHEELS = ("jinja2", "holidays", "icalendar", "python-dateutil", "six", "tzdata")
# PyPI has only compiled wheels of markupsafe; its sdist falls back to pure Python.
BROWSER_SDISTS = ("markupsafe",)

# Exactly the pinned release of each name; versions are resolved by the pin files, not pip.
PIP_DOWNLOAD = (sys.executable, "-m", "pip", "download", "--quiet", "--no-deps")
# A fixed zip timestamp makes rebuilt wheels byte-identical, so the lock file stays put.
REPRODUCIBLE_ENV = {"SOURCE_DATE_EPOCH": "315532800"}


class WheelhouseError(RuntimeError):
    """A wheel could not be collected; the message says what to do."""


def canonical_name(name: str) -> str:
    """PEP 503 form of a project name.

    >>> canonical_name("Typing_Extensions")
    'typing-extensions'
    """
    return "-".join(name.replace("_", "-").replace(".", "-").lower().split("-"))


def parse_pins(text: str, source: str = "requirements") -> dict[str, str]:
    """Map each `name==version` line of a requirements file to its version.

    >>> parse_pins("# comment\\nJinja2==3.1.6\\npyodide-lock[wheel]==0.2.1  # cli\\n")
    {'jinja2': '3.1.6', 'pyodide-lock': '0.2.1'}
    """
    pins: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise WheelhouseError(f"{source}: '{raw}' is not pinned with '=='")
        pins[canonical_name(name.split("[", 1)[0].strip())] = version.strip()
    return pins


def read_pins(path: Path = PINS_FILE) -> dict[str, str]:
    return parse_pins(path.read_text(encoding="utf-8"), source=str(path))


def pinned(pins: dict[str, str], names: Iterable[str]) -> list[str]:
    """`name==version` requirements for names, failing loudly on a missing pin."""
    missing = [name for name in names if name not in pins]
    if missing:
        raise WheelhouseError(f"no pinned version in {PINS_FILE} for: {', '.join(missing)}")
    return [f"{name}=={pins[name]}" for name in names]


def is_pure_wheel(path: Path) -> bool:
    """True for a wheel any Python 3 can install: tagged none-any, with no compiled module."""
    if not path.name.endswith("-none-any.whl"):
        return False
    with zipfile.ZipFile(path) as archive:
        return not any(name.endswith((".so", ".pyd", ".dylib")) for name in archive.namelist())


def run(
    command: Sequence[str], *, what: str, cwd: Path | None = None, env: dict | None = None
) -> str:
    """Run a build step and return what it printed; on failure raise with its output so the
    cause is on screen."""
    result = subprocess.run(
        list(command),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise WheelhouseError(
            f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result.stdout


def download_pure_wheels(requirements: Sequence[str], into: Path) -> list[Path]:
    """Fetch exactly these releases as pure wheels, without resolving their dependencies."""
    with tempfile.TemporaryDirectory() as tmp:
        run(
            [*PIP_DOWNLOAD, "--only-binary=:all:", "--dest", tmp, *requirements],
            what="Downloading wheels from PyPI",
        )
        wheels = sorted(Path(tmp).glob("*.whl"))
        impure = [wheel.name for wheel in wheels if not is_pure_wheel(wheel)]
        if impure:
            raise WheelhouseError(f"these wheels are not pure Python: {', '.join(impure)}")
        return [Path(shutil.move(wheel, into / wheel.name)) for wheel in wheels]


def build_wheel(source: Path, into: Path, env: dict | None = None) -> Path:
    """Build one wheel from a source tree with the pinned setuptools (no isolated env)."""
    with tempfile.TemporaryDirectory() as out:
        run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, "."],
            what=f"Building a wheel of {source.name}",
            cwd=source,
            env={**REPRODUCIBLE_ENV, **(env or {})},
        )
        (wheel,) = Path(out).glob("*.whl")
        return Path(shutil.move(wheel, into / wheel.name))


def build_pure_sdist_wheel(requirement: str, into: Path) -> Path:
    """Build a pure-Python wheel from an sdist whose C speedups are optional.

    CC=false makes the C compiler fail at once; markupsafe's setup.py then builds again
    without the extension, which gives a py3-none-any wheel Pyodide can load.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run(
            [*PIP_DOWNLOAD, "--no-binary=:all:", "--dest", str(work), requirement],
            what=f"Downloading the sdist of {requirement}",
        )
        (sdist,) = work.glob("*.tar.gz")
        with tarfile.open(sdist) as archive:
            archive.extractall(work, filter="data")
        (source,) = (path for path in work.iterdir() if path.is_dir())
        wheel = build_wheel(source, into, env={"CC": "false", "CFLAGS": ""})
    if not is_pure_wheel(wheel):
        wheel.unlink()
        raise WheelhouseError(f"{requirement} did not build as a pure-Python wheel")
    return wheel


def build_engine_wheel(into: Path) -> Path:
    """Build the engine from a clean copy of its sources, so stale build/lib files never leak."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "followup-engine"
        source.mkdir()
        for name in ENGINE_SOURCES:
            origin = ROOT / name
            if not origin.exists():
                raise WheelhouseError(f"cannot build the engine wheel: {origin} is missing")
            if origin.is_dir():
                shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(origin, source / name)
        wheel = build_wheel(source, into)
    if not is_pure_wheel(wheel):
        raise WheelhouseError(f"the engine wheel {wheel.name} is not pure Python")
    return wheel


def refresh(
    folder: Path,
    stamp_name: str,
    inputs: str,
    make: Callable[[], list[Path]],
    owns: Callable[[str], bool],
) -> list[Path]:
    """The wheels a fresh stamp lists, or else: delete the wheels this stamp owns (by name,
    so leftovers of an older release go too) and make() them again."""

    def clear() -> None:
        for wheel in folder.glob("*.whl"):
            if owns(wheel.name):
                wheel.unlink()

    return cached(folder / stamp_name, inputs, make, clear)


def is_engine_wheel(file_name: str) -> bool:
    return file_name.startswith(ENGINE_PACKAGE.replace("-", "_") + "-")


def engine_wheel(folder: Path = WHEELS_DIR) -> Path:
    """The engine wheel, rebuilt whenever followup_engine/ or the package metadata change."""
    inputs = fingerprint([ROOT / name for name in ENGINE_SOURCES], Path(__file__).read_text())
    (wheel,) = refresh(
        folder, ".engine.stamp", inputs, lambda: [build_engine_wheel(folder)], is_engine_wheel
    )
    return wheel


def browser_dependency_wheels(folder: Path = WHEELS_DIR) -> list[Path]:
    """Pure wheels of everything the engine imports, at the pinned versions."""
    pins = read_pins()
    downloads = pinned(pins, BROWSER_WHEELS)
    sdists = pinned(pins, BROWSER_SDISTS)
    inputs = fingerprint([], *downloads, *sdists, Path(__file__).read_text())

    def make() -> list[Path]:
        wheels = download_pure_wheels(downloads, folder)
        return wheels + [build_pure_sdist_wheel(req, folder) for req in sdists]

    return refresh(folder, ".dependencies.stamp", inputs, make, lambda n: not is_engine_wheel(n))


def browser_wheels(folder: Path = WHEELS_DIR) -> list[Path]:
    """Every wheel the site ships: the engine and its dependencies."""
    return sorted([engine_wheel(folder), *browser_dependency_wheels(folder)])


# Fixed entry times make the repacked wheels byte-identical from one build to the next.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def record_line(name: str, data: bytes) -> str:
    """A RECORD row (PEP 376): path, urlsafe-base64 sha256 without padding, size.

    >>> record_line("a.py", b"")
    'a.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0'
    """
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def repack_with_bytecode(wheel: Path, unpacked: Path, into: Path) -> Path:
    """The wheel again with each module.py replaced by the module.pyc compiled beside it in
    `unpacked`, and a RECORD to match. Bytecode alone is smaller than bytecode plus source,
    and the browser never needs the source (the engine's doctests run from build/wheels)."""
    with zipfile.ZipFile(wheel) as archive:
        names = [name for name in archive.namelist() if not name.endswith("/")]
        contents = {name: archive.read(name) for name in names}
    (record,) = [name for name in names if name.endswith(".dist-info/RECORD")]
    for name in [name for name in names if name.endswith(".py")]:
        compiled = unpacked / (name + "c")
        if compiled.is_file():  # a module Pyodide's Python cannot compile keeps its source
            del contents[name]
            contents[name + "c"] = compiled.read_bytes()
    rows = [record_line(name, data) for name, data in contents.items() if name != record]
    contents[record] = ("\n".join([*rows, f"{record},,"]) + "\n").encode()
    target = into / wheel.name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in contents.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def compile_for_pyodide(wheels: list[Path], into: Path) -> list[Path]:
    """Copies of `wheels` with .pyc files made by Pyodide's Python (hooks/pyodide_compile.mjs),
    so the browser imports them without compiling every module on each visit."""
    node = shutil.which("node")
    if node is None or not (PYODIDE_RUNTIME / "pyodide.mjs").is_file():
        raise WheelhouseError("byte-compiling the wheels needs node and node_modules/pyodide")
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for wheel in wheels:
            folders[wheel] = Path(tmp) / wheel.stem
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(folders[wheel])
        command = [node, str(COMPILE_SCRIPT), str(PYODIDE_RUNTIME), tmp]
        run(command, what="Byte-compiling the wheels in Pyodide")
        return [repack_with_bytecode(wheel, folders[wheel], into) for wheel in wheels]


def site_wheels(folder: Path = SITE_WHEELS_DIR) -> list[Path]:
    """The wheels the site ships: browser_wheels() byte-compiled for Pyodide's Python.

    The engine and its dependencies are compiled apart (each with its own stamp), so an
    edit to the engine recompiles only the engine.
    """
    engine = engine_wheel()
    dependencies = browser_dependency_wheels()
    runtime = hashlib.sha256((PYODIDE_RUNTIME / "package.json").read_bytes()).hexdigest()
    compiled = []
    for stamp, sources, owns in (
        (".engine.stamp", [engine], is_engine_wheel),
        (".dependencies.stamp", dependencies, lambda name: not is_engine_wheel(name)),
    ):
        inputs = fingerprint([*sources, COMPILE_SCRIPT], Path(__file__).read_text(), runtime)
        make = functools.partial(compile_for_pyodide, sources, folder)
        compiled += refresh(folder, stamp, inputs, make, owns)
    return sorted(compiled)


def pyodide_test_wheels(folder: Path = TEST_WHEELS_DIR) -> list[Path]:
    """pytest, hypothesis and their pure dependencies, for running tests/engine in Pyodide."""
    pins = read_pins(PYODIDE_TEST_PINS_FILE)
    downloads = pinned(pins, pins)
    inputs = fingerprint([], *downloads, Path(__file__).read_text())
    wheels = refresh(
        folder, ".tests.stamp", inputs, lambda: download_pure_wheels(downloads, folder), bool
    )
    return sorted(wheels)


__all__ = [
    "TEST_WHEELS_DIR",
    "WHEELS_DIR",
    "WheelhouseError",
    "browser_wheels",
    "engine_wheel",
    "pyodide_test_wheels",
    "site_wheels",
]


if __name__ == "__main__":
    # `python -m site_build.wheelhouse` prepares both folders, for running the Node script by
    # hand.
    for wheel in [*browser_wheels(), *pyodide_test_wheels()]:
        print(wheel.relative_to(ROOT))
