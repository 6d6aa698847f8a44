// The worker owns Python: start Pyodide from this site, load the engine wheel, and answer
// plan and calendar requests. Every answer is data: { id, result } or { id, error }.

const runtimeURL = new URL("../../pyodide/", import.meta.url).href;

function report(text, state) {
  self.postMessage({ type: "status", text, state });
}

async function start() {
  report("Starting Python…", "loading");
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
  // packageBaseUrl keeps every package download on this site (no CDN fallback).
  const pyodide = await loadPyodide({ indexURL: runtimeURL, packageBaseUrl: runtimeURL });
  report("Loading the planner…", "loading");
  await pyodide.loadPackage("followup-engine", { messageCallback: () => {} });
  const browser = pyodide.pyimport("followup_engine.browser");
  report("Ready", "ready");
  // After the first plan requests (they wait on `ready`), not before them.
  setTimeout(() => self.postMessage({ type: "countries", countries: countryCodes(pyodide) }));
  return browser;
}

/** ISO codes of the countries whose holidays the engine knows (read without importing them). */
function countryCodes(pyodide) {
  const codes = pyodide.runPython(
    "import json\nfrom holidays.registry import COUNTRIES\n"
      + "json.dumps(sorted(entry[1] for entry in COUNTRIES.values()))",
  );
  return JSON.parse(codes);
}

const ready = start();
ready.catch((error) => report(`The planner could not start: ${lastLine(error)}`, "failed"));

/** A Python traceback's last line ("ValueError: ...") is the part a person can read. */
function lastLine(error) {
  const lines = String(error?.message ?? error).trim().split("\n");
  return lines[lines.length - 1];
}

function answer(browser, { type, situation, action }) {
  const json = JSON.stringify(situation);
  if (type === "plan") return JSON.parse(browser.plan_response(json));
  if (type === "ics") {
    const text = action === undefined || action === null
      ? browser.calendar_response(json)
      : browser.calendar_response(json, action);
    return JSON.parse(text);
  }
  throw new Error(`Unknown request type: ${type}`);
}

self.addEventListener("message", async (event) => {
  const { id } = event.data;
  try {
    const browser = await ready;
    self.postMessage({ id, result: answer(browser, event.data) });
  } catch (error) {
    self.postMessage({ id, error: lastLine(error) });
  }
});
