"""The event screen, for use in the room on a phone: the plan's targets, the people expected,
one tap for "met" and for a follow-up within a week, a quick add (a name and one free
field) and a note. The page's script sends each tap through the outbox (static/outbox.js)
to the JSON API, so that it works offline; without the script, the forms post here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddFollowUp, LogTouch, MarkAttendance, Source
from netweave.commands.captures import quick_add, room_follow_up_reason
from netweave.domain import AttendanceStatus, InteractionKind, build
from netweave.services import captures, events, followups, interactions, plans
from netweave.web.forms import optional, person_typed
from netweave.web.pages.plans import STATUS_LABELS
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()
NOTE_KIND = InteractionKind.EVENT_CONVERSATION
"""What a note written in the room is: a conversation at the event."""


@dataclass(frozen=True, slots=True)
class InTheRoom:
    """Someone the event screen lists: expected there, or a target of the plan."""

    person_id: int
    name: str
    company: str | None
    status: str
    met: bool
    follow_up: bool
    """An open follow-up from this event is set."""


def _room(nw: Web, event_id: int) -> dict[str, object]:
    event = events.find_event(nw.store, nw.ws, f"#{event_id}")
    plan = plans.saved_plan(nw.store, nw.ws, event_id)
    attendees = events.attendees(nw.store, nw.ws, event_id)
    following = {
        f.person_id
        for f in followups.list_follow_ups(nw.store, nw.ws, open_only=True)
        if f.event_id == event_id
    }
    me = nw.owner_id
    met = {p.id for a, p in attendees if a.met}
    people = sorted(
        (
            InTheRoom(
                p.id,
                p.name,
                p.company,
                STATUS_LABELS[a.status],
                bool(a.met),
                p.id in following,
            )
            for a, p in attendees
            if p.id != me and a.status != AttendanceStatus.ABSENT
        ),
        key=lambda r: r.name.lower(),
    )
    targets = [t for t in plan.targets if t.person_id != me] if plan else []
    aimed = {t.person_id for t in targets}
    named = {r.person_id: r.name for r in people} | {t.person_id: t.name for t in targets}
    return {
        "event": event,
        "plan": plan,
        "targets": targets,
        "others": [r for r in people if r.person_id not in aimed],
        "met": met | {t.person_id for t in targets if t.reached},
        "following": following,
        "note_options": sorted(named.items(), key=lambda item: item[1].lower()),
        "follow_up_reason": room_follow_up_reason(event.name),
        "note_kind": NOTE_KIND.value,
    }


@router.get("/events/{event_id}/room", response_class=HTMLResponse)
def event_room(request: Request, nw: Annotated[Web, Depends(web)], event_id: int) -> HTMLResponse:
    return render(request, nw, "events/room.html", _room(nw, event_id))


def _back(event_id: int, anchor: str = "") -> str:
    return f"/events/{event_id}/room{anchor}"


@router.post("/events/{event_id}/room/met")
def met(
    nw: Annotated[Web, Depends(web)], event_id: int, person: Annotated[str, Form()]
) -> Response:
    pid = person_typed(nw, person, "person")
    command = build(
        MarkAttendance,
        {"event_id": event_id, "person_ids": [pid], "met": True, "source": Source.CAPTURED},
    )
    events.mark_attendance(nw.store, nw.ws, command, now=nw.now)
    return redirect(_back(event_id, f"#p-{pid}"), text="Marked met.")


@router.post("/events/{event_id}/room/follow-up")
def follow_up(
    nw: Annotated[Web, Depends(web)], event_id: int, person: Annotated[str, Form()]
) -> Response:
    event = events.find_event(nw.store, nw.ws, f"#{event_id}")
    pid = person_typed(nw, person, "person")
    command = build(
        AddFollowUp,
        {
            "person_id": pid,
            "reason": room_follow_up_reason(event.name),
            "event_id": event_id,
            "source": Source.CAPTURED,
        },
    )
    added = followups.add_follow_up(nw.store, nw.ws, command, now=nw.now)
    due = f"{added.due_on:%b} {added.due_on.day}"
    return redirect(_back(event_id, f"#p-{pid}"), text=f"Follow up by {due}.")


@router.post("/events/{event_id}/room/note")
def note(
    nw: Annotated[Web, Depends(web)],
    event_id: int,
    person: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        LogTouch,
        {
            "kind": NOTE_KIND,
            "with_ids": [person_typed(nw, person, "person")] if person.strip() else [],
            "event_id": event_id,
            "notes": optional(text),
            "close_follow_ups": False,
            "source": Source.CAPTURED,
        },
    )
    interactions.log_interaction(nw.store, nw.ws, command, now=nw.now)
    return redirect(_back(event_id, "#note"), text="Note saved.")


@router.post("/events/{event_id}/room/add")
def add(
    nw: Annotated[Web, Depends(web)],
    event_id: int,
    name: Annotated[str, Form()] = "",
    anything: Annotated[str, Form()] = "",
) -> Response:
    event = events.find_event(nw.store, nw.ws, f"#{event_id}")
    command = quick_add(
        name,
        anything,
        region=nw.settings.default_region,
        met_at=event.name,
        met_on=event.starts_at.astimezone(nw.settings.zone).date(),
    )
    added = captures.add_met_at_event(nw.store, nw.ws, command, event_id, now=nw.now)
    return redirect(_back(event_id, f"#p-{added.person.id}"), text=f"Added {added.person.name}.")


__all__ = ["router"]
