// netweave: scripts only improve pages that work without them.
// - forms marked data-live search as you type (the server renders the results);
// - inputs marked data-complete="people" suggest people from the JSON API;
// - canvases marked data-chart draw with Chart.js when it is there (else the table shows).
"use strict";

(function () {
  function debounce(fn, ms) {
    let timer;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  }

  function liveSearch(form) {
    const target = document.querySelector(form.dataset.live);
    if (!target) return;
    let pending;
    const run = debounce(async () => {
      const params = new URLSearchParams(new FormData(form));
      for (const [key, value] of [...params]) if (!value) params.delete(key);
      const url = form.action + (params.toString() ? "?" + params : "");
      if (pending) pending.abort();
      pending = new AbortController();
      try {
        const response = await fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector(form.dataset.live);
        if (fresh) {
          target.replaceChildren(...fresh.childNodes);
          history.replaceState(null, "", url);
        }
      } catch (error) {
        if (error.name !== "AbortError") throw error;
      }
    }, 180);
    form.addEventListener("input", run);
    form.addEventListener("change", run);
  }

  function completePeople(input) {
    const list = document.createElement("ul");
    list.className = "suggest";
    list.id = input.id + "-suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentElement.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let active = -1;
    let asked = 0;

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function choose(item) {
      input.value = item.dataset.value;
      close();
    }
    function highlight(index) {
      const items = [...list.children];
      items.forEach((el, i) => el.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    }
    const search = debounce(async () => {
      const text = input.value.trim();
      if (text.length < 2 || text.startsWith("#") || text.toLowerCase() === "me") return close();
      const mine = ++asked;
      const response = await fetch("/api/v1/people?limit=8&search=" + encodeURIComponent(text));
      if (mine !== asked) return; // a later keystroke asked again: its answer wins
      if (!response.ok) return close();
      const page = await response.json();
      if (mine !== asked) return;
      list.replaceChildren();
      page.items.forEach(({ person }, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.dataset.value = `${person.name} (#${person.id})`;
        li.textContent = person.name + " ";
        if (person.company) {
          const company = document.createElement("span");
          company.className = "muted";
          company.textContent = person.company;
          li.appendChild(company);
        }
        li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(li); });
        list.appendChild(li);
      });
      list.hidden = page.items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      active = -1;
    }, 150);
    input.addEventListener("input", search);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      const count = list.children.length;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(list.children[active]); }
      else if (event.key === "Escape") { close(); }
    });
  }

  function draw(canvas, points, accent) {
    const line = canvas.dataset.chart === "line";
    canvas.closest("figure")?.classList.add("charts-on");
    new window.Chart(canvas, {
      type: canvas.dataset.chart,
      data: {
        labels: points.map((p) => p[0]),
        datasets: [{
          label: canvas.dataset.label || "",
          data: points.map((p) => p[1]),
          backgroundColor: line ? accent + "22" : accent + "cc",
          borderColor: accent,
          borderRadius: 6,
          maxBarThickness: 28,
          fill: line,
          tension: 0.3,
          pointRadius: line ? 2 : undefined,
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: "#eceef4" } },
        },
      },
    });
  }

  // A chart whose numbers come from the API: [[label, value], ...] from {points: [{as_of, strength}]}.
  async function drawFrom(canvas, accent) {
    const response = await fetch(canvas.dataset.src, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const body = await response.json();
    const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
    draw(canvas, body.points.map((p) => [day.format(new Date(p.as_of)), p.strength]), accent);
  }

  function drawCharts() {
    if (!window.Chart) return;
    const style = getComputedStyle(document.documentElement);
    const accent = style.getPropertyValue("--accent").trim() || "#4338ca";
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = style.getPropertyValue("--muted").trim();
    for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
      if (canvas.dataset.src) drawFrom(canvas, accent);
      else draw(canvas, JSON.parse(canvas.dataset.points || "[]"), accent);
    }
  }

  document.querySelectorAll("form[data-live]").forEach(liveSearch);
  document.querySelectorAll("input[data-complete='people']").forEach(completePeople);
  window.addEventListener("load", drawCharts);
})();
