"""Target-market fit of a person, an event's attendees, a group's members, and of the
referrals I received ("wrong fish")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from netweave.analytics.fit import (
    NO_FIT,
    Fit,
    FitShare,
    Profile,
    fit_of,
    names_anything,
    share_of,
)
from netweave.analytics.wording import counted
from netweave.domain.workspace import TargetMarket
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx
from netweave.storage import fit as fit_db
from netweave.storage import workspaces as workspaces_db

RECEIVED_DAYS = 365


@dataclass(frozen=True, slots=True)
class ReceivedFit:
    """The referrals I received in a period and how many of their clients fit my market."""

    received: int
    judged: int
    """Those whose client is a person in the network. A client given only as a name is
    not judged: nothing is known of them, and the referral's category is the business
    it was passed to (mine), not the client's."""
    fitting: int
    reason: str

    @property
    def wrong_fish(self) -> int:
        return self.judged - self.fitting


def _fits(conn: Tx, ws: int, market: TargetMarket, ids: list[int]) -> dict[int, Fit]:
    return {
        pid: fit_of(market, Profile(*row)) for pid, row in fit_db.profiles(conn, ws, ids).items()
    }


def person_fit_in(conn: Tx, ws: int, person_id: int) -> Fit:
    market = workspaces_db.get_target_market(conn, ws)
    return _fits(conn, ws, market, [person_id]).get(person_id, NO_FIT)


def event_fit(store: Store, ws: int, event_id: int) -> FitShare:
    """Fit of an event's attendees (everyone on its list but the absent and me)."""
    with store.transaction() as conn:
        market = workspaces_db.get_target_market(conn, ws)
        ids = fit_db.attendee_ids(conn, ws, event_id, besides=owner_of(conn, ws))
        return share_of(_fits(conn, ws, market, ids).values(), judged=names_anything(market))


def received_fit_in(
    conn: Tx, ws: int, as_of: datetime, *, days: int = RECEIVED_DAYS
) -> ReceivedFit:
    """Share of the referrals I received in the last ``days`` whose client fits my market."""
    market = workspaces_db.get_target_market(conn, ws)
    clients = fit_db.received_clients(
        conn, ws, owner_of(conn, ws), since=as_of - timedelta(days=days), until=as_of
    )
    known = [client for _, client in clients if client is not None]
    fits = _fits(conn, ws, market, known)
    fitting = sum(1 for client in known if client in fits and fits[client].fits)
    reason = _received_reason(len(clients), len(known), fitting, days)
    return ReceivedFit(len(clients), len(known), fitting, reason)


def _received_reason(received: int, judged: int, fitting: int, days: int) -> str:
    unjudged = received - judged
    if not received:
        return f"no referrals received in the last {counted(days, 'day')}"
    if not judged:
        return (
            f"{counted(received, 'referral')} received, not judged: "
            f"{'its client is' if received == 1 else 'their clients are'} only a name, "
            "not a person in your network"
        )
    reason = (
        f"{fitting} of {counted(judged, 'referral')} whose client you know "
        f"fit your market ({fitting / judged:.0%}); {judged - fitting} wrong fish"
    )
    if unjudged:
        reason += f"; {counted(unjudged, 'other')} not judged (the client is only a name)"
    return reason


def received_fit(store: Store, ws: int, as_of: datetime) -> ReceivedFit:
    with store.transaction() as conn:
        return received_fit_in(conn, ws, as_of)


__all__ = [
    "RECEIVED_DAYS",
    "ReceivedFit",
    "event_fit",
    "person_fit_in",
    "received_fit",
    "received_fit_in",
]
