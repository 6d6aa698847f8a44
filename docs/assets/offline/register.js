// Registers the site's service worker (sw.js at the site root, see docs/sw.js) so that the
// guide and the planner keep working offline after one visit. Browsers offer service workers
// only on https:// and on localhost; elsewhere the site simply stays online-only.
if ("serviceWorker" in navigator) {
  const worker = new URL("../../sw.js", document.currentScript.src);
  const register = () => {
    navigator.serviceWorker.register(worker).catch((error) => {
      console.warn("Offline copy unavailable:", error);
    });
  };
  // Caching the site downloads Pyodide a second time: on the planner, only once the engine
  // has started (planner.js says so), elsewhere once the page has loaded.
  if (document.getElementById("fp-form")) {
    document.addEventListener("planner:settled", register, { once: true });
  } else {
    window.addEventListener("load", register, { once: true });
  }
}
