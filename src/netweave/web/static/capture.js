/* The QR page: read a card's QR code on the phone itself (jsQR), offline too, and fill
   the confirm form from it. The server reads the code's text again with its own rules
   when the form is saved (the text goes with the form); this reader only needs enough
   to show the person: name, emails, phones, company, title.

   Two ways in: a photo (the file input opens the camera on a phone) and, where the
   browser has it, the live camera (getUserMedia). Saved offline, the person waits in
   the app's outbox (window.netweave.outbox) and is sent when the connection returns. */
(function () {
  "use strict";

  var MAX_SIDE = 1400; // pixels: larger photos are scaled down before decoding

  function $(id) { return document.getElementById(id); }

  /* ---- reading the text of a code: vCard (2.1, 3.0, 4.0) and MECARD ---- */

  function unescapeText(value) {
    return value.replace(/\\([nN])/g, "\n").replace(/\\([,;:\\])/g, "$1");
  }

  function splitUnescaped(value, separator) {
    var parts = [], current = "", escaped = false;
    for (var i = 0; i < value.length; i++) {
      var ch = value.charAt(i);
      if (escaped) { current += "\\" + ch; escaped = false; }
      else if (ch === "\\") { escaped = true; }
      else if (ch === separator) { parts.push(current); current = ""; }
      else { current += ch; }
    }
    parts.push(current);
    return parts;
  }

  function readVcard(text) {
    var unfolded = text.replace(/\r\n|\r/g, "\n").replace(/\n[ \t]/g, "");
    var person = { name: "", emails: [], phones: [], company: "", title: "" };
    var given = "", family = "";
    unfolded.split("\n").forEach(function (line) {
      var colon = line.indexOf(":");
      if (colon < 0) { return; }
      var head = line.slice(0, colon).toUpperCase();
      var value = line.slice(colon + 1).trim();
      var name = head.split(";")[0];
      var dot = name.indexOf(".");
      if (dot >= 0) { name = name.slice(dot + 1); }  // item1.EMAIL
      if (!value) { return; }
      if (name === "FN") { person.name = unescapeText(value); }
      else if (name === "N") {
        var parts = splitUnescaped(value, ";");
        family = unescapeText(parts[0] || ""); given = unescapeText(parts[1] || "");
      }
      else if (name === "EMAIL") { person.emails.push(unescapeText(value).replace(/^mailto:/i, "")); }
      else if (name === "TEL" && head.indexOf("FAX") < 0) { person.phones.push(unescapeText(value).replace(/^tel:/i, "")); }
      else if (name === "ORG" && !person.company) { person.company = unescapeText(splitUnescaped(value, ";")[0]); }
      else if (name === "TITLE" && !person.title) { person.title = unescapeText(value); }
    });
    if (!person.name) { person.name = [given, family].filter(Boolean).join(" "); }
    return person;
  }

  function readMecard(text) {
    var body = text.trim().slice("MECARD:".length);
    var person = { name: "", emails: [], phones: [], company: "", title: "" };
    splitUnescaped(body, ";").forEach(function (field) {
      var colon = field.indexOf(":");
      if (colon < 0) { return; }
      var name = field.slice(0, colon).trim().toUpperCase();
      var raw = field.slice(colon + 1);
      var value = unescapeText(raw).trim();
      if (!value) { return; }
      if (name === "N") {
        var parts = splitUnescaped(raw, ",").map(unescapeText);
        person.name = [parts.slice(1).join(","), parts[0]].filter(function (p) { return p.trim(); }).join(" ").trim();
      }
      else if (name === "EMAIL") { person.emails.push(value); }
      else if (name === "TEL" || name === "TEL-AV") { person.phones.push(value); }
      else if (name === "ORG" && !person.company) { person.company = value; }
      else if (name === "TITLE" && !person.title) { person.title = value; }
    });
    return person;
  }

  function readCard(text) {
    var trimmed = text.replace(/^\s+/, "");
    if (/^MECARD:/i.test(trimmed)) { return readMecard(trimmed); }
    if (/^BEGIN:VCARD/i.test(trimmed)) { return readVcard(trimmed); }
    return null;
  }

  /* ---- the page ---- */

  function say(text, bad) {
    var status = $("qr-status");
    status.textContent = text;
    status.classList.toggle("bad", Boolean(bad));
  }

  function fill(text) {
    var person = readCard(text);
    if (!person) {
      say("This QR code holds no contact card: " + text.slice(0, 80), true);
      return false;
    }
    $("cap-name").value = person.name;
    $("cap-email").value = person.emails.join("\n");
    $("cap-phone").value = person.phones.join("\n");
    $("cap-company").value = person.company;
    $("cap-title").value = person.title;
    $("qr-text").value = text;
    $("qr-next").value = "/capture/confirm?text=" + encodeURIComponent(text);
    $("qr-form").hidden = false;
    say("Read " + (person.name || "a card") + ". Check the details and save.");
    $("cap-name").focus();
    return true;
  }

  function decode(source, width, height) {
    var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    var w = Math.max(1, Math.round(width * scale)), h = Math.max(1, Math.round(height * scale));
    var canvas = document.createElement("canvas");
    canvas.width = w; canvas.height = h;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(source, 0, 0, w, h);
    var pixels = context.getImageData(0, 0, w, h);
    var found = window.jsQR(pixels.data, w, h, { inversionAttempts: "attemptBoth" });
    return found ? found.data : null;
  }

  function decoded(text) {
    if (text === null) {
      say("No QR code found in the photo. Hold the phone closer, in good light, and try again.", true);
    } else {
      fill(text);
    }
  }

  function unreadable() { say("That file is not an image this browser can read.", true); }

  function readPhoto(file) {
    if (!file) { return; }
    say("Reading the photo…");
    // The page's CSP allows no blob: images; a bitmap is decoded without an address.
    if (window.createImageBitmap) {
      window.createImageBitmap(file).then(function (bitmap) {
        var text = decode(bitmap, bitmap.width, bitmap.height);
        if (bitmap.close) { bitmap.close(); }
        decoded(text);
      }, unreadable);
      return;
    }
    var reader = new FileReader(); // older browsers: a data: address, which the CSP allows
    reader.onload = function () {
      var image = new Image();
      image.onload = function () { decoded(decode(image, image.naturalWidth, image.naturalHeight)); };
      image.onerror = unreadable;
      image.src = reader.result;
    };
    reader.onerror = unreadable;
    reader.readAsDataURL(file);
  }

  var stream = null;

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    $("qr-live").hidden = true;
  }

  function startCamera() {
    var video = $("qr-video");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        $("qr-live").hidden = false;
        return video.play();
      })
      .then(function () {
        say("Point the camera at the code.");
        var last = 0;
        function look(now) {
          if (!stream) { return; }
          if (now - last > 200 && video.videoWidth) {
            last = now;
            var text = decode(video, video.videoWidth, video.videoHeight);
            if (text !== null && fill(text)) { stopCamera(); return; }
          }
          window.requestAnimationFrame(look);
        }
        window.requestAnimationFrame(look);
      })
      .catch(function () {
        stopCamera();
        say("The camera is not available here; take a photo of the code instead.", true);
      });
  }

  function sendLater(event) {
    var outbox = window.netweave && window.netweave.outbox;
    if (!outbox || navigator.onLine !== false) { return; } // online: the form posts as usual
    event.preventDefault();
    var lines = function (id) {
      return $(id).value.split(/[\n,;]+/).map(function (v) { return v.trim(); }).filter(Boolean);
    };
    // The code's text goes too: the server reads it again with its own rules and finds
    // the known person (an email or phone it has), so nobody is added twice.
    var body = {
      text: $("qr-text").value,
      name: $("cap-name").value.trim(),
      emails: lines("cap-email"),
      phones: lines("cap-phone")
    };
    var company = $("cap-company").value.trim(), title = $("cap-title").value.trim();
    if (company) { body.company = company; }
    if (title) { body.title = title; }
    Promise.resolve(outbox.send({ method: "POST", url: "/api/v1/captures", body: body, label: "Add " + body.name }))
      .then(function (outcome) {
        // The outbox answers {status: "sent" | "queued" | "refused", detail}.
        var status = outcome && outcome.status;
        if (status === "refused") {
          say("Not saved: " + (outcome.detail || "netweave refused it") + ".", true);
          return;
        }
        say(status === "sent" ? "Saved " + body.name + "."
          : "Saved on this phone: " + body.name + " is added when the connection returns.");
        $("qr-form").hidden = true;
      })
      .catch(function (error) { say("Could not keep it on the phone: " + error, true); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var photo = $("qr-photo");
    if (!photo) { return; }
    photo.addEventListener("change", function () { readPhoto(photo.files && photo.files[0]); photo.value = ""; });
    if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      $("qr-start").hidden = false;
      $("qr-start").addEventListener("click", startCamera);
      $("qr-stop").addEventListener("click", stopCamera);
    }
    $("qr-again").addEventListener("click", function () {
      $("qr-form").hidden = true;
      say("Ready for the next code.");
    });
    $("qr-form").addEventListener("submit", sendLater);
  });

  window.netweaveCapture = { readCard: readCard }; // for the tests and the event screen
})();
