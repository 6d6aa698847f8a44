// Bare Pyodide start from the site's own files (served next to the baseline by the benchmark).
const runtimeURL = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
const pyodide = await loadPyodide({ indexURL: runtimeURL, packageBaseUrl: runtimeURL });
self.postMessage(String(pyodide.runPython("1 + 1")));
