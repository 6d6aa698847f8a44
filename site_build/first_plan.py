"""The files the planner's first plan needs, unzipped into one download (pyodide/first-plan.*).

Python can import a pure-Python wheel straight from its zip, but in the browser that work
(reading each archive's directory, inflating each module) runs in Pyodide's WebAssembly
Python, at the worst moment: on a cold visit it cost 0.1-0.3 s of the first plan. The pack
holds the same files already unzipped, end to end; the browser's own gzip decoding does the
decompressing, natively, and the worker writes the files into Pyodide's file system as they
are. The index says which file is where and carries the pack's checksum for the download.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import wheelhouse

INDEX_NAME = "first-plan.json"
PACK_NAME = "first-plan.bin"
# Loaded only when a plan names a country or a calendar file is asked for; the index lists
# them with what they need ("on_demand"), so that the worker can fetch them in the background.
ON_DEMAND = ("holidays", "icalendar")


@dataclass(frozen=True)
class FirstPlanFiles:
    """The two files to ship: the index (JSON) and the pack (the files end to end)."""

    index: bytes
    pack: bytes


def with_dependencies(
    lock: dict, names: list[str], skip: frozenset[str] = frozenset()
) -> list[str]:
    """`names` and everything they depend on, by the lock, but not `skip` (sorted)."""
    found: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in found or name in skip or name not in lock["packages"]:
            continue
        found.add(name)
        waiting += lock["packages"][name]["depends"]
    return sorted(found)


def on_demand_packages(lock: dict) -> list[str]:
    """The packages loaded only when first needed, and everything they depend on."""
    return with_dependencies(lock, list(ON_DEMAND))


def first_plan_packages(lock: dict) -> list[str]:
    """The engine and what it imports at once: its dependencies, minus the on-demand ones."""
    later = frozenset(on_demand_packages(lock))
    return with_dependencies(lock, [wheelhouse.ENGINE_PACKAGE], skip=later)


def engine_build(pack_integrity: str, lock: dict) -> str:
    """Names everything a plan depends on: the Pyodide release (its Python), the first plan's
    files, and the on-demand packages (holidays changes dates). The page keeps the last plan
    with this name and shows it again only to the very same build (docs/assets/planner/).

    >>> lock = {"info": {"python": "3.14.2"}, "packages": {}}
    >>> build = engine_build("sha256-a", lock)
    >>> build == engine_build("sha256-a", lock), build == engine_build("sha256-b", lock)
    (True, False)
    """
    on_demand = {name: lock["packages"][name]["sha256"] for name in on_demand_packages(lock)}
    named = json.dumps([lock["info"], pack_integrity, on_demand], sort_keys=True)
    return hashlib.sha256(named.encode()).hexdigest()[:32]


def first_plan_files(
    lock: dict, wheels: list[Path], sizes: dict[str, int] | None = None
) -> FirstPlanFiles:
    """Unzip the first plan's wheels into one pack, in a fixed order (reproducible builds).

    `sizes` (file name -> bytes) are the runtime files the worker downloads before the first
    plan; the index lists them with the pack's, so that the page can show how much of the
    download is done (issue 15) without asking the server.
    """
    by_name = {wheel.name: wheel for wheel in wheels}
    packages = first_plan_packages(lock)
    files: list[tuple[str, int]] = []
    pack = bytearray()
    for package in packages:
        with zipfile.ZipFile(by_name[lock["packages"][package]["file_name"]]) as wheel:
            for entry in sorted(wheel.infolist(), key=lambda entry: entry.filename):
                if entry.is_dir():
                    continue
                content = wheel.read(entry)
                files.append((entry.filename, len(content)))
                pack += content
    integrity = "sha256-" + base64.b64encode(hashlib.sha256(pack).digest()).decode()
    index = {
        "pack": PACK_NAME,
        "integrity": integrity,
        "build": engine_build(integrity, lock),
        "packages": packages,
        "on_demand": on_demand_packages(lock),
        "files": files,
        "sizes": {**(sizes or {}), PACK_NAME: len(pack)},
    }
    return FirstPlanFiles((json.dumps(index, separators=(",", ":")) + "\n").encode(), bytes(pack))
