// List the standard-library modules the planner imports, for hooks/stdlib_bytecode.py.
//
//   node hooks/pyodide_imports.mjs <folder with Pyodide, the lock and the wheels>
//
// Starts Pyodide from that folder, loads the engine with every dependency, and makes the
// planner's requests: a plan without a country, one with a country's holidays, a calendar
// file, and a situation with errors. Prints the sorted JSON list of the modules it imported
// from the standard library's zip, as paths inside that zip ("json/decoder.py").
import path from "node:path";
import { pathToFileURL } from "node:url";

const folder = path.resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(path.join(folder, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: `${folder}/`, stdout: () => {}, stderr: () => {} });
await pyodide.loadPackage("followup-engine", { messageCallback: () => {} });
const modules = pyodide.runPython(`
import json, sys
from followup_engine.browser import calendar_response, plan_response

situation = {
    "rounds": [{"date": "2026-11-16", "interviewers": [{"name": "Dana Lee", "email": "d@example.com"}]}],
    "decision_date": "2026-11-27", "candidate": "Sam", "company": "Acme", "today": "2026-11-25",
}
for request in (situation, {**situation, "country": "US"}, {"rounds": [{"date": "2026-02-30"}]}):
    plan_response(json.dumps(request))
calendar_response(json.dumps(situation))

zip_path = next(entry for entry in sys.path if entry.endswith(".zip"))
found = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(zip_path + "/"):
        found.add(origin[len(zip_path) + 1 :])
json.dumps(sorted(found))
`);
process.stdout.write(`${modules}\n`);
