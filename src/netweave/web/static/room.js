// The event screen (templates/events/room.html): every tap goes through the outbox
// (static/outbox.js) to the JSON API, so it works in a hall without reception. Without
// this script the same forms post to the page's own routes.
"use strict";

(function () {
  const room = document.getElementById("room");
  const outbox = window.netweave && window.netweave.outbox;
  if (!room || !outbox) return;
  const eventId = Number(room.dataset.event);
  const status = document.getElementById("room-status");

  let fading;
  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
    status.classList.remove("faded");
    clearTimeout(fading);
    // A confirmation steps aside after a while; a refusal stays until the next tap.
    if (!isError) fading = setTimeout(() => status.classList.add("faded"), 8000);
  }

  function sentOrQueued(outcome, done) {
    if (outcome.status === "refused") {
      say(`Not saved: ${outcome.detail}`, true);
      return false;
    }
    say(outcome.status === "queued" ? `${done}; it will be sent when the connection returns.` : `${done}.`);
    return true;
  }

  function personOf(form) {
    return { id: Number(form.dataset.person), name: form.dataset.name };
  }

  // Every button of one kind for this person (a target may be listed twice).
  function buttonsFor(kind, personId) {
    return document.querySelectorAll(`form[data-capture="${kind}"][data-person="${personId}"] button`);
  }

  function markDone(button, text, nameSuffix) {
    button.classList.add("done");
    button.setAttribute("aria-pressed", "true");
    button.replaceChildren(document.createTextNode(text));
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = nameSuffix;
    button.appendChild(hidden);
  }

  async function met(form) {
    const person = personOf(form);
    const outcome = await outbox.send({
      method: "PUT",
      url: `/api/v1/events/${eventId}/attendance/${person.id}`,
      body: { status: "attended", met: true, source: "captured" },
      label: `Met ${person.name}`,
    });
    if (sentOrQueued(outcome, `Met ${person.name}`)) {
      buttonsFor("met", person.id).forEach((b) => markDone(b, "Met ✓", ` ${person.name}`));
    }
  }

  async function followUp(form) {
    const person = personOf(form);
    const buttons = buttonsFor("follow-up", person.id);
    buttons.forEach((b) => { b.disabled = true; });
    const outcome = await outbox.send({
      method: "POST",
      url: "/api/v1/follow-ups",
      body: { person_id: person.id, reason: room.dataset.followUpReason, event_id: eventId, source: "captured" },
      label: `Follow up with ${person.name}`,
    });
    if (sentOrQueued(outcome, `Follow up with ${person.name} within a week`)) {
      buttons.forEach((b) => markDone(b, "Follow-up set ✓", ` with ${person.name}`));
    } else {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function note(form) {
    const about = form.elements.person;
    const text = form.elements.text;
    if (!about.value) {
      say("Choose whom the note is about.", true);
      about.focus();
      return;
    }
    const name = about.options[about.selectedIndex].text;
    const outcome = await outbox.send({
      method: "POST",
      url: "/api/v1/interactions",
      body: {
        kind: room.dataset.noteKind,
        with_ids: [Number(about.value.replace("#", ""))],
        event_id: eventId,
        notes: text.value,
        close_follow_ups: false,
        source: "captured",
      },
      label: `Note on ${name}`,
    });
    if (sentOrQueued(outcome, `Note on ${name} saved`)) text.value = "";
  }

  function fieldError(input, message) {
    const field = input.closest(".field");
    let error = field.querySelector(".field-error");
    if (!message) {
      if (error) error.remove();
      field.classList.remove("invalid");
      input.removeAttribute("aria-invalid");
      return;
    }
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.id = `${input.id}-error`;
      input.insertAdjacentElement("afterend", error);
    }
    error.textContent = message;
    field.classList.add("invalid");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  function listNewPerson(name, person, queued) {
    const list = document.getElementById("room-people");
    const empty = list.querySelector(".room-empty");
    if (empty) empty.remove();
    const item = document.createElement("li");
    item.className = queued ? "room-card waiting" : "room-card";
    const who = document.createElement("p");
    who.className = "who";
    const strong = document.createElement("strong");
    strong.textContent = name;
    if (person) {
      item.id = `p-${person.id}`;
      const link = document.createElement("a");
      link.href = `/people/${person.id}`;
      link.appendChild(strong);
      who.appendChild(link);
    } else {
      who.appendChild(strong);
    }
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = queued ? "Met · waiting to be sent" : "Met";
    who.append(" ", badge);
    item.appendChild(who);
    list.prepend(item);
    if (person) {
      const select = document.getElementById("note-person");
      if (select) select.add(new Option(name, `#${person.id}`));
    }
  }

  async function add(form) {
    const nameInput = form.elements.name;
    const anythingInput = form.elements.anything;
    const name = nameInput.value.trim();
    fieldError(nameInput, "");
    fieldError(anythingInput, "");
    if (!name) {
      fieldError(nameInput, "name: give their name");
      return;
    }
    const outcome = await outbox.send({
      method: "POST",
      url: `/api/v1/events/${eventId}/quick-add`,
      body: { name, anything: anythingInput.value, source: "captured" },
      label: `Add ${name}`,
    });
    if (outcome.status === "refused") {
      const field = outcome.data && outcome.data.field;
      const input = field === "anything" || field === "emails" || field === "phones" ? anythingInput : nameInput;
      const prefix = `${field}: `;
      fieldError(input, outcome.detail.startsWith(prefix) ? outcome.detail.slice(prefix.length) : outcome.detail);
      say(`Not added: ${outcome.detail}`, true);
      return;
    }
    const person = outcome.data && outcome.data.person;
    listNewPerson(name, person, outcome.status === "queued");
    sentOrQueued(outcome, `Added ${name}, met`);
    nameInput.value = "";
    anythingInput.value = "";
    nameInput.focus();
  }

  const handlers = { met, "follow-up": followUp, note, add };
  room.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-capture]");
    if (!form) return;
    event.preventDefault();
    const handler = handlers[form.dataset.capture];
    // One tap, one capture: the button waits for the outbox's answer.
    const button = form.querySelector("button[type=submit]");
    if (button.dataset.busy) return;
    button.dataset.busy = "1";
    handler(form)
      .catch((error) => say(`Not saved: ${error.message}`, true))
      .finally(() => { delete button.dataset.busy; });
  });

  outbox.onChange((message) => {
    if (message.refused && message.refused.length) {
      say(message.refused.map((r) => `${r.label}: not saved (${r.detail})`).join(" "), true);
    } else if (message.sent) {
      say(`${message.sent} waiting ${message.sent === 1 ? "capture" : "captures"} sent.`);
    }
  });
})();
