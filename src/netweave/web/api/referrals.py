"""/referrals: give one, list them by status, move one forward."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Response
from pydantic import BaseModel, Field

from netweave.domain import Referral, ReferralStatus
from netweave.services import listing, referrals
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.state import Web, web

router = APIRouter(prefix="/referrals", tags=["referrals"])


@router.get("", summary="List referrals, newest first", response_model=Page[Referral])
def list_referrals(
    nw: Annotated[Web, Depends(web)],
    status: ReferralStatus | None = None,
    person: Annotated[int | None, Query(ge=1, description="Given or received by this id.")] = None,
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


class ReferralToGive(Referral):
    force: bool = Field(
        default=False,
        description=(
            "Give it even though this giver already passed the same lead to someone "
            "else in the same business category (refused with 409 otherwise)."
        ),
    )


@router.post(
    "",
    summary="Give a referral",
    status_code=201,
    response_model=Referral,
    responses={409: {"description": "The same lead was already given in this category."}},
)
def give_referral(nw: Annotated[Web, Depends(web)], body: ReferralToGive) -> Referral:
    return referrals.give_referral(
        nw.store,
        nw.ws,
        body.model_dump(exclude_unset=True, exclude={"id", "force"}),
        force=body.force,
    )


@router.get("/{referral_id}", summary="One referral", response_model=Referral)
def get_referral(nw: Annotated[Web, Depends(web)], referral_id: int) -> Referral:
    return referrals.get_referral(nw.store, nw.ws, referral_id)


@router.patch("/{referral_id}", summary="Change a referral's details", response_model=Referral)
def edit_referral(
    nw: Annotated[Web, Depends(web)],
    referral_id: int,
    changes: Annotated[dict[str, Any], Body(description="The fields to change (not status).")],
) -> Referral:
    return referrals.edit_referral(nw.store, nw.ws, referral_id, changes)


class StatusBody(BaseModel):
    status: ReferralStatus
    at: datetime | None = Field(default=None, description="When it changed (default: now).")
    value_cents: int | None = Field(default=None, ge=0, description="Closed business, if won.")


@router.post("/{referral_id}/status", summary="Move a referral forward", response_model=Referral)
def update_status(nw: Annotated[Web, Depends(web)], referral_id: int, body: StatusBody) -> Referral:
    return referrals.update_status(
        nw.store,
        nw.ws,
        referral_id,
        body.status,
        at=body.at or nw.now,
        value_cents=body.value_cents,
    )


@router.delete("/{referral_id}", summary="Remove a referral", status_code=204)
def remove_referral(nw: Annotated[Web, Depends(web)], referral_id: int) -> Response:
    referrals.remove_referral(nw.store, nw.ws, referral_id)
    return Response(status_code=204)


__all__ = ["ReferralToGive", "StatusBody", "router"]
