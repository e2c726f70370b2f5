"""Probable duplicates: the list with its reasons, merging with per-field choices, undo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import MarkDistinct, MergePeople, UndoMerge
from netweave.domain import build
from netweave.services import merge as merging
from netweave.services import people
from netweave.web.ids import possible_id
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()
SHOWN = 50
MERGES_SHOWN = 20
FIELD_LABELS = {
    "name": "Name",
    "company": "Company",
    "title": "Title",
    "category": "Business category",
    "location": "Location",
    "how_met": "How you met",
    "offers": "What they offer",
    "looking_for": "What they are looking for",
    "notes": "Notes",
}


@router.get("/people/duplicates", response_class=HTMLResponse)
def duplicates(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    pairs, found = merging.duplicates(nw.store, nw.ws, limit=SHOWN + 1)
    return render(
        request,
        nw,
        "duplicates/list.html",
        {
            "pairs": pairs[:SHOWN],
            "more": len(pairs) > SHOWN,
            "people": found,
            "merges": merging.list_merges(nw.store, nw.ws)[:MERGES_SHOWN],
        },
    )


@router.get("/people/merge", response_class=HTMLResponse)
def merge_form(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    keep: Annotated[int, Query(), possible_id("person")],
    drop: Annotated[int, Query(), possible_id("person")],
) -> HTMLResponse:
    choices = merging.merge_conflicts(nw.store, nw.ws, keep, drop)
    return render(
        request,
        nw,
        "duplicates/merge.html",
        {
            "keep": people.get_person(nw.store, nw.ws, keep),
            "drop": people.get_person(nw.store, nw.ws, drop),
            "choices": choices,
            "labels": FIELD_LABELS,
        },
    )


@router.post("/people/merge")
def merge(
    nw: Annotated[Web, Depends(web)],
    keep: Annotated[int, Form(ge=1)],
    drop: Annotated[int, Form(ge=1)],
    take: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies defaults)
) -> Response:
    """``take`` names the fields whose value comes from the duplicate (blank: keep's)."""
    command = build(MergePeople, {"keep_id": keep, "drop_id": drop, "take": [t for t in take if t]})
    done = merging.merge_people(nw.store, nw.ws, command, now=nw.now)
    return redirect(
        f"/people/{keep}",
        text=f"Merged {done.merge.dropped_name} into {done.person.name} "
        f"(merge #{done.merge.id}; undo it on the duplicates page).",
    )


@router.post("/people/distinct")
def distinct(
    nw: Annotated[Web, Depends(web)],
    first: Annotated[int, Form(ge=1)],
    second: Annotated[int, Form(ge=1)],
) -> Response:
    command = build(MarkDistinct, {"first_id": first, "second_id": second})
    merging.mark_distinct(nw.store, nw.ws, command, now=nw.now)
    one, other = (people.get_person(nw.store, nw.ws, i).name for i in (first, second))
    return redirect(
        "/people/duplicates", text=f"{one} and {other} are two people: no longer shown as one."
    )


@router.post("/people/merges/{merge_id}/undo")
def undo(nw: Annotated[Web, Depends(web)], merge_id: int) -> Response:
    command = build(UndoMerge, {"merge_id": merge_id})
    done = merging.undo_merge(nw.store, nw.ws, command, now=nw.now)
    notes = " ".join(done.notes)
    return redirect(
        "/people/duplicates",
        text=f"Undid merge #{merge_id}: {done.kept.name} and {done.restored.name} are "
        f"two people again. {notes}".strip(),
    )


__all__ = ["router"]
