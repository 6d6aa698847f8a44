// Run the engine's test suite inside real Pyodide (Python 3.14, WebAssembly) under Node,
// and plan a set of situations there so the caller can compare them with CPython.
//
//   node tests/pyodide/run_engine_tests.mjs [--parity-out FILE]
//
// Everything comes from local files, never the network: the runtime from node_modules/pyodide,
// the engine and its dependencies from build/wheels, pytest and hypothesis from
// build/pyodide-test-wheels (`python -m site_build.wheelhouse` fills both). tests/engine is
// mounted read-only in spirit (no bytecode is written) at /tests/engine.
// The exit code is pytest's; a parity or loading failure exits with 3.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNTIME = path.join(ROOT, "node_modules", "pyodide");
const WHEEL_DIRS = [path.join(ROOT, "build", "wheels"), path.join(ROOT, "build", "pyodide-test-wheels")];
const TESTS = path.join(ROOT, "tests", "engine");
const SITUATIONS = path.join(ROOT, "tests", "pyodide", "situations");
const SETUP_FAILED = 3;

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

// The runner must never reach the network: Pyodide falls back to fetch() for a missing file.
globalThis.fetch = async (resource) => {
  throw new Error(`network access refused in the Pyodide test run: ${resource}`);
};

async function wheelsIn(folder) {
  const names = (await readdir(folder)).filter((name) => name.endsWith(".whl")).sort();
  if (names.length === 0) throw new Error(`no wheels in ${folder}; run: python -m site_build.wheelhouse`);
  return names.map((name) => path.join(folder, name));
}

async function installWheels(pyodide) {
  // unpackArchive extracts into the working directory unless told where site-packages is.
  const extractDir = pyodide.runPython('__import__("sysconfig").get_paths()["purelib"]');
  for (const folder of WHEEL_DIRS) {
    for (const wheel of await wheelsIn(folder)) {
      const bytes = await readFile(wheel); // a Node Buffer; Pyodide wants a plain Uint8Array
      pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), "wheel", {
        extractDir,
      });
    }
  }
}

async function planSituations(pyodide) {
  const browser = pyodide.pyimport("followup_engine.browser");
  const results = {};
  for (const name of (await readdir(SITUATIONS)).filter((n) => n.endsWith(".json")).sort()) {
    const text = await readFile(path.join(SITUATIONS, name), "utf8");
    results[name] = { plan: browser.plan_response(text), calendar: browser.calendar_response(text) };
  }
  browser.destroy();
  return results;
}

async function main() {
  const { loadPyodide } = await import(pathToFileURL(path.join(RUNTIME, "pyodide.mjs")).href);
  // The conftest picks its Hypothesis profile from HYPOTHESIS_PROFILE (no deadlines in "ci").
  const pyodide = await loadPyodide({
    indexURL: `${RUNTIME}/`,
    env: { HYPOTHESIS_PROFILE: process.env.HYPOTHESIS_PROFILE ?? "ci" },
  });
  await installWheels(pyodide);
  pyodide.FS.mkdirTree("/tests/engine");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: TESTS }, "/tests/engine");

  const parityOut = option("--parity-out");
  if (parityOut) {
    await writeFile(parityOut, `${JSON.stringify(await planSituations(pyodide), null, 1)}\n`);
  }

  // Doctests of the installed engine run too, as they do in the CPython suite.
  const exitCode = pyodide.runPython(`
import os, sys, sysconfig
import pytest
sys.dont_write_bytecode = True  # keep cpython-314 .pyc files out of the mounted tests folder
# Relative paths from "/": pytest mishandles the rootdir "/" with absolute arguments.
os.chdir("/")
engine = os.path.relpath(os.path.join(sysconfig.get_paths()["purelib"], "followup_engine"))
int(pytest.main(["-q", "-p", "no:cacheprovider", "--doctest-modules", "tests/engine", engine]))
`);
  pyodide.FS.unmount("/tests/engine");
  return exitCode;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exitCode = SETUP_FAILED;
}
