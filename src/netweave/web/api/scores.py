"""/people/{id}/scores, /people/{id}/strength, /givers, /group-returns and /spread: what the
records say about people and about my groups."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from netweave.analytics.group_return import GroupReturn
from netweave.analytics.spread import Spread
from netweave.services import group_return, people, review, spread
from netweave.services.scores import Standing, person_scores
from netweave.services.standings import PersonNote
from netweave.web.state import Web, web

router = APIRouter(tags=["scores"])


class LabelOut(BaseModel):
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


class FitOut(BaseModel):
    score: float
    """0 (nothing matches) to 1 (every criterion the target market names matches)."""
    fits: bool
    matched: list[str]
    """By criterion: "category restaurant", "role owner", "region minneapolis"."""
    short_of: str
    """Why a score of 0.5 or more still does not fit (the category gate), when it does not."""
    said: str
    """In words, as `netweave person show` says it: "fits (100%): category restaurant; ..."."""


class ScoresOut(BaseModel):
    person_id: int
    as_of: datetime
    tie: TieOut | None
    """Their tie with the workspace owner (none for the owner or without a touch)."""
    reciprocity: LabelOut
    with_me: LabelOut | None
    reliability: LabelOut
    fit: FitOut
    """How well they match the target market (docs/analytics.md, target-market fit)."""


class StrengthPoint(BaseModel):
    as_of: datetime
    strength: float


class StrengthOut(BaseModel):
    person_id: int
    points: list[StrengthPoint]


def _label(standing: Standing) -> LabelOut:
    return LabelOut(label=standing.label, reasons=list(standing.reasons))


@router.get("/people/{person_id}/scores", summary="A person's tie, reciprocity and reliability")
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
        reciprocity=_label(found.reciprocity),
        with_me=_label(found.with_me) if found.with_me else None,
        reliability=_label(found.reliability),
        fit=FitOut(
            score=found.fit.score,
            fits=found.fit.fits,
            matched=list(found.fit.matched),
            short_of=found.fit.short_of,
            said=found.fit.describe(),
        ),
    )


@router.get(
    "/people/{person_id}/strength",
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


class JudgementOut(BaseModel):
    measure: str
    """"share given" (of help given and received) or "came through when asked"."""
    verdict: str
    """giver or taker; reliable or unreliable."""
    mean: float
    low: float
    high: float
    """The central 80 % credible interval of the share."""
    evidence: float
    """Units of help given and received, or asks counted."""


class StandingOut(BaseModel):
    person_id: int
    name: str
    label: str
    reasons: list[str]
    judgements: list[JudgementOut]


class GiversOut(BaseModel):
    as_of: datetime
    cherish: list[StandingOut]
    """Proven givers and those who come through when asked, surest first."""
    stop_counting_on: list[StandingOut]
    """Proven takers and those who rarely come through when asked, surest first."""


def _standing(note: PersonNote) -> StandingOut:
    return StandingOut(
        person_id=note.person_id,
        name=note.name,
        label=note.label,
        reasons=list(note.reasons),
        judgements=[
            JudgementOut(
                measure=j.measure,
                verdict=j.verdict,
                mean=round(j.mean, 4),
                low=round(j.low, 4),
                high=round(j.high, 4),
                evidence=j.evidence,
            )
            for j in note.judgements
        ],
    )


@router.get(
    "/givers",
    summary="Whom to cherish and whom to stop counting on",
    description="Proven givers and the reliable when asked; proven takers and those who rarely "
    "come through when asked. Only people with enough evidence, each with the credible "
    "interval (as `netweave givers`); the owner is on neither list.",
)
def givers(
    nw: Annotated[Web, Depends(web)],
    limit: Annotated[int, Query(ge=1, le=200, description="At most this many on each list.")] = 20,
) -> GiversOut:
    cherish, takers = review.givers(nw.store, nw.ws, nw.now, limit=limit)
    return GiversOut(
        as_of=nw.now,
        cherish=[_standing(n) for n in cherish],
        stop_counting_on=[_standing(n) for n in takers],
    )


@router.get(
    "/group-returns",
    summary="Which of my groups pay off",
    description="Each group I belong to today, over the last four calendar quarters: cost "
    "(dues prorated per quarter, meeting fees, hours times the hourly value) against return "
    "(referrals and business from members, relationships formed there), a verdict (get more "
    "involved, keep, reconsider, move on) with its reasons, best first (as `netweave groups "
    "review --json`).",
    response_model=list[GroupReturn],
)
def group_returns(nw: Annotated[Web, Depends(web)]) -> list[GroupReturn]:
    return group_return.group_returns(nw.store, nw.ws, nw.now)


@router.get(
    "/spread",
    summary="Am I spread too thin",
    description="Over the last 13 weeks: active groups, events a week, people met against "
    "relationships formed, follow-ups done on time; when spread too thin, the one or two "
    "groups to keep and why (as `netweave groups spread --json`).",
    response_model=Spread,
)
def spread_now(nw: Annotated[Web, Depends(web)]) -> Spread:
    return spread.spread(nw.store, nw.ws, nw.now)


__all__ = ["FitOut", "GiversOut", "ScoresOut", "StrengthOut", "router"]
