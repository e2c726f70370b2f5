"""/follow-ups: dated next actions with a person."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from netweave.commands import AddFollowUp, EditFollowUp, FinishFollowUp, RemoveFollowUp
from netweave.domain import FollowUp, build
from netweave.services import followups, listing
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"])


@router.get("", summary="List follow-ups by due date", response_model=Page[FollowUp])
def list_follow_ups(
    nw: Annotated[Web, Depends(web)],
    person: Annotated[int | None, Query(), possible_id("person")] = None,
    open_only: Annotated[bool, Query(alias="open", description="Only those not done.")] = False,
    due_by: Annotated[date | None, Query(description="Due on or before this day.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[FollowUp]:
    found, total = listing.follow_ups_page(
        nw.store,
        nw.ws,
        limit=limit,
        offset=offset,
        person_id=person,
        open_only=open_only,
        due_by=due_by,
    )
    return Page[FollowUp](items=found, total=total, limit=limit, offset=offset)


@router.post("", summary="Add a follow-up", status_code=201, response_model=FollowUp)
def add_follow_up(nw: Annotated[Web, Depends(web)], body: AddFollowUp) -> FollowUp:
    return followups.add_follow_up(nw.store, nw.ws, body, now=nw.now)


@router.post("/{follow_up_id}/done", summary="Mark a follow-up done", response_model=FollowUp)
def complete_follow_up(nw: Annotated[Web, Depends(web)], follow_up_id: int) -> FollowUp:
    command = build(FinishFollowUp, {"follow_up_id": follow_up_id})
    return followups.complete_follow_up(nw.store, nw.ws, command, now=nw.now)


@router.patch(
    "/{follow_up_id}",
    summary="Change a follow-up",
    response_model=FollowUp,
    description='`"done_at": null` opens a done one again.',
)
def edit_follow_up(nw: Annotated[Web, Depends(web)], follow_up_id: int, body: Changes) -> FollowUp:
    command = edit_of(EditFollowUp, {"follow_up_id": follow_up_id}, body)
    return followups.edit_follow_up(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{follow_up_id}", summary="Remove a follow-up", status_code=204)
def remove_follow_up(
    nw: Annotated[Web, Depends(web)], follow_up_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveFollowUp, {"follow_up_id": follow_up_id}, key)
    followups.remove_follow_up(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["router"]
