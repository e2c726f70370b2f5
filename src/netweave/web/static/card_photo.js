/* The card photo page (/capture/photo): the photo goes through the app's outbox
   (static/outbox.js) to POST /api/v1/captures/card-photo, where it is read (QR code, then
   OCR) and waits to be confirmed. Online, its confirm form opens at once; offline, or
   when the upload fails by network, the photo waits on this phone ("1 waiting"), is sent
   when the connection returns, and then shows as "N cards to confirm". Without the
   outbox (no IndexedDB, or scripts off) the form posts the photo as it always did. */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  function say(text, bad) {
    var status = $("photo-status");
    status.textContent = text;
    status.classList.toggle("bad", Boolean(bad));
  }

  function send(event) {
    var outbox = window.netweave && window.netweave.outbox;
    var input = $("f-photo");
    var file = input.files && input.files[0];
    if (!outbox || !file) { return; }
    event.preventDefault();
    say("Sending the photo…");
    outbox.send({
      method: "POST",
      url: "/api/v1/captures/card-photo",
      body: {},
      blobs: { photo_base64: file },
      label: "Card photo" + (file.name ? " " + file.name : "")
    }).then(function (outcome) {
      var status = outcome && outcome.status;
      if (status === "refused") {
        say("Not read: " + (outcome.detail || "netweave refused it") + ".", true);
        return;
      }
      var card = outcome.data && outcome.data.card;
      if (status === "sent" && card) {
        window.location.assign(card.confirm_url);
        return;
      }
      input.value = "";
      say(status === "sent" ? "Sent: the card is under “cards to confirm”."
        : "Kept on this phone: the card is read when the connection returns, then waits under “cards to confirm”.");
    }).catch(function (error) {
      say("Could not keep the photo on this phone: " + error, true);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = $("photo-form");
    if (!form) { return; }
    form.addEventListener("submit", send);
    var outbox = window.netweave && window.netweave.outbox;
    if (outbox && outbox.onChange) {
      outbox.onChange(function (message) {
        if (message && message.sent && $("photo-status").textContent.indexOf("Kept on this phone") === 0) {
          say("Sent and read: the card waits under “cards to confirm”.");
        }
      });
    }
  });
})();
