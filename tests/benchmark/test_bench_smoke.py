"""`make bench` stays runnable: one tiny run of the whole benchmark on the built site.

Only the shape of the output is checked, never a time: times depend on the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# A guard against a hung browser, not a timing assertion.
HANG_GUARD_SECONDS = 600


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """In a process of its own, as `make bench` runs it."""
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)


# What the stored applications hold, summed up in the benchmark's own process.
SUMMARY = """
import json
from bench.applications import stored_applications
from followup_engine.browser import agenda_response

export = stored_applications(50)
reply = json.loads(agenda_response(json.dumps(export)))
situations = [application["situation"] for application in export["applications"]]
print(json.dumps({
    "ok": reply["ok"],
    "items": len(reply["agenda"]["items"]),
    "same_again": stored_applications(50) == export,
    "ids": len({application["id"] for application in export["applications"]}),
    "countries": sorted({situation["country"] or "" for situation in situations}),
    "rounds": sorted({len(situation["rounds"]) for situation in situations}),
    "events": sorted({event["event"] for situation in situations for event in situation["log"]}),
}))
"""


def test_stored_applications_are_valid_varied_and_the_same_every_time() -> None:
    """Every application plans, the agenda has work in it, and what varies does vary."""
    done = run_python(SUMMARY)
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(done.stdout)
    assert found["ok"] and found["same_again"] and found["ids"] == 50
    assert found["items"] >= 50
    assert len(found["countries"]) >= 3 and "" in found["countries"]
    assert found["rounds"] == [1, 2, 3]
    assert found["events"] == ["done", "outcome", "reply"]


def test_bench_runs_and_reports_every_figure(site_dir: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "bench", "--site", str(site_dir), "--out", str(tmp_path)]
    command += ["--runs", "1", "--edits", "3", "--no-warm-up", "--no-mkdocs"]
    command += ["--engine-seconds", "0.05", "--agenda-applications", "5", "--agenda-runs", "2"]
    done = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "1. Cold" in done.stdout and "6. Engine" in done.stdout and "8. Agenda" in done.stdout

    figures = json.loads((tmp_path / "latest.json").read_text())
    browser = figures["browser"]
    for visit in ("cold", "warm"):
        assert browser[visit]["planner_first_plan_ms"] > 0
        assert browser[visit]["baseline_python_ready_ms"] > 0
        assert browser[visit]["ratio"] > 0
        low, high = browser[visit]["ratio_range"]
        assert low <= browser[visit]["ratio"] <= high
    # The cold ratio's two parts: the engine alone against the baseline, the page against it.
    alone = browser["engine_alone"]
    assert alone["first_plan_ms"] > 0 and alone["ratio"] > 0 and alone["page_ratio"] > 0
    assert alone["ratio_range"][0] <= alone["ratio"] <= alone["ratio_range"][1]
    assert "engine alone" in done.stdout
    # Issue 15: the drafts come after the dated steps, on the page and from the worker alone.
    drafts = browser["cold_drafts"]
    assert drafts["planner_drafts_ms"] >= browser["cold"]["planner_first_plan_ms"]
    assert drafts["engine_alone_drafts_ms"] >= alone["first_plan_ms"] and drafts["ratio"] > 0
    assert "all drafts on screen" in done.stdout
    # The slow network: the same three pages, slower, and the bytes for that profile.
    slow = browser["slow"]
    assert slow["planner_first_plan_ms"] > 0 and slow["baseline_python_ready_ms"] > 0
    assert slow["planner_drafts_ms"] >= slow["planner_first_plan_ms"]
    assert slow["engine_alone_ms"] > 0 and slow["cold"]["ratio"] > 0
    assert slow["bytes"]["planner_to_first_plan"] >= slow["bytes"]["core_pyodide"] > 0
    assert "Slow network" in done.stdout
    # A return visit may show the kept plan first; Python's own answer never comes before.
    assert browser["warm"]["planner_engine_answer_ms"] >= browser["warm"]["planner_first_plan_ms"]
    stored = browser["stored"]
    assert stored["applications"] == 20 and stored["cold_ratio"] > 0
    assert stored["cold_first_plan_ms"] <= stored["cold_agenda_ms"]
    assert stored["warm_first_plan_ms"] > 0 and stored["warm_agenda_ms"] > 0
    assert "stored applications" in done.stdout
    for edits in (browser["edits"], stored["edits"]):
        assert edits["count"] == 3
        assert edits["p50_ms"] <= edits["p95_ms"]
        assert edits["dates_p95_ms"] <= edits["p95_ms"]
    assert browser["blocking"]["planner_long_tasks_ms"] >= 0
    sizes = browser["bytes"]
    assert "/pyodide/pyodide.asm.wasm" in sizes["planner_files"]
    assert sizes["core_pyodide"] > 0 and sizes["planner_to_first_plan"] >= sizes["core_pyodide"]
    assert sizes["guide_pyodide_files"] == []
    assert figures["engine"]["plans_per_s"] > 0 and figures["engine"]["plans_per_s_holidays"] > 0
    assert figures["engine"]["plans_per_s_log"] > 0
    agenda = figures["agenda"]
    assert agenda["applications"] == 5 and agenda["items"] > 0
    assert agenda["cpython_ms"] > 0 and agenda["pyodide_ms"] > 0 and agenda["pyodide_first_ms"] > 0
    assert len(agenda["pyodide_runs_ms"]) == 2
    assert set(figures["verdicts"]) == set(figures["targets"])
