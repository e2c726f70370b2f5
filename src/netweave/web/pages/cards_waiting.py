"""Cards waiting: the card photos the phone sent (often from its outbox, made offline),
read when they arrived, each opening the photo page's own confirm form.

``GET /capture/cards`` lists them (the read name and company, a thumbnail);
``GET /capture/cards/{id}`` is the pre-filled person form, saved by the photo page's
``POST /capture/photo/save`` (pages/card_photo.py); ``GET /capture/cards/{id}/photo`` is
the photo; ``POST /capture/cards/{id}/dismiss`` deletes the card and its photo.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import DismissCardPhoto
from netweave.domain import build
from netweave.errors import NotFound
from netweave.services import cards_waiting
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()


@router.get("/capture/cards", response_class=HTMLResponse)
def cards_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    found = cards_waiting.waiting(nw.store, nw.ws)
    return render(request, nw, "capture/cards.html", {"cards": found, "cards_waiting": len(found)})


def to_person_it_became(error: NotFound) -> Response:
    """A card confirmed already (a second tap on "Save", the back button): the person it
    became, rather than a 404; any other card not waiting stays an error."""
    if error.code != "card-confirmed":
        raise error
    text = f"Card #{error.facts['card']} was confirmed already: it is {error.facts['name']}."
    return redirect(f"/people/{error.facts['person']}", text=text)


@router.get("/capture/cards/{card_id}", response_class=HTMLResponse)
def confirm_page(request: Request, nw: Annotated[Web, Depends(web)], card_id: int) -> Response:
    try:
        card = cards_waiting.card(nw.store, nw.ws, card_id)
    except NotFound as error:
        return to_person_it_became(error)
    return render(
        request,
        nw,
        "people/edit.html",
        {
            "person": None,
            "draft": card.draft(),
            "form_action": "/capture/photo/save",
            "waiting": card,
            "photo_note": card.note,
        },
    )


@router.get("/capture/cards/{card_id}/photo")
def card_photo(nw: Annotated[Web, Depends(web)], card_id: int) -> Response:
    content, media_type = cards_waiting.photo(nw.store, nw.ws, card_id)
    return Response(content, media_type=media_type, headers={"Cache-Control": "private"})


@router.post("/capture/cards/{card_id}/dismiss")
def dismiss(nw: Annotated[Web, Depends(web)], card_id: int) -> Response:
    command = build(DismissCardPhoto, {"card_id": card_id})
    cards_waiting.dismiss(nw.store, nw.ws, command, now=nw.now)
    return redirect("/capture/cards", text="The card and its photo are deleted.")


__all__ = ["router", "to_person_it_became"]
