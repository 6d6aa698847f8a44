// The worker owns Python: start Pyodide from this site, load the engine, and answer
// plan, agenda and calendar requests. Every answer is data: { id, result } or { id, error }.
//
// Requests are { id, type, situation, action }; `situation` is what the engine reads:
//   plan        one application's situation -> { ok, plan } or { ok: false, errors }
//   ics         one application's situation, and `action` (a step's position or id, or
//               none for every pending step) -> { ok, ics } or errors
//   agenda      the export format ({ format, version, today, days, applications: [{ id,
//               situation }] }) -> { ok, agenda: { today, days, items } } or errors naming
//               the application
//   agenda_ics  the export format -> { ok, ics }: every application's pending steps
//   agenda_csv  the export format -> { ok, csv }: the agenda as a spreadsheet file
//
// Start-up is the planner's cost, so the worker loads only what the first plan needs, and
// downloads it while Pyodide starts. The engine imports `holidays` only when a situation (or
// an agenda's application) names a country and `icalendar` only when a calendar file is
// asked for; those packages (with python-dateutil, six and tzdata, about three times the size
// of everything else) are loaded the first time they are needed and fetched into the
// browser's cache in the background once the first plan is on its way.

const runtimeURL = new URL("../../pyodide/", import.meta.url).href;
const FIRST_PLAN_FOLDER = "/first-plan";
const QUIET = { messageCallback: () => {} };

function report(text, state) {
  self.postMessage({ type: "status", text, state });
}

async function fetchJSON(name) {
  const response = await fetch(new URL(name, runtimeURL));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.json();
}

/** The first plan's packages (the engine and what it imports at once), unzipped at build
 * time into one pack (hooks/first_plan_files.py), downloaded and checked against the
 * checksum its index gives. */
async function firstPlanFiles(firstPlanIndex) {
  const index = await firstPlanIndex;
  const response = await fetch(new URL(index.pack, runtimeURL), { integrity: index.integrity });
  if (!response.ok) throw new Error(`${index.pack}: HTTP ${response.status}`);
  return { files: index.files, pack: new Uint8Array(await response.arrayBuffer()) };
}

/** Write the packed files into Pyodide's file system and put their folder on Python's path:
 * Python then imports them as plain files. Importing from the wheels' zips instead cost
 * 0.1-0.3 s more on a cold visit (reading and inflating them in WebAssembly). */
function writeFirstPlanFiles(pyodide, { files, pack }) {
  let offset = 0;
  for (const [name, size] of files) {
    const path = `${FIRST_PLAN_FOLDER}/${name}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, pack.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== pack.length) throw new Error("first-plan.bin does not match its index");
  const path = pyodide.pyimport("sys.path");
  path.append(FIRST_PLAN_FOLDER);
  path.destroy();
}

async function start(lockFile, firstPlanIndex) {
  report("Loading the planner…", "loading");
  const firstPlan = firstPlanFiles(firstPlanIndex); // downloads while the runtime boots
  firstPlan.catch(() => {}); // a failure is reported once, where it is awaited below
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
  // The lock serves the on-demand packages; packageBaseUrl keeps their downloads on this
  // site (no CDN fallback).
  const pyodide = await loadPyodide({
    indexURL: runtimeURL,
    packageBaseUrl: runtimeURL,
    lockFileContents: lockFile,
  });
  writeFirstPlanFiles(pyodide, await firstPlan);
  const browser = pyodide.pyimport("followup_engine.browser");
  report("Ready", "ready");
  // After the first plan requests (they wait on `ready`), not before them.
  setTimeout(() => afterStart(pyodide));
  return { pyodide, browser };
}

const lockFile = fetchJSON("pyodide-lock.json");
// What the first plan needs, and which packages come later (hooks/first_plan_files.py).
const firstPlanIndex = fetchJSON("first-plan.json");
// The engine build's name, as soon as it is known: the page may hold a plan this very build
// made on an earlier visit, and can show it while Python starts (storage.js, keptPlan).
firstPlanIndex.then(({ build }) => self.postMessage({ type: "build", build }), () => {});
const ready = start(lockFile, firstPlanIndex);
ready.catch((error) => report(`The planner could not start: ${lastLine(error)}`, "failed"));

/** A Python traceback's last line ("ValueError: ...") is the part a person can read. */
function lastLine(error) {
  const lines = String(error?.message ?? error).trim().split("\n");
  return lines[lines.length - 1];
}

const loading = new Map();

/** Load an on-demand package once; a failed load is tried again on the next request. */
function need(pyodide, name) {
  if (!loading.has(name)) {
    const loaded = pyodide.loadPackage(name, QUIET);
    loading.set(name, loaded);
    loaded.catch(() => loading.delete(name));
  }
  return loading.get(name);
}

/** After the first plan: the country list, then the on-demand wheels into the HTTP cache
 * (download only: unpacking them would hold up the plans of a visitor who is typing). */
async function afterStart(pyodide) {
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

async function answer({ pyodide, browser }, { type, situation, action }) {
  if (namesCountry(type, situation)) await need(pyodide, "holidays");
  if (CALENDAR_TYPES.has(type)) await need(pyodide, "icalendar");
  const json = JSON.stringify(situation);
  if (type === "plan") return JSON.parse(browser.plan_response(json));
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

self.addEventListener("message", async (event) => {
  const { id } = event.data;
  try {
    const engine = await ready;
    self.postMessage({ id, result: await answer(engine, event.data) });
  } catch (error) {
    self.postMessage({ id, error: lastLine(error) });
  }
});
