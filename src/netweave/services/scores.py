"""One person's scores: their tie with the owner, reciprocity and ask reliability."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from netweave.analytics.fit import Fit
from netweave.analytics.reciprocity import (
    AskRecord,
    Help,
    ask_help,
    ask_reliability,
    reciprocity,
    referral_help,
)
from netweave.domain.kinds import AskOutcome, ReferralStatus
from netweave.domain.touch import seconds
from netweave.services.fit import person_fit_in
from netweave.services.tie_views import TieView
from netweave.services.ties import ego_ties_in, owner_or_none
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db


@dataclass(frozen=True, slots=True)
class Standing:
    label: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonScores:
    """What the records say about one person, each with its reasons."""

    person_id: int
    tie: TieView | None
    """Their tie with the owner (None for the owner, or with no touch yet)."""
    reciprocity: Standing
    with_me: Standing | None
    """Reciprocity counting only what passed between them and the owner."""
    reliability: Standing
    fit: Fit
    """How well they match the target market."""


def _exchanges(
    conn: Tx, ws: int, person_id: int, as_of: datetime
) -> tuple[list[Help], list[AskRecord]]:
    referrals, asks = analytics_db.exchanges_of(conn, ws, person_id, until=as_of)
    helps = [referral_help(g, r, seconds(at), ReferralStatus(s)) for g, r, at, s in referrals]
    records = [
        AskRecord(asker, asked, seconds(at), AskOutcome(o) if o else None)
        for asker, asked, at, o in asks
    ]
    helps.extend(h for h in map(ask_help, records) if h is not None)
    return helps, records


def person_scores(
    store: Store,
    ws: int,
    person_id: int,
    as_of: datetime,
    *,
    ties: Mapping[int, TieView] | None = None,
) -> PersonScores:
    """Tie with the owner, giver/matcher/taker (overall and with me), ask reliability.

    Without an owner (nobody said who "me" is) there is no tie and no "with me".
    ``ties``: the owner's ties as of ``as_of`` when the caller has them already.
    """
    at = seconds(as_of)
    with store.transaction() as conn:
        owner = owner_or_none(conn, ws)
        tie = None
        if owner is not None and person_id != owner:
            if ties is not None:
                tie = ties.get(person_id)
            else:
                tie = ego_ties_in(conn, ws, owner, as_of)[0].of(person_id)
        helps, asks = _exchanges(conn, ws, person_id, as_of)
        fit = person_fit_in(conn, ws, person_id)
    overall = reciprocity(person_id, helps, as_of=at)
    with_me = None
    if owner is not None and person_id != owner:
        pair = reciprocity(person_id, helps, among=[owner], as_of=at)
        with_me = Standing(pair.standing.value, pair.reasons)
    reliable = ask_reliability(person_id, asks, at)
    return PersonScores(
        person_id=person_id,
        tie=tie,
        reciprocity=Standing(overall.standing.value, overall.reasons),
        with_me=with_me,
        reliability=Standing(reliable.verdict.value, reliable.reasons),
        fit=fit,
    )


__all__ = ["PersonScores", "Standing", "person_scores"]
