// Registers the site's service worker (sw.js in the site's top folder, see docs/sw.js) so that
// the guide and the planner keep working offline after one visit, and says when a new version
// of the site is ready. Browsers offer service workers only on https:// and on localhost;
// elsewhere the site simply stays online-only.
//
// A new build's worker waits while pages of the running build are open: they keep getting
// their own build's files (the planner's lock file and wheels must match). The page offers
// the visitor the switch instead, "A new version of this site is ready" with a Reload button;
// the waiting worker then takes over and every page of the older build reloads. What the
// visitor typed in the planner survives: the planner stores each edit as it is made.
if ("serviceWorker" in navigator) {
  const script = document.currentScript;
  const worker = new URL("../../sw.js", script.src);
  const workers = navigator.serviceWorker;

  // Reload when a newer worker takes over a page that already ran under an older one; the
  // first worker taking over a page (on the first visit) serves the same build it came from.
  let controlled = Boolean(workers.controller);
  let reloading = false;
  workers.addEventListener("controllerchange", () => {
    if (controlled && !reloading) {
      reloading = true;
      window.location.reload();
    }
    controlled = true;
  });

  const register = () => {
    workers
      .register(worker)
      .then(watchForUpdates)
      .catch((error) => {
        console.warn("Offline copy unavailable:", error);
      });
  };
  // Caching the site downloads Pyodide a second time: on the planner, only once the engine
  // has started (planner.js says so), elsewhere once the page has loaded.
  if (document.getElementById("fp-form")) {
    if ("plannerSettled" in document.documentElement.dataset) register();
    else document.addEventListener("planner:settled", register, { once: true });
  } else {
    window.addEventListener("load", register, { once: true });
  }

  /** Offer the reload once a newer worker is installed, now or later in this visit. */
  function watchForUpdates(registration) {
    if (registration.waiting) offerReload(registration);
    registration.addEventListener("updatefound", () => {
      const next = registration.installing;
      next?.addEventListener("statechange", () => {
        if (next.state === "installed") offerReload(registration);
      });
    });
    // Browsers look for a new worker when a page is opened; a tab left open for days looks
    // again when the visitor comes back to it.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  }

  function offerReload(registration) {
    // Without a controller this page came from the network, the newest build already.
    if (!workers.controller || document.getElementById("fp-update")) return;
    const notice = document.createElement("div");
    notice.id = "fp-update";
    notice.className = "fp-update";
    notice.setAttribute("role", "status");
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("update.css", script.src).href;
    document.head.append(style);
    const where = document.querySelector(".md-content__inner") ?? document.body;
    where.prepend(notice);
    // Screen readers announce a change to a live region they already know, so the words go
    // in on the next frame rather than with the region itself.
    requestAnimationFrame(() => notice.append(reloadOffer(registration)));
  }

  function reloadOffer(registration) {
    const text = document.createElement("p");
    text.className = "fp-update__text";
    text.textContent = "A new version of this site is ready. ";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fp-update__reload";
    button.textContent = "Reload";
    button.addEventListener("click", () => {
      button.disabled = true;
      // The page reloads once the new worker controls it (controllerchange, above). If no
      // worker waits any more, another tab has switched already: a reload is all it takes.
      if (registration.waiting) registration.waiting.postMessage({ type: "take-over" });
      else window.location.reload();
    });
    text.append(button);
    return text;
  }
}
