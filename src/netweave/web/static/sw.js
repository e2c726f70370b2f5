// netweave's service worker, served at /sw.js (scope /) with `self.NETWEAVE_VERSION` (a
// digest of the static files) put in front by the server (web/pages/app_shell.py).
//
// - Our static files: cache first, in a cache named for the version; the app's shell is
//   kept at install, and older versions' caches are deleted when a new worker takes over.
// - The pages to read in the room (the dashboard with today's plan, people, events, an
//   event and its screen, its printable plan, follow-ups, the capture, QR and card photo
//   pages, my card): network first, falling back to
//   the copy kept from the last visit (after 6 s without an answer too: a hall's Wi-Fi).
// - Any other page without a connection: the offline page.
// - Background Sync: sends the outbox (static/outbox.js, loaded here too).
//
// Workbox's modules come from our own server (static/vendor/workbox, installed from npm
// at setup by scripts/vendor-assets), never from a CDN.
"use strict";

importScripts("/static/vendor/workbox/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "/static/vendor/workbox/", debug: false });
importScripts("/static/vendor/idb-keyval.js", "/static/outbox.js");

const VERSION = self.NETWEAVE_VERSION || "dev";
const STATIC_CACHE = `netweave-static-${VERSION}`;
const PAGES_CACHE = "netweave-pages";
const OFFLINE_PAGE = "/offline";
const SHELL = [
  OFFLINE_PAGE,
  "/static/app.css",
  "/static/app.js",
  "/static/outbox.css",
  "/static/outbox.js",
  "/static/pwa.js",
  "/static/room.css",
  "/static/room.js",
  "/static/favicon.svg",
  "/static/icons/icon-192.png",
  "/static/vendor/idb-keyval.js",
  "/static/vendor/inter.woff2",
  // The QR page decodes on the phone: with these it works offline too (pages/capture.py).
  "/static/capture.css",
  "/static/capture.js",
  "/static/vendor/jsQR.js",
  // The card photo page keeps a photo in the outbox while offline.
  "/static/card_photo.js",
];
const KEPT_PAGES =
  /^\/(?:|people|people\/\d+|events|events\/\d+|events\/\d+\/(?:room|plan)|follow-ups|capture|capture\/qr|capture\/photo|me\/card)$/;

const { registerRoute, setCatchHandler, setDefaultHandler } = workbox.routing;
const { CacheFirst, NetworkFirst, NetworkOnly } = workbox.strategies;
const { CacheableResponsePlugin } = workbox.cacheableResponse;
const { ExpirationPlugin } = workbox.expiration;

// A page answered by a redirect (to /login, say) is not the page: never kept.
const notRedirected = {
  cacheWillUpdate: async ({ response }) => (response && !response.redirected ? response : null),
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("netweave-static-") && name !== STATIC_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const sameOrigin = (url) => url.origin === self.location.origin;

registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith("/static/"),
  new CacheFirst({
    cacheName: STATIC_CACHE,
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), notRedirected],
  }),
);

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: 6,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    notRedirected,
    new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600 }),
  ],
});
registerRoute(
  ({ request, url }) => request.mode === "navigate" && sameOrigin(url) && KEPT_PAGES.test(url.pathname),
  pages,
);

setDefaultHandler(new NetworkOnly());
setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") {
    const offline = await caches.match(OFFLINE_PAGE, { cacheName: STATIC_CACHE });
    if (offline) return offline;
  }
  return Response.error();
});

// A page asks to keep others for offline reading (static/pwa.js).
async function keep(urls) {
  const cache = await caches.open(PAGES_CACHE);
  for (const url of urls) {
    const target = new URL(url, self.location.origin);
    if (!sameOrigin(target) || !KEPT_PAGES.test(target.pathname)) continue;
    try {
      const response = await fetch(target, { credentials: "same-origin", cache: "no-store" });
      if (response.status === 200 && !response.redirected) await cache.put(target.href, response);
    } catch (error) {
      return; // the connection went: keep what is kept
    }
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) event.waitUntil(keep(data.urls));
});

self.addEventListener("sync", (event) => {
  if (event.tag !== "netweave-outbox") return;
  event.waitUntil(
    self.netweave.outbox.flush().then((result) => {
      // Rejected: the browser tries the sync again later.
      if (result.offline) throw new Error("still offline");
    }),
  );
});
