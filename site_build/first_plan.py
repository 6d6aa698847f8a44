"""The files the planner's first plan needs, unzipped into two downloads (pyodide/first-plan.*,
pyodide/drafts.bin).

Python can import a pure-Python wheel straight from its zip, but in the browser that work
(reading each archive's directory, inflating each module) runs in Pyodide's WebAssembly
Python, at the worst moment: on a cold visit it cost 0.1-0.3 s of the first plan. The pack
holds the same files already unzipped, end to end; the browser's own gzip decoding does the
decompressing, natively, and the worker writes the files into Pyodide's file system as they
are. The index says which file is where and carries the pack's checksum for the download.

The first answer to a plan is its dated steps, which need only part of the engine; its drafts
need the engine's messages and templates, jinja2 and markupsafe, most of the bytes. So those
come in a second pack (drafts.bin), which the worker downloads once the dated steps are out:
the first pack holds only what the dates need (39 KB of Brotli instead of 76 KB with the whole
engine), and a slow connection spends its first seconds on those alone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import wheelhouse

INDEX_NAME = "first-plan.json"
PACK_NAME = "first-plan.bin"
DRAFTS_NAME = "drafts.bin"
# Imported only when drafts are written (followup_engine.messages), never for the dates.
DRAFTS_ONLY = ("jinja2",)
# The engine's own modules that its dated steps never import (tests/test_cli_process.py checks
# it): the drafts (messages and their templates), the today list, calendar files, exports, the
# schemas and the command line. They come in the drafts pack with the wheel's metadata; every
# other engine file, a new module included, comes in the first.
ENGINE_FOLDER = "followup_engine"
ENGINE_LATER = (
    "__main__",
    "agenda",
    "calendar_export",
    "cli",
    "formats",
    "messages",
    "schemas",
    "template_code",
    "templates",
)
# Loaded only when a plan names a country or a calendar file is asked for; the index lists
# them with what they need ("on_demand"), so that the worker can fetch them in the background.
ON_DEMAND = ("holidays", "icalendar")


@dataclass(frozen=True)
class FirstPlanFiles:
    """The files to ship: the index (JSON) and the two packs (their files end to end)."""

    index: bytes
    pack: bytes
    drafts: bytes


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


def drafts_packages(lock: dict) -> list[str]:
    """What only the drafts import (jinja2 and what it needs), minus the on-demand ones."""
    return with_dependencies(lock, list(DRAFTS_ONLY), skip=frozenset(on_demand_packages(lock)))


def first_plan_packages(lock: dict) -> list[str]:
    """The engine and what its dated steps import: its dependencies, minus the on-demand
    packages and the drafts' own."""
    later = frozenset(on_demand_packages(lock)) | frozenset(drafts_packages(lock))
    return with_dependencies(lock, [wheelhouse.ENGINE_PACKAGE], skip=later)


def engine_build(pack_integrity: str, drafts_integrity: str, lock: dict) -> str:
    """Names everything a plan depends on: the Pyodide release (its Python), both packs of
    the first plan's files, and the on-demand packages (holidays changes dates). The page keeps
    the last plan with this name and shows it again only to the very same build
    (docs/assets/planner/).

    >>> lock = {"info": {"python": "3.14.2"}, "packages": {}}
    >>> build = engine_build("sha256-a", "sha256-d", lock)
    >>> build == engine_build("sha256-a", "sha256-d", lock)
    True
    >>> build == engine_build("sha256-b", "sha256-d", lock)
    False
    >>> build == engine_build("sha256-a", "sha256-e", lock)
    False
    """
    on_demand = {name: lock["packages"][name]["sha256"] for name in on_demand_packages(lock)}
    named = json.dumps([lock["info"], pack_integrity, drafts_integrity, on_demand], sort_keys=True)
    return hashlib.sha256(named.encode()).hexdigest()[:32]


def integrity_of(pack: bytes) -> str:
    """A pack's checksum in Subresource Integrity's form, as the worker checks it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(pack).digest()).decode()


def for_the_dates(name: str) -> bool:
    """Whether a file of the engine's wheel goes in the first pack (see ENGINE_LATER).

    >>> [for_the_dates(name) for name in ("followup_engine/rules.pyc",
    ...     "followup_engine/messages.pyc", "followup_engine/templates/thank_you.txt",
    ...     "followup_engine-0.1.0.dist-info/METADATA")]
    [True, False, False, False]
    """
    folder, _, rest = name.partition("/")
    if folder != ENGINE_FOLDER:
        return False  # the wheel's metadata: nothing in the browser reads it
    return rest.split("/")[0].removesuffix(".pyc") not in ENGINE_LATER


def packed(
    lock: dict, wheels: list[Path], packages: list[str], keep: Callable[[str, str], bool]
) -> tuple[bytes, list]:
    """The packages' wheels unzipped end to end, in a fixed order (reproducible builds), and
    the index of the files in it: [[name, size], ...]; only the files `keep(package, name)`
    keeps."""
    by_name = {wheel.name: wheel for wheel in wheels}
    files: list[tuple[str, int]] = []
    pack = bytearray()
    for package in packages:
        with zipfile.ZipFile(by_name[lock["packages"][package]["file_name"]]) as wheel:
            for entry in sorted(wheel.infolist(), key=lambda entry: entry.filename):
                if entry.is_dir() or not keep(package, entry.filename):
                    continue
                content = wheel.read(entry)
                files.append((entry.filename, len(content)))
                pack += content
    return bytes(pack), files


def first_plan_files(
    lock: dict, wheels: list[Path], sizes: dict[str, int] | None = None
) -> FirstPlanFiles:
    """Unzip the first plan's wheels into its two packs, the dates' and the drafts'.

    `sizes` (file name -> bytes) are the runtime files the worker downloads before the first
    plan; the index lists them with the first pack's, so that the page can show how much of
    the download before the dated steps is done (issue 15) without asking the server. The
    drafts pack is not among them: it is fetched once the dated steps are out, so the bar
    would stop short of full. The index gives its size beside it ("drafts", "size").
    """
    engine = wheelhouse.ENGINE_PACKAGE
    packages = first_plan_packages(lock)
    pack, files = packed(
        lock, wheels, packages, lambda package, name: package != engine or for_the_dates(name)
    )
    drafts_names = drafts_packages(lock)
    # The engine's later files first: its package folder is the first pack's, written into the
    # same place (worker.js).
    drafts, drafts_files = packed(
        lock,
        wheels,
        [engine, *drafts_names],
        lambda package, name: package != engine or not for_the_dates(name),
    )
    integrity, drafts_integrity = integrity_of(pack), integrity_of(drafts)
    index = {
        "pack": PACK_NAME,
        "integrity": integrity,
        "build": engine_build(integrity, drafts_integrity, lock),
        "packages": packages,
        "on_demand": on_demand_packages(lock),
        "files": files,
        "drafts": {
            "pack": DRAFTS_NAME,
            "integrity": drafts_integrity,
            "packages": drafts_names,
            "files": drafts_files,
            "size": len(drafts),
        },
        "sizes": {**(sizes or {}), PACK_NAME: len(pack)},
    }
    text = (json.dumps(index, separators=(",", ":")) + "\n").encode()
    return FirstPlanFiles(text, pack, drafts)
