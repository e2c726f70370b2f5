"""/interactions: log a touchpoint, list them (newest first), edit, remove."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from netweave.commands import EditTouch, LogTouch, RemoveTouch
from netweave.domain import Interaction
from netweave.services import interactions, listing
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/interactions", tags=["interactions"])


@router.get("", summary="List interactions, newest first", response_model=Page[Interaction])
def list_interactions(
    nw: Annotated[Web, Depends(web)],
    person: Annotated[
        int | None, Query(description="Only those of this person id."), possible_id("person")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Interaction]:
    # The count of every interaction reads them all (1M: 20 ms): kept until the data changes.
    def kept() -> int:
        return nw.counted("interactions", lambda: listing.count_interactions(nw.store, nw.ws))

    found, total = listing.interactions_page(
        nw.store,
        nw.ws,
        person_id=person,
        limit=limit,
        offset=offset,
        total=kept if person is None else None,
    )
    return Page[Interaction](items=found, total=total, limit=limit, offset=offset)


@router.post(
    "",
    summary="Log a touch",
    status_code=201,
    response_model=Interaction,
    description="A touch with `with_ids` and the owner (unless `without_me`), now unless "
    "`at`; `minutes` is a number or text such as `1.5 h` or `1:30`. A touch in the future "
    "is refused (422, code `touch-in-future`). A typed touch closes the open follow-ups of "
    "the people in it (`close_follow_ups`); the response header `X-Closed-Follow-Ups` "
    "lists their ids.",
)
def log_interaction(
    nw: Annotated[Web, Depends(web)], body: LogTouch, response: Response
) -> Interaction:
    logged = interactions.log_interaction(nw.store, nw.ws, body, now=nw.now)
    if logged.closed:
        response.headers["X-Closed-Follow-Ups"] = ",".join(str(f.id) for f in logged.closed)
    return logged.interaction


@router.get("/{interaction_id}", summary="One interaction", response_model=Interaction)
def get_interaction(nw: Annotated[Web, Depends(web)], interaction_id: int) -> Interaction:
    return interactions.get_interaction(nw.store, nw.ws, interaction_id)


@router.patch(
    "/{interaction_id}",
    summary="Change an interaction",
    response_model=Interaction,
    description="As logging one: `duration_minutes` is a number or text such as `1.5 h`, "
    "`occurred_at` carries its offset, and a touch moved into the future is refused (422, "
    "code `touch-in-future`).",
)
def edit_interaction(
    nw: Annotated[Web, Depends(web)], interaction_id: int, body: Changes
) -> Interaction:
    command = edit_of(EditTouch, {"touch_id": interaction_id}, body)
    return interactions.edit_interaction(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{interaction_id}", summary="Remove an interaction", status_code=204)
def remove_interaction(
    nw: Annotated[Web, Depends(web)], interaction_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveTouch, {"touch_id": interaction_id}, key)
    interactions.remove_interaction(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["router"]
