// Byte-compile unpacked wheels with Pyodide's own Python, for hooks/wheelhouse.py.
//
//   node hooks/pyodide_compile.mjs <pyodide folder> <folder of unpacked wheels>
//
// Pyodide runs Python 3.14 and the build machine another version, so only Pyodide itself can
// write .pyc files the browser will use. Each module.pyc is written beside its module.py (the
// place Python looks for a module shipped without its source), as Pyodide's own packages do.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, folder] = process.argv.slice(2).map((arg) => path.resolve(arg));
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
// No column ranges in the bytecode: they only draw ^^^ under tracebacks and make it bigger.
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, env: { PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/wheels");
const failed = pyodide.runPython(`
import compileall, py_compile, sys
# Hash-based headers instead of the unpacked files' times: the same sources give the same
# bytes on every build (the browser never checks either, as no source is shipped beside).
done = compileall.compile_dir(
    "/wheels",
    quiet=1,
    legacy=True,
    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
)
f"{sys.version_info.major}.{sys.version_info.minor}" if done else "failed"
`);
process.stdout.write(`${failed}\n`);
