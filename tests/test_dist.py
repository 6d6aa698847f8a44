"""`make dist`'s release archive: the built site, packed so that two builds of one commit give
the same bytes (tools/make_dist.py)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

from hook_loading import REPO

TOOL = REPO / "tools" / "make_dist.py"


def make_dist(out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, str(TOOL), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (archive,) = out.glob("follow-up-planner-site-*.tar.gz")
    return archive


def test_two_builds_give_byte_identical_archives(tmp_path: Path) -> None:
    first = make_dist(tmp_path / "first")
    second = make_dist(tmp_path / "second")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()

    checksum = first.with_name(first.name + ".sha256").read_text()
    assert checksum == f"{hashlib.sha256(first.read_bytes()).hexdigest()}  {first.name}\n"

    top = first.name.removesuffix(".tar.gz")
    with tarfile.open(first) as archive:
        members = archive.getmembers()
    names = [member.name for member in members]
    assert names == sorted(names) and names[0] == top
    assert all(name == top or name.startswith(f"{top}/") for name in names)
    # Nothing of the machine that packed it: one owner, one time, plain modes.
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert len({m.mtime for m in members}) == 1
    assert {m.mode for m in members} == {0o644, 0o755}
    # Ready to serve: pages, the runtime, and Apache's settings for shared hosting.
    for needed in ("index.html", "planner/index.html", "pyodide/pyodide.asm.wasm", ".htaccess"):
        assert f"{top}/{needed}" in names
