"""A business card photo in, a pre-filled new person out; the photo kept with them.

``GET /capture/photo`` asks for the photo (the phone's camera opens on it);
``POST /capture/photo`` reads the card (QR code first, then OCR: netweave.cards) and
shows the new-person form filled in, the photo held on the server's upload shelf under a
ticket; ``POST /capture/photo/save`` adds the person and keeps the photo with them (a card that
waited, sent by the phone's outbox, is saved here too: pages/cards_waiting.py). The
person page shows kept photos, each with a delete button.
"""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddPersonPhoto, RemovePersonPhoto
from netweave.domain import build
from netweave.errors import InvalidInput, NotFound
from netweave.services import capture, cards_waiting, photos
from netweave.services.cards import KEPT_MEDIA_TYPE, MAX_BYTES, read_card_photo
from netweave.web.pages.capture import said_of
from netweave.web.pages.cards_waiting import to_person_it_became
from netweave.web.pages.people import person_form
from netweave.web.render import redirect, render
from netweave.web.state import Web, app_state, web

router = APIRouter()
SHELF_FORMAT = "card-photo"


@router.get("/capture/photo", response_class=HTMLResponse)
def photo_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    waiting = cards_waiting.count(nw.store, nw.ws)
    return render(
        request, nw, "capture_photo.html", {"max_mb": MAX_BYTES // 2**20, "cards_waiting": waiting}
    )


@router.post("/capture/photo", response_class=HTMLResponse)
def read_photo(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    photo: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    if photo is None or not photo.filename:
        raise InvalidInput("choose a photo of the card", field="photo")
    data = photo.file.read(MAX_BYTES + 1)
    capture = read_card_photo(data, region=nw.settings.default_region)
    reading, kept = capture.reading, capture.kept
    ticket = app_state(request).uploads.put(photo.filename, kept, SHELF_FORMAT)
    draft: dict[str, Any] = {
        "name": reading.name or "",
        "company": reading.company or "",
        "title": reading.title or "",
        "emails": list(reading.emails),
        "phones": list(reading.phones),
    }
    return render(
        request,
        nw,
        "people/edit.html",
        {
            "person": None,
            "draft": draft,
            "form_action": "/capture/photo/save",
            "photo_ticket": ticket,
            "photo_preview": base64.b64encode(kept).decode("ascii"),
            "photo_note": capture.note,
        },
    )


@router.post("/capture/photo/save")
def save_person(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    fields: Annotated[dict[str, Any], Depends(person_form)],
    photo_ticket: Annotated[str, Form()] = "",
    card_id: Annotated[int | None, Form()] = None,
) -> Response:
    # A card of someone already known (the same email, phone or LinkedIn) completes
    # them, as a shared card or a QR code does, and the photo joins them.
    given = {k: v for k, v in fields.items() if v not in (None, "", [])}
    if card_id is not None:  # a card that waited (sent by the phone's outbox)
        try:
            done, _ = cards_waiting.confirm(nw.store, nw.ws, card_id, given, now=nw.now)
        except NotFound as error:  # a second tap, after the first one confirmed it
            return to_person_it_became(error)
        assert done.person.id is not None
        text = said_of(done) + " The card photo is kept with them."
        return redirect(f"/people/{done.person.id}", text=text)
    done, _ = capture.save_found(nw.store, nw.ws, given, now=nw.now)
    added, text = done.person, said_of(done)
    assert added.id is not None
    if photo_ticket:
        try:
            upload = app_state(request).uploads.take(photo_ticket)
        except InvalidInput:
            upload = None
            text += " The card photo was no longer held (after an hour): add it again."
        if upload is not None and upload.format == SHELF_FORMAT:
            command = build(
                AddPersonPhoto,
                {"person_id": added.id, "content": upload.data, "media_type": KEPT_MEDIA_TYPE},
            )
            photos.add_photo(nw.store, nw.ws, command, now=nw.now)
            text += " The card photo is kept with them."
    return redirect(f"/people/{added.id}", text=text)


@router.get("/people/{person_id}/photos/{photo_id}")
def photo_bytes(nw: Annotated[Web, Depends(web)], person_id: int, photo_id: int) -> Response:
    owner, content, media_type = photos.photo(nw.store, nw.ws, photo_id)
    if owner != person_id:
        raise NotFound(f"person #{person_id} has no photo #{photo_id}")
    return Response(content, media_type=media_type, headers={"Cache-Control": "private"})


@router.post("/people/{person_id}/photos/{photo_id}/delete")
def delete_photo(nw: Annotated[Web, Depends(web)], person_id: int, photo_id: int) -> Response:
    owner, _, _ = photos.photo(nw.store, nw.ws, photo_id)
    if owner != person_id:
        raise NotFound(f"person #{person_id} has no photo #{photo_id}")
    photos.remove_photo(
        nw.store, nw.ws, build(RemovePersonPhoto, {"photo_id": photo_id}), now=nw.now
    )
    return redirect(f"/people/{person_id}", text="The photo is deleted.")
