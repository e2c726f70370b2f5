"""Referrals: a board by status, giving one, moving one forward."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.domain import ReferralStatus
from netweave.services import listing, referrals
from netweave.web.forms import optional, person_typed
from netweave.web.render import redirect, render, safe_next
from netweave.web.state import Web, web

router = APIRouter()
SHOWN_PER_COLUMN = 40


@router.get("/referrals", response_class=HTMLResponse)
def board(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    found = referrals.list_referrals(nw.store, nw.ws)
    columns = {status: [r for r in found if r.status is status] for status in ReferralStatus}
    shown = {status: items[:SHOWN_PER_COLUMN] for status, items in columns.items()}
    mentioned = [
        i
        for items in shown.values()
        for r in items
        for i in (r.giver_id, r.receiver_id, r.prospect_id)
        if i
    ]
    return render(
        request,
        nw,
        "referrals/board.html",
        {
            "columns": shown,
            "counts": {status: len(items) for status, items in columns.items()},
            "names": listing.names_of(nw.store, nw.ws, mentioned),
            "statuses": list(ReferralStatus),
        },
    )


@router.post("/referrals")
def give(
    nw: Annotated[Web, Depends(web)],
    receiver: Annotated[str, Form()],
    prospect: Annotated[str, Form()],
    giver: Annotated[str, Form()] = "me",
    category: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    force: Annotated[bool, Form()] = False,
) -> Response:
    referrals.give_referral(
        nw.store,
        nw.ws,
        {
            "giver_id": person_typed(nw, giver or "me", "giver"),
            "receiver_id": person_typed(nw, receiver, "receiver"),
            **nw.prospect(prospect),
            "category": optional(category),
            "given_at": nw.now,
            "notes": optional(notes),
        },
        force=force,
    )
    return redirect("/referrals", text="Referral recorded.")


@router.post("/referrals/{referral_id}/status")
def move(
    nw: Annotated[Web, Depends(web)],
    referral_id: int,
    status: Annotated[ReferralStatus, Form()],
    value: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    referrals.update_status(
        nw.store, nw.ws, referral_id, status, at=nw.now, value_cents=nw.cents(value, "value")
    )
    return redirect(
        safe_next(next, "/referrals"), text=f"Referral #{referral_id} is {status.value}."
    )


__all__ = ["router"]
