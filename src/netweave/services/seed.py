"""Loading the sample network (see :mod:`netweave.sample`) into a workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.domain import Workspace, WorkspaceDraft, build
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, NotFound
from netweave.storage import Store, Tx
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db
from netweave.storage.bulk import BulkLoader, refresh_statistics

if TYPE_CHECKING:  # the sample's package builds on this one, not the other way round
    from netweave.sample import SampleNetwork


def _load(conn: Tx, ws: int, network: SampleNetwork) -> dict[str, int]:
    if people_db.count_people(conn, ws):
        raise Conflict(
            f"workspace #{ws} already has people",
            hint="load the sample network into a new workspace",
        )
    loader = BulkLoader(conn, ws, now=utc_now())
    counts = {
        "people": loader.people(network.people),
        "groups": loader.groups(network.groups),
        "memberships": loader.memberships(network.memberships),
        "events": loader.events(network.events),
        "attendance": loader.attendance(network.attendance),
        "interactions": loader.interactions(network.interactions),
        "referrals": loader.referrals(network.referrals),
        "asks": loader.asks(network.asks),
        "follow-ups": loader.follow_ups(network.follow_ups),
    }
    workspaces_db.set_owner(conn, ws, loader.person_id(network.owner_id))
    workspaces_db.save_settings(conn, ws, network.settings)
    workspaces_db.save_target_market(conn, ws, network.target_market)
    refresh_statistics(conn)
    return counts


def load_sample_network(store: Store, workspace_id: int, network: SampleNetwork) -> dict[str, int]:
    """Load ``network`` into an empty workspace in one transaction; records per kind.

    The workspace's owner, settings and target market become the sample's.
    """
    with store.transaction() as conn:
        if workspaces_db.get_workspace(conn, ws=workspace_id) is None:
            raise NotFound(f"there is no workspace #{workspace_id}")
        return _load(conn, workspace_id, network)


def create_sample_workspace(store: Store, network: SampleNetwork, *, name: str) -> Workspace:
    """A new workspace called ``name`` holding ``network``, made in one transaction."""
    draft = build(WorkspaceDraft, {"name": name, "settings": network.settings})
    with store.transaction() as conn:
        if workspaces_db.get_workspace(conn, name=draft.name):
            raise Conflict(f"a workspace called '{draft.name}' already exists")
        created = workspaces_db.insert_workspace(conn, draft, utc_now())
        _load(conn, created.id, network)
        workspace = workspaces_db.get_workspace(conn, ws=created.id)
    assert workspace is not None
    return workspace


__all__ = ["create_sample_workspace", "load_sample_network"]
