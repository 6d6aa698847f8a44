"""Browser figures: the planner and the bare-Pyodide baseline, side by side in one Chromium.

Times are read inside the page with performance.now(), which counts from the navigation's
start, so they hold no Playwright overhead. A script installed before any page script
records long tasks (main-thread blocking) and the moment the first plan is on screen, and
says so on the console: the benchmark waits for that message instead of polling the page,
since each poll is a task on the main thread it measures (about 3 ms each on the planner).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Browser, BrowserContext, Page

from planner_testing.chromium import CHROMIUM, CHROMIUM_ARGS
from planner_testing.situations import TYPICAL, share_fragment

TIMEOUT_MS = 120_000
# The slow-network profile (issue 15): Chromium's own network emulation, for every page alike.
SLOW_DOWN_BITS_PER_S = 10_000_000
SLOW_ROUND_TRIP_MS = 40
# How long a cold planner visit is still watched for long tasks once the first plan shows.
AFTER_READY_MS = 2_000

# A typical visitor's input, as a share link carries it (docs/assets/planner/storage.js).
SHARED_SITUATION: dict[str, Any] = TYPICAL

# Runs in every page before its own scripts: long tasks, and when the first plan shows.
PAGE_PROBE = """
window.__bench = {
  longTasks: [], frames: [], firstPlan: null, allDrafts: null, pythonReady: null,
  engineAnswered: null, enginePlan: null, engineDrafts: null, agenda: null,
  workerStart: null,
  /** Record the moment `name` happened and tell the benchmark (it listens to the console). */
  mark(name) {
    if (this[name] !== null) return;
    this[name] = performance.now();
    console.debug(`bench:${name}`);
    document.dispatchEvent(new CustomEvent(`bench:${name}`));
  },
};
const PageWorker = window.Worker;
window.Worker = function (...args) {
  if (window.__bench.workerStart === null) window.__bench.workerStart = performance.now();
  return new PageWorker(...args);
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.longTasks.push([entry.startTime, entry.duration]);
  }
}).observe({ type: "longtask", buffered: true });
// Long animation frames name the scripts that ran in them: whose code the blocking was.
if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      window.__bench.frames.push([
        frame.startTime,
        frame.scripts.map((script) => [script.sourceURL, script.duration]),
      ]);
    }
  }).observe({ type: "long-animation-frame", buffered: true });
}
// The plan comes in two answers (issue 15): its dated steps first, then each step's draft
// in place (data-draft "pending" until then).
new MutationObserver(() => {
  if (document.querySelector("#fp-plan-body .fp-action")) {
    window.__bench.mark("firstPlan");
    if (!document.querySelector('#fp-plan-body .fp-action[data-draft="pending"]')) {
      window.__bench.mark("allDrafts");
    }
  }
  if (document.querySelector("#fp-agenda-body .fp-agenda__item")) window.__bench.mark("agenda");
}).observe(document, {
  childList: true, subtree: true, attributes: true, attributeFilter: ["data-draft"],
});
// The engine's own answer to the first request: on a return visit the first plan on screen
// can be the one the page kept from before (storage.js, keptPlan), shown while Python starts.
window.__benchEngineAnswered = new Promise((resolve) => {
  document.addEventListener("planner:settled", () => {
    window.__bench.mark("engineAnswered");
    resolve(window.__bench.engineAnswered);
  }, { once: true });
});
"""

# Edits the form like typing does (value, then an input event) and times each one from the
# event to the changed plan in the DOM with all its drafts in (and, beside it, to its dated
# steps). Every fifth edit ticks a box, the others retype the company name, which every
# drafted message mentions.
EDIT_LOOP = """
async (count) => {
  const body = document.getElementById("fp-plan-body");
  const company = document.getElementById("fp-company");
  const references = document.getElementById("fp-references");
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const times = [];
  for (let i = 0; i < count; i++) {
    const before = body.innerHTML;
    let started = 0;
    let dated = null;
    const updated = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (!body.querySelector(".fp-action") || body.innerHTML === before) return;
        dated ??= performance.now();
        if (!body.querySelector('.fp-action[data-draft="pending"]')) {
          watch.disconnect();
          resolve(performance.now());
        }
      });
      watch.observe(body, {
        childList: true, subtree: true, characterData: true, attributes: true,
        attributeFilter: ["data-draft"],
      });
    });
    started = performance.now();
    if (i % 5 === 4) {
      references.checked = !references.checked;
      references.dispatchEvent(new Event("input", { bubbles: true }));
      references.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      company.value = `Acme ${i}`;
      company.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const drafted = await updated;
    times.push([drafted - started, dated - started]);
    await pause(20);
  }
  return times;
}
"""


@dataclass
class Visit:
    """What one page load measured (milliseconds from navigation start)."""

    ready_ms: float
    worker_start_ms: float | None = None
    # The planner: when every step's draft was in too (the first answer is the dates alone);
    # the engine-alone page: when the worker's second answer, the drafts, came.
    drafts_ms: float | None = None
    # The planner: when Python's own plan arrived (the first plan may be the kept one).
    engine_answered_ms: float | None = None
    long_tasks: list[tuple[float, float]] = field(default_factory=list)
    # Long animation frames: (start, [(script URL, ms), ...]).
    frames: list[tuple[float, list[tuple[str, float]]]] = field(default_factory=list)

    def blocking_ms(self) -> float:
        """Sum of the long tasks (each over 50 ms) that started before the page was ready."""
        return sum(duration for start, duration in self.long_tasks if start < self.ready_ms)

    def blocking_after_ms(self) -> float:
        """Sum of the long tasks that started once the page was ready (in the watched time
        after it, see `watch_after_ready`): work the page put off until after its load."""
        return sum(duration for start, duration in self.long_tasks if start >= self.ready_ms)

    def script_ms_by_source(self) -> dict[str, float]:
        """Script time in the long frames before the page was ready, by whose code it was."""
        totals = dict.fromkeys(SOURCES, 0.0)
        for start, scripts in self.frames:
            if start < self.ready_ms:
                for url, duration in scripts:
                    totals[script_source(url)] += duration
        return totals


# Whose code a script is, by where it is served from.
SOURCES = ("theme", "planner", "site", "other")


def script_source(url: str) -> str:
    """The theme (Material's bundle and inline scripts), the planner, the site's own, other."""
    path = url.split("://", 1)[-1].partition("/")[2]
    if path.startswith(("assets/javascripts/", "assets/inline/")):
        return "theme"
    if path.startswith("assets/planner/"):
        return "planner"
    if path.startswith("assets/"):
        return "site"
    return "other"


def new_context(browser: Browser, *, service_workers: str = "allow") -> BrowserContext:
    context = browser.new_context(service_workers=service_workers)  # type: ignore[arg-type]
    context.add_init_script(PAGE_PROBE)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def slow_network(page: Page) -> None:
    """Emulate the slow network on `page` before it navigates: DevTools' own throttling
    (Network.emulateNetworkConditions), which also holds back the page's dedicated worker,
    whose requests Chromium makes on behalf of its page (checked by the benchmark: see
    README, the baseline's slow visit downloads at the emulated rate)."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": SLOW_ROUND_TRIP_MS,
            "downloadThroughput": SLOW_DOWN_BITS_PER_S / 8,
            "uploadThroughput": -1,  # not limited: the pages send next to nothing
        },
    )


def _measure(page: Page, url: str, mark: str) -> Visit:
    # Told by the page's console, not polled: polling would run on the page's main thread.
    # (wait_for_function is no option either: it evaluates a string, which the CSP forbids.)
    with page.expect_console_message(lambda message: message.text == f"bench:{mark}"):
        page.goto(url)
    data = page.evaluate("window.__bench")
    return Visit(
        ready_ms=data[mark],
        worker_start_ms=data["workerStart"],
        long_tasks=[tuple(item) for item in data["longTasks"]],
        frames=[(start, [tuple(item) for item in scripts]) for start, scripts in data["frames"]],
    )


def wait_for_engine_answer(page: Page, visit: Visit) -> None:
    """Wait until Python has answered the planner's first request, and note when it did."""
    visit.engine_answered_ms = page.evaluate("window.__benchEngineAnswered")


def watch_after_ready(page: Page, visit: Visit) -> None:
    """Keep recording long tasks for AFTER_READY_MS after the visit was ready."""
    page.wait_for_timeout(AFTER_READY_MS)
    visit.long_tasks = [tuple(item) for item in page.evaluate("window.__bench.longTasks")]


def planner_visit(page: Page, base_url: str) -> Visit:
    """Open the planner from a share link; ready when the first dated steps are on screen,
    and then waits for every draft (drafts_ms)."""
    visit = _measure(page, f"{base_url}planner/{share_fragment(SHARED_SITUATION)}", "firstPlan")
    visit.drafts_ms = _wait_for_mark(page, "allDrafts")
    return visit


def baseline_visit(page: Page, base_url: str) -> Visit:
    """Open the bare-Pyodide page; ready when its one line of Python has run."""
    return _measure(page, f"{base_url}__bench__/index.html", "pythonReady")


def engine_visit(page: Page, base_url: str) -> Visit:
    """Open the engine-alone page (the site's worker, no planner page) with the shared
    situation; ready when the worker's plan has come back."""
    situation = quote(json.dumps(SHARED_SITUATION, separators=(",", ":")))
    visit = _measure(page, f"{base_url}__bench__/engine.html#{situation}", "enginePlan")
    visit.drafts_ms = _wait_for_mark(page, "engineDrafts")
    return visit


def wait_for_offline_copy(page: Page) -> None:
    """Wait until the site's service worker has installed (its precache is complete)."""
    page.evaluate(
        "async () => { if ('serviceWorker' in navigator) await navigator.serviceWorker.ready; }"
    )


def edit_latencies(page: Page, edits: int) -> list[list[float]]:
    """For each of `edits` form edits, milliseconds to the updated plan in the DOM with its
    drafts, and to its dated steps: [[drafts, dates], ...]."""
    return page.evaluate(EDIT_LOOP, edits)


@dataclass
class PairRun:
    """One interleaved run: cold and warm visits of the planner and of the baseline."""

    planner_cold: Visit
    planner_warm: Visit
    baseline_cold: Visit
    baseline_warm: Visit
    edits_ms: list[list[float]]
    engine_cold: Visit


def planner_pair(
    browser: Browser, base_url: str, edits: int
) -> tuple[Visit, Visit, list[list[float]]]:
    """Cold visit in a fresh context, then a warm second visit, then timed edits."""
    context = new_context(browser)
    try:
        page = context.new_page()
        cold = planner_visit(page, base_url)
        wait_for_engine_answer(page, cold)
        watch_after_ready(page, cold)
        wait_for_offline_copy(page)
        page.close()
        page = context.new_page()
        warm = planner_visit(page, base_url)
        wait_for_engine_answer(page, warm)  # edits before it would wait for Python
        latencies = edit_latencies(page, edits) if edits else []
        return cold, warm, latencies
    finally:
        context.close()


def baseline_pair(browser: Browser, base_url: str) -> tuple[Visit, Visit]:
    context = new_context(browser)
    try:
        page = context.new_page()
        cold = baseline_visit(page, base_url)
        page.close()
        warm = baseline_visit(context.new_page(), base_url)
        return cold, warm
    finally:
        context.close()


def engine_cold(browser: Browser, base_url: str, *, slow: bool = False) -> Visit:
    """One cold visit of the engine-alone page, in a fresh context."""
    return _cold(browser, lambda page: engine_visit(page, base_url), slow=slow)


def planner_cold(browser: Browser, base_url: str, *, slow: bool = False) -> Visit:
    """One cold visit of the planner from the share link, in a fresh context."""
    return _cold(browser, lambda page: planner_visit(page, base_url), slow=slow)


def baseline_cold(browser: Browser, base_url: str, *, slow: bool = False) -> Visit:
    """One cold visit of the bare-Pyodide page, in a fresh context."""
    return _cold(browser, lambda page: baseline_visit(page, base_url), slow=slow)


def _cold(browser: Browser, visit, *, slow: bool) -> Visit:  # type: ignore[no-untyped-def]
    context = new_context(browser)
    try:
        page = context.new_page()
        if slow:
            slow_network(page)
        return visit(page)
    finally:
        context.close()


@dataclass
class SlowRun:
    """One interleaved round of cold visits on the slow network."""

    planner: Visit
    baseline: Visit
    engine: Visit


def slow_runs(browser: Browser, base_url: str, runs: int) -> list[SlowRun]:
    """`runs` rounds of cold planner, baseline and engine-alone visits on the slow network,
    each round in another order."""
    pages = {
        "planner": lambda: planner_cold(browser, base_url, slow=True),
        "baseline": lambda: baseline_cold(browser, base_url, slow=True),
        "engine": lambda: engine_cold(browser, base_url, slow=True),
    }
    names = list(pages)
    results = []
    for index in range(runs):
        visits = {name: pages[name]() for name in names[index % 3 :] + names[: index % 3]}
        results.append(SlowRun(visits["planner"], visits["baseline"], visits["engine"]))
    return results


# Puts a visitor's stored applications (storage.js's v2 shape) in place before the planner's
# first visit in a context, once.
SEED_STORAGE = """
(records) => {
  if (!location.pathname.endsWith("/planner/") || localStorage.getItem("bench-seeded")) return;
  for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
  localStorage.setItem("bench-seeded", "1");
}
"""


def stored_records(count: int) -> dict[str, str]:
    """`count` realistic applications as the page stores them (one key each), as of today."""
    from .applications import stored_applications

    export = stored_applications(count, today=date.today())
    return {
        f"followup-planner:v2:app:{item['id']}": json.dumps(
            {"version": 2, "id": item["id"], "created": number, "draft": item["situation"]}
        )
        for number, item in enumerate(export["applications"])
    }


@dataclass
class StoredRun:
    """A visitor with many applications: the planner opened with no link, cold then warm;
    each visit ready at its first plan, `agenda_ms` when the today list showed."""

    cold: Visit
    warm: Visit
    cold_agenda_ms: float
    warm_agenda_ms: float
    # Form edits on the warm visit, once Python has answered: [[drafts, dates], ...] (ms).
    edits_ms: list[list[float]] = field(default_factory=list)


def stored_pair(browser: Browser, base_url: str, count: int, edits: int = 0) -> StoredRun:
    context = new_context(browser)
    context.add_init_script(f"({SEED_STORAGE})({json.dumps(stored_records(count))})")
    try:
        page = context.new_page()
        cold = _measure(page, f"{base_url}planner/", "firstPlan")
        cold_agenda = _wait_for_mark(page, "agenda")
        wait_for_offline_copy(page)
        page.close()
        page = context.new_page()
        warm = _measure(page, f"{base_url}planner/", "firstPlan")
        warm_agenda = _wait_for_mark(page, "agenda")
        wait_for_engine_answer(page, warm)  # edits before it would wait for Python
        latencies = edit_latencies(page, edits) if edits else []
        return StoredRun(cold, warm, cold_agenda, warm_agenda, latencies)
    finally:
        context.close()


WAIT_FOR_MARK = """
(name) => window.__bench[name] ?? new Promise((resolve) => {
  document.addEventListener(`bench:${name}`, () => resolve(window.__bench[name]), { once: true });
})
"""


def _wait_for_mark(page: Page, name: str) -> float:
    """When `name` happened (ms from navigation), waiting for it if it has not yet."""
    return float(page.evaluate(WAIT_FOR_MARK, name))


def interleaved_runs(browser: Browser, base_url: str, runs: int, edits: int) -> list[PairRun]:
    """`runs` rounds of planner, baseline and engine alone, each round in another order."""
    pages = {
        "planner": lambda: planner_pair(browser, base_url, edits),
        "baseline": lambda: baseline_pair(browser, base_url),
        "engine": lambda: engine_cold(browser, base_url),
    }
    names = list(pages)
    results = []
    for index in range(runs):
        visits: dict[str, Any] = {}
        for name in names[index % 3 :] + names[: index % 3]:
            visits[name] = pages[name]()
        planner, baseline = visits["planner"], visits["baseline"]
        results.append(
            PairRun(planner[0], planner[1], baseline[0], baseline[1], planner[2], visits["engine"])
        )
    return results


def cold_bytes(  # type: ignore[no-untyped-def]
    browser: Browser, base_url: str, path: str, tally, *, planner: bool, slow: bool = False
) -> dict:
    """Bytes served for one cold visit, by file, with service workers blocked (so the
    offline copy's own downloads are not counted). For the planner: the requests made before
    the first dated steps were on screen, and those made after it until the network is idle."""
    context = new_context(browser, service_workers="block")
    try:
        page = context.new_page()
        if slow:
            slow_network(page)
        tally.take()
        if planner:
            visit = planner_visit(page, base_url)
            plan_shown = page.evaluate("performance.timeOrigin") / 1000 + visit.ready_ms / 1000
            page.wait_for_timeout(1500)  # background fetches start once the plan is shown
            page.wait_for_load_state("networkidle")
            transfers = tally.take()
            before = [item for item in transfers if item.started < plan_shown]
            after = [item for item in transfers if item.started >= plan_shown]
        else:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            before, after = tally.take(), []
        return {"first_plan": _by_file(before), "after": _by_file(after)}
    finally:
        context.close()


def _by_file(transfers) -> dict[str, int]:  # type: ignore[no-untyped-def]
    files: dict[str, int] = {}
    for transfer in transfers:
        files[transfer.path] = files.get(transfer.path, 0) + transfer.sent
    return dict(sorted(files.items()))


def launch(playwright) -> Browser:  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
