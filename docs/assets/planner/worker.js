// The worker owns Python: start Pyodide from this site, load the engine, and answer
// plan, agenda and calendar requests. Every answer is data: { id, result } or { id, error }.
//
// Requests are { id, type, situation, action, drafts }; `situation` is what the engine reads:
//   plan        one application's situation -> two answers with the same id (issue 15):
//               first { id, answer: "dates", result: { ok, plan, drafts: "pending" } }, the
//               dated plan with every message null; then { id, answer: "drafts", result:
//               { ok, drafts: { action id: message or null } } } (or { id, answer: "drafts",
//               error }), unless a newer plan request has come in meanwhile: then
//               { id, answer: "drafts", superseded: true }. A first answer that is not ok
//               ({ ok: false, errors }, or { id, error }) is the only one. With
//               `drafts: false` (a plan wanted for its outcome only) the first is the only one.
//   ics         one application's situation, and `action` (a step's position or id, or
//               none for every pending step) -> { ok, ics } or errors
//   agenda      the export format ({ format, version, today, days, applications: [{ id,
//               situation }] }) -> { ok, agenda: { today, days, items } } or errors naming
//               the application
//   agenda_ics  the export format -> { ok, ics }: every application's pending steps
//   agenda_csv  the export format -> { ok, csv }: the agenda as a spreadsheet file
// An answer whose error is a package that could not be downloaded also carries
// { kind: "download", package } (the page says so in its words; the next request that needs
// the package downloads it again).
//
// Other messages: { type: "status", text, state } ("loading", "ready" or "failed"), and
// while Python starts { type: "progress", phase, done, expected } (phase "downloading" or
// "starting"; bytes of the start's downloads arrived so far, and those expected by
// first-plan.json's sizes, or null before it is in), the signs of life the page's start
// deadline waits for (engine.js) and what its progress bar shows; then "countries" and
// "build".
//
// Start-up is the planner's cost, so the worker loads only what the first plan needs, and
// downloads it while Pyodide starts. The engine imports `holidays` only when a situation (or
// an agenda's application) names a country and `icalendar` only when a calendar file is
// asked for; those packages (with python-dateutil, six and tzdata, about three times the size
// of everything else) are loaded the first time they are needed and fetched into the
// browser's cache in the background once the first plan is on its way. What only the drafts
// import (the engine's later modules with the templates, jinja2, markupsafe: most of the
// first plan's bytes, see site_build/first_plan.py) comes in a second pack, drafts.bin,
// requested once the first dated steps are out (afterStart): a plan's first answer never
// waits for them, nor do its bytes share the connection with them; its second answer (the
// drafts) does wait for them.

const runtimeURL = new URL("../../pyodide/", import.meta.url).href;
// Both packs are written here: the drafts pack holds the engine's later modules
// (site_build/first_plan.py), which belong in the engine's package folder.
const PACKS_FOLDER = "/first-plan";
// engine.js names the worker "retry" when the visitor asks to try again after a failed start:
// then this worker's own files skip the HTTP cache, which may hold a damaged copy.
const FETCH_OPTIONS = self.name === "retry" ? { cache: "reload" } : {};
// How often, at most, the page hears that bytes are still arriving (its start deadline and
// its progress bar): often enough for the bar to move smoothly, a few messages a second.
const PROGRESS_EVERY_MS = 250;

function report(text, state) {
  self.postMessage({ type: "status", text, state });
}

const START_FAILURES = {
  download:
    "The planner could not start: its files did not finish downloading. Check your connection, then try again.",
  damaged:
    "The planner could not start: its files arrived damaged. Try again; if that fails too, reload the page.",
};

/** A start-up failure the visitor can act on: `reason` says what went wrong
 * ("download": a file did not arrive; "damaged": it arrived, but not as built). */
class StartFailure extends Error {
  constructor(reason, detail) {
    super(START_FAILURES[reason], { cause: detail });
    this.reason = reason;
  }
}

/** Fetch one of this worker's own files: a network error becomes a StartFailure. */
async function fetchFile(name) {
  let response;
  try {
    response = await fetch(new URL(name, runtimeURL), FETCH_OPTIONS);
  } catch (error) {
    throw new StartFailure("download", error);
  }
  if (!response.ok) throw new StartFailure("download", `${name}: HTTP ${response.status}`);
  return response;
}

async function fetchJSON(name) {
  const response = await fetchFile(name);
  try {
    return await response.json();
  } catch (error) {
    // Not JSON: cut short, or not this site's file. Otherwise the connection broke.
    throw new StartFailure(error instanceof SyntaxError ? "damaged" : "download", error);
  }
}

/** The first plan's packages (the engine and what its dates import), unzipped at build
 * time into one pack (site_build/first_plan.py), downloaded and checked. */
async function firstPlanFiles(firstPlanIndex) {
  return packFiles(await firstPlanIndex);
}

/**
 * Download one pack (`{ pack, integrity, files }`: first-plan.json itself for the first
 * pack, its "drafts" entry for the second) and check it against the checksum its index
 * gives. The check is done here rather than by fetch's `integrity` option: a failed fetch
 * check says only "Failed to fetch", the same as a lost connection.
 */
async function packFiles({ pack: name, integrity, files }) {
  const response = await fetchFile(name);
  let pack;
  try {
    pack = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new StartFailure("download", error);
  }
  if (!(await matchesIntegrity(pack, integrity))) {
    throw new StartFailure("damaged", `${name} does not match its checksum`);
  }
  return { name, files, pack };
}

const DIGESTS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

/** Whether `bytes` has the checksum `integrity` gives, in Subresource Integrity's form
 * ("sha256-" and the digest in base64). */
async function matchesIntegrity(bytes, integrity) {
  const [algorithm, expected] = integrity.split(/-(.*)/s);
  if (!DIGESTS[algorithm]) throw new Error(`Unknown checksum: ${algorithm}`);
  const digest = new Uint8Array(await crypto.subtle.digest(DIGESTS[algorithm], bytes));
  return btoa(String.fromCharCode(...digest)) === expected;
}

/** Write the packed files into Pyodide's file system, in the folder on Python's path:
 * Python then imports them as plain files. Importing from the wheels' zips instead cost
 * 0.1-0.3 s more on a cold visit (reading and inflating them in WebAssembly). */
function writePackFiles(pyodide, { name: packName, files, pack }) {
  let offset = 0;
  for (const [name, size] of files) {
    const path = `${PACKS_FOLDER}/${name}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, pack.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== pack.length) throw new Error(`${packName} does not match its index`);
  // The first pack puts the folder on Python's path. After the second, the finders of that
  // folder and the engine's package folder, which keep what they saw there, look again: the
  // engine's later modules are new files in a package already imported.
  pyodide.runPython(`
import sys
if ${JSON.stringify(PACKS_FOLDER)} not in sys.path:
    sys.path.append(${JSON.stringify(PACKS_FOLDER)})
for folder, finder in list(sys.path_importer_cache.items()):
    if folder.startswith(${JSON.stringify(PACKS_FOLDER)}) and finder is not None:
        finder.invalidate_caches()
`);
}

let draftsDownload = null; // the drafts pack, once asked for (startDraftsDownload)
let draftsFiles = null; // the drafts pack written into Python's files (draftsReady)

/** Begin the drafts pack's download, once: after the first dated steps (afterStart), or
 * when drafts are needed first. */
function startDraftsDownload() {
  draftsDownload ??= firstPlanIndex.then((index) => packFiles(index.drafts));
  draftsDownload.catch(() => {}); // reported where it is awaited (draftsReady)
  return draftsDownload;
}

/**
 * The drafts' packages, importable: waits for their pack and writes it. A pack that does not
 * arrive, or arrives damaged, fails the start the way the first pack's does (the page's
 * status line, and its Try again, which starts a fresh worker that skips the HTTP cache);
 * every later drafts answer gets the same error until then.
 */
function draftsReady(pyodide) {
  draftsFiles ??= startDraftsDownload()
    .then((pack) => writePackFiles(pyodide, pack))
    .catch((error) => {
      report(startFailureText(error), "failed");
      throw error;
    });
  return draftsFiles;
}

/**
 * Watches Python's start for the page, which gives up on a start that stops moving
 * (engine.js): it tells the page each time a download begins or ends and, at most once a
 * PROGRESS_EVERY_MS, that bytes are arriving; and whether the start is still downloading
 * or already starting Python. Pyodide's own downloads (the runtime, the standard library)
 * go through `fetch` and WebAssembly.instantiateStreaming too, so wrapping those here sees
 * them all. `failed` rejects when the wasm file fails to compile (see compileWasm).
 */
class StartWatch {
  constructor() {
    this.downloads = 0;
    this.arrivedBytes = new Map(); // file name -> bytes arrived so far
    this.sizes = {}; // the start's downloads by file name, once first-plan.json is in
    this.expected = null;
    this.compiled = false; // the wasm file is in and compiled: the rest is Python's start
    this.lastTold = 0;
    this.stopped = false;
    this.plainFetch = self.fetch;
    this.plainCompile = WebAssembly.instantiateStreaming;
    this.failed = new Promise((resolve, reject) => {
      this.fail = reject;
    });
    self.fetch = (...args) => this.fetch(...args);
    WebAssembly.instantiateStreaming = (...args) => this.compileWasm(...args);
    // Pyodide's two scripts come by import(), not fetch: they are counted whole, once in.
    this.scripts = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.initiatorType !== "fetch") this.arrived(entry.name, entry.decodedBodySize);
      }
    });
    this.scripts.observe({ type: "resource" });
  }

  stop() {
    self.fetch = this.plainFetch;
    WebAssembly.instantiateStreaming = this.plainCompile;
    this.scripts.disconnect();
    this.stopped = true;
  }

  /** The start's downloads and their sizes, from first-plan.json (file name -> bytes). */
  expect(sizes) {
    this.sizes = sizes ?? {};
    this.expected = Object.values(this.sizes).reduce((sum, size) => sum + size, 0) || null;
    this.tell(true);
  }

  /** `bytes` more of `url` arrived. Counted by file name, and reported for the files
   * first-plan.json sizes only, so that `done` and `expected` measure the same downloads
   * (the index may come in after the first bytes). */
  arrived(url, bytes) {
    const name = new URL(url, runtimeURL).pathname.split("/").pop();
    this.arrivedBytes.set(name, (this.arrivedBytes.get(name) ?? 0) + bytes);
    this.tell(false);
  }

  /** Bytes of the start's downloads so far, never more than expected. */
  done() {
    let done = 0;
    for (const [name, size] of Object.entries(this.sizes)) {
      done += Math.min(size, this.arrivedBytes.get(name) ?? 0);
    }
    return done;
  }

  tell(always) {
    if (this.stopped) return; // the start is over: the page no longer watches it
    const now = performance.now();
    if (!always && now - this.lastTold < PROGRESS_EVERY_MS) return;
    this.lastTold = now;
    const phase = this.downloads || !this.compiled ? "downloading" : "starting";
    self.postMessage({ type: "progress", phase, done: this.done(), expected: this.expected });
  }

  async fetch(...args) {
    this.downloads += 1;
    this.tell(true);
    const ended = () => {
      this.downloads -= 1;
      this.tell(true);
    };
    let response;
    try {
      response = await this.plainFetch.apply(self, args);
    } catch (error) {
      ended();
      throw error;
    }
    // Bytes are counted on a copy, so the caller's response (and with it the browser's
    // compiled-code cache for the wasm file) is the browser's own.
    const url = response.url || String(args[0]?.url ?? args[0]);
    if (response.body) {
      countBytes(response.clone().body, (bytes) => this.arrived(url, bytes)).finally(ended);
    } else ended();
    return response;
  }

  /** Pyodide compiles its wasm file here and, should that fail (a truncated or damaged
   * file, a lost connection), only logs a warning: loadPyodide would never settle. */
  async compileWasm(...args) {
    try {
      const compiled = await this.plainCompile.apply(WebAssembly, args);
      this.compiled = true;
      this.tell(true);
      return compiled;
    } catch (error) {
      // A TypeError: the download failed (or came with the wrong type); any other error
      // (CompileError, LinkError) means the file arrived but is not the one built.
      const reason = error instanceof TypeError ? "download" : "damaged";
      this.fail(new StartFailure(reason, error));
      throw error;
    }
  }
}

/** Read a body to its end, calling `onBytes` with the size of each piece that arrives. */
async function countBytes(body, onBytes) {
  const reader = body.getReader();
  try {
    for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
      onBytes(piece.value.byteLength);
    }
  } catch {
    // the caller's copy fails the same way, and says so
  }
}

async function start(lockFile, firstPlanIndex) {
  report("Loading the planner…", "loading");
  const watch = new StartWatch();
  firstPlanIndex.then(({ sizes }) => watch.expect(sizes), () => {});
  try {
    const firstPlan = firstPlanFiles(firstPlanIndex); // downloads while the runtime boots
    firstPlan.catch(() => {}); // a failure is reported once, where it is awaited below
    const pyodide = await Promise.race([startPython(lockFile), watch.failed]);
    writePackFiles(pyodide, await firstPlan);
    const browser = pyodide.pyimport("followup_engine.browser");
    report("Ready", "ready");
    // After the first plan requests (they wait on `ready`), not before them.
    setTimeout(() => afterStart(pyodide));
    return { pyodide, browser };
  } finally {
    watch.stop();
  }
}

async function startPython(lockFile) {
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href));
  } catch (error) {
    throw new StartFailure("download", error);
  }
  // The lock serves the on-demand packages; packageBaseUrl keeps their downloads on this
  // site (no CDN fallback).
  return loadPyodide({
    indexURL: runtimeURL,
    packageBaseUrl: runtimeURL,
    lockFileContents: lockFile,
  });
}

const lockFile = fetchJSON("pyodide-lock.json");
// What the first plan needs, and which packages come later (site_build/first_plan.py).
const firstPlanIndex = fetchJSON("first-plan.json");
// The engine build's name, as soon as it is known: the page may hold a plan this very build
// made on an earlier visit, and can show it while Python starts (storage.js, keptPlan).
firstPlanIndex.then(({ build }) => self.postMessage({ type: "build", build }), () => {});
const ready = start(lockFile, firstPlanIndex);
ready.catch((error) => report(startFailureText(error), "failed"));

/** What the page says of a failed start: a StartFailure's own words, or Python's. */
function startFailureText(error) {
  return error instanceof StartFailure ? error.message : `The planner could not start: ${lastLine(error)}`;
}

/** A Python traceback's last line ("ValueError: ...") is the part a person can read. */
function lastLine(error) {
  const lines = String(error?.message ?? error).trim().split("\n");
  return lines[lines.length - 1];
}

const loading = new Map();

/** An on-demand package (or one it needs) that could not be downloaded and installed: the
 * page says so in its own words, by `package`, and not as a problem with the form. */
class DownloadFailure extends Error {
  constructor(name, missing, problems) {
    super(`Could not download ${missing.join(", ")}`, { cause: problems.join("\n") });
    this.kind = "download";
    this.package = name;
  }
}

/** Load an on-demand package once; a failed load is tried again on the next request. */
function need(pyodide, name) {
  if (!loading.has(name)) {
    const loaded = loadOnDemand(pyodide, name);
    loading.set(name, loaded);
    loaded.catch(() => loading.delete(name));
  }
  return loading.get(name);
}

/**
 * Load `name` and whatever it needs that is not loaded yet. Pyodide's loadPackage resolves
 * even when a download fails (it reports the failure to errorCallback and goes on), and it
 * never looks again at what an installed package needs: so the missing packages are named
 * one by one, and what got installed is checked afterwards.
 */
async function loadOnDemand(pyodide, name) {
  const lock = await lockFile;
  const missing = () => [...needed(lock, name)].filter((item) => !(item in pyodide.loadedPackages));
  const problems = [];
  const errorCallback = (message) => problems.push(message);
  await pyodide.loadPackage(missing(), { messageCallback: () => {}, errorCallback });
  const left = missing();
  if (left.length) {
    console.warn(`Could not load ${left.join(", ")}:`, problems.join("\n"));
    throw new DownloadFailure(name, left, problems);
  }
}

/** `name` and every package it needs, by the lock file. */
function needed(lock, name, found = new Set()) {
  if (found.has(name)) return found;
  found.add(name);
  for (const item of lock.packages[name]?.depends ?? []) needed(lock, item, found);
  return found;
}

/** After the first plan: the country list, then the on-demand wheels into the HTTP cache
 * (download only: unpacking them would hold up the plans of a visitor who is typing). */
async function afterStart(pyodide) {
  startDraftsDownload(); // first: the drafts of the plan on screen wait for it
  try {
    self.postMessage({ type: "countries", countries: await fetchJSON("countries.json") });
  } catch (error) {
    console.warn("The list of countries could not be loaded:", error);
  }
  const lock = await lockFile;
  for (const name of (await firstPlanIndex).on_demand) {
    if (loading.has(name) || name in pyodide.loadedPackages) continue;
    try {
      const response = await fetch(new URL(lock.packages[name].file_name, runtimeURL));
      await response.arrayBuffer();
    } catch {
      return; // offline or gone: the package loads (or fails) when it is needed
    }
  }
}

const AGENDA_TYPES = new Set(["agenda", "agenda_ics", "agenda_csv"]);
const CALENDAR_TYPES = new Set(["ics", "agenda_ics"]);

/** Whether the request names a country: its situation's own, or for an agenda any
 * application's. Any truthy value counts, as it always has for a plan: the engine looks a
 * named country up in the holidays library even to say that it is not one. */
function namesCountry(type, situation) {
  if (!AGENDA_TYPES.has(type)) return Boolean(situation?.country);
  const applications = situation?.applications;
  return Array.isArray(applications) && applications.some((item) => item?.situation?.country);
}

/** Load what a request needs that Python has not loaded yet (on-demand packages). */
async function prepare(pyodide, type, situation) {
  if (namesCountry(type, situation)) await need(pyodide, "holidays");
  if (CALENDAR_TYPES.has(type)) await need(pyodide, "icalendar");
}

async function answer({ pyodide, browser }, { type, situation, action }) {
  await prepare(pyodide, type, situation);
  await draftsReady(pyodide); // each of these makes whole plans, their drafts included
  const json = JSON.stringify(situation);
  if (type === "agenda") return JSON.parse(browser.agenda_response(json));
  if (type === "agenda_ics") return JSON.parse(browser.agenda_calendar_response(json));
  if (type === "agenda_csv") return JSON.parse(browser.agenda_csv_response(json));
  if (type === "ics") {
    const text =
      action === undefined || action === null
        ? browser.calendar_response(json)
        : browser.calendar_response(json, action);
    return JSON.parse(text);
  }
  throw new Error(`Unknown request type: ${type}`);
}

// The id of the newest plan request that wants its drafts: an older one still waiting for
// its drafts is skipped, since the page draws only the newest plan (planner.js).
let newestPlan = 0;

/** A share of the work for the next task: requests that came in meanwhile are seen first. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/**
 * A plan in two answers (issue 15): the dated steps at once, then their drafts, whose
 * templates (and jinja2's import, on the first plan) cost more than the dates.
 */
async function answerPlan({ pyodide, browser }, { id, situation, drafts }) {
  await prepare(pyodide, "plan", situation);
  const json = JSON.stringify(situation);
  const dates = JSON.parse(browser.plan_dates_response(json));
  self.postMessage({ id, answer: "dates", result: dates });
  if (!dates.ok || drafts === false) return;
  await nextTask();
  try {
    if (id === newestPlan) await draftsReady(pyodide);
    const result = id === newestPlan ? JSON.parse(browser.drafts_response(json)) : null;
    self.postMessage(result ? { id, answer: "drafts", result } : { id, answer: "drafts", superseded: true });
  } catch (error) {
    self.postMessage({ id, answer: "drafts", error: lastLine(error) });
  }
}

self.addEventListener("message", async (event) => {
  const { id, type, drafts } = event.data;
  if (type === "plan" && drafts !== false) newestPlan = id;
  try {
    const engine = await ready;
    if (type === "plan") await answerPlan(engine, event.data);
    else self.postMessage({ id, result: await answer(engine, event.data) });
  } catch (error) {
    // A failed download is named (kind, package), for the page to say so in its words.
    const named = error instanceof DownloadFailure ? { kind: error.kind, package: error.package } : {};
    self.postMessage({ id, error: lastLine(error), ...named });
  }
});
