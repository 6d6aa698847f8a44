// The site's service worker: after one visit, the guide and the planner (with Pyodide and the
// wheels) work without a network. It lives in the site's top folder, so that its scope is the
// whole site, wherever that is hosted: at a domain's root or under a path such as
// /careers/followup/. Every address here is therefore relative to the worker's own.
//
// site_build/offline.py replaces the next line in the built copy with this build's version (a hash of
// the built files) and the list of files to keep, relative to this file.
const BUILD = { version: "dev", files: [] };

// The folder this copy of the site lives in (the registration's scope, ending with "/").
const SCOPE = self.registration.scope;
// One cache per build of this copy. The scope is part of the name because two copies of the
// site on one origin (at different paths) share one cache storage: each copy must find, and
// drop, only its own caches. A space cannot occur in a URL, so no scope's prefix is the start
// of another's.
const CACHE_PREFIX = `followup-planner ${SCOPE} `;
const CACHE = CACHE_PREFIX + BUILD.version;
// Caches of the workers before the scope was in the name ("followup-planner-" and a version).
const UNSCOPED_CACHE = /^followup-planner-[0-9a-f]+$/;

// `mkdocs serve` builds list no files: then the worker only clears old caches and stays out of
// the way, so live reload always shows the latest edit.
const OFFLINE = BUILD.files.length > 0;

// A page and the files it loads must come from one build: the planner checks each wheel
// against its build's lock file, and its two packs against their index. So a new build's worker
// does not take over while pages of the running build are open; it waits, and those pages offer
// the visitor a reload (assets/offline/register.js), which asks it to take over ("take-over")
// and reloads them all. The very first worker has no one to wait for and starts at once.
self.addEventListener("install", (event) => {
  event.waitUntil(OFFLINE ? precache() : self.skipWaiting());
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "take-over") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOlderCaches().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!OFFLINE || request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

async function precache() {
  const cache = await caches.open(CACHE);
  // "no-cache" revalidates with the server, so a long-lived HTTP cache entry from an older build
  // never ends up in this build's copy.
  const requests = BUILD.files.map(
    (file) => new Request(new URL(file, self.location), { cache: "no-cache" }),
  );
  await cache.addAll(requests);
}

/** Drop this copy's caches of other builds (and unscoped ones of earlier workers): this worker
 * only activates once no page of those builds is left running on them. */
async function dropOlderCaches() {
  const names = await caches.keys();
  const older = names.filter(
    (name) => (name.startsWith(CACHE_PREFIX) && name !== CACHE) || UNSCOPED_CACHE.test(name),
  );
  await Promise.all(older.map((name) => caches.delete(name)));
}

// The site only changes with a new build, and a new build comes with a new worker, so the cached
// copy is always this worker's build: serve it first and use the network for anything else.
async function file(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreVary: true })) ?? fetch(request);
}

/** A page, answered as the web server would answer it (deploy/nginx, tools/serve_site.py). */
async function page(request) {
  const cache = await caches.open(CACHE);
  const address = pageAddress(request.url);
  const cached = await cache.match(address, { ignoreVary: true });
  if (cached) return cached;
  const folder = folderAddress(address);
  if (folder && (await cache.match(folder, { ignoreVary: true }))) {
    // The server redirects a folder named without its slash; serving the page at the address
    // without the slash would break the page's relative links.
    const target = new URL(folder);
    target.search = new URL(request.url).search;
    return Response.redirect(target.href, 301);
  }
  try {
    return await fetch(request);
  } catch (error) {
    const notFound = await cache.match(new URL("404.html", SCOPE), { ignoreVary: true });
    if (!notFound) throw error;
    return new Response(notFound.body, { status: 404, headers: notFound.headers });
  }
}

/** The address of the page a server sends for `url`: a page's query (?utm_source=…) does not
 * change it, and a folder's index.html is the folder itself. */
function pageAddress(url) {
  const address = new URL(url);
  address.search = "";
  address.hash = "";
  if (address.pathname.endsWith("/index.html")) {
    address.pathname = address.pathname.slice(0, -"index.html".length);
  }
  return address.href;
}

/** The same address as a folder ("…/planner" -> "…/planner/"), or null if it is one. */
function folderAddress(address) {
  const folder = new URL(address);
  if (folder.pathname.endsWith("/")) return null;
  folder.pathname += "/";
  return folder.href;
}
