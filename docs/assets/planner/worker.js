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
  const countries = JSON.parse(
    pyodide.runPython("import json, holidays; json.dumps(sorted(holidays.list_supported_countries()))"),
  );
  self.postMessage({ type: "countries", countries });
  report("Ready", "ready");
  return browser;
}

const ready = start();
ready.catch((error) => report(`The planner could not start: ${error.message}`, "failed"));

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
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
});
