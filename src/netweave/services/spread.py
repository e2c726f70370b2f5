"""Spread for the owner: read in one transaction, judged by the analytics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from netweave.analytics.group_return import GroupReturn
from netweave.analytics.spread import Spread, funnel_of, spread_of
from netweave.services.group_return import close_of, first_met_in, group_returns_in
from netweave.services.keeping import Keeper, fresh
from netweave.services.ties import ego_ties_in, owner_of
from netweave.storage import Store, Tx
from netweave.storage import spread as spread_db

WEEKS = 13
"""The window: a quarter of weeks."""


def spread_in(
    conn: Tx,
    ws: int,
    ego: int,
    as_of: datetime,
    returns: Sequence[GroupReturn],
    *,
    keep: Keeper = fresh,
) -> Spread:
    """Spread over the last :data:`WEEKS` weeks; ``returns`` decide which groups to keep;
    ``keep``: where whom I first met may be kept (:func:`first_met_in`)."""
    start = as_of - timedelta(weeks=WEEKS)
    met = {
        f.person_id: f.at for f in first_met_in(conn, ws, ego, as_of, keep=keep) if f.at >= start
    }
    rows = spread_db.spread_rows(conn, ws, ego, start, as_of, met=met)
    return spread_of(
        groups=rows.groups,
        events=rows.events,
        weeks=WEEKS,
        funnel=funnel_of(rows.met, rows.touches, rows.referrals, as_of),
        follow_ups=rows.follow_ups,
        returns=returns,
    )


def spread(store: Store, ws: int, as_of: datetime) -> Spread:
    """Active groups, events a week, people met against relationships formed, follow-ups."""
    with store.transaction() as conn:
        ego = owner_of(conn, ws)
        ties, _ = ego_ties_in(conn, ws, ego, as_of)
        returns = group_returns_in(conn, ws, as_of, ego, close_of(ties.ties))
        return spread_in(conn, ws, ego, as_of, returns)


__all__ = ["WEEKS", "spread", "spread_in"]
