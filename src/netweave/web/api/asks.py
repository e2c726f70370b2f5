"""/asks: requests for help and how they were answered."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import AnswerAsk, EditAsk, MakeAsk, RemoveAsk
from netweave.domain import Ask, AskOutcome, build
from netweave.services import asks, listing
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/asks", tags=["asks"])


@router.get("", summary="List asks, newest first", response_model=Page[Ask])
def list_asks(
    nw: Annotated[Web, Depends(web)],
    person: Annotated[
        int | None, Query(description="Made or received by this id."), possible_id("person")
    ] = None,
    open_only: Annotated[bool, Query(alias="open", description="Only unanswered asks.")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Ask]:
    found, total = listing.asks_page(
        nw.store, nw.ws, limit=limit, offset=offset, person_id=person, open_only=open_only
    )
    return Page[Ask](items=found, total=total, limit=limit, offset=offset)


@router.post("", summary="Record an ask", status_code=201, response_model=Ask)
def record_ask(nw: Annotated[Web, Depends(web)], body: MakeAsk) -> Ask:
    return asks.record_ask(nw.store, nw.ws, body, now=nw.now)


class AnswerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: AskOutcome
    at: datetime | None = Field(default=None, description="When it was answered (default: now).")


@router.post("/{ask_id}/answer", summary="Record how an ask was answered", response_model=Ask)
def answer_ask(nw: Annotated[Web, Depends(web)], ask_id: int, body: AnswerBody) -> Ask:
    command = build(AnswerAsk, {"ask_id": ask_id, "outcome": body.outcome, "answered_at": body.at})
    return asks.answer_ask(nw.store, nw.ws, command, now=nw.now)


@router.patch(
    "/{ask_id}",
    summary="Change an ask",
    response_model=Ask,
    description="Not how it went, which is answered (`POST .../answer`): a body that sets "
    "`outcome` or `answered_at` answers 422, code `answer-instead`.",
)
def edit_ask(nw: Annotated[Web, Depends(web)], ask_id: int, body: Changes) -> Ask:
    command = edit_of(EditAsk, {"ask_id": ask_id}, body)
    return asks.edit_ask(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{ask_id}", summary="Remove an ask", status_code=204)
def remove_ask(nw: Annotated[Web, Depends(web)], ask_id: int, key: RemovalKey = None) -> Response:
    command = removal_of(RemoveAsk, {"ask_id": ask_id}, key)
    asks.remove_ask(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["AnswerBody", "router"]
