// Load Pyodide from a built site's pyodide/ folder, as the planner's worker does, and import
// the engine and its dependencies. Any attempt to reach the network fails the check, so a
// pass proves the folder is complete: runtime, lock file and every wheel.
//
//   node tests/pyodide/check_site_runtime.mjs site/pyodide
//
// Prints one JSON line: {"ok": true, "loaded": [...], "versions": {...}} or {"ok": false, ...}.
import path from "node:path";
import { pathToFileURL } from "node:url";

const folder = path.resolve(process.argv[2] ?? "site/pyodide");
const attempts = [];

// Pyodide under Node reads local paths with fs and falls back to fetch() for a wheel it
// cannot find locally (from its CDN): record and refuse every fetch.
globalThis.fetch = async (resource) => {
  attempts.push(String(resource?.url ?? resource));
  throw new Error(`network access refused: ${resource}`);
};

function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}

try {
  const { loadPyodide } = await import(pathToFileURL(path.join(folder, "pyodide.mjs")).href);
  const loaded = [];
  const pyodide = await loadPyodide({ indexURL: `${folder}/` });
  await pyodide.loadPackage("followup-engine", {
    messageCallback: (message) => loaded.push(message),
    errorCallback: (message) => loaded.push(`error: ${message}`),
  });
  const versions = pyodide.runPython(`
import json
from importlib.metadata import version
import followup_engine, jinja2, markupsafe, holidays, icalendar, dateutil, six, tzdata
json.dumps({name: version(name) for name in (
    "followup-engine", "jinja2", "markupsafe", "holidays", "icalendar",
    "python-dateutil", "six", "tzdata")})
`);
  const markupsafePure = pyodide.runPython(`
import markupsafe
markupsafe._escape_inner.__module__ == "markupsafe._native"
`);
  report({
    ok: attempts.length === 0 && markupsafePure === true,
    loaded,
    versions: JSON.parse(versions),
    markupsafe_pure: markupsafePure,
    network_attempts: attempts,
  });
} catch (error) {
  report({ ok: false, error: String(error?.stack ?? error), network_attempts: attempts });
}
