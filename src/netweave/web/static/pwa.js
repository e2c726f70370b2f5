// netweave as an installed app: the service worker (/sw.js, scope /) is registered on every
// page, and a page may name others to keep for offline reading
// (<meta name="netweave-keep" content="/people /events/3">): the worker fetches them while
// the connection lasts, so that they open in the room without one.
"use strict";

(function () {
  if (!("serviceWorker" in navigator)) return;

  function keepForOffline(worker) {
    const meta = document.querySelector('meta[name="netweave-keep"]');
    if (!meta || !worker || navigator.onLine === false) return;
    const urls = meta.content.split(/\s+/).filter((url) => url.startsWith("/"));
    if (urls.length) worker.postMessage({ type: "keep", urls });
  }

  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => keepForOffline(registration.active))
    .catch((error) => console.warn("netweave: no offline copy on this device:", error.message));
})();
