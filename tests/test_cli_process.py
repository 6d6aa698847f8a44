"""The real console script and `python -m followup_engine`, run as separate processes.

Kept outside tests/engine/ because the engine tests also run under Pyodide, which has no
subprocesses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARGS = ["plan", "--interview", "2026-11-16", "--today", "2026-11-25", "--format", "json"]
CONSOLE_SCRIPT = Path(sys.executable).parent / "followup"


def run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=120)


@pytest.mark.parametrize(
    "command",
    [[str(CONSOLE_SCRIPT)], [sys.executable, "-m", "followup_engine"]],
    ids=["console-script", "python-m"],
)
def test_plan_runs_as_a_program(command):
    if not Path(command[0]).exists():
        pytest.skip("the package is not installed in this environment")
    done = run([*command, *ARGS])
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["today"] == "2026-11-25"

    failed = run([*command, "plan", "--interview", "2026-02-30"])
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr
    assert "interview" in failed.stderr


def test_situation_from_stdin():
    situation = {"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}], "country": "GB"}
    done = run(
        [sys.executable, "-m", "followup_engine", "plan", "--input", "-"], json.dumps(situation)
    )
    assert done.returncode == 0, done.stderr
    assert "Follow-up plan as of Wednesday 25 November 2026" in done.stdout


def test_holidays_and_icalendar_load_only_when_needed():
    probe = (
        "import sys, followup_engine as f\n"
        "s = {'today': '2026-11-25', 'rounds': [{'date': '2026-11-16'}]}\n"
        "f.plan_from_dict(s)\n"
        "print('holidays' in sys.modules, 'icalendar' in sys.modules)\n"
        "f.plan_from_dict({**s, 'country': 'US'})\n"
        "f.calendar_response(__import__('json').dumps(s))\n"
        "print('holidays' in sys.modules, 'icalendar' in sys.modules)\n"
    )
    done = run([sys.executable, "-c", probe])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "True"]
