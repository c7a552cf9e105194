// The service worker (go-app's Handler.ServiceWorkerTemplate; {{"{{"}}.Version{{"}}"}} and
// {{"{{"}}.ResourcesToCache{{"}}"}} are go-app's). go-app's own worker is cache-first for its list of
// files and never caches a page: the home page it stores at install stays as it was, and no
// other page opens offline. This one, for the standalone PWA:
// - stores go-app's files at install, in a cache named after the build: a new build installs a
//   new worker, go-app's page hears of it (OnAppUpdate) and offers to reload;
// - answers pages network-first, storing each one, so the last version seen opens offline;
// - on storing a card page, stores the same page in its other languages (its hreflang links),
//   so that after one visit the card opens offline in every language;
// - answers other same-origin files cache-first (they change only with the build).
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  if (req.mode === "navigate" || (req.headers.get("Accept") || "").includes("text/html")) {
    event.respondWith(page(req, event));
  } else {
    event.respondWith(caches.match(req).then((hit) => hit || fetchAndStore(req)));
  }
});

async function page(req, event) {
  try {
    const res = await fetch(req);
    if (res.ok) {
      const copy = res.clone();
      event.waitUntil(storePage(req, copy));
    }
    return res;
  } catch (err) {
    const hit = await caches.match(req, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

async function storePage(req, res) {
  const cache = await caches.open(cacheName);
  const html = await res.clone().text();
  await cache.put(new URL(req.url).pathname, res);
  // The same page in its other languages: <link rel="alternate" hreflang="…" href="…">, on
  // this origin (their host is the configured base URL, which may name this one otherwise).
  const others = [...html.matchAll(/<link rel="alternate" hreflang="[a-z-]+" href="([^"]+)">/g)]
    .map((m) => new URL(m[1].replaceAll("&amp;", "&")).pathname);
  await Promise.all(
    others.map(async (path) => {
      if (await cache.match(path)) return;
      const r = await fetch(path);
      if (r.ok) await cache.put(path, r);
    })
  );
}

async function fetchAndStore(req) {
  const res = await fetch(req);
  if (res.ok && res.type === "basic") {
    const cache = await caches.open(cacheName);
    cache.put(req, res.clone());
  }
  return res;
}
