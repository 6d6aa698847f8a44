// The benchmark's baseline page: start the site's own Pyodide in a module worker, exactly as
// the planner does, but load no package and run one line of Python. Everything the planner
// needs on top of this is the project's cost.
const worker = new Worker(new URL("baseline-worker.js", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  window.__bench.mark("pythonReady");
  document.getElementById("status").textContent = `Python ready: ${event.data}`;
});
