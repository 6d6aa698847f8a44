// The agenda in Pyodide under Node: time `agenda_response` the way the planner's worker
// calls it (JSON text in, JSON text out, parsed), from a built site's pyodide/ folder.
//
//   node bench/agenda_pyodide.mjs <site/pyodide> <export.json> [repeats]
//
// Loads the engine and `holidays` from the folder's lock file with no network, answers the
// export once untimed (the first answer also builds each country's holiday calendar, which
// the worker then keeps), then `repeats` timed answers. Prints one JSON line:
// {"first_ms": ..., "ms": [...], "items": <agenda items>}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [folderArgument, exportFile, repeatsArgument] = process.argv.slice(2);
const folder = path.resolve(folderArgument);
const repeats = Number(repeatsArgument ?? 9);

// Everything is local: a fetch would mean a wheel missing from the folder.
globalThis.fetch = async (resource) => {
  throw new Error(`network access refused in the agenda benchmark: ${resource}`);
};

const { loadPyodide } = await import(pathToFileURL(path.join(folder, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: `${folder}/` });
const quiet = { messageCallback: () => {} };
await pyodide.loadPackage(["followup-engine", "holidays"], quiet);
const browser = pyodide.pyimport("followup_engine.browser");
const situation = JSON.parse(await readFile(exportFile, "utf8"));

function answer() {
  const started = performance.now();
  const reply = JSON.parse(browser.agenda_response(JSON.stringify(situation)));
  return [performance.now() - started, reply];
}

const [firstMs, reply] = answer();
if (!reply.ok) throw new Error(`the agenda failed: ${JSON.stringify(reply.errors)}`);
const times = [];
for (let run = 0; run < repeats; run++) times.push(answer()[0]);
process.stdout.write(
  `${JSON.stringify({ first_ms: firstMs, ms: times, items: reply.agenda.items.length })}\n`,
);
