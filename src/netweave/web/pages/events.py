"""Events: upcoming and past, one event's attendees, its plan and its debrief (pages.plans)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddEvent, MarkAttendance
from netweave.domain import AttendanceStatus, build
from netweave.domain.dates import Direction
from netweave.services import events, groups, plans
from netweave.web.forms import hours_typed, optional, person_typed
from netweave.web.pages.plans import STATUS_LABELS, plan_context
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()


@router.get("/events", response_class=HTMLResponse)
def event_list(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    upcoming = events.list_events(
        nw.store, nw.ws, since=nw.now, until=nw.now + timedelta(days=120), limit=30
    )
    past = events.list_events(nw.store, nw.ws, since=nw.now - timedelta(days=90), until=nw.now)
    by_id = {g.id: g for g in groups.list_groups(nw.store, nw.ws)}
    recent = list(reversed(past))[:30]
    notes = plans.plan_notes(nw.store, nw.ws, [e.id for e in [*upcoming, *recent]])
    return render(
        request,
        nw,
        "events/list.html",
        {
            "upcoming": upcoming,
            "past": recent,
            "groups": by_id,
            "group_options": [("", "None"), *((g.id, g.name) for g in by_id.values())],
            "plans": notes,
        },
    )


@router.post("/events")
def add_event(
    nw: Annotated[Web, Depends(web)],
    name: Annotated[str, Form()],
    starts: Annotated[str, Form()],
    hours: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    group: Annotated[str, Form()] = "",
    cost: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        AddEvent,
        {
            "name": name,
            "starts_at": nw.moment(starts, "starts", Direction.NEAREST),
            "hours": hours_typed(hours, "hours"),
            "place": optional(place),
            "group_id": int(group) if group.strip().isdigit() else None,
            "cost_cents": nw.cents(cost, "cost") or 0,
        },
    )
    added = events.add_event(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/events/{added.id}", text=f"Added {added.name}.")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, nw: Annotated[Web, Depends(web)], event_id: int) -> HTMLResponse:
    event = events.find_event(nw.store, nw.ws, f"#{event_id}")
    group = groups.find_group(nw.store, nw.ws, f"#{event.group_id}") if event.group_id else None
    attendees = events.attendees(nw.store, nw.ws, event_id)
    return render(
        request,
        nw,
        "events/show.html",
        {
            "event": event,
            "group": group,
            "attendees": attendees,
            "met": sum(1 for a, _ in attendees if a.met),
            "status_options": [(s.value, STATUS_LABELS[s]) for s in AttendanceStatus],
            "status_labels": STATUS_LABELS,
            **plan_context(nw, event, attendees),
        },
    )


@router.post("/events/{event_id}/attendance")
def record_attendance(
    nw: Annotated[Web, Depends(web)],
    event_id: int,
    person: Annotated[str, Form()],
    status: Annotated[AttendanceStatus, Form()] = AttendanceStatus.ATTENDED,
    met: Annotated[bool, Form()] = False,
) -> Response:
    command = build(
        MarkAttendance,
        {
            "event_id": event_id,
            "person_ids": [person_typed(nw, person, "person")],
            "status": status,
            "met": met,
        },
    )
    events.mark_attendance(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/events/{event_id}#attendees", text="Attendance saved.")


__all__ = ["router"]
