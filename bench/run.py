"""`make bench`: measure the planner against a bare Pyodide start, print a table, save JSON.

    python -m bench [--site site] [--runs 9] [--edits 50] [--out bench/results]
                    [--agenda-applications 50] [--agenda-runs 9]

Browser times are medians over interleaved runs of the planner, the baseline page and the
engine-alone page, and the headline numbers are their ratios, because this machine is shared
and absolute times drift. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from . import browser as bb
from .agenda import agenda_figures
from .browser import SOURCES
from .engine import engine_figures
from .server import ROOT, serving

# The files every Pyodide start needs, whatever it then loads (the yardstick for bytes).
CORE_FILES = (
    "/pyodide/pyodide.mjs",
    "/pyodide/pyodide.asm.mjs",
    "/pyodide/pyodide.asm.wasm",
    "/pyodide/python_stdlib.zip",
    "/pyodide/pyodide-lock.json",
)
GUIDE_PAGE = "thank-you-note/"
# A visitor several weeks into a search: this many stored applications (issue 13's profile).
STORED_APPLICATIONS = 20

# Issue 15's targets: ratios to the bare Pyodide page of the same runs.
TARGETS = {
    "cold_ratio": 1.10,  # first dated steps on screen
    "cold_drafts_ratio": 1.25,  # every draft on screen
    "slow_cold_ratio": 1.05,  # first dated steps, slow network
    "warm_ratio": 0.30,  # the kept plan (or the today list) of a return visit
    "edit_p95_ms": 50.0,  # with STORED_APPLICATIONS applications stored
    "blocking_ms": 100.0,
    "bytes_ratio": 1.05,
    "slow_bytes_ratio": 1.05,
    "guide_pyodide_files": 0,
    "plans_per_s": 2000.0,
    "agenda_ms": 150.0,
}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1).

    >>> percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5), percentile([5.0, 1.0, 3.0], 0.95)
    (3.0, 5.0)
    """
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    """The median, to a tenth of a millisecond: the precision of every browser figure.

    >>> median([812.34, 790.0, 1204.5])
    812.3
    """
    return round(statistics.median(values), 1)


def spread(ratios: list[float]) -> list[float]:
    """The lowest and highest of the runs' own ratios: how much one run can be trusted.

    >>> spread([1.31, 0.98, 1.62])
    [0.98, 1.62]
    """
    return [round(min(ratios), 3), round(max(ratios), 3)]


def ratio_cell(figure: dict[str, Any]) -> str:
    """The table's ratio, as in "1.29x (1.12-1.45)": the runs' median, then their range."""
    low, high = figure["ratio_range"]
    return f"{figure['ratio']:.2f}x ({low:.2f}-{high:.2f})"


def mkdocs_build_seconds() -> float:
    """Wall time of a full `mkdocs build --strict` of the repository into a scratch folder."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", tmp]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def browser_figures(site: Path, runs: int, edits: int, *, warm_up: bool = True) -> dict[str, Any]:
    with serving(site) as (base_url, tally), sync_playwright() as playwright:
        chromium = bb.launch(playwright)
        try:
            if warm_up:  # the OS file cache and Chromium's own start-up, not counted
                bb.planner_pair(chromium, base_url, 0)
            pairs = bb.interleaved_runs(chromium, base_url, runs, edits)
            slow = bb.slow_runs(chromium, base_url, runs)
            stored = [
                bb.stored_pair(chromium, base_url, STORED_APPLICATIONS, edits) for _ in range(runs)
            ]
            planner_bytes = bb.cold_bytes(chromium, base_url, "planner/", tally, planner=True)
            slow_bytes = bb.cold_bytes(
                chromium, base_url, "planner/", tally, planner=True, slow=True
            )
            guide_bytes = bb.cold_bytes(chromium, base_url, GUIDE_PAGE, tally, planner=False)
        finally:
            chromium.close()
    figures = summarize(pairs, planner_bytes, guide_bytes)
    figures["slow"] = summarize_slow(slow, slow_bytes)
    figures["stored"] = summarize_stored(stored, pairs)
    return figures


def ratio_figure(values: list[float], bases: list[float]) -> dict[str, Any]:
    """The median of each run's own ratio (robust to drift) and the runs' range."""
    ratios = [value / base for value, base in zip(values, bases, strict=True)]
    return {"ratio": round(statistics.median(ratios), 3), "ratio_range": spread(ratios)}


def first_plan_figure(planner: list[float], baselines: list[float]) -> dict[str, Any]:
    """The planner's first plan against the bare Pyodide start of the same runs: the medians,
    `ratio_figure`, and each run's two times."""
    return {
        "planner_first_plan_ms": median(planner),
        "baseline_python_ready_ms": median(baselines),
        **ratio_figure(planner, baselines),
        "per_run": [[ms, base] for ms, base in zip(planner, baselines, strict=True)],
    }


def bytes_figure(planner_bytes: dict) -> dict[str, Any]:
    """Bytes to the first dated steps against the Pyodide core files, as served."""
    first = planner_bytes["first_plan"]
    core = sum(first.get(path, 0) for path in CORE_FILES)
    first_total = sum(first.values())
    return {
        "core_pyodide": core,
        "planner_to_first_plan": first_total,
        "ratio": round(first_total / core, 3) if core else None,
        "planner_after_first_plan": sum(planner_bytes["after"].values()),
        "planner_files": first,
        "planner_files_after": planner_bytes["after"],
    }


def summarize_slow(runs: list[bb.SlowRun], planner_bytes: dict) -> dict[str, Any]:
    """The slow network (bb.SLOW_*): cold visits of the three pages, and bytes."""

    planner = [run.planner.ready_ms for run in runs]
    drafts = [run.planner.drafts_ms or 0.0 for run in runs]
    base = [run.baseline.ready_ms for run in runs]
    engine = [run.engine.ready_ms for run in runs]
    return {
        "down_bits_per_s": bb.SLOW_DOWN_BITS_PER_S,
        "round_trip_ms": bb.SLOW_ROUND_TRIP_MS,
        "planner_first_plan_ms": median(planner),
        "planner_drafts_ms": median(drafts),
        "baseline_python_ready_ms": median(base),
        "engine_alone_ms": median(engine),
        "cold": ratio_figure(planner, base),
        "drafts": ratio_figure(drafts, base),
        "engine_alone": ratio_figure(engine, base),
        "page": ratio_figure(planner, engine),
        "per_run": [[p, b, e] for p, b, e in zip(planner, base, engine, strict=True)],
        "bytes": bytes_figure(planner_bytes),
    }


def summarize_stored(stored: list[bb.StoredRun], pairs: list[bb.PairRun]) -> dict[str, Any]:
    """A visitor with STORED_APPLICATIONS applications: medians, and the cold first plan
    against the bare Pyodide start of the same runs."""

    base_cold = median([pair.baseline_cold.ready_ms for pair in pairs])
    cold = median([run.cold.ready_ms for run in stored])
    edits = [item for run in stored for item in run.edits_ms]
    return {
        "applications": STORED_APPLICATIONS,
        "cold_first_plan_ms": cold,
        "cold_ratio": round(cold / base_cold, 2),
        "cold_agenda_ms": median([run.cold_agenda_ms for run in stored]),
        "warm_first_plan_ms": median([run.warm.ready_ms for run in stored]),
        "warm_agenda_ms": median([run.warm_agenda_ms for run in stored]),
        "edits": edit_figure(edits),
    }


def edit_figure(edits: list[list[float]]) -> dict[str, Any]:
    """p50 and p95 of edit -> plan with every draft, and of edit -> dated steps."""
    drafts = [item[0] for item in edits]
    dates = [item[1] for item in edits]
    return {
        "count": len(edits),
        "p50_ms": round(percentile(drafts, 0.5), 1) if edits else None,
        "p95_ms": round(percentile(drafts, 0.95), 1) if edits else None,
        "dates_p50_ms": round(percentile(dates, 0.5), 1) if edits else None,
        "dates_p95_ms": round(percentile(dates, 0.95), 1) if edits else None,
    }


def summarize(pairs: list[bb.PairRun], planner_bytes: dict, guide_bytes: dict) -> dict[str, Any]:
    baselines = [p.baseline_cold.ready_ms for p in pairs]  # the cold bare Pyodide starts
    cold_drafts = [pair.planner_cold.drafts_ms or 0.0 for pair in pairs]
    engine_drafts = [p.engine_cold.drafts_ms or 0.0 for p in pairs]
    engine_warm = [p.planner_warm.engine_answered_ms or 0.0 for p in pairs]
    engine_warm_ratios = [
        ms / p.baseline_warm.ready_ms for ms, p in zip(engine_warm, pairs, strict=True)
    ]
    engine_cold = [p.engine_cold.ready_ms for p in pairs]
    cold_pairs = list(zip(engine_cold, pairs, strict=True))
    engine_ratios = [ms / p.baseline_cold.ready_ms for ms, p in cold_pairs]
    page_ratios = [p.planner_cold.ready_ms / ms for ms, p in cold_pairs]
    edits = [item for pair in pairs for item in pair.edits_ms]
    guide = guide_bytes["first_plan"]
    return {
        "runs": len(pairs),
        "cold": first_plan_figure([p.planner_cold.ready_ms for p in pairs], baselines),
        # Every draft on screen (the second answer), against the same bare Pyodide start.
        "cold_drafts": {
            "planner_drafts_ms": median(cold_drafts),
            **ratio_figure(cold_drafts, baselines),
            "engine_alone_drafts_ms": median(engine_drafts),
            "engine_alone": ratio_figure(engine_drafts, baselines),
        },
        # Where the cold ratio comes from: the engine alone (the site's worker on a bare page)
        # against the baseline, and the planner page against the engine alone.
        "engine_alone": {
            "first_plan_ms": median(engine_cold),
            "ratio": round(statistics.median(engine_ratios), 3),
            "ratio_range": spread(engine_ratios),
            "page_ratio": round(statistics.median(page_ratios), 3),
            "page_ratio_range": spread(page_ratios),
        },
        "warm": {
            **first_plan_figure(
                [p.planner_warm.ready_ms for p in pairs], [p.baseline_warm.ready_ms for p in pairs]
            ),
            # The first plan of a return visit is the kept one; Python's answer comes later.
            "planner_engine_answer_ms": median(engine_warm),
            "engine_answer_ratio": round(statistics.median(engine_warm_ratios), 3),
        },
        "worker_start": {
            "planner_ms": median([p.planner_cold.worker_start_ms or 0.0 for p in pairs]),
            "baseline_ms": median([p.baseline_cold.worker_start_ms or 0.0 for p in pairs]),
        },
        "edits": edit_figure(edits),
        "blocking": {
            "planner_long_tasks_ms": median([p.planner_cold.blocking_ms() for p in pairs]),
            "baseline_long_tasks_ms": median([p.baseline_cold.blocking_ms() for p in pairs]),
            "planner_after_first_plan_ms": median(
                [p.planner_cold.blocking_after_ms() for p in pairs]
            ),
            "planner_per_run": [p.planner_cold.long_tasks for p in pairs],
            "planner_script_ms_by_source": {
                source: median([p.planner_cold.script_ms_by_source()[source] for p in pairs])
                for source in SOURCES
            },
        },
        "bytes": {
            **bytes_figure(planner_bytes),
            "guide_page": sum(guide.values()),
            "guide_page_files": guide,
            "guide_pyodide_files": sorted(path for path in guide if path.startswith("/pyodide/")),
        },
    }


def verdicts(figures: dict[str, Any]) -> dict[str, bool | None]:
    browser = figures.get("browser")
    engine = figures["engine"]
    result: dict[str, bool | None] = {
        "plans_per_s": min(engine["plans_per_s"], engine["plans_per_s_log"])
        >= TARGETS["plans_per_s"],
        # The worker's figure: Pyodide's, not CPython's.
        "agenda_ms": figures["agenda"]["pyodide_ms"] <= TARGETS["agenda_ms"],
    }
    if browser:
        p95 = browser["stored"]["edits"]["p95_ms"]
        slow = browser["slow"]
        result |= {
            "cold_ratio": browser["cold"]["ratio"] <= TARGETS["cold_ratio"],
            "cold_drafts_ratio": browser["cold_drafts"]["ratio"] <= TARGETS["cold_drafts_ratio"],
            "slow_cold_ratio": slow["cold"]["ratio"] <= TARGETS["slow_cold_ratio"],
            "warm_ratio": browser["warm"]["ratio"] <= TARGETS["warm_ratio"],
            "edit_p95_ms": None if p95 is None else p95 <= TARGETS["edit_p95_ms"],
            "blocking_ms": browser["blocking"]["planner_long_tasks_ms"] <= TARGETS["blocking_ms"],
            "bytes_ratio": browser["bytes"]["ratio"] <= TARGETS["bytes_ratio"],
            "slow_bytes_ratio": slow["bytes"]["ratio"] <= TARGETS["slow_bytes_ratio"],
            "guide_pyodide_files": not browser["bytes"]["guide_pyodide_files"],
        }
    return result


def browser_rows(browser: dict[str, Any], ok: dict, mark: dict) -> list[tuple[str, ...]]:
    """The browser figures' rows: the plain network, then the slow one."""
    kb = 1024
    bytes_ = browser["bytes"]
    cold, drafts, alone = browser["cold"], browser["cold_drafts"], browser["engine_alone"]
    slow = browser["slow"]
    slow_bytes = slow["bytes"]
    base = f"{cold['baseline_python_ready_ms']:.0f}"
    slow_base = f"{slow['baseline_python_ready_ms']:.0f}"
    page_ratio = {"ratio": alone["page_ratio"], "ratio_range": alone["page_ratio_range"]}
    target = lambda name: f"<= {TARGETS[name]:.2f}x"  # noqa: E731
    return [
        (
            "1. Cold: first dated steps / Python ready (ms)",
            f"{cold['planner_first_plan_ms']:.0f}",
            base,
            ratio_cell(cold),
            target("cold_ratio"),
            mark[ok["cold_ratio"]],
        ),
        (
            "   cold: all drafts on screen (ms)",
            f"{drafts['planner_drafts_ms']:.0f}",
            base,
            ratio_cell(drafts),
            target("cold_drafts_ratio"),
            mark[ok["cold_drafts_ratio"]],
        ),
        (
            "   cold: engine alone, dated plan (ms)",
            f"{alone['first_plan_ms']:.0f}",
            base,
            ratio_cell(alone),
            "",
            "",
        ),
        (
            "   cold: engine alone, drafts (ms)",
            f"{drafts['engine_alone_drafts_ms']:.0f}",
            base,
            ratio_cell(drafts["engine_alone"]),
            "",
            "",
        ),
        (
            "   cold: planner page / engine alone (ms)",
            f"{cold['planner_first_plan_ms']:.0f}",
            f"{alone['first_plan_ms']:.0f}",
            ratio_cell(page_ratio),
            "",
            "",
        ),
        (
            "   cold: worker created at (ms)",
            f"{browser['worker_start']['planner_ms']:.0f}",
            f"{browser['worker_start']['baseline_ms']:.0f}",
            "",
            "",
            "",
        ),
        (
            "2. Warm: first plan (kept) / Python ready (ms)",
            f"{browser['warm']['planner_first_plan_ms']:.0f}",
            f"{browser['warm']['baseline_python_ready_ms']:.0f}",
            ratio_cell(browser["warm"]),
            target("warm_ratio"),
            mark[ok["warm_ratio"]],
        ),
        (
            "   warm: Python's own plan with drafts (ms)",
            f"{browser['warm']['planner_engine_answer_ms']:.0f}",
            f"{browser['warm']['baseline_python_ready_ms']:.0f}",
            f"{browser['warm']['engine_answer_ratio']:.2f}x",
            "",
            "",
        ),
        (
            "3. Edit -> plan with drafts, p50 / p95 (ms)",
            f"{browser['edits']['p50_ms']} / {browser['edits']['p95_ms']}",
            "",
            f"n={browser['edits']['count']}; dates p95 {browser['edits']['dates_p95_ms']}",
            "(row 9)",
            "",
        ),
        (
            "4. Long tasks during load (ms)",
            f"{browser['blocking']['planner_long_tasks_ms']:.0f}",
            f"{browser['blocking']['baseline_long_tasks_ms']:.0f}",
            "",
            f"<= {TARGETS['blocking_ms']:.0f}",
            mark[ok["blocking_ms"]],
        ),
        (
            f"   long tasks in the {bb.AFTER_READY_MS / 1000:.0f} s after the first plan (ms)",
            f"{browser['blocking']['planner_after_first_plan_ms']:.0f}",
            "",
            "",
            "",
            "",
        ),
        (
            "   script ms in long frames, by source",
            ", ".join(
                f"{source} {ms:.0f}"
                for source, ms in browser["blocking"]["planner_script_ms_by_source"].items()
            ),
            "",
            "",
            "",
            "",
        ),
        (
            "5. Cold bytes to first dated steps / core (KiB)",
            f"{bytes_['planner_to_first_plan'] / kb:.0f}",
            f"{bytes_['core_pyodide'] / kb:.0f}",
            f"{bytes_['ratio']:.3f}x",
            target("bytes_ratio"),
            mark[ok["bytes_ratio"]],
        ),
        (
            "   ... fetched after the first dated steps (KiB)",
            f"{bytes_['planner_after_first_plan'] / kb:.0f}",
            "",
            "",
            "",
            "",
        ),
        (
            "   Guide page cold (KiB), Pyodide files",
            f"{bytes_['guide_page'] / kb:.0f}",
            "",
            f"{len(bytes_['guide_pyodide_files'])} files",
            "0 files",
            mark[ok["guide_pyodide_files"]],
        ),
        (
            f"10. Slow network ({slow['down_bits_per_s'] / 1e6:.0f} Mbit/s, "
            f"{slow['round_trip_ms']} ms): first dated steps (ms)",
            f"{slow['planner_first_plan_ms']:.0f}",
            slow_base,
            ratio_cell(slow["cold"]),
            target("slow_cold_ratio"),
            mark[ok["slow_cold_ratio"]],
        ),
        (
            "   slow: all drafts on screen (ms)",
            f"{slow['planner_drafts_ms']:.0f}",
            slow_base,
            ratio_cell(slow["drafts"]),
            "",
            "",
        ),
        (
            "   slow: engine alone, dated plan (ms)",
            f"{slow['engine_alone_ms']:.0f}",
            slow_base,
            ratio_cell(slow["engine_alone"]),
            "",
            "",
        ),
        (
            "   slow: planner page / engine alone (ms)",
            f"{slow['planner_first_plan_ms']:.0f}",
            f"{slow['engine_alone_ms']:.0f}",
            ratio_cell(slow["page"]),
            "",
            "",
        ),
        (
            "   slow: bytes to first dated steps / core (KiB)",
            f"{slow_bytes['planner_to_first_plan'] / kb:.0f}",
            f"{slow_bytes['core_pyodide'] / kb:.0f}",
            f"{slow_bytes['ratio']:.3f}x",
            target("slow_bytes_ratio"),
            mark[ok["slow_bytes_ratio"]],
        ),
        (
            "   slow: ... fetched after the first dated steps (KiB)",
            f"{slow_bytes['planner_after_first_plan'] / kb:.0f}",
            "",
            "",
            "",
            "",
        ),
    ]


def table(figures: dict[str, Any]) -> str:
    """One plain-text table: figure, planner, baseline, ratio or value, target, verdict."""
    ok = figures["verdicts"]
    mark = {True: "yes", False: "NO", None: "-"}
    rows = [("Figure", "Planner", "Baseline", "Ratio/value", "Target", "Met")]
    browser = figures.get("browser")
    if browser:
        rows += browser_rows(browser, ok, mark)
    stored = (browser or {}).get("stored")
    if stored:
        edits = stored["edits"]
        rows += [
            (
                f"9. {stored['applications']} stored applications: first plan cold (ms)",
                f"{stored['cold_first_plan_ms']:.0f}",
                "",
                f"{stored['cold_ratio']:.2f}x bare Pyodide",
                "",
                "",
            ),
            (
                "   today list on screen, cold / warm (ms)",
                f"{stored['cold_agenda_ms']:.0f} / {stored['warm_agenda_ms']:.0f}",
                "",
                f"warm first plan {stored['warm_first_plan_ms']:.0f}",
                "",
                "",
            ),
            (
                "   edit -> plan with drafts, p50 / p95 (ms)",
                f"{edits['p50_ms']} / {edits['p95_ms']}",
                "",
                f"n={edits['count']}; dates p95 {edits['dates_p95_ms']}",
                f"p95 <= {TARGETS['edit_p95_ms']:.0f}",
                mark[ok["edit_p95_ms"]],
            ),
        ]
    engine = figures["engine"]
    rows += [
        (
            "6. Engine, CPython (plans/s)",
            f"{engine['plans_per_s']:.0f}",
            "",
            f"{engine['plans_per_s_holidays']:.0f} with holidays, "
            f"{engine['plans_per_s_log']:.0f} with a 10-entry log",
            ">= 2000",
            mark[ok["plans_per_s"]],
        ),
    ]
    if figures.get("mkdocs_build_s") is not None:
        rows.append(("7. mkdocs build (s)", f"{figures['mkdocs_build_s']:.1f}", "", "", "", ""))
    agenda = figures["agenda"]
    rows += [
        (
            f"8. Agenda over {agenda['applications']} applications, Pyodide (ms)",
            f"{agenda['pyodide_ms']:.0f}",
            "",
            f"{agenda['cpython_ms']:.1f} in CPython, {agenda['items']} items",
            f"<= {TARGETS['agenda_ms']:.0f}",
            mark[ok["agenda_ms"]],
        ),
        (
            "   first agenda in a fresh Pyodide (imports holidays)",
            f"{agenda['pyodide_first_ms']:.0f}",
            "",
            "",
            "",
            "",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def bytes_breakdown(figures: dict[str, Any]) -> str:
    browser = figures["browser"]
    lines = []
    for title, files in (
        ("Cold planner visit up to the first dated steps", browser["bytes"]["planner_files"]),
        ("The same on the slow network", browser["slow"]["bytes"]["planner_files"]),
    ):
        lines.append(f"{title}, bytes as served:")
        for path, size in sorted(files.items(), key=lambda item: -item[1]):
            lines.append(f"  {size:>10,}  {path}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--runs", type=int, default=9, help="interleaved runs (median)")
    parser.add_argument("--edits", type=int, default=50, help="timed form edits per run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--no-mkdocs", action="store_true", help="skip timing mkdocs build")
    parser.add_argument("--no-browser", action="store_true", help="engine and agenda figures only")
    parser.add_argument("--engine-seconds", type=float, default=0.5)
    parser.add_argument("--agenda-applications", type=int, default=50, help="stored applications")
    parser.add_argument("--agenda-runs", type=int, default=9, help="timed agendas (median)")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the uncounted first run")
    args = parser.parse_args(argv)
    if not (args.site / "planner" / "index.html").is_file():
        parser.error(f"{args.site} has no planner/index.html; build the site first (make build)")
    figures: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {"runs": args.runs, "edits": args.edits},
    }
    if not args.no_browser:
        figures["browser"] = browser_figures(
            args.site, args.runs, args.edits, warm_up=not args.no_warm_up
        )
    figures["engine"] = engine_figures(seconds=args.engine_seconds)
    figures["agenda"] = agenda_figures(
        args.site, applications=args.agenda_applications, runs=args.agenda_runs
    )
    figures["mkdocs_build_s"] = None if args.no_mkdocs else round(mkdocs_build_seconds(), 2)
    figures["targets"] = TARGETS
    figures["verdicts"] = verdicts(figures)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"bench-{stamp}.json"
    text = json.dumps(figures, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    (args.out / "latest.json").write_text(text, encoding="utf-8")
    print(table(figures))
    if "browser" in figures:
        print()
        print(bytes_breakdown(figures))
    print(f"\nSaved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
