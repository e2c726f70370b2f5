"""Follow-ups: what is due, adding one, marking one done."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddFollowUp, FinishFollowUp
from netweave.domain import build
from netweave.domain.dates import Direction
from netweave.services import followups, listing
from netweave.web.forms import person_typed
from netweave.web.render import redirect, render, safe_next
from netweave.web.state import Web, web

router = APIRouter()


@router.get("/follow-ups", response_class=HTMLResponse)
def follow_up_list(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    found = followups.list_follow_ups(nw.store, nw.ws, open_only=True)
    overdue = [f for f in found if f.due_on < nw.today]
    coming = [f for f in found if f.due_on >= nw.today][:100]
    return render(
        request,
        nw,
        "followups/list.html",
        {
            "overdue": overdue,
            "coming": coming,
            "names": listing.names_of(nw.store, nw.ws, [f.person_id for f in [*overdue, *coming]]),
        },
    )


@router.post("/follow-ups")
def add(
    nw: Annotated[Web, Depends(web)],
    person: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    due: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        AddFollowUp,
        {
            "person_id": person_typed(nw, person, "person"),
            "reason": reason,
            "due_on": nw.day(due, "due", Direction.FUTURE) if due.strip() else None,
        },
    )
    followups.add_follow_up(nw.store, nw.ws, command, now=nw.now)
    return redirect("/follow-ups", text="Follow-up added.")


@router.post("/follow-ups/{follow_up_id}/done")
def done(
    nw: Annotated[Web, Depends(web)], follow_up_id: int, next: Annotated[str, Form()] = ""
) -> Response:
    command = build(FinishFollowUp, {"follow_up_id": follow_up_id})
    followups.complete_follow_up(nw.store, nw.ws, command, now=nw.now)
    return redirect(safe_next(next, "/follow-ups"), text="Done. Nice follow-through.")


__all__ = ["router"]
