"""/referrals: give one, list them by status, move one forward."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import EditReferral, GiveReferral, MoveReferral, RemoveReferral
from netweave.domain import Referral, ReferralStatus, build
from netweave.services import listing, referrals
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import Changes, RemovalKey, edit_of, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/referrals", tags=["referrals"])


@router.get("", summary="List referrals, newest first", response_model=Page[Referral])
def list_referrals(
    nw: Annotated[Web, Depends(web)],
    status: ReferralStatus | None = None,
    person: Annotated[
        int | None, Query(description="Given or received by this id."), possible_id("person")
    ] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Referral]:
    found, total = listing.referrals_page(
        nw.store,
        nw.ws,
        limit=limit,
        offset=offset,
        status=status.value if status else None,
        person_id=person,
        category=category,
    )
    return Page[Referral](items=found, total=total, limit=limit, offset=offset)


@router.post(
    "",
    summary="Give a referral",
    status_code=201,
    response_model=Referral,
    description="The giver is the owner unless `giver_id` says otherwise; the category is "
    "the receiver's business category unless `category` says otherwise; given now unless "
    "`given_at`. A lead this giver already passed to someone else in the same category "
    'answers 409 (code `lead-conflict`, with the facts) unless `"force": true`.',
    responses={409: {"description": "The same lead was already given in this category."}},
)
def give_referral(nw: Annotated[Web, Depends(web)], body: GiveReferral) -> Referral:
    return referrals.give_referral(nw.store, nw.ws, body, now=nw.now)


@router.get("/{referral_id}", summary="One referral", response_model=Referral)
def get_referral(nw: Annotated[Web, Depends(web)], referral_id: int) -> Referral:
    return referrals.get_referral(nw.store, nw.ws, referral_id)


@router.patch(
    "/{referral_id}",
    summary="Change a referral's details",
    response_model=Referral,
    description="Not its status, which moves (`POST .../status`): a body that sets it answers "
    "422, code `move-instead`. A new `receiver_id` brings the receiver's category unless "
    "the body names one; a changed lead that went to a competitor answers 409 (code "
    '`lead-conflict`) unless `"force": true`.',
)
def edit_referral(nw: Annotated[Web, Depends(web)], referral_id: int, body: Changes) -> Referral:
    command = edit_of(EditReferral, {"referral_id": referral_id}, body)
    return referrals.edit_referral(nw.store, nw.ws, command, now=nw.now)


class StatusBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReferralStatus
    at: datetime | None = Field(default=None, description="When it changed (default: now).")
    value_cents: int | None = Field(default=None, ge=0, description="Closed business, if won.")
    currency: str | None = Field(default=None, description="ISO 4217 (default: the settings').")


@router.post("/{referral_id}/status", summary="Move a referral forward", response_model=Referral)
def update_status(nw: Annotated[Web, Depends(web)], referral_id: int, body: StatusBody) -> Referral:
    command = build(MoveReferral, {"referral_id": referral_id, **body.model_dump()})
    return referrals.update_status(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{referral_id}", summary="Remove a referral", status_code=204)
def remove_referral(
    nw: Annotated[Web, Depends(web)], referral_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveReferral, {"referral_id": referral_id}, key)
    referrals.remove_referral(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["StatusBody", "router"]
