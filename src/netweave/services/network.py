"""The network view of a workspace: connectors and brokers among everyone's ties."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netweave.analytics.network import NetworkRole, NetworkView, network_view
from netweave.services.ties import owner_of, strengths_in
from netweave.storage import Store
from netweave.storage import analytics as analytics_db


def network(
    store: Store, ws: int, as_of: datetime, *, top: int = 10, with_me: bool = False
) -> NetworkView:
    """Connectors and brokers as of ``as_of`` (the owner left off the lists unless ``with_me``)."""
    with store.transaction() as conn:
        strengths = {pair: s.strength for pair, s in strengths_in(conn, ws, as_of).items()}
        owner = owner_of(conn, ws)
        view = network_view(strengths, {}, top=top, leave_out=None if with_me else owner)
        shown = [r.person_id for r in (*view.connectors, *view.brokers)]
        names = analytics_db.names(conn, ws, shown)

    def named(roles: tuple[NetworkRole, ...]) -> tuple[NetworkRole, ...]:
        return tuple(replace(r, name=names.get(r.person_id, r.name)) for r in roles)

    return replace(view, connectors=named(view.connectors), brokers=named(view.brokers))


__all__ = ["network"]
