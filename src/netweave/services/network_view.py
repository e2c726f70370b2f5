"""The owner's network as lists and pages show it: every tie, who is overdue, who gives.

:func:`network_view` computes, in one transaction, what the people list filters
and sorts by (layer, strength, overdue, giver or taker) and what a person's
page shows about their tie; the web app keeps it until the data changes.
:func:`strength_history` (:mod:`netweave.services.strength_history`) is one tie's
strength as of past moments, the same number ``netweave ties --as-of`` gives for each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from netweave.analytics.cadence import Overdue
from netweave.analytics.layers import Layer
from netweave.services.cadence import losing_touch_in
from netweave.services.keeping import Grower, Keeper, fresh, fresh_growth
from netweave.services.standings import (
    LABELS,
    RECIPROCITY_READS,
    Reciprocities,
    reciprocity_in,
)
from netweave.services.strength_history import (
    StrengthBackdrop,
    monthly_moments,
    strength_backdrop,
    strength_history,
)
from netweave.services.tie_views import TieView
from netweave.services.ties import EgoTies, ego_ties_in, owner_or_none
from netweave.storage import Store

STANDINGS = LABELS
"""The reciprocity labels a list can filter by (the others mean: not enough evidence)."""
LAYERS = tuple(layer.value for layer in Layer)

LayerName = Literal["inner", "close", "active", "acquaintance", "dormant"]
StandingName = Literal["giver", "matcher", "taker"]


@dataclass(frozen=True, slots=True)
class NetworkView:
    """The owner's ties as of ``as_of``, with the people past their rhythm and the standings.

    Without an owner (nobody said who "me" is) there are no ties: ``owner_id``
    and ``ego`` are None, and only the standings are known.
    """

    as_of: datetime
    owner_id: int | None
    ego: EgoTies | None
    ties: dict[int, TieView]
    by_strength: tuple[int, ...]
    """Everyone with a tie, strongest first."""
    overdue: dict[int, str]
    """Person → why they are past their usual rhythm."""
    standing: dict[int, str]
    """Person → giver, matcher or taker (only people with enough evidence)."""
    late: tuple[Overdue, ...] = ()
    """The ties past their cadence, most overdue first (``overdue`` by person)."""
    reciprocity: Reciprocities | None = None
    """Everyone's reciprocity as of ``as_of`` (everyone with help given or received): what
    ``standing`` labels, kept for the weekly review's lists (``standings_in``)."""

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


def network_view(
    store: Store,
    ws: int,
    as_of: datetime,
    keep: Keeper = fresh,
    grow: Grower = fresh_growth,
) -> NetworkView:
    """The owner's whole network as of ``as_of`` (one transaction, bulk queries); ``keep``:
    where everyone's reciprocity may be kept until a referral or an ask is written (and the
    cadence rules until a person, group, tag or membership is);
    ``grow``: where the owner's pairs' histories may be kept and weighed again for the
    pairs touched since (:func:`netweave.services.own_histories.own_histories`)."""
    with store.transaction() as conn:
        owner = owner_or_none(conn, ws)
        ties = None if owner is None else ego_ties_in(conn, ws, owner, as_of, grow=grow)[0]
        reciprocity = keep(
            ("reciprocity", ws, as_of), RECIPROCITY_READS, lambda: reciprocity_in(conn, ws, as_of)
        )
        late = [] if ties is None else losing_touch_in(conn, ws, ties.ties, as_of, keep=keep)
    tied = ties.ties if ties is not None else ()
    order = sorted(tied, key=lambda t: (-t.strength, t.person_id))
    return NetworkView(
        as_of=as_of,
        owner_id=owner,
        ego=ties,
        ties={t.person_id: t for t in tied},
        by_strength=tuple(t.person_id for t in order),
        overdue={o.person: o.reason for o in late},
        late=tuple(late),
        standing=dict(reciprocity.labels),
        reciprocity=reciprocity,
    )


__all__ = [
    "LAYERS",
    "STANDINGS",
    "LayerName",
    "NetworkView",
    "StandingName",
    "StrengthBackdrop",
    "monthly_moments",
    "network_view",
    "strength_backdrop",
    "strength_history",
]
