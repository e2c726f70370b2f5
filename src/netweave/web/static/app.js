// netweave: scripts only improve pages that work without them.
// - forms marked data-live search as you type (the server renders the results);
// - inputs marked data-complete="people" suggest people from the JSON API;
// - canvases marked data-chart draw with Chart.js when it is there (else the table shows);
// - at phone width the main menu folds behind a button.
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
        // Offline (the page kept by the service worker), the list stays as it was.
        if (error.name !== "AbortError" && navigator.onLine !== false) throw error;
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

  // Rows are [label, value] or, with data-series naming the columns, [label, v1, v2, ...].
  const PALETTE = ["#4338ca", "#0e9f6e", "#d97706", "#db2777", "#0891b2", "#6b7280"];
  function draw(canvas, points, accent) {
    const line = canvas.dataset.chart === "line";
    const names = canvas.dataset.series ? JSON.parse(canvas.dataset.series) : [canvas.dataset.label || ""];
    const colors = names.length > 1 ? PALETTE : [accent];
    canvas.closest("figure")?.classList.add("charts-on");
    new window.Chart(canvas, {
      type: canvas.dataset.chart,
      data: {
        labels: points.map((p) => p[0]),
        datasets: names.map((name, i) => ({
          label: name,
          data: points.map((p) => p[i + 1]),
          backgroundColor: line ? colors[i % colors.length] + "22" : colors[i % colors.length] + "cc",
          borderColor: colors[i % colors.length],
          borderRadius: 6,
          maxBarThickness: 28,
          fill: line && names.length === 1,
          tension: 0.3,
          pointRadius: line ? 2 : undefined,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: names.length > 1, position: "bottom" } },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: "#eceef4" } },
        },
      },
    });
  }

  function drawCharts() {
    if (!window.Chart) return;
    const style = getComputedStyle(document.documentElement);
    const accent = style.getPropertyValue("--accent").trim() || "#4338ca";
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = style.getPropertyValue("--muted").trim();
    for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
      draw(canvas, JSON.parse(canvas.dataset.points || "[]"), accent);
    }
  }

  // At phone width the main menu folds into a button: shown when pressed, hidden again on
  // Escape or a second press. Without this script the links simply stay in view.
  function foldMenu(button) {
    const menu = document.getElementById(button.getAttribute("aria-controls"));
    const narrow = window.matchMedia("(max-width: 760px)");
    if (!menu) return;
    function show(open) {
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("folded", !open);
      menu.classList.toggle("unfolded", open);
    }
    function fit() {
      button.hidden = !narrow.matches;
      show(!narrow.matches);
    }
    button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
    menu.parentElement.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
    narrow.addEventListener("change", fit);
    fit();
  }

  // A form shown again after a failed post: bring the field at fault (or the message) into focus.
  const fault = document.querySelector("[aria-invalid='true'], .form-error");
  if (fault) fault.focus();

  document.querySelectorAll(".menu-toggle").forEach(foldMenu);
  document.querySelectorAll("form[data-live]").forEach(liveSearch);
  document.querySelectorAll("input[data-complete='people']").forEach(completePeople);
  window.addEventListener("load", drawCharts);
})();
