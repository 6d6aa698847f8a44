// The site's service worker: after one visit, the guide and the planner (with Pyodide and the
// wheels) work without a network. It lives at the site root so that its scope is the whole site.
//
// hooks/offline.py replaces the next line in the built copy with this build's version (a hash of
// the built files) and the list of files to keep. Each build gets its own cache; when a new
// build's worker activates it deletes the caches of older builds.
const BUILD = { version: "dev", files: [] };

const CACHE_PREFIX = "followup-planner-";
const CACHE = CACHE_PREFIX + BUILD.version;

// `mkdocs serve` builds list no files: then the worker only clears old caches and stays out of
// the way, so live reload always shows the latest edit.
const OFFLINE = BUILD.files.length > 0;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOtherCaches().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!OFFLINE || request.method !== "GET") return;
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(cachedOrNetwork(request));
});

async function precache() {
  if (!OFFLINE) return;
  const cache = await caches.open(CACHE);
  // "no-cache" revalidates with the server, so a long-lived HTTP cache entry from an older build
  // never ends up in this build's copy.
  const requests = BUILD.files.map(
    (file) => new Request(new URL(file, self.location), { cache: "no-cache" }),
  );
  await cache.addAll(requests);
}

async function dropOtherCaches() {
  const names = await caches.keys();
  const stale = names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
  await Promise.all(stale.map((name) => caches.delete(name)));
}

// The site only changes with a new build, and a new build comes with a new worker, so the
// cached copy is always the current one: serve it first and use the network for anything else.
async function cachedOrNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const notFound = await cache.match(new URL("404.html", self.location));
      if (notFound) return notFound;
    }
    throw error;
  }
}
