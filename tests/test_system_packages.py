"""`make setup`'s system check (tools/system_packages.sh): when every Debian package is there,
silent, one query and no install; as anyone but root, one line with the exact command when one
is missing.

dpkg-query and id are stand-ins on PATH, so the test never touches the machine's packages."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from hook_loading import REPO

SCRIPT = REPO / "tools" / "system_packages.sh"


def packages() -> list[str]:
    (line,) = re.findall(r"(?m)^packages=\((.*)\)$", SCRIPT.read_text())
    return line.split()


def fake_tools(folder: Path, *, installed: list[str], uid: int) -> dict[str, str]:
    """A PATH on which dpkg-query knows only `installed`, id says `uid`, and every call of
    dpkg-query or apt-get is written to calls.log."""
    folder.mkdir()
    log = folder / "calls.log"
    lines = "".join(f"{name} install ok installed\\n" for name in installed)
    scripts = {
        "dpkg-query": f"echo dpkg-query >> {log}; printf '{lines}'",
        "apt-get": f"echo apt-get >> {log}",
        "id": f"echo {uid}",
    }
    for tool, body in scripts.items():
        (folder / tool).write_text(f"#!/bin/sh\n{body}\n")
        (folder / tool).chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def run(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60
    )


def test_nothing_missing_is_silent_and_one_query(tmp_path: Path) -> None:
    """A second `make test` costs one dpkg-query call (milliseconds), and installs nothing."""
    done = run(fake_tools(tmp_path / "bin", installed=packages(), uid=0))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "bin" / "calls.log").read_text() == "dpkg-query\n"


def test_a_user_is_given_the_exact_command(tmp_path: Path) -> None:
    present = [name for name in packages() if name not in ("nginx", "caddy")]
    done = run(fake_tools(tmp_path / "bin", installed=present, uid=1000))
    assert done.returncode == 1 and done.stdout == ""
    assert "apt-get" not in (tmp_path / "bin" / "calls.log").read_text()
    assert done.stderr == (
        "Missing Debian packages; run: sudo apt-get update && "
        "sudo apt-get install -y --no-install-recommends nginx caddy\n"
    )


def test_the_list_names_what_the_tests_run() -> None:
    needed = {"chromium", "nginx", "libnginx-mod-http-brotli-static", "apache2", "caddy"}
    assert needed <= set(packages())
