// Runs Material's own script (header search, colour toggle, back-to-top) on the planner page
// only after the first plan is on screen, so its start-up never competes with Pyodide's; or
// at once when the visitor reaches for the header first. hooks/theme_script.py puts this
// loader where the theme's <script> was and passes the bundle's address in data-bundle.
(() => {
  const loader = document.currentScript;
  const header = document.querySelector(".md-header") ?? document;
  const inField = (target) => target instanceof Element && target.closest("input, textarea, select");
  // Material's keyboard shortcuts ("/", "s", "f") act only outside form fields.
  const onKey = (event) => {
    if (!inField(event.target)) start();
  };
  const triggers = [
    [document, "planner:settled", () => requestAnimationFrame(() => setTimeout(start))],
    [header, "pointerdown", start],
    [header, "focusin", start],
    [document, "keydown", onKey],
  ];
  let started = false;

  function start() {
    if (started) return;
    started = true;
    for (const [target, type, listener] of triggers) target.removeEventListener(type, listener);
    const bundle = document.createElement("script");
    bundle.src = loader.dataset.bundle;
    // Material starts on DOMContentLoaded, which has long passed: announce it once more.
    bundle.addEventListener("load", () => document.dispatchEvent(new Event("DOMContentLoaded")));
    document.body.append(bundle);
  }

  for (const [target, type, listener] of triggers) target.addEventListener(type, listener);
})();
