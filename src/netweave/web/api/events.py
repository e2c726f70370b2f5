"""/events: events and who attended them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import (
    AddEvent,
    EditEvent,
    MarkAttendance,
    RemoveAttendance,
    RemoveEvent,
    Source,
)
from netweave.commands.base import IdempotencyKey
from netweave.domain import Attendance, Event, Person, build
from netweave.services import events
from netweave.web.api.common import Limit, Offset, Page, page_of
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/events", tags=["events"])


class Attendee(BaseModel):
    attendance: Attendance
    person: Person


@router.get("", summary="List events, earliest first", response_model=Page[Event])
def list_events(
    nw: Annotated[Web, Depends(web)],
    group: Annotated[int | None, Query(), possible_id("group")] = None,
    since: Annotated[datetime | None, Query(description="Starting at or after (ISO 8601).")] = None,
    until: Annotated[datetime | None, Query(description="Starting before (ISO 8601).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Event]:
    found = events.list_events(nw.store, nw.ws, group_id=group, since=since, until=until)
    return page_of(found, limit, offset)


@router.post(
    "",
    summary="Add an event",
    status_code=201,
    response_model=Event,
    description="Its length is `hours` or its end `ends_at` (not both), two weeks at most.",
)
def add_event(nw: Annotated[Web, Depends(web)], body: AddEvent) -> Event:
    return events.add_event(nw.store, nw.ws, body, now=nw.now)


@router.get("/{event_id}", summary="One event", response_model=Event)
def get_event(nw: Annotated[Web, Depends(web)], event_id: int) -> Event:
    return events.find_event(nw.store, nw.ws, f"#{event_id}")


@router.patch(
    "/{event_id}",
    summary="Change an event",
    response_model=Event,
    description="The fields to change (null empties one); `hours` sets the end that long "
    "after the (new) start. An event lasts two weeks at most.",
)
def edit_event(nw: Annotated[Web, Depends(web)], event_id: int, body: Changes) -> Event:
    command = edit_of(EditEvent, {"event_id": event_id}, body)
    return events.edit_event(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{event_id}", summary="Remove an event and its attendance", status_code=204)
def remove_event(
    nw: Annotated[Web, Depends(web)], event_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveEvent, {"event_id": event_id}, key)
    events.remove_event(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


@router.get("/{event_id}/attendance", summary="Who attended", response_model=Page[Attendee])
def list_attendance(
    nw: Annotated[Web, Depends(web)], event_id: int, limit: Limit = 50, offset: Offset = 0
) -> Page[Attendee]:
    found = [
        Attendee(attendance=a, person=p) for a, p in events.attendees(nw.store, nw.ws, event_id)
    ]
    return page_of(found, limit, offset)


class AttendanceBody(BaseModel):
    """What a person's attendance is; left out: the command's defaults (attended, not met)."""

    model_config = ConfigDict(extra="forbid")

    status: str | None = None
    met: bool | None = None
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Sending the same key again changes nothing more."
    )
    source: Source | None = None


@router.put(
    "/{event_id}/attendance/{person_id}", summary="Record attendance", response_model=Attendance
)
def record_attendance(
    nw: Annotated[Web, Depends(web)], event_id: int, person_id: int, body: AttendanceBody
) -> Attendance:
    command = build(
        MarkAttendance,
        {"event_id": event_id, "person_ids": [person_id], **body.model_dump(exclude_none=True)},
    )
    [marked] = events.mark_attendance(nw.store, nw.ws, command, now=nw.now)
    return marked


@router.delete(
    "/{event_id}/attendance/{person_id}",
    summary="Take a person off the attendance list",
    status_code=204,
)
def remove_attendance(
    nw: Annotated[Web, Depends(web)], event_id: int, person_id: int, key: RemovalKey = None
) -> Response:
    ids = {"event_id": event_id, "person_id": person_id}
    command = removal_of(RemoveAttendance, ids, key)
    events.remove_attendance(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["AttendanceBody", "Attendee", "router"]
