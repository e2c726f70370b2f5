"""/people/{id}/scores and /people/{id}/strength: what the records say about one person."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from netweave.services import people
from netweave.services.scores import person_scores
from netweave.web.state import Web, web

router = APIRouter(prefix="/people", tags=["scores"])


class Verdict(BaseModel):
    label: str
    reasons: list[str]


class TieOut(BaseModel):
    strength: float
    layer: str
    """inner, close, active, acquaintance or dormant."""
    trend: str
    """rising, steady or fading."""
    last_touch: datetime
    touches: int
    reasons: list[str]
    overdue: str | None
    """Why they are past your usual rhythm, when they are."""


class ScoresOut(BaseModel):
    person_id: int
    as_of: datetime
    tie: TieOut | None
    """Their tie with the workspace owner (none for the owner or without a touch)."""
    reciprocity: Verdict
    with_me: Verdict | None
    reliability: Verdict


class StrengthPoint(BaseModel):
    as_of: datetime
    strength: float


class StrengthOut(BaseModel):
    person_id: int
    points: list[StrengthPoint]


@router.get("/{person_id}/scores", summary="A person's tie, reciprocity and reliability")
def scores(nw: Annotated[Web, Depends(web)], person_id: int) -> ScoresOut:
    people.get_person(nw.store, nw.ws, person_id)
    network = nw.network()
    found = person_scores(nw.store, nw.ws, person_id, network.as_of, ties=network.ties)
    tie = found.tie
    return ScoresOut(
        person_id=person_id,
        as_of=network.as_of,
        tie=TieOut(
            strength=round(tie.strength, 3),
            layer=tie.layer,
            trend=tie.trend,
            last_touch=tie.last_touch,
            touches=tie.touches,
            reasons=list(tie.reasons),
            overdue=network.overdue.get(person_id),
        )
        if tie
        else None,
        reciprocity=Verdict(label=found.reciprocity.label, reasons=list(found.reciprocity.reasons)),
        with_me=Verdict(label=found.with_me.label, reasons=list(found.with_me.reasons))
        if found.with_me
        else None,
        reliability=Verdict(label=found.reliability.label, reasons=list(found.reliability.reasons)),
    )


@router.get(
    "/{person_id}/strength",
    summary="The strength of your tie with a person over time",
    description="As of now and every 30 days before, oldest first: the value `netweave ties "
    "--as-of` gives for each moment (0 before the first touch).",
)
def strength(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    points: Annotated[int, Query(ge=2, le=36, description="How many moments.")] = 12,
) -> StrengthOut:
    people.get_person(nw.store, nw.ws, person_id)
    found = nw.strength_history(person_id, points)
    return StrengthOut(
        person_id=person_id,
        points=[StrengthPoint(as_of=at, strength=value) for at, value in found],
    )


__all__ = ["ScoresOut", "StrengthOut", "router"]
