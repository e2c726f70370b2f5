"""The owner's network as lists and pages show it: every tie, who is overdue, who gives.

:func:`network_view` computes, in one transaction, what the people list filters
and sorts by (layer, strength, overdue, giver or taker) and what a person's
page shows about their tie; the web app keeps it until the data changes.
:func:`strength_history` is one tie's strength as of past moments, the same
number ``netweave ties --as-of`` gives for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from netweave.analytics import pair_strengths, read_rhythm, seconds, weigh
from netweave.analytics.layers import Layer
from netweave.analytics.reciprocity import Standing, reciprocity_of
from netweave.services.cadence import losing_touch_in
from netweave.services.ties import EgoTies, TieView, ego_ties_in, owner_of
from netweave.storage import Store
from netweave.storage import analytics as analytics_db

STANDINGS = (Standing.GIVER.value, Standing.MATCHER.value, Standing.TAKER.value)
"""The reciprocity labels a list can filter by (the others mean: not enough evidence)."""
LAYERS = tuple(layer.value for layer in Layer)

LayerName = Literal["inner", "close", "active", "acquaintance", "dormant"]
StandingName = Literal["giver", "matcher", "taker"]


@dataclass(frozen=True, slots=True)
class NetworkView:
    """The owner's ties as of ``as_of``, with the people past their rhythm and the standings."""

    as_of: datetime
    owner_id: int
    ego: EgoTies
    ties: dict[int, TieView]
    by_strength: tuple[int, ...]
    """Everyone with a tie, strongest first."""
    overdue: dict[int, str]
    """Person → why they are past their usual rhythm."""
    standing: dict[int, str]
    """Person → giver, matcher or taker (only people with enough evidence)."""

    def people(
        self, *, layer: str | None = None, standing: str | None = None, late: bool = False
    ) -> list[int]:
        """The people that pass the filters: those with a tie strongest first, then the others."""
        untied = sorted(p for p in self.standing if p not in self.ties) if standing else []
        return [
            p
            for p in (*self.by_strength, *untied)
            if (layer is None or (p in self.ties and self.ties[p].layer == layer))
            and (standing is None or self.standing.get(p) == standing)
            and (not late or p in self.overdue)
        ]

    def ranking(
        self, *, layer: str | None, standing: str | None, late: bool, by_strength: bool
    ) -> tuple[list[int] | None, bool]:
        """What :func:`netweave.services.listing.people_page` needs for these filters.

        ``(ranked, ranked_only)``: no ranking without a score filter or the
        strength order; only the ranked people when a score filters.
        """
        filtered = bool(layer or standing or late)
        if not filtered and not by_strength:
            return None, False
        return self.people(layer=layer, standing=standing, late=late), filtered


def network_view(store: Store, ws: int, as_of: datetime) -> NetworkView:
    """The owner's whole network as of ``as_of`` (one transaction, bulk queries)."""
    with store.transaction() as conn:
        owner = owner_of(conn, ws)
        ties, _ = ego_ties_in(conn, ws, owner, as_of)
        helps = analytics_db.help_totals(conn, ws, until=as_of)
        late = losing_touch_in(conn, ws, ties.ties, as_of)
    standing = {}
    for person, (given, received) in helps.items():
        label = reciprocity_of(person, given, received).standing.value
        if label in STANDINGS:
            standing[person] = label
    order = sorted(ties.ties, key=lambda t: (-t.strength, t.person_id))
    return NetworkView(
        as_of=as_of,
        owner_id=owner,
        ego=ties,
        ties={t.person_id: t for t in ties.ties},
        by_strength=tuple(t.person_id for t in order),
        overdue={o.person: o.reason for o in late},
        standing=standing,
    )


def strength_history(
    store: Store, ws: int, person_id: int, moments: Sequence[datetime]
) -> list[tuple[datetime, float]]:
    """The strength of the owner's tie with ``person_id`` as of each moment (0: no tie yet).

    Each value is the one ``ego_ties`` gives as of that moment: the rhythm is
    read from the records up to it, and only the pairs that touch the tie
    (the two people and their mutual contacts) are weighed.
    """
    if not moments:
        return []
    with store.transaction() as conn:
        owner = owner_of(conn, ws)
        touches = analytics_db.ego_touches(conn, ws, owner, until=max(moments))
        spans = analytics_db.group_spans(conn, ws, [owner, person_id])
    pair = (min(owner, person_id), max(owner, person_id))
    near = [t for t in touches if t.a in pair or t.b in pair]
    found = []
    for moment in moments:
        at, day = seconds(moment), moment.date()
        # The groups each of the two belonged to that day (as group_contexts reads them).
        groups = {
            p: frozenset(
                g
                for who, g, joined, left in spans
                if who == p and (joined is None or joined <= day) and (left is None or left >= day)
            )
            for p in pair
        }
        histories = weigh(near, at, read_rhythm(touches, until=at))
        strength = pair_strengths(histories, contexts=groups, pairs=[pair]).get(pair)
        found.append((moment, round(strength.strength, 3) if strength else 0.0))
    return found


__all__ = [
    "LAYERS",
    "STANDINGS",
    "LayerName",
    "NetworkView",
    "StandingName",
    "network_view",
    "strength_history",
]
