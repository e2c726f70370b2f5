"""/groups: the groups, their members and memberships."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import AddGroup, EditGroup, JoinGroup, LeaveGroup, RemoveGroup, SetRole
from netweave.domain import Group, Membership, Person, build
from netweave.services import groups, listing
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.state import Web, web

router = APIRouter(prefix="/groups", tags=["groups"])


class Member(BaseModel):
    membership: Membership
    person: Person


@router.get("", summary="List groups", response_model=Page[Group])
def list_groups(
    nw: Annotated[Web, Depends(web)], limit: Limit = 50, offset: Offset = 0
) -> Page[Group]:
    found, total = listing.groups_page(nw.store, nw.ws, limit=limit, offset=offset)
    return Page[Group](items=found, total=total, limit=limit, offset=offset)


@router.post("", summary="Add a group", status_code=201, response_model=Group)
def add_group(nw: Annotated[Web, Depends(web)], body: AddGroup) -> Group:
    return groups.add_group(nw.store, nw.ws, body, now=nw.now)


@router.get("/{group_id}", summary="One group", response_model=Group)
def get_group(nw: Annotated[Web, Depends(web)], group_id: int) -> Group:
    return groups.find_group(nw.store, nw.ws, f"#{group_id}")


@router.patch("/{group_id}", summary="Change a group", response_model=Group)
def edit_group(nw: Annotated[Web, Depends(web)], group_id: int, body: Changes) -> Group:
    command = edit_of(EditGroup, {"group_id": group_id}, body)
    return groups.edit_group(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{group_id}", summary="Remove a group and its memberships", status_code=204)
def remove_group(
    nw: Annotated[Web, Depends(web)], group_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveGroup, {"group_id": group_id}, key)
    groups.remove_group(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


@router.get("/{group_id}/members", summary="Memberships of a group", response_model=Page[Member])
def list_members(
    nw: Annotated[Web, Depends(web)], group_id: int, limit: Limit = 50, offset: Offset = 0
) -> Page[Member]:
    found, total = listing.members_page(nw.store, nw.ws, group_id, limit=limit, offset=offset)
    items = [Member(membership=m, person=p) for m, p in found]
    return Page[Member](items=items, total=total, limit=limit, offset=offset)


class JoinBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: int
    role: str = "member"
    joined_on: str | None = None


@router.post(
    "/{group_id}/members", summary="Add a membership", status_code=201, response_model=Membership
)
def join_group(nw: Annotated[Web, Depends(web)], group_id: int, body: JoinBody) -> Membership:
    command = build(JoinGroup, {**body.model_dump(exclude_none=True), "group_id": group_id})
    return groups.join_group(nw.store, nw.ws, command, now=nw.now)


class LeaveBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    left_on: date | None = Field(default=None, description="Left on (default: today).")


@router.post(
    "/{group_id}/members/{person_id}/leave",
    summary="End a membership",
    response_model=Membership,
)
def leave_group(
    nw: Annotated[Web, Depends(web)],
    group_id: int,
    person_id: int,
    body: Annotated[LeaveBody | None, Body()] = None,
) -> Membership:
    left_on = body.left_on if body else None
    command = build(LeaveGroup, {"group_id": group_id, "person_id": person_id, "left_on": left_on})
    return groups.leave_group(nw.store, nw.ws, command, now=nw.now)


class RoleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str


@router.put(
    "/{group_id}/members/{person_id}/role",
    summary="Change a current member's role",
    response_model=Membership,
)
def set_role(
    nw: Annotated[Web, Depends(web)], group_id: int, person_id: int, body: RoleBody
) -> Membership:
    command = build(SetRole, {"group_id": group_id, "person_id": person_id, "role": body.role})
    return groups.set_role(nw.store, nw.ws, command, now=nw.now)


__all__ = ["JoinBody", "LeaveBody", "Member", "RoleBody", "router"]
