// netweave's outbox: captures (a new person, a "met" tick, a note, a follow-up) sent to the
// JSON API, and kept in IndexedDB (idb-keyval) while there is no connection.
//
//   window.netweave.outbox.send({method, url, body, label, blobs}) -> Promise of
//     {status: "sent", data} | {status: "queued"} | {status: "refused", detail, data}
//
// ``blobs`` (optional): JSON fields whose values are files, such as a card photo
// ({photo_base64: file}). IndexedDB keeps a Blob as it is, so the photo waits as the
// camera made it; each try puts it into the JSON body as base64 (the API takes JSON
// only), and the item, Blob and all, leaves the store with the rest once answered or
// wiped (logging out, Clear-Site-Data).
//
// Each capture gets an idempotency key (crypto.randomUUID) in its JSON body before it is
// stored, and keeps it for every try: the server answers a key it has seen with what the
// first try made, so a capture sent twice (a lost answer, two tabs, the page and the
// service worker's Background Sync at once) is written once. What waits is sent again on
// the `online` event, on every page load, every 30 seconds while something waits, and by
// the service worker's Background Sync where the browser has it. Tries are taken one at a
// time under a Web Lock shared by the tabs and the service worker.
//
// The same file runs in the page and in the service worker (importScripts); only the page
// part touches the document (#outbox-count: "2 waiting").
"use strict";

(function (root) {
  const idb = root.idbKeyval;
  const DB = "netweave-outbox";
  const SYNC_TAG = "netweave-outbox";
  const LOCK = "netweave-outbox";
  const store = idb.createStore(DB, "captures");
  const channel = "BroadcastChannel" in root ? new BroadcastChannel("netweave-outbox") : null;
  const RETRY_STATUSES = new Set([401, 408, 425, 429]);
  const listeners = [];
  const SEND_TIMEOUT = 10000;
  const BLOB_TIMEOUT = 60000; // a photo over a hall's Wi-Fi, then read on the server

  function newKey() {
    if (root.crypto && typeof root.crypto.randomUUID === "function") return root.crypto.randomUUID();
    const bytes = root.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function withLock(work) {
    if (root.navigator && root.navigator.locks) return root.navigator.locks.request(LOCK, work);
    return work();
  }

  async function waiting() {
    const items = await idb.values(store);
    return items.sort((a, b) => a.queued_at - b.queued_at || (a.key < b.key ? -1 : 1));
  }

  function changed(extra) {
    const message = Object.assign({ type: "changed" }, extra || {});
    if (channel) channel.postMessage(message);
    announce(message);
  }

  async function base64Of(blob) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return root.btoa(text);
  }

  async function bodyOf(item) {
    const body = Object.assign({}, item.body);
    for (const [field, blob] of Object.entries(item.blobs || {})) body[field] = await base64Of(blob);
    return JSON.stringify(body);
  }

  // The outcome of one try; a network failure rejects (fetch's TypeError).
  // A hall's Wi-Fi may take a request and never answer: after SEND_TIMEOUT the try counts
  // as failed and the capture waits (if it did arrive, its key makes the next try harmless).
  async function deliver(item) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), item.blobs ? BLOB_TIMEOUT : SEND_TIMEOUT);
    let response;
    try {
      const body = await bodyOf(item);
      response = await fetch(item.url, {
        method: item.method,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body,
        credentials: "same-origin",
        cache: "no-store",
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (response.ok) return { status: "sent", data };
    if (response.status >= 500 || RETRY_STATUSES.has(response.status)) return { status: "retry", code: response.status };
    return { status: "refused", data, detail: (data && data.detail) || `refused (${response.status})` };
  }

  // One try of one stored item; it leaves the store once the server has answered for good.
  async function attempt(item) {
    let outcome;
    try {
      outcome = await deliver(item);
    } catch (error) {
      return { status: "queued", offline: true };
    }
    if (outcome.status === "retry") return { status: "queued" };
    await idb.del(item.key, store);
    return outcome;
  }

  function askForSync() {
    const sw = root.navigator && root.navigator.serviceWorker;
    if (!sw || typeof document === "undefined") return;
    sw.getRegistration().then((registration) => {
      if (registration && registration.sync) return registration.sync.register(SYNC_TAG);
      return null;
    }).catch(() => null);
  }

  async function send({ method = "POST", url, body = {}, label = "", blobs = null }) {
    if (typeof url !== "string" || !url.startsWith("/api/v1/")) throw new Error("the outbox sends to /api/v1/ only");
    for (const blob of Object.values(blobs || {})) {
      if (!(blob instanceof Blob)) throw new Error("the outbox carries files as Blobs only");
    }
    const key = newKey();
    const item = {
      key,
      method: method.toUpperCase(),
      url,
      body: Object.assign({}, body, { idempotency_key: key }),
      label,
      queued_at: Date.now(),
    };
    if (blobs && Object.keys(blobs).length) item.blobs = Object.assign({}, blobs);
    // Stored before the first try: a capture outlives a tab closed while it is sent.
    await idb.set(key, item, store);
    const outcome = await withLock(async () => {
      if ((await idb.get(key, store)) === undefined) return { status: "sent", data: null };
      return attempt(item);
    });
    if (outcome.status === "queued") askForSync();
    if (outcome.status === "refused") changed({ refused: [{ label, detail: outcome.detail }] });
    else changed();
    return Object.assign({ key }, outcome);
  }

  let flushing = null;
  // Send what waits, oldest first; stops at the first network failure (still offline).
  function flush() {
    if (flushing) return flushing;
    flushing = withLock(async () => {
      const result = { sent: 0, refused: [], left: 0, offline: false };
      for (const item of await waiting()) {
        if ((await idb.get(item.key, store)) === undefined) continue;
        const outcome = await attempt(item);
        if (outcome.offline) {
          result.offline = true;
          break;
        }
        if (outcome.status === "sent") result.sent += 1;
        if (outcome.status === "refused") result.refused.push({ label: item.label, detail: outcome.detail });
      }
      result.left = (await waiting()).length;
      return result;
    }).finally(() => {
      flushing = null;
    }).then((result) => {
      if (result.sent || result.refused.length) changed({ refused: result.refused, sent: result.sent });
      return result;
    });
    return flushing;
  }

  // Everything this device keeps for the outbox, gone (logging out).
  async function forget() {
    await idb.clear(store);
    changed();
  }

  function announce(message) {
    for (const listener of listeners) listener(message);
  }

  async function showCount() {
    if (typeof document === "undefined") return;
    const element = document.getElementById("outbox-count");
    if (!element) return;
    const items = await waiting();
    element.textContent = items.length ? `${items.length} waiting` : "";
    element.title = items.map((item) => item.label).filter(Boolean).join("\n");
    element.hidden = items.length === 0;
  }

  // ---- the page only -------------------------------------------------------------------
  const outbox = { send, flush, waiting, forget, showCount, onChange: (fn) => listeners.push(fn) };
  root.netweave = Object.assign(root.netweave || {}, { outbox });

  if (typeof document === "undefined") return;

  if (channel) channel.onmessage = (event) => { showCount(); announce(event.data); };
  listeners.push(() => showCount());

  // "N cards to confirm" (a card photo sent and read waits for the user): counted again
  // when the outbox has sent something, on the pages that show it.
  async function countCards() {
    // The page's own line and the menu's entry (base.html), each with one link.
    const elements = document.querySelectorAll("[data-cards-to-confirm], [data-cards-to-confirm-menu]");
    if (!elements.length) return;
    try {
      const response = await fetch("/api/v1/captures/card-photos", {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) return;
      const total = (await response.json()).total;
      for (const element of elements) {
        element.querySelector("a").textContent = `${total} ${total === 1 ? "card" : "cards"} to confirm`;
        element.hidden = total === 0;
      }
    } catch (error) {
      // offline again: the count stays as it was
    }
  }
  listeners.push((message) => { if (message && message.sent) countCards(); });

  function flushIfOnline() {
    if (root.navigator.onLine !== false) flush().catch(() => null);
  }
  root.addEventListener("online", flushIfOnline);
  root.setInterval(async () => {
    if ((await waiting()).length) flushIfOnline();
  }, 30000);

  // Logging out wipes what the phone keeps (the server's Clear-Site-Data does it too).
  function guardLogout(form) {
    form.addEventListener("submit", async (event) => {
      if (form.dataset.wiped) return;
      event.preventDefault();
      const left = (await waiting()).length;
      if (left && !root.confirm(`${left} ${left === 1 ? "capture has" : "captures have"} not been sent yet; logging out deletes ${left === 1 ? "it" : "them"}. Log out anyway?`)) return;
      await forget();
      if ("caches" in root) for (const name of await caches.keys()) if (name.startsWith("netweave-")) await caches.delete(name);
      form.dataset.wiped = "1";
      form.submit();
    });
  }

  function start() {
    showCount();
    flushIfOnline();
    document.querySelectorAll("form[data-logout]").forEach(guardLogout);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(self);
