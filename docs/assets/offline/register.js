// Registers the site's service worker (sw.js at the site root, see docs/sw.js) so that the
// guide and the planner keep working offline after one visit. Browsers offer service workers
// only on https:// and on localhost; elsewhere the site simply stays online-only.
if ("serviceWorker" in navigator) {
  const worker = new URL("../../sw.js", document.currentScript.src);
  navigator.serviceWorker.register(worker).catch((error) => {
    console.warn("Offline copy unavailable:", error);
  });
}
