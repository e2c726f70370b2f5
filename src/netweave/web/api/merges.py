"""/merges and /people/distinct: one person in two records merged, merges undone, two
people said to be two."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from netweave.commands import MarkDistinct, MergePeople, UndoMerge, UnmarkDistinct
from netweave.domain import Person
from netweave.domain.merging import Merge
from netweave.services import merge as merging
from netweave.web.state import Web, web

router = APIRouter(tags=["merges"])


class Merged(BaseModel):
    person: Person
    """The person kept, with what the duplicate brought."""
    merge: Merge


class Undone(BaseModel):
    merge: Merge
    kept: Person
    restored: Person
    notes: list[str]
    """What could not be put back exactly (changed or removed after the merge)."""


class Marked(BaseModel):
    changed: bool
    """False when it was so already."""


@router.get("/merges", summary="Past merges, newest first", response_model=list[Merge])
def list_merges(nw: Annotated[Web, Depends(web)]) -> list[Merge]:
    return merging.list_merges(nw.store, nw.ws)


@router.post("/merges", summary="Merge a duplicate into a person", status_code=201)
def merge_people(nw: Annotated[Web, Depends(web)], body: MergePeople) -> Merged:
    done = merging.merge_people(nw.store, nw.ws, body, now=nw.now)
    return Merged(person=done.person, merge=done.merge)


@router.post("/merges/undo", summary="Undo a merge (the latest without merge_id)")
def undo_merge(nw: Annotated[Web, Depends(web)], body: UndoMerge) -> Undone:
    done = merging.undo_merge(nw.store, nw.ws, body, now=nw.now)
    return Undone(merge=done.merge, kept=done.kept, restored=done.restored, notes=done.notes)


@router.post("/people/distinct", summary="Say two people are not one")
def mark_distinct(nw: Annotated[Web, Depends(web)], body: MarkDistinct) -> Marked:
    return Marked(changed=merging.mark_distinct(nw.store, nw.ws, body, now=nw.now))


@router.post("/people/distinct/forget", summary="Forget that two people were said to differ")
def unmark_distinct(nw: Annotated[Web, Depends(web)], body: UnmarkDistinct) -> Marked:
    return Marked(changed=merging.unmark_distinct(nw.store, nw.ws, body, now=nw.now))


__all__ = ["Marked", "Merged", "Undone", "router"]
