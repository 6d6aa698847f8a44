// Two ways of shipping the message templates, timed side by side in Pyodide under Node:
// issue 15 asks whether Jinja's own precompiled templates (`compile_templates` + `ModuleLoader`)
// load and render as fast as the engine's hand-made compiled twins and loader.
//
//   node bench/templates_pyodide.mjs [runs] [renders] NAME=ENGINE_FOLDER ...
//
// Each ENGINE_FOLDER holds a `followup_engine` package (a checkout of either version). The
// script byte-compiles each with Pyodide's own Python and drops the sources, as the site's
// wheel ships them (site_build/node/pyodide_compile.mjs), then measures each version `runs` times, in
// turn and in a turning order, every measurement in a fresh Node process with a fresh Pyodide
// (imports are paid once per interpreter). jinja2 and markupsafe come byte-compiled from
// build/site-wheels (`mkdocs build` or `python -m site_build.wheelhouse` fills it); nothing is
// fetched. One measurement times, with `performance.now()` around each Python call:
//   import_ms  `import followup_engine.messages` (the engine's modules and jinja2)
//   load_ms    the environment and all ten templates loaded (`messages._template`)
//   render_ms  `renders` rounds of all ten templates rendered the way draft_message does it
// Prints one JSON line per measurement, then the medians per version and the medians of each
// run's difference from the first version named.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNTIME = path.join(ROOT, "node_modules", "pyodide");
const WHEELS = path.join(ROOT, "build", "site-wheels");
const NEEDED = ["jinja2-", "markupsafe-"];

globalThis.fetch = async (resource) => {
  throw new Error(`network access refused in the template benchmark: ${resource}`);
};

async function startPyodide() {
  const { loadPyodide } = await import(pathToFileURL(path.join(RUNTIME, "pyodide.mjs")).href);
  return loadPyodide({ indexURL: `${RUNTIME}/`, env: { PYTHONNODEBUGRANGES: "1" } });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// A copy of each engine with every module byte-compiled by Pyodide and its source removed.
async function compileEngines(engines) {
  const scratch = mkdtempSync(path.join(tmpdir(), "templates-bench-"));
  const pyodide = await startPyodide();
  pyodide.FS.mkdirTree("/scratch");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: scratch }, "/scratch");
  const compiled = {};
  for (const [name, folder] of Object.entries(engines)) {
    const target = path.join(scratch, name);
    cpSync(path.join(folder, "followup_engine"), path.join(target, "followup_engine"), {
      recursive: true,
      filter: (source) => !source.includes("__pycache__"),
    });
    compiled[name] = target;
  }
  pyodide.runPython(`
import compileall, pathlib, py_compile
assert compileall.compile_dir("/scratch", quiet=1, legacy=True,
    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
for source in pathlib.Path("/scratch").rglob("*.py"):
    source.unlink()
`);
  return [scratch, compiled];
}

function filesUnder(folder) {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

// One measurement, in this process: a fresh Pyodide, the compiled engine in its memory.
async function measure(engineFolder, renders) {
  const pyodide = await startPyodide();
  const purelib = pyodide.runPython('__import__("sysconfig").get_paths()["purelib"]');
  for (const wheel of readdirSync(WHEELS).filter((n) => NEEDED.some((p) => n.startsWith(p)))) {
    const bytes = readFileSync(path.join(WHEELS, wheel));
    pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), "wheel", {
      extractDir: purelib,
    });
  }
  for (const file of filesUnder(engineFolder)) {
    const inside = path.join("/engine", path.relative(engineFolder, file));
    pyodide.FS.mkdirTree(path.dirname(inside));
    pyodide.FS.writeFile(inside, readFileSync(file));
  }
  pyodide.runPython('import sys; sys.path.insert(0, "/engine")');
  const timed = (code) => {
    const started = performance.now();
    pyodide.runPython(code);
    return performance.now() - started;
  };
  const importMs = timed("import followup_engine.messages");
  const loadMs = timed(`
from followup_engine import messages
templates = [messages._template(name) for name in sorted(set(messages.TEMPLATE_NAMES.values()))]
`);
  pyodide.runPython(`
variables = {
    "role_phrase": "the Data Analyst role", "company": "Acme", "at_company": " at Acme",
    "employer": "Acme", "team": "the team at Acme", "candidate": "Sam Park",
    "hello": "Hello, this is Sam Park.", "sign_off": "Best regards,\\nSam Park",
    "greeting": "Dear Dana,", "ask_for": "Dana Lee", "interview_date": "Monday 16 November 2026",
    "interview_day": "16 November", "reason": "promised", "decision_date": "Friday 27 November 2026",
    "reply_day": "", "first_contact_date": "", "thank_them": True, "topic": "the data platform",
    "answer_by": "Friday 4 December 2026",
}

def render_all():
    for template in templates:
        environment = template.environment
        context = environment.context_class(environment, variables, template.name, template.blocks)
        environment.concat(template.root_render_func(context))
`);
  const renderMs = timed(`for _ in range(${renders}): render_all()`);
  return { import_ms: importMs, load_ms: loadMs, render_ms: renderMs };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--one") {
    const result = await measure(args[1], Number(args[2]));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const numbers = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
  const [runs = 9, renders = 100] = numbers;
  const engines = Object.fromEntries(
    args.filter((arg) => arg.includes("=")).map((arg) => arg.split("=", 2)),
  );
  const names = Object.keys(engines);
  if (names.length < 2) throw new Error("name at least two engines: NAME=FOLDER NAME=FOLDER");
  const [scratch, compiled] = await compileEngines(engines);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const child = spawnSync(
          process.execPath,
          [fileURLToPath(import.meta.url), "--one", compiled[name], String(renders)],
          { encoding: "utf8" },
        );
        if (child.status !== 0) throw new Error(`${name} failed:\n${child.stderr}`);
        const result = JSON.parse(child.stdout.trim().split("\n").pop());
        results[name].push(result);
        process.stdout.write(`${JSON.stringify({ run, engine: name, ...result })}\n`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const summary = {};
  for (const name of names) {
    summary[name] = { runs: results[name].length, renders };
    for (const key of ["import_ms", "load_ms", "render_ms"]) {
      summary[name][key] = Number(median(results[name].map((r) => r[key])).toFixed(2));
    }
  }
  // Each run's difference from the first version: both were measured side by side, so a
  // busy moment on the machine weighs on both alike.
  const [first, ...others] = names;
  const differences = {};
  for (const name of others) {
    differences[`${name}-${first}`] = {};
    for (const key of ["import_ms", "load_ms", "render_ms"]) {
      const paired = results[name].map((result, run) => result[key] - results[first][run][key]);
      differences[`${name}-${first}`][key] = Number(median(paired).toFixed(2));
    }
  }
  process.stdout.write(`${JSON.stringify({ medians: summary, median_differences: differences })}\n`);
}

await main();
