// The mail sync run page: while a sync runs, ask for its progress every few seconds and
// show it; when it is done, load the page again for its report. Without JavaScript the
// page refreshes itself (a <noscript> meta refresh) instead.
"use strict";

(function () {
  const card = document.getElementById("sync-run");
  if (!card || !card.dataset.status) return;
  const every = Math.max(1, Number(card.dataset.poll || 2)) * 1000;
  const read = document.getElementById("sync-read");
  const batches = document.getElementById("sync-batches");

  async function ask() {
    try {
      const answer = await fetch(card.dataset.status, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (answer.ok) {
        const run = await answer.json();
        read.textContent = String(run.read);
        batches.textContent = String(run.batches);
        if (run.state !== "running") {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // offline for a moment: ask again later
    }
    window.setTimeout(ask, every);
  }
  window.setTimeout(ask, every);
})();
