"""Referrals: a board by status, giving one, moving one forward."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import GiveReferral, MoveReferral
from netweave.domain import ReferralStatus, build
from netweave.services import listing, referrals
from netweave.web.forms import optional, person_typed
from netweave.web.render import page_count, redirect, render, safe_next
from netweave.web.state import Web, web

router = APIRouter()
SHOWN_PER_COLUMN = 12
"""Referrals a column of the board shows; the rest are a click away (one status, paged)."""
PAGE_SIZE = 50


@router.get("/referrals", response_class=HTMLResponse)
def board(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    status: ReferralStatus | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    if status is None:
        shown, counts = listing.referral_board(nw.store, nw.ws, per_status=SHOWN_PER_COLUMN)
        statuses = list(ReferralStatus)
    else:
        shown, counts = listing.referral_status_page(
            nw.store, nw.ws, status.value, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        statuses = [status]
    columns = {s: [r for r in shown if r.status is s] for s in statuses}
    mentioned = [i for r in shown for i in (r.giver_id, r.receiver_id, r.prospect_id) if i]
    total = counts.get(status.value, 0) if status else 0
    here = "/referrals" if status is None else f"/referrals?status={status.value}&page={page}"
    pages = page_count(total, PAGE_SIZE)
    if status is not None and page > pages:
        return redirect(f"/referrals?status={status.value}&page={pages}")
    return render(
        request,
        nw,
        "referrals/board.html",
        {
            "columns": columns,
            "counts": {s: counts.get(s.value, 0) for s in ReferralStatus},
            "names": listing.names_of(nw.store, nw.ws, mentioned),
            "statuses": list(ReferralStatus),
            "shown_statuses": statuses,
            "one_status": status,
            "page": page,
            "pages": pages,
            "first": (page - 1) * PAGE_SIZE + 1,
            "here": here,
            "page_url": lambda n: f"/referrals?status={status.value if status else ''}&page={n}",
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
    command = build(
        GiveReferral,
        {
            "giver_id": person_typed(nw, giver or "me", "giver"),
            "receiver_id": person_typed(nw, receiver, "receiver"),
            **nw.prospect(prospect),
            "category": optional(category),
            "notes": optional(notes),
            "force": force,
        },
    )
    referrals.give_referral(nw.store, nw.ws, command, now=nw.now)
    return redirect("/referrals", text="Referral recorded.")


@router.post("/referrals/{referral_id}/status")
def move(
    nw: Annotated[Web, Depends(web)],
    referral_id: int,
    status: Annotated[ReferralStatus, Form()],
    value: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        MoveReferral,
        {"referral_id": referral_id, "status": status, "value_cents": nw.cents(value, "value")},
    )
    referrals.update_status(nw.store, nw.ws, command, now=nw.now)
    return redirect(
        safe_next(next, "/referrals"), text=f"Referral #{referral_id} is {status.value}."
    )


__all__ = ["router"]
