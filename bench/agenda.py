"""The agenda over many stored applications: `agenda_response` in CPython and in Pyodide.

The page asks the worker for one agenda across every stored application (issue 13: at most
150 ms for 50). CPython's figure is CPU time of this process; Pyodide's is taken under Node
from the built site's own pyodide/ folder (`agenda_pyodide.mjs`), the same runtime, lock
file and wheels the worker loads, timed around the call as the worker makes it (JSON text
in, JSON text out). Both are medians over `runs` answers after one untimed answer; Pyodide's
untimed first answer is reported too: in a fresh worker it also imports the holidays
library, which every later plan or agenda naming a country then finds ready.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from followup_engine.browser import agenda_response

from .applications import stored_applications

SCRIPT = Path(__file__).resolve().parent / "agenda_pyodide.mjs"
# A guard against a hung Node process, not a timing assertion.
HANG_GUARD_SECONDS = 300


def cpython_agenda_ms(export_text: str, *, runs: int = 9) -> float:
    """Median CPU milliseconds of one `agenda_response` call, after an untimed one."""
    answer = json.loads(agenda_response(export_text))
    if not answer["ok"]:
        raise ValueError(f"the benchmark applications are not valid: {answer['errors']}")
    times = []
    for _ in range(runs):
        started = time.process_time()
        agenda_response(export_text)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def pyodide_agenda_ms(runtime: Path, export_text: str, *, runs: int = 9) -> dict[str, Any]:
    """`agenda_response` in Pyodide under Node from `runtime` (a built site's pyodide/):
    the first answer's milliseconds and each later one's."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed; the Pyodide agenda figure needs Node.js 20+")
    with tempfile.TemporaryDirectory() as tmp:
        export_file = Path(tmp) / "export.json"
        export_file.write_text(export_text, encoding="utf-8")
        command = [node, str(SCRIPT), str(runtime), str(export_file), str(runs)]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(f"the Pyodide agenda run failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def agenda_figures(site: Path, *, applications: int = 50, runs: int = 9) -> dict[str, Any]:
    """The agenda over `applications` stored applications, in CPython and in Pyodide."""
    export_text = json.dumps(stored_applications(applications))
    pyodide = pyodide_agenda_ms(site / "pyodide", export_text, runs=runs)
    return {
        "applications": applications,
        "items": pyodide["items"],
        "cpython_ms": round(cpython_agenda_ms(export_text, runs=runs), 1),
        "pyodide_ms": round(statistics.median(pyodide["ms"]), 1),
        "pyodide_first_ms": round(pyodide["first_ms"], 1),
        "pyodide_runs_ms": [round(ms, 1) for ms in pyodide["ms"]],
    }
