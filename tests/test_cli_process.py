"""The real console script and `python -m followup_engine`, run as separate processes.

Kept outside tests/engine/ because the engine tests also run under Pyodide, which has no
subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_build import first_plan

ARGS = ["plan", "--interview", "2026-11-16", "--today", "2026-11-25", "--format", "json"]
CONSOLE_SCRIPT = Path(sys.executable).parent / "followup"


def run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=120)


def printed_by(probe: str) -> list[str]:
    """The words a Python snippet prints, run in an interpreter of its own (nothing imported
    before it); the snippet must not fail."""
    done = run([sys.executable, "-c", probe])
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


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
    assert printed_by(probe) == ["False", "False", "True", "True"]


SAMPLE_SITUATIONS = sorted((Path(__file__).parent / "pyodide" / "situations").glob("*.json"))


def test_no_sample_situations_dated_steps_import_an_engine_module_sent_later():
    """The site sends the engine's later modules with the drafts (ENGINE_LATER): the dated
    steps of every sample situation (a country's holidays, a log of answers and outcomes,
    problems in the form) must come without them, or the page's first answer would fail."""
    later = [f"followup_engine.{name}" for name in first_plan.ENGINE_LATER]
    assert len(SAMPLE_SITUATIONS) >= 8
    probe = (
        "import json, pathlib, sys\n"
        "from followup_engine.browser import plan_dates_response\n"
        f"for path in {[str(path) for path in SAMPLE_SITUATIONS]!r}:\n"
        "    answer = json.loads(plan_dates_response(pathlib.Path(path).read_text('utf-8')))\n"
        "    assert 'plan' in answer or answer.get('errors'), (path, answer)\n"
        f"print(*sorted(set({later!r}) & set(sys.modules)) or ['none'])\n"
        "print('holidays' in sys.modules)\n"
    )
    assert printed_by(probe) == ["none", "True"]


def test_the_first_answer_imports_no_jinja2_and_the_drafts_then_follow():
    """Issue 15: the page's first answer (the dated plan) loads none of the libraries only
    drafts, holidays or calendar files need, nor the engine's modules that the site sends
    with the drafts (site_build.first_plan.ENGINE_LATER); the second answer then drafts the
    messages."""
    later = [f"followup_engine.{name}" for name in first_plan.ENGINE_LATER]
    probe = (
        "import json, sys\n"
        "from followup_engine.browser import drafts_response, plan_dates_response\n"
        "s = json.dumps({'today': '2026-11-25', 'rounds': [{'date': '2026-11-16'}]})\n"
        "dates = json.loads(plan_dates_response(s))\n"
        "late = ('jinja2', 'markupsafe', 'holidays', 'icalendar')\n"
        f"print(*sorted(set({later!r}) & set(sys.modules)) or ['none'])\n"
        "print(dates['ok'], *(name in sys.modules for name in late))\n"
        "drafts = json.loads(drafts_response(s))['drafts']\n"
        "print(drafts['follow_up:2026-11-16']['subject'].replace(' ', '_'))\n"
        "print(*(name in sys.modules for name in late))\n"
    )
    assert printed_by(probe) == [
        "none",
        *["True", "False", "False", "False", "False"],
        "Checking_in_about_the_role",
        *["True", "True", "False", "False"],
    ]


MODULE = [sys.executable, "-m", "followup_engine"]
ZOE = {"today": "2026-11-25", "rounds": [{"date": "2026-11-16", "interviewers": [{"name": "Zoë"}]}]}


def run_in_shell(redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m followup_engine ARGS` with a shell redirection such as `>&-` (fd closed)."""
    script = f'"$@" {redirect}'
    return run(["sh", "-c", script, "sh", *MODULE, *args])


def assert_one_line(done: subprocess.CompletedProcess[str], status: int, *words: str) -> None:
    assert done.returncode == status, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("followup: error: ")
    for word in words:
        assert word in done.stderr


def test_stdin_closed_is_bad_input():
    assert_one_line(run_in_shell("<&-", "plan", "--input", "-"), 2, "standard input is closed")


def test_stdout_closed_is_an_output_error():
    done = run_in_shell(">&-", *ARGS)
    assert_one_line(done, 74, "cannot write the output", "standard output is closed")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["plan", "agenda"])
def test_a_full_disk_is_an_output_error(command, tmp_path):
    args = ARGS
    if command == "agenda":
        export = {"format": "followup-planner", "version": 2, "applications": []}
        (tmp_path / "export.json").write_text(json.dumps(export), encoding="utf-8")
        args = ["agenda", "--input", str(tmp_path / "export.json"), "--today", "2026-11-25"]
    done = run_in_shell(">/dev/full", *args)
    assert_one_line(done, 74, "cannot write the output", "No space left on device")


def test_json_nested_100000_deep_is_bad_input():
    done = run([*MODULE, "plan", "--input", "-"], "[" * 100_000 + "]" * 100_000)
    assert_one_line(done, 2, "nested more than 32 levels deep")


def ascii_locale() -> dict[str, str]:
    """An environment where Python's own text encoding is ASCII."""
    return {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


@pytest.mark.parametrize("output_format", ["text", "json", "md", "ics"])
def test_a_name_the_locale_cannot_show_is_written_as_utf8(output_format, tmp_path):
    path = tmp_path / "zoe.json"
    path.write_text(json.dumps(ZOE, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [*MODULE, "plan", "--input", str(path), "--format", output_format],
        capture_output=True,
        env=ascii_locale(),
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "Zoë".encode() in done.stdout


def test_a_utf8_argument_under_the_c_locale_is_read_as_utf8():
    done = subprocess.run(
        [*MODULE, *ARGS, "--interviewer", "Zoë Łukasz"],
        capture_output=True,
        env=ascii_locale(),
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout.decode())["actions"][0]["title"].endswith("Zoë Łukasz")


def test_invalid_utf8_on_stdin_is_named():
    done = subprocess.run(
        [*MODULE, "plan", "--input", "-"],
        input=b'{"rounds": [{"date": "2026-11-16"}], "candidate": "Sam \xff"}',
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1 and b"not UTF-8 text" in done.stderr
