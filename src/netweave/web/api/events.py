"""/events: events and who attended them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Response
from pydantic import BaseModel

from netweave.commands import AddEvent
from netweave.domain import Attendance, Event, Person
from netweave.services import events
from netweave.web.api.common import Limit, Offset, Page, page_of
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


@router.patch("/{event_id}", summary="Change an event", response_model=Event)
def edit_event(
    nw: Annotated[Web, Depends(web)],
    event_id: int,
    changes: Annotated[dict[str, Any], Body(description="The fields to change.")],
) -> Event:
    return events.edit_event(nw.store, nw.ws, event_id, changes)


@router.delete("/{event_id}", summary="Remove an event and its attendance", status_code=204)
def remove_event(nw: Annotated[Web, Depends(web)], event_id: int) -> Response:
    events.remove_event(nw.store, nw.ws, event_id)
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
    status: str = "attended"
    met: bool = False


@router.put(
    "/{event_id}/attendance/{person_id}", summary="Record attendance", response_model=Attendance
)
def record_attendance(
    nw: Annotated[Web, Depends(web)], event_id: int, person_id: int, body: AttendanceBody
) -> Attendance:
    fields = {"event_id": event_id, "person_id": person_id, **body.model_dump()}
    return events.record_attendance(nw.store, nw.ws, fields)[0]


__all__ = ["AttendanceBody", "Attendee", "router"]
