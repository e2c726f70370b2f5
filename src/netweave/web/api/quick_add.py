"""/events/{id}/quick-add: a person added in the room, with one free field, and marked met.

The event screen's outbox sends it (with an ``idempotency_key``; sent again, it answers
201 with the same person and attendance and adds nothing)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands.base import IdempotencyKey, Source
from netweave.commands.captures import quick_add
from netweave.domain import Attendance, Person
from netweave.services import captures, events
from netweave.web.state import Web, web

router = APIRouter(prefix="/events", tags=["events"])


class QuickAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The new contact's name.")
    anything: str = Field(
        default="",
        description="One more thing about them: an email, a phone (read in the workspace's "
        'region), a company, a web address, or "looking for ...".',
    )
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Sending the same key again adds nobody twice."
    )
    source: Source = Source.CAPTURED


class MetInTheRoom(BaseModel):
    person: Person
    attendance: Attendance


@router.post(
    "/{event_id}/quick-add",
    summary="Add someone met at the event",
    status_code=201,
    response_model=MetInTheRoom,
)
def quick_add_at_event(
    nw: Annotated[Web, Depends(web)], event_id: int, body: QuickAdd
) -> MetInTheRoom:
    event = events.find_event(nw.store, nw.ws, f"#{event_id}")
    command = quick_add(
        body.name,
        body.anything,
        region=nw.settings.default_region,
        met_at=event.name,
        met_on=event.starts_at.astimezone(nw.settings.zone).date(),
        idempotency_key=body.idempotency_key,
        source=body.source,
    )
    met = captures.add_met_at_event(nw.store, nw.ws, command, event_id, now=nw.now)
    return MetInTheRoom(person=met.person, attendance=met.attendance)


__all__ = ["QuickAdd", "router"]
