// Runs Material's own scripts (search, colour toggle, back-to-top) on the planner page only
// once the first plan is on screen, so that their start-up never competes with Pyodide's; or
// at once when the visitor reaches for the header first. overrides/main.html keeps the theme's
// scripts block in an inert <template id="fp-theme-scripts"> on pages whose front matter says
// `theme_script: later`, and loads this file instead.
//
// Until then, the header must look and behave as Material will make it: the search box is
// shown, the page has the colour scheme Material will pick, and a click on the colour toggle
// is saved where Material reads it when it starts.
(() => {
  const kept = document.getElementById("fp-theme-scripts");
  const header = document.querySelector(".md-header") ?? document;
  const palette = [...document.querySelectorAll('[data-md-component="palette"] input')];
  const LATEST_START_MS = 15_000;
  let started = false; // the bundle is asked for
  let running = false; // Material has started and handles the header itself

  /** The scheme at `index` on the page, its toggle shown, and saved as Material saves it. */
  function usePalette(index, save) {
    const input = palette[index];
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) {
      color[key] = input.getAttribute(`data-md-color-${key}`);
      document.body.setAttribute(`data-md-color-${key}`, color[key]);
    }
    palette.forEach((each, at) => {
      each.checked = at === index;
      const toggle = each.nextElementSibling;
      if (toggle instanceof HTMLElement) toggle.hidden = at !== index;
    });
    if (save) __md_set("__palette", { index, color });
  }

  function showHeader() {
    document.documentElement.classList.replace("no-js", "js");
    if (palette.length === 0) return;
    // Material's choice: the saved scheme, else the first whose media query matches.
    const saved = __md_get("__palette")?.index;
    const matching = (input) => matchMedia(input.dataset.mdColorMedia).matches;
    const index = saved ?? palette.findIndex(matching);
    usePalette(Math.max(0, Math.min(index, palette.length - 1)), false);
    palette.forEach((input, index) => {
      input.addEventListener("change", () => {
        if (!running) usePalette(index, true);
      });
    });
  }

  // Material's style sheet draws the focus ring on its header buttons only when they have the
  // class "focus-visible", which its script adds (with a data-focus-visible-added mark) as
  // keyboard focus arrives. Until the script runs, this loader does the same, so a visitor
  // who tabs into the header early still sees where the focus is; Material's script then
  // takes the class off on blur as it does for its own.
  let byKeyboard = true; // as Material assumes before the first pointer event
  const focusWatch = [
    [document, "keydown", (event) => {
      if (!(event.metaKey || event.altKey || event.ctrlKey)) byKeyboard = true;
    }],
    [document, "pointerdown", () => {
      byKeyboard = false;
    }],
    [document, "focusin", ({ target }) => {
      if (!byKeyboard || !(target instanceof Element)) return;
      if (target.classList.contains("focus-visible")) return;
      target.classList.add("focus-visible");
      target.setAttribute("data-focus-visible-added", "");
    }],
    [document, "focusout", ({ target }) => {
      if (!(target instanceof Element) || !target.hasAttribute("data-focus-visible-added")) return;
      target.classList.remove("focus-visible");
      target.removeAttribute("data-focus-visible-added");
    }],
  ];

  const inField = (target) =>
    target instanceof Element && target.closest("input, textarea, select") !== null;
  // Material's keyboard shortcuts ("/", "s", "f") act only outside form fields; the key that
  // starts Material is passed on to it once it runs, so the first press already works.
  let firstKey = null;
  const onKey = (event) => {
    if (inField(event.target)) return;
    firstKey = event;
    start();
  };
  const afterPaint = () => requestAnimationFrame(() => setTimeout(start));
  const triggers = [
    [document, "planner:settled", afterPaint],
    [header, "pointerdown", start],
    [header, "focusin", start],
    [document, "keydown", onKey],
  ];

  function start() {
    if (started) return;
    started = true;
    for (const [target, type, listener] of triggers) target.removeEventListener(type, listener);
    // The template's scripts in their order, but for those the page has run already (the
    // site's own, which overrides/main.html also puts outside the template).
    const ran = new Set([...document.scripts].map((script) => script.src));
    // (The template's own document has no address: each src is read as the page reads it.)
    const sources = [...kept.content.querySelectorAll("script[src]")]
      .map((script) => new URL(script.getAttribute("src"), document.baseURI).href)
      .filter((src) => !ran.has(src));
    let waiting = sources.length;
    for (const src of sources) {
      const copy = document.createElement("script");
      copy.src = src;
      copy.async = false; // run in the template's order, as the parser would have
      // Material starts on DOMContentLoaded, which has long passed: announce it once more,
      // once all of them have run (or failed to load: the others still need the news).
      const settle = () => {
        waiting -= 1;
        if (waiting === 0) announceStart();
      };
      copy.addEventListener("load", settle, { once: true });
      copy.addEventListener("error", settle, { once: true });
      document.body.append(copy);
    }
  }

  function announceStart() {
    running = true;
    for (const [target, type, listener] of focusWatch) {
      target.removeEventListener(type, listener, true);
    }
    document.dispatchEvent(new Event("DOMContentLoaded"));
    if (firstKey) {
      const { key, code, shiftKey, target } = firstKey;
      const replay = new KeyboardEvent("keydown", { key, code, shiftKey, bubbles: true });
      (target instanceof Node && target.isConnected ? target : document).dispatchEvent(replay);
    }
  }

  showHeader();
  for (const [target, type, listener] of focusWatch) target.addEventListener(type, listener, true);
  for (const [target, type, listener] of triggers) target.addEventListener(type, listener);
  if ("plannerSettled" in document.documentElement.dataset) afterPaint(); // settled already
  // Should the planner never settle (its script failed to load, say), start anyway.
  setTimeout(start, LATEST_START_MS);
})();
