"""``/api/v1/captures/card-photo(s)``: a business-card photo from the phone, read when it
arrives and kept waiting for the user to confirm the person (services/cards_waiting.py).

The app's outbox sends the photo (base64 in JSON, as every API write is JSON) with an
idempotency key; sent again under the same key, it answers the same and keeps nothing
twice. The confirm form is a page (``/capture/cards/{id}``): a person decides."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import DismissCardPhoto, ReceiveCardPhoto
from netweave.commands.base import IdempotencyKey
from netweave.domain import build
from netweave.errors import InvalidInput
from netweave.services import cards_waiting
from netweave.services.cards import MAX_BYTES
from netweave.services.cards_waiting import WaitingCard
from netweave.web.api.edits import RemovalKey, removal_of
from netweave.web.state import Web, web

router = APIRouter(prefix="/captures", tags=["people"])


class CardPhoto(BaseModel):
    model_config = ConfigDict(extra="forbid")

    photo_base64: str = Field(
        max_length=(MAX_BYTES + 2) // 3 * 4,
        description=f"The photo's bytes, base64 (JPEG, PNG, WebP; at most "
        f"{MAX_BYTES // 2**20} MB).",
    )
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Sending the same key again keeps no second card."
    )

    def data(self) -> bytes:
        try:
            content = base64.b64decode(self.photo_base64, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput("is not valid base64", field="photo_base64") from None
        if not content:
            raise InvalidInput("the photo is empty", field="photo_base64")
        return content


class CardWaiting(BaseModel):
    id: int
    name: str | None
    company: str | None
    title: str | None
    emails: list[str]
    phones: list[str]
    website: str | None
    note: str = Field(description="How the fields were read, in a sentence.")
    known_person_id: int | None = Field(
        description="The person the card is for certain (the same email, phone or LinkedIn)."
    )
    received_at: datetime
    confirm_url: str = Field(description="The page where the user confirms the person.")
    photo_url: str


class CardReceived(BaseModel):
    card_id: int
    waiting: bool = Field(description="False: the card was confirmed or dismissed since.")
    card: CardWaiting | None


class CardsWaiting(BaseModel):
    total: int
    items: list[CardWaiting]


def _out(card: WaitingCard) -> CardWaiting:
    return CardWaiting(
        id=card.id,
        name=card.name,
        company=card.company,
        title=card.title,
        emails=list(card.emails),
        phones=list(card.phones),
        website=card.website,
        note=card.note,
        known_person_id=card.known_person_id,
        received_at=card.received_at,
        confirm_url=f"/capture/cards/{card.id}",
        photo_url=f"/capture/cards/{card.id}/photo",
    )


@router.post(
    "/card-photo",
    summary="Send a business-card photo to read and confirm later",
    status_code=201,
    response_model=CardReceived,
)
def receive_card_photo(nw: Annotated[Web, Depends(web)], body: CardPhoto) -> CardReceived:
    command = build(
        ReceiveCardPhoto, {"content": body.data(), "idempotency_key": body.idempotency_key}
    )
    try:
        done = cards_waiting.receive(nw.store, nw.ws, command, now=nw.now)
    except InvalidInput as error:
        if error.field != "photo":
            raise
        # The card reader names the photo; this client sent it as photo_base64.
        raise InvalidInput(
            error.reason, field="photo_base64", hint=error.hint, code=error.code, facts=error.facts
        ) from None
    card = None if done.card is None else _out(done.card)
    return CardReceived(card_id=done.card_id, waiting=card is not None, card=card)


@router.get("/card-photos", summary="Card photos waiting to be confirmed")
def list_cards_waiting(nw: Annotated[Web, Depends(web)]) -> CardsWaiting:
    items = [_out(card) for card in cards_waiting.waiting(nw.store, nw.ws)]
    return CardsWaiting(total=len(items), items=items)


@router.delete(
    "/card-photos/{card_id}", summary="Dismiss a waiting card and its photo", status_code=204
)
def dismiss_card_photo(
    nw: Annotated[Web, Depends(web)], card_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(DismissCardPhoto, {"card_id": card_id}, key)
    cards_waiting.dismiss(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["router"]
