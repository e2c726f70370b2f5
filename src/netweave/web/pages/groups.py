"""Groups: the list with this year's activity, one group's members and events."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddGroup, EditGroup, JoinGroup, LeaveGroup, SetRole
from netweave.domain import Cadence, GroupKind, Role, build
from netweave.services import events, groups, overview, people
from netweave.web.forms import hours_typed, optional, person_typed
from netweave.web.pages.dashboard import weekly_review
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()


@router.get("/groups", response_class=HTMLResponse)
def group_list(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    summary = overview.workspace_overview(nw.store, nw.ws, now=nw.now)
    known = nw.network().owner_id is not None  # a group's return is the owner's
    return render(
        request,
        nw,
        "groups/list.html",
        {
            "activity": summary.groups,
            "returns": {g.group_id: g for g in weekly_review(nw).groups} if known else {},
            "owner_known": known,
            "kind_options": [(k.value, k.value.replace("-", " ").capitalize()) for k in GroupKind],
            "cadence_options": [(c.value, c.value.capitalize()) for c in Cadence],
        },
    )


@router.post("/groups")
def add_group(
    nw: Annotated[Web, Depends(web)],
    name: Annotated[str, Form()],
    kind: Annotated[GroupKind, Form()] = GroupKind.OTHER,
    cadence: Annotated[Cadence, Form()] = Cadence.IRREGULAR,
    dues: Annotated[str, Form()] = "",
    hours: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        AddGroup,
        {
            "name": name,
            "kind": kind,
            "cadence": cadence,
            "dues_cents": nw.cents(dues, "dues") or 0,
            "hours_per_meeting": hours_typed(hours, "hours") or 0,
        },
    )
    added = groups.add_group(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/groups/{added.id}", text=f"Added {added.name}.")


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, nw: Annotated[Web, Depends(web)], group_id: int) -> HTMLResponse:
    group = groups.find_group(nw.store, nw.ws, f"#{group_id}")
    members = groups.members(nw.store, nw.ws, group_id)
    current = [(m, p) for m, p in members if m.left_on is None]
    past = [(m, p) for m, p in members if m.left_on is not None]
    found = events.list_events(
        nw.store, nw.ws, group_id=group_id, since=nw.now - timedelta(days=365)
    )
    upcoming = [e for e in found if e.starts_at >= nw.now]
    recent = [e for e in reversed(found) if e.starts_at < nw.now]
    known = nw.network().owner_id is not None  # a group's return is the owner's
    return render(
        request,
        nw,
        "groups/show.html",
        {
            "group": group,
            "current": current,
            "past": past,
            "upcoming": upcoming,
            "recent": recent,
            "roles": list(Role),
            "owner_known": known,
            "returned": next((g for g in weekly_review(nw).groups if g.group_id == group_id), None)
            if known
            else None,
        },
    )


@router.post("/groups/{group_id}/members")
def join_group(
    nw: Annotated[Web, Depends(web)],
    group_id: int,
    person: Annotated[str, Form()],
    role: Annotated[Role, Form()] = Role.MEMBER,
    joined: Annotated[str, Form()] = "",
) -> Response:
    person_id = person_typed(nw, person, "person")
    command = build(
        JoinGroup,
        {
            "group_id": group_id,
            "person_id": person_id,
            "role": role,
            "joined_on": nw.day(joined, "joined") if joined.strip() else None,
        },
    )
    groups.join_group(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/groups/{group_id}#members", text="Membership added.")


@router.post("/groups/{group_id}/members/{person_id}/leave")
def leave_group(nw: Annotated[Web, Depends(web)], group_id: int, person_id: int) -> Response:
    """End a current membership today (the group page's button on each member)."""
    command = build(LeaveGroup, {"group_id": group_id, "person_id": person_id})
    left = groups.leave_group(nw.store, nw.ws, command, now=nw.now)
    who = people.get_person(nw.store, nw.ws, left.person_id)
    return redirect(f"/groups/{group_id}#members", text=f"{who.name} is no longer a member.")


@router.post("/groups/{group_id}/members/{person_id}/role")
def set_role(
    nw: Annotated[Web, Depends(web)],
    group_id: int,
    person_id: int,
    role: Annotated[str, Form()],
) -> Response:
    """A current member's role (the group page's role picker on each member)."""
    command = build(SetRole, {"group_id": group_id, "person_id": person_id, "role": role})
    changed = groups.set_role(nw.store, nw.ws, command, now=nw.now)
    who = people.get_person(nw.store, nw.ws, changed.person_id)
    return redirect(f"/groups/{group_id}#members", text=f"{who.name}'s role: {changed.role.value}.")


@router.post("/groups/{group_id}/notes")
def edit_notes(
    nw: Annotated[Web, Depends(web)], group_id: int, notes: Annotated[str, Form()] = ""
) -> Response:
    command = build(EditGroup, {"group_id": group_id, "set": {"notes": optional(notes)}})
    groups.edit_group(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/groups/{group_id}", text="Notes saved.")


__all__ = ["router"]
