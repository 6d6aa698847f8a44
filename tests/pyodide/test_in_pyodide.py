"""The engine in real Pyodide under Node: its test suite passes there, it plans exactly as it
does in CPython, and the site's pyodide/ folder loads it with no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import site_build.first_plan
import site_build.runtime
import site_build.wheelhouse
from followup_engine.browser import calendar_response, plan_response

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SITUATIONS = sorted((HERE / "situations").glob("*.json"))
SHIPPED_PACKAGES = {
    "followup-engine",
    "holidays",
    "icalendar",
    "jinja2",
    "markupsafe",
    "python-dateutil",
    "six",
    "tzdata",
}
# A guard against a hung Node process, not a timing assertion.
HANG_GUARD_SECONDS = 1800


@dataclass(frozen=True)
class NodeRun:
    returncode: int
    output: str

    @property
    def summary(self) -> str:
        lines = [line for line in self.output.splitlines() if line.strip()]
        return lines[-1] if lines else ""


def node(*args: str) -> NodeRun:
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("node is not installed; the Pyodide tests need Node.js 20 or later")
    done = subprocess.run(
        [executable, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    return NodeRun(done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="module")
def wheelhouse() -> ModuleType:
    site_build.wheelhouse.browser_wheels()
    site_build.wheelhouse.pyodide_test_wheels()
    return site_build.wheelhouse


@pytest.fixture(scope="module")
def pyodide_run(wheelhouse: ModuleType, tmp_path_factory: pytest.TempPathFactory):
    """One Node run: the engine's pytest suite in Pyodide, plus every situation planned."""
    parity_file = tmp_path_factory.mktemp("pyodide") / "parity.json"
    run = node("tests/pyodide/run_engine_tests.mjs", "--parity-out", str(parity_file))
    parity = json.loads(parity_file.read_text("utf-8")) if parity_file.is_file() else {}
    return run, parity


@pytest.fixture(scope="module")
def runtime_folder(wheelhouse: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/pyodide/ as the build lays it out, in a scratch site folder."""
    site = tmp_path_factory.mktemp("site")
    site_build.runtime.lay_out_runtime(site)
    return site / "pyodide"


def test_engine_suite_passes_in_pyodide(pyodide_run) -> None:
    run, _ = pyodide_run
    assert run.returncode == 0, f"pytest in Pyodide failed:\n{run.output[-8000:]}"
    assert " passed" in run.summary and "failed" not in run.summary, run.summary


def test_every_situation_was_planned_in_pyodide(pyodide_run) -> None:
    _, parity = pyodide_run
    assert sorted(parity) == [path.name for path in SITUATIONS]


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda path: path.stem)
def test_pyodide_plans_exactly_like_cpython(pyodide_run, situation: Path) -> None:
    _, parity = pyodide_run
    text = situation.read_text("utf-8")
    in_pyodide = parity.get(situation.name, {})
    assert in_pyodide.get("plan") == plan_response(text)
    assert in_pyodide.get("calendar") == calendar_response(text)


def test_runtime_folder_holds_pyodide_and_every_wheel(runtime_folder: Path) -> None:
    names = {path.name for path in runtime_folder.iterdir()}
    core = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"}
    assert core | {"pyodide-lock.json"} <= names
    assert any(name.startswith("followup_engine-") for name in names)


def test_standard_library_ships_the_planners_modules_as_bytecode(runtime_folder: Path) -> None:
    """What the planner imports is compiled by Pyodide's own Python (the same magic number
    as the engine wheel's bytecode); modules it never imports keep their smaller source."""
    with zipfile.ZipFile(runtime_folder / "python_stdlib.zip") as stdlib:
        names = set(stdlib.namelist())
        stdlib_magic = stdlib.read("pickle.pyc")[:4]
        # Stored, for the server's Brotli twin to pack as a whole (site_build.precompress).
        assert {entry.compress_type for entry in stdlib.infolist()} == {zipfile.ZIP_STORED}
    (engine,) = runtime_folder.glob("followup_engine-*.whl")
    with zipfile.ZipFile(engine) as wheel:
        engine_magic = wheel.read("followup_engine/browser.pyc")[:4]
    assert {"pickle.pyc", "json/__init__.pyc", "urllib/parse.pyc"} <= names
    assert not {"pickle.py", "json/__init__.py"} & names
    assert {"smtplib.py", "ftplib.py"} <= names  # nothing in the planner sends mail
    assert stdlib_magic == engine_magic


def test_lock_lists_only_shipped_wheels_with_their_hashes(runtime_folder: Path) -> None:
    lock = json.loads((runtime_folder / "pyodide-lock.json").read_text("utf-8"))
    packages = lock["packages"]
    assert set(packages) == SHIPPED_PACKAGES
    for name, entry in packages.items():
        wheel = runtime_folder / entry["file_name"]
        assert wheel.is_file(), f"{name}: {entry['file_name']} is not in the folder"
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name
    assert set(packages["followup-engine"]["depends"]) == {"jinja2", "holidays", "icalendar"}
    assert packages["jinja2"]["depends"] == ["markupsafe"]


def unpacked(runtime_folder: Path, listed: dict[str, Any]) -> dict[str, bytes]:
    """A pack's files as its index entry (`pack`, `integrity`, `files`) lists them, after
    checking its checksum (the one the worker checks it by) and that nothing is left over."""
    pack = (runtime_folder / listed["pack"]).read_bytes()
    digest = base64.b64encode(hashlib.sha256(pack).digest()).decode()
    assert listed["integrity"] == f"sha256-{digest}"
    files, offset = {}, 0
    for name, size in listed["files"]:
        files[name] = pack[offset : offset + size]
        offset += size
    assert offset == len(pack)
    return files


def wheel_files(runtime_folder: Path, packages: list[str]) -> dict[str, bytes]:
    lock = json.loads((runtime_folder / "pyodide-lock.json").read_text("utf-8"))
    expected = {}
    for package in packages:
        with zipfile.ZipFile(runtime_folder / lock["packages"][package]["file_name"]) as wheel:
            expected |= {name: wheel.read(name) for name in wheel.namelist()}
    return expected


def test_first_plan_packs_hold_the_first_plan_wheels_unzipped(runtime_folder: Path) -> None:
    """first-plan.bin is the engine's wheel unzipped but for its later modules (all the dated
    steps need), drafts.bin those and jinja2's and markupsafe's wheels (the drafts'), each as
    first-plan.json lists it and with the checksum the worker checks it by."""
    index = json.loads((runtime_folder / "first-plan.json").read_text("utf-8"))
    drafts = index["drafts"]
    assert drafts["pack"] == "drafts.bin"
    assert index["packages"] == ["followup-engine"]
    assert drafts["packages"] == ["jinja2", "markupsafe"]
    first_plan = set(index["packages"]) | set(drafts["packages"])
    assert set(index["on_demand"]) == SHIPPED_PACKAGES - first_plan
    first, later = unpacked(runtime_folder, index), unpacked(runtime_folder, drafts)
    assert not set(first) & set(later)
    assert first | later == wheel_files(runtime_folder, sorted(first_plan))
    assert "followup_engine/schedule.pyc" in first and "followup_engine/rules.pyc" in first
    assert "followup_engine/messages.pyc" in later and "jinja2/__init__.pyc" in later
    assert not [name for name in first if not name.startswith("followup_engine/")]
    assert drafts["size"] == (runtime_folder / "drafts.bin").stat().st_size
    # The progress bar counts the bytes before the first dated steps: not the drafts pack.
    assert "drafts.bin" not in index["sizes"]
    assert index["sizes"]["first-plan.bin"] == (runtime_folder / "first-plan.bin").stat().st_size


def test_the_engine_build_names_everything_a_plan_depends_on(runtime_folder: Path) -> None:
    """The page shows a kept plan only to the build that made it (storage.js, keptPlan): a
    change to the first plan's files, to an on-demand package or to Pyodide is a new build."""
    first_plan_files = site_build.first_plan
    index = json.loads((runtime_folder / "first-plan.json").read_text("utf-8"))
    lock = json.loads((runtime_folder / "pyodide-lock.json").read_text("utf-8"))
    build = first_plan_files.engine_build
    packs = (index["integrity"], index["drafts"]["integrity"])
    assert index["build"] == build(*packs, lock)
    assert build("sha256-other", packs[1], lock) != index["build"]
    assert build(packs[0], "sha256-other", lock) != index["build"]
    holidays = {**lock["packages"]["holidays"], "sha256": "0" * 64}
    newer_holidays = {**lock, "packages": {**lock["packages"], "holidays": holidays}}
    assert build(*packs, newer_holidays) != index["build"]
    newer_python = {**lock, "info": {**lock["info"], "python": "3.99.0"}}
    assert build(*packs, newer_python) != index["build"]


def test_first_plan_packages_leave_out_what_loads_on_demand() -> None:
    first_plan_files = site_build.first_plan
    depends = {
        "followup-engine": ["jinja2", "holidays", "icalendar"],
        "jinja2": ["markupsafe", "six"],
        "markupsafe": [],
        "holidays": ["python-dateutil"],
        "icalendar": ["python-dateutil", "tzdata"],
        "python-dateutil": ["six"],
        "six": [],
        "tzdata": [],
    }
    lock = {"packages": {name: {"depends": needs} for name, needs in depends.items()}}
    # six comes later with holidays' dependencies, so the first plan must not need it.
    assert first_plan_files.first_plan_packages(lock) == ["followup-engine"]
    assert first_plan_files.drafts_packages(lock) == ["jinja2", "markupsafe"]
    assert first_plan_files.on_demand_packages(lock) == [
        "holidays",
        "icalendar",
        "python-dateutil",
        "six",
        "tzdata",
    ]


def test_markupsafe_wheel_is_pure_python(runtime_folder: Path) -> None:
    (wheel,) = runtime_folder.glob("markupsafe-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert not [name for name in archive.namelist() if name.endswith((".so", ".pyd"))]


def test_site_runtime_loads_the_engine_offline(runtime_folder: Path) -> None:
    run = node("tests/pyodide/check_site_runtime.mjs", str(runtime_folder))
    assert run.returncode == 0, run.output[-8000:]
    result = json.loads(run.summary)
    assert result["network_attempts"] == []
    assert set(result["versions"]) == SHIPPED_PACKAGES
    assert result["markupsafe_pure"] is True


def test_site_runtime_check_notices_a_missing_wheel(runtime_folder: Path, tmp_path: Path) -> None:
    """The offline check itself can fail: without six, Pyodide reaches for its CDN."""
    broken = tmp_path / "pyodide"
    shutil.copytree(runtime_folder, broken)
    next(broken.glob("six-*.whl")).unlink()
    run = node("tests/pyodide/check_site_runtime.mjs", str(broken))
    assert run.returncode != 0
    assert json.loads(run.summary)["network_attempts"], run.output[-4000:]
