"""The whole repository is ruff clean: lint rules and formatting (config in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")


@pytest.mark.parametrize(
    "command",
    [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]],
    ids=["check", "format"],
)
def test_ruff(command: list[str]) -> None:
    done = subprocess.run(
        [str(RUFF), *command], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
