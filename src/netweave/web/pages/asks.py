"""Asks: open ones first, recording one, recording how it was answered."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AnswerAsk, MakeAsk
from netweave.domain import AskOutcome, build
from netweave.services import asks, listing
from netweave.web.forms import person_typed
from netweave.web.render import page_count, redirect, render, safe_next
from netweave.web.state import Web, web

router = APIRouter()


PAGE_SIZE = 50
"""Answered asks a page shows (open ones are all shown: they wait for an answer)."""


@router.get("/asks", response_class=HTMLResponse)
def ask_list(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    open_asks = asks.list_asks(nw.store, nw.ws, open_only=True)
    answered, total = listing.asks_page(
        nw.store, nw.ws, answered_only=True, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    pages = page_count(total, PAGE_SIZE)
    if page > pages:
        return redirect(f"/asks?page={pages}#answered")
    mentioned = [i for a in [*open_asks, *answered] for i in (a.asker_id, a.asked_id)]
    return render(
        request,
        nw,
        "asks/list.html",
        {
            "open_asks": open_asks,
            "answered": answered,
            "answered_total": total,
            "page": page,
            "pages": pages,
            "first": (page - 1) * PAGE_SIZE + 1,
            "page_url": lambda n: f"/asks?page={n}#answered",
            "names": listing.names_of(nw.store, nw.ws, mentioned),
            "outcomes": list(AskOutcome),
            "me": nw.owner_id,
        },
    )


@router.post("/asks")
def record(
    nw: Annotated[Web, Depends(web)],
    what: Annotated[str, Form()],
    asked: Annotated[str, Form()],
    asker: Annotated[str, Form()] = "me",
) -> Response:
    command = build(
        MakeAsk,
        {
            "asker_id": person_typed(nw, asker or "me", "asker"),
            "asked_id": person_typed(nw, asked, "asked"),
            "what": what,
        },
    )
    asks.record_ask(nw.store, nw.ws, command, now=nw.now)
    return redirect("/asks", text="Ask recorded.")


@router.post("/asks/{ask_id}/answer")
def answer(
    nw: Annotated[Web, Depends(web)],
    ask_id: int,
    outcome: Annotated[AskOutcome, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    command = build(AnswerAsk, {"ask_id": ask_id, "outcome": outcome})
    asks.answer_ask(nw.store, nw.ws, command, now=nw.now)
    return redirect(safe_next(next, "/asks"), text=f"Ask #{ask_id}: {outcome.value}.")


__all__ = ["router"]
