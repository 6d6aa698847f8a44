"""`make build` never leaves the served folder without a site (tools/build_site.py): a server
pointed at site/ keeps answering with the old build until the new one is complete."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from hook_loading import REPO

TOOL = REPO / "tools" / "build_site.py"
# What a visitor's planner needs at every moment: the page and the runtime it starts.
NEEDED = ("index.html", "planner/index.html", "pyodide/pyodide.asm.wasm", "sw.js")
DEADLINE_S = 600


def build(site: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(TOOL), "--site-dir", str(site)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_rebuild_swaps_the_site_in_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = build(site)
    assert first.wait(timeout=DEADLINE_S) == 0, first.stderr.read() if first.stderr else ""
    before = (site / "sw.js").stat().st_ino

    second = build(site)
    deadline = time.monotonic() + DEADLINE_S
    checks = 0
    while second.poll() is None:
        assert time.monotonic() < deadline, "the rebuild did not finish"
        missing = [name for name in NEEDED if not (site / name).is_file()]
        assert missing == [], f"while rebuilding, the served folder lacked {missing}"
        checks += 1
        time.sleep(0.01)
    assert second.returncode == 0, second.stderr.read() if second.stderr else ""
    assert checks > 10, "the rebuild ended before the folder could be watched"
    # The new build took the old one's place, and nothing was left beside it.
    assert (site / "sw.js").stat().st_ino != before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
