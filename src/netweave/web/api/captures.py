"""``POST /api/v1/captures``: a contact captured on the phone (a QR code's text, the
fields as the user saw them), sent when it is made or later from the app's outbox.

The server reads the code's text again with its own rules (services/capture.py) and
finds the known person by the identity rules: a shared email, phone or LinkedIn profile
is that person, who gets what they lack; anyone else is added. Sent twice (the outbox
retrying), it changes nothing the second time: the idempotency key replays an addition,
and an update finds nothing left to add.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands.base import IdempotencyKey
from netweave.domain import Person
from netweave.errors import InvalidInput
from netweave.services import capture
from netweave.web.state import Web, web

router = APIRouter(prefix="/captures", tags=["people"])


class CaptureToSave(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        default=None,
        max_length=8000,
        description="The QR code's text (a vCard or a MECARD), read again by the server.",
    )
    name: str | None = Field(default=None, max_length=200)
    emails: list[str] | None = Field(default=None, max_length=50)
    phones: list[str] | None = Field(default=None, max_length=50)
    company: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    into: int | Literal["new"] | None = Field(
        default=None,
        description="A person's id to update, 'new' to add a person, or nothing: the "
        "person the card is for certain (same email, phone or LinkedIn), else a new one.",
    )
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Sending the same key again adds nobody twice."
    )


class FieldKept(BaseModel):
    field: str
    kept: str
    offered: str


class CaptureSaved(BaseModel):
    person: Person
    added: bool
    filled: list[str] = Field(description="What was added to a known person.")
    conflicts: list[FieldKept] = Field(
        description="Values the card gives that differ from netweave's, which were kept."
    )
    suggested: list[int] = Field(
        description="People of the same name, who may be this one (a person decides)."
    )


@router.post("", summary="Save a captured contact", response_model=CaptureSaved)
def save_capture(nw: Annotated[Web, Depends(web)], body: CaptureToSave) -> CaptureSaved:
    typed: dict[str, Any] = body.model_dump(
        exclude_unset=True, include={"name", "emails", "phones", "company", "title"}
    )
    if body.text is not None:
        fields = capture.typed_over(capture.read_card(body.text).fields(), typed)
    elif "name" in typed:
        fields = {k: v for k, v in typed.items() if v not in (None, [])}
    else:
        raise InvalidInput("send the QR code's text, or at least a name", field="name")
    suggested: list[int] = []
    key = body.idempotency_key
    if body.into is None:
        done, known = capture.save_found(nw.store, nw.ws, fields, now=nw.now, idempotency_key=key)
        suggested = [p.id for p in known.suggested]
    else:
        if body.into != "new" and body.into <= 0:
            raise InvalidInput(f"there is no person #{body.into}", field="into")
        target = None if body.into == "new" else body.into
        done = capture.save_capture(
            nw.store, nw.ws, fields, into=target, now=nw.now, idempotency_key=key
        )
    return CaptureSaved(
        person=done.person,
        added=done.added,
        filled=list(done.filled),
        conflicts=[
            FieldKept(field=c.field, kept=c.kept, offered=c.offered) for c in done.conflicts
        ],
        suggested=suggested,
    )


__all__ = ["router"]
