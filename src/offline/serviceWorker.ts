// The service worker (built into sw.js by scripts/offlineBuild.ts): the whole app, its weights, data
// and precomputed runs are cached on the first visit, and every later visit is served from that
// cache, with or without a network. A new build installs beside the old one and waits: the page
// offers "Reload" (src/ui/OfflineStatus.tsx), which lets it take over; the old cache is then deleted.
// The page and its worker scripts carry the cross-origin isolation headers (src/lib/isolation.ts), so
// on a static host that cannot send them the page still runs tfjs' wasm threaded, from the first reload.

import { withIsolationHeaders } from '../lib/isolation';
import { cacheName, CACHE_PREFIX, SKIP_WAITING, type Precache } from '../lib/precache';

declare const __PRECACHE__: Precache;
declare const self: ServiceWorkerGlobalScope;

const precache = __PRECACHE__;
const CACHE = cacheName(precache.version);
const urlOf = (path: string): string => new URL(path, self.registration.scope).href;
const INDEX = 'index.html';

self.addEventListener('install', (event) => {
  // all or nothing: a cache missing one file would fail offline later, far from the cause
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(precache.files.map(urlOf))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      // the first visit's page is served by this version from now on, not only after a reload
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === SKIP_WAITING) void self.skipWaiting();
});

async function respond(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // a server's Vary (Origin, Accept-Encoding) would keep a module script's request from its cached copy
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  // the app has one page: any navigation inside its scope is index.html (routes live in the hash)
  if (request.mode === 'navigate') {
    const index = await cache.match(urlOf(INDEX), { ignoreVary: true });
    if (index) return index;
  }
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  // the headers matter on the page and on worker scripts; every other response is passed as the cache
  // holds it (a rebuilt one would lose the browser's compiled-code cache of the large bundles)
  const isolates = request.mode === 'navigate' || request.destination === 'worker' || request.destination === 'sharedworker';
  event.respondWith(isolates ? respond(request).then(withIsolationHeaders) : respond(request));
});
