"""What netweave knows about a workspace, at a glance (until the review exists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from netweave.domain import Person
from netweave.services.keeping import Grower, Keeper, fresh, fresh_growth
from netweave.storage import Store
from netweave.storage import overview as overview_db
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db


@dataclass(frozen=True)
class Overview:
    workspace: str
    owner: Person | None
    counts: dict[str, int]
    groups: list[dict[str, Any]]
    closest: list[tuple[Person, int]]
    """People "me" interacted with most in the last 90 days, with the count."""


GROUP_READS = frozenset({"network_group", "membership", "event"})
"""What the groups' activity is read from (:func:`overview_db.group_activity`)."""


CONTACT_READS = frozenset({"interaction", "interaction_participant"})
"""What the owner's most-in-touch list counts from (:func:`overview_db.contact_counts`)."""


def workspace_overview(
    store: Store, ws: int, *, now: datetime, keep: Keeper = fresh, grow: Grower = fresh_growth
) -> Overview:
    """``keep``: where the groups' activity and the people shown may be kept until a table
    they read is written;
    ``grow``: where the counts may be kept, and grown by the rows added since (the web app)."""
    with store.transaction() as conn:
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        assert workspace is not None
        counts = grow(
            ("counts", ws),
            overview_db.COUNTED_TABLES.values(),
            lambda before: overview_db.record_counts(conn, ws, before),
        ).counts
        counts = dict(counts)
        groups = keep(
            ("group activity", ws, now),
            GROUP_READS,
            lambda: overview_db.group_activity(conn, ws, now - timedelta(days=365)),
        )
        owner = None
        if workspace.owner_id:
            me = workspace.owner_id
            found = keep(
                ("people", ws, (me,)),
                people_db.PEOPLE_READS,
                lambda: people_db.get_people(conn, ws, [me]),
            )
            owner = found[0] if found else None
        closest: list[tuple[Person, int]] = []
        if owner is not None:
            since, me = now - timedelta(days=90), owner.id
            contacts = grow(
                ("contacts", ws, me, since),
                CONTACT_READS,
                lambda before: overview_db.contact_counts(conn, ws, me, since, before),
            )
            ranked = overview_db.busiest(contacts, 10)
            ids = tuple(sorted(pid for pid, _ in ranked))
            read = keep(
                ("people", ws, ids),
                people_db.PEOPLE_READS,
                lambda: people_db.get_people(conn, ws, ids),
            )
            people = {p.id: p for p in read}
            closest = [(people[pid], n) for pid, n in ranked]
    return Overview(workspace.name, owner, counts, groups, closest)


__all__ = ["Overview", "workspace_overview"]
