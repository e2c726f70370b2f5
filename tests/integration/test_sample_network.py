"""The sample network loaded into a database, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Table, func, select

from netweave.domain import FollowUp, Group, ReferralStatus, Workspace, check_transition
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.sample import Profile, Records, SampleNetwork, build_sample_workspace, sample_network
from netweave.services import seed, workspaces
from netweave.storage import Store
from netweave.storage import asks as asks_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import groups as groups_db
from netweave.storage import interactions as interactions_db
from netweave.storage import people as people_db
from netweave.storage import referrals as referrals_db
from netweave.storage import tables as t

SIZE = 80
PERSON_KEYS = {
    "person_id",
    "introduced_by_id",
    "initiated_by_id",
    "giver_id",
    "receiver_id",
    "prospect_id",
    "asker_id",
    "asked_id",
}

# Every reference between tables: (table, column, referenced table).
LINKS: list[tuple[Table, str, Table]] = [
    (t.person, "introduced_by_id", t.person),
    (t.person_email, "person_id", t.person),
    (t.person_tag, "person_id", t.person),
    (t.membership, "group_id", t.group),
    (t.membership, "person_id", t.person),
    (t.event, "group_id", t.group),
    (t.attendance, "event_id", t.event),
    (t.attendance, "person_id", t.person),
    (t.interaction, "initiated_by_id", t.person),
    (t.interaction, "event_id", t.event),
    (t.participant, "interaction_id", t.interaction),
    (t.participant, "person_id", t.person),
    (t.referral, "giver_id", t.person),
    (t.referral, "receiver_id", t.person),
    (t.referral, "prospect_id", t.person),
    (t.referral_status, "referral_id", t.referral),
    (t.ask, "asker_id", t.person),
    (t.ask, "asked_id", t.person),
    (t.follow_up, "person_id", t.person),
    (t.follow_up, "event_id", t.event),
]


def load(store: Store, network: SampleNetwork, name: str) -> tuple[Workspace, dict[str, int]]:
    workspace = workspaces.init_workspace(store, name=name)
    assert workspace.id is not None
    counts = seed.load_sample_network(store, workspace.id, network)
    return workspaces.open_workspace(store, name), counts


def read_back(store: Store, ws: int) -> dict[str, list[Any]]:
    """Every record of the workspace, as the repositories return them, in id order."""
    with store.transaction() as conn:
        records: dict[str, list[Any]] = {
            "people": people_db.list_people(conn, ws),
            "groups": groups_db.list_groups(conn, ws),
            "memberships": groups_db.memberships(conn, ws),
            "events": events_db.list_events(conn, ws),
            "interactions": interactions_db.list_interactions(conn, ws),
            "referrals": referrals_db.list_referrals(conn, ws),
            "asks": asks_db.list_asks(conn, ws),
            "follow_ups": followups_db.list_follow_ups(conn, ws),
        }
        records["attendance"] = events_db.attendance(conn, ws)
    for kind, found in records.items():
        if kind != "attendance":
            found.sort(key=lambda record: record.id)
    return records


def canonical(records: dict[str, list[Any]]) -> dict[str, list[dict[str, Any]]]:
    """Records with every id replaced by its rank within its kind: comparable across loads."""
    ranks = {
        kind: {record.id: rank for rank, record in enumerate(records[kind], start=1)}
        for kind in ("people", "groups", "events")
    }
    person, group, event = ranks["people"], ranks["groups"], ranks["events"]

    def rank(table: dict[int, int], value: int | None) -> int | None:
        return None if value is None else table[value]

    out: dict[str, list[dict[str, Any]]] = {}
    for kind, found in records.items():
        rows = []
        for number, record in enumerate(found, start=1):
            row = record.model_dump()
            if "id" in row:
                row["id"] = number
            for key in PERSON_KEYS & row.keys():
                row[key] = rank(person, row[key])
            if "participant_ids" in row:
                row["participant_ids"] = sorted(person[pid] for pid in row["participant_ids"])
            if "group_id" in row:
                row["group_id"] = rank(group, row["group_id"])
            if "event_id" in row:
                row["event_id"] = rank(event, row["event_id"])
            rows.append(row)
        if kind == "attendance":
            rows.sort(key=lambda row: (row["event_id"], row["person_id"]))
        out[kind] = rows
    return out


def generated(network: SampleNetwork) -> dict[str, list[Any]]:
    kinds = ("people", "groups", "memberships", "events", "attendance", "interactions")
    more = ("referrals", "asks", "follow_ups")
    return {kind: list(getattr(network, kind)) for kind in (*kinds, *more)}


def test_loading_writes_every_record_as_generated(store: Store) -> None:
    network = sample_network(seed=11, size=SIZE)
    workspace, counts = load(store, network, "sample")
    assert workspace.id is not None
    assert counts == network.counts()
    stored = canonical(read_back(store, workspace.id))
    expected = canonical(generated(network))
    assert any(person["introduced_by_id"] for person in stored["people"])
    for kind in expected:
        assert len(stored[kind]) == len(expected[kind]), kind
        assert stored[kind] == expected[kind], kind


def test_two_samples_in_one_database_stay_within_their_workspaces(store: Store) -> None:
    first, _ = load(store, sample_network(seed=1, size=60), "first")
    second, _ = load(store, sample_network(seed=2, size=70), "second")
    assert first.id is not None
    assert second.id is not None
    with store.transaction() as conn:
        for table, column, referenced in LINKS:
            target = referenced.alias("target")
            crossing = conn.execute(
                select(func.count())
                .select_from(table.join(target, table.c[column] == target.c.id))
                .where(table.c.workspace_id != target.c.workspace_id)
            ).scalar_one()
            assert crossing == 0, f"{table.name}.{column}"
        for ws, size in ((first.id, 60), (second.id, 70)):
            assert people_db.count_people(conn, ws) == size


def test_the_same_seed_loads_the_same_network_and_another_seed_does_not(store: Store) -> None:
    one, _ = load(store, sample_network(seed=4, size=60), "one")
    two, _ = load(store, sample_network(seed=4, size=60), "two")
    other, _ = load(store, sample_network(seed=5, size=60), "other")
    assert one.id is not None
    assert two.id is not None
    assert other.id is not None
    first = canonical(read_back(store, one.id))
    assert first == canonical(read_back(store, two.id))
    assert first != canonical(read_back(store, other.id))


def test_owner_settings_and_target_market_come_with_the_sample(store: Store) -> None:
    network = sample_network(seed=3, size=SIZE)
    workspace = build_sample_workspace(store, seed=3, size=SIZE, name="demo")
    assert workspace.id is not None
    assert workspace.owner_id is not None
    assert workspace.name == "demo"
    assert workspace.settings == network.settings
    assert workspaces.get_target_market(store, workspace.id) == network.target_market
    with store.transaction() as conn:
        owner = people_db.get_person(conn, workspace.id, workspace.owner_id)
        mine = groups_db.memberships(conn, workspace.id, person_id=workspace.owner_id)
        groups = {g.id: g for g in groups_db.list_groups(conn, workspace.id)}
    assert owner is not None
    assert owner.name == network.people[0].name
    current = [m for m in mine if m.left_on is None]
    assert len(current) >= 4
    assert len({groups[m.group_id].kind for m in current}) >= 3
    assert any(m.left_on is not None for m in mine)
    with pytest.raises(Conflict):
        build_sample_workspace(store, seed=3, size=SIZE, name="demo")


def _profiles_by_id(store: Store, ws: int, network: SampleNetwork) -> dict[int, Profile]:
    """The hidden profile of each stored person, matched through their position."""
    with store.transaction() as conn:
        stored = sorted(people_db.list_people(conn, ws), key=lambda p: p.id or 0)
    assert [p.name for p in stored] == [p.name for p in network.people]
    return {p.id: network.profiles[rank] for rank, p in enumerate(stored) if p.id is not None}


def test_givers_give_more_referrals_than_takers(store: Store) -> None:
    network = sample_network(seed=8, size=120)
    workspace, _ = load(store, network, "sample")
    assert workspace.id is not None
    assert workspace.owner_id is not None
    profiles = _profiles_by_id(store, workspace.id, network)
    owner = workspace.owner_id
    with store.transaction() as conn:
        rows = conn.execute(
            select(t.referral.c.giver_id, func.count())
            .where(t.referral.c.workspace_id == workspace.id)
            .group_by(t.referral.c.giver_id)
        ).all()
    given = Counter({giver: int(n) for giver, n in rows})

    def per_person(profile: Profile) -> float:
        people = [pid for pid, p in profiles.items() if p is profile and pid != owner]
        return sum(given[pid] for pid in people) / len(people)

    assert per_person(Profile.GIVER) > 2 * per_person(Profile.TAKER)


def _won_value_from_members(store: Store, ws: int, owner: int, group_name: str) -> int:
    members = (
        select(t.membership.c.person_id)
        .join(t.group, t.group.c.id == t.membership.c.group_id)
        .where(t.group.c.workspace_id == ws, t.group.c.name == group_name)
    )
    with store.transaction() as conn:
        total = conn.execute(
            select(func.coalesce(func.sum(t.referral.c.value_cents), 0)).where(
                t.referral.c.workspace_id == ws,
                t.referral.c.receiver_id == owner,
                t.referral.c.status == ReferralStatus.WON.value,
                t.referral.c.giver_id.in_(members),
            )
        ).scalar_one()
    return int(total)


@pytest.mark.parametrize("seed_value", [7, 21])
def test_the_paying_chamber_brings_more_business_than_the_costly_one(
    store: Store, seed_value: int
) -> None:
    network = sample_network(seed=seed_value, size=SIZE)
    workspace, _ = load(store, network, "sample")
    assert workspace.id is not None
    assert workspace.owner_id is not None
    paying = network.groups[network.core.paying_chamber - 1].name
    costly = network.groups[network.core.costly_chamber - 1].name
    won_paying = _won_value_from_members(store, workspace.id, workspace.owner_id, paying)
    won_costly = _won_value_from_members(store, workspace.id, workspace.owner_id, costly)
    assert won_paying > won_costly
    assert won_paying > 0


def test_referral_status_histories_only_move_forward(store: Store) -> None:
    workspace, _ = load(store, sample_network(seed=9, size=SIZE), "sample")
    assert workspace.id is not None
    with store.transaction() as conn:
        referrals = referrals_db.list_referrals(conn, workspace.id)
    assert len(referrals) > 20
    closed = Counter(r.status for r in referrals if r.status.is_closed)
    assert closed[ReferralStatus.WON] > 0
    assert closed[ReferralStatus.LOST] > 0
    for referral in referrals:
        steps = referral.history
        assert steps[0].status is ReferralStatus.NEW
        assert steps[-1].status is referral.status
        for before, after in itertools.pairwise(steps):
            check_transition(before.status, after.status)
            assert before.changed_at < after.changed_at


def test_a_failed_load_leaves_nothing_behind(store: Store) -> None:
    network = sample_network(seed=2, size=60)
    broken_follow_up = FollowUp(id=1, person_id=9_999, due_on=date(2026, 1, 5), reason="Call")
    broken = dataclasses.replace(network, follow_ups=Records(1, lambda n: broken_follow_up))
    workspace = workspaces.init_workspace(store, name="sample")
    assert workspace.id is not None
    with pytest.raises(InvalidInput, match="person #9999"):
        seed.load_sample_network(store, workspace.id, broken)
    with store.transaction() as conn:
        assert people_db.count_people(conn, workspace.id) == 0
        assert conn.execute(select(func.count()).select_from(t.interaction)).scalar_one() == 0
    assert seed.load_sample_network(store, workspace.id, network) == network.counts()


def test_loading_refuses_a_workspace_with_people_or_none_at_all(
    store: Store, workspace: Workspace
) -> None:
    network = sample_network(seed=2, size=30)
    assert workspace.id is not None
    with pytest.raises(Conflict, match="already has people"):
        seed.load_sample_network(store, workspace.id, network)
    with pytest.raises(NotFound):
        seed.load_sample_network(store, workspace.id + 100, network)
    with store.transaction() as conn:
        assert people_db.count_people(conn, workspace.id) == 1


def test_records_sharing_a_provisional_id_are_refused(store: Store) -> None:
    network = sample_network(seed=2, size=30)
    twins = Records(2, lambda n: Group(id=1, name=f"Group {n}"))
    workspace = workspaces.init_workspace(store, name="sample")
    assert workspace.id is not None
    with pytest.raises(InvalidInput, match="provisional id 1"):
        seed.load_sample_network(store, workspace.id, dataclasses.replace(network, groups=twins))
    with store.transaction() as conn:
        assert groups_db.list_groups(conn, workspace.id) == []
