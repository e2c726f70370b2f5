"""Merging two records of one person loses nothing; removing a person takes what hangs on them."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netweave.domain import Workspace
from netweave.errors import Conflict, NotFound
from netweave.services import (
    asks,
    events,
    followups,
    groups,
    interactions,
    merge,
    people,
    referrals,
    workspaces,
)
from netweave.storage import Store
from tests.integration.snapshot import database_rows, row_counts

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def new_person(store: Store, ws: int, name: str, **fields: Any) -> int:
    made = people.add_person(store, ws, {"name": name, **fields})
    assert made.id is not None
    return made.id


def log(store: Store, ws: int, ids: list[int], days: int = 0, **fields: Any) -> int:
    made = interactions.log_interaction(
        store,
        ws,
        {
            "kind": "call",
            "occurred_at": T0 + timedelta(days=days),
            "participant_ids": ids,
            **fields,
        },
    )
    assert made.id is not None
    return made.id


def refer(store: Store, ws: int, giver: int, receiver: int, **fields: Any) -> int:
    fields.setdefault("prospect_name", "Acme")
    made = referrals.give_referral(
        store, ws, {"giver_id": giver, "receiver_id": receiver, "given_at": T0, **fields}
    )
    assert made.id is not None
    return made.id


def ask(store: Store, ws: int, asker: int, asked: int) -> int:
    made = asks.record_ask(
        store, ws, {"asker_id": asker, "asked_id": asked, "what": "an intro", "asked_at": T0}
    )
    assert made.id is not None
    return made.id


@dataclass
class Network:
    ws: int
    me: int
    keep: int
    drop: int
    bob: int
    cal: int
    bni: int
    chamber: int
    mixer: int
    gala: int


@pytest.fixture
def network(store: Store, workspace: Workspace) -> Network:
    """Ann Lee twice (#keep and #drop), with records everywhere, and a few others."""
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    me = workspace.owner_id
    cal = new_person(store, ws, "Cal Ortiz")
    keep = new_person(
        store,
        ws,
        "Ann Lee",
        emails=["ann@acme.example"],
        phones=["555 0100"],
        tags=["bni"],
        notes="met at the chamber",
    )
    drop = new_person(
        store,
        ws,
        "Ann Lee (phone import)",
        emails=["ann.lee@home.example"],
        phones=["555 0100", "555 0199"],
        tags=["vip", "bni"],
        company="Acme",
        introduced_by_id=cal,
        admired=True,
        notes="prefers mornings",
    )
    bob = new_person(store, ws, "Bob Stone", introduced_by_id=drop)
    bni = groups.add_group(store, ws, {"name": "BNI"}).id
    chamber = groups.add_group(store, ws, {"name": "Chamber"}).id
    assert bni is not None
    assert chamber is not None
    groups.join_group(store, ws, {"group_id": bni, "person_id": drop, "role": "leader"})
    groups.join_group(store, ws, {"group_id": chamber, "person_id": keep})
    mixer = events.add_event(store, ws, {"name": "Mixer", "starts_at": T0}).id
    gala = events.add_event(store, ws, {"name": "Gala", "starts_at": T0 + timedelta(days=3)}).id
    assert mixer is not None
    assert gala is not None
    events.record_attendance(
        store,
        ws,
        [
            {"event_id": mixer, "person_id": drop, "met": True},
            {"event_id": gala, "person_id": drop, "met": True},
            {"event_id": gala, "person_id": keep, "status": "rsvp"},
        ],
    )
    log(store, ws, [me, keep], days=1)
    log(store, ws, [me, drop], days=2, initiated_by_id=drop, kind="meal")
    log(store, ws, [me, drop, bob], days=3, event_id=gala, kind="event-conversation")
    refer(store, ws, drop, bob)
    refer(store, ws, me, drop, category="accounting")
    refer(store, ws, bob, me, prospect_id=drop, prospect_name=None)
    refer(store, ws, keep, cal)
    ask(store, ws, drop, me)
    ask(store, ws, cal, drop)
    for who, reason in [(drop, "send the deck"), (keep, "coffee")]:
        followups.add_follow_up(
            store, ws, {"person_id": who, "due_on": date(2026, 1, 20), "reason": reason}
        )
    return Network(ws, me, keep, drop, bob, cal, bni, chamber, mixer, gala)


def records_of(store: Store, ws: int, person: int) -> dict[str, set[int | None]]:
    """The ids of every record that involves ``person``, by kind."""
    return {
        "interactions": {i.id for i in interactions.list_interactions(store, ws, person_id=person)},
        "referrals": {
            r.id
            for r in referrals.list_referrals(store, ws)
            if person in (r.giver_id, r.receiver_id, r.prospect_id)
        },
        "asks": {a.id for a in asks.list_asks(store, ws, person_id=person)},
        "memberships": {m.id for m, _ in groups.memberships_of(store, ws, person)},
        "follow-ups": {f.id for f in followups.list_follow_ups(store, ws, person_id=person)},
        "initiated": {
            i.id for i in interactions.list_interactions(store, ws) if i.initiated_by_id == person
        },
        "introduced": {p.id for p in people.list_people(store, ws) if p.introduced_by_id == person},
    }


def test_merge_moves_every_record_to_the_kept_person(store: Store, network: Network) -> None:
    n = network
    counts = row_counts(store)
    kept_before = records_of(store, n.ws, n.keep)
    dropped_before = records_of(store, n.ws, n.drop)
    assert all(dropped_before.values()), "the fixture gives the dropped person every kind of record"

    merged = merge.merge_people(store, n.ws, n.keep, n.drop).person

    kept_after = records_of(store, n.ws, n.keep)
    for kind in kept_before:
        assert kept_after[kind] == kept_before[kind] | dropped_before[kind], kind
    assert records_of(store, n.ws, n.drop) == {kind: set() for kind in kept_before}
    with pytest.raises(NotFound):
        people.get_person(store, n.ws, n.drop)
    after = row_counts(store)
    # One person fewer, and one attendance fewer: both were at the gala.
    assert after == {
        **counts,
        "person": counts["person"] - 1,
        "attendance": counts["attendance"] - 1,
        # The shared "bni" tag and the shared phone number are kept once.
        "person_tag": counts["person_tag"] - 1,
        "person_phone": counts["person_phone"] - 1,
        # The merge is recorded, so that it can be undone.
        "person_merge": counts["person_merge"] + 1,
    }
    # Only the dropped record said she came and was met; the merged one says so too.
    gala = {p.id: (a.status.value, a.met) for a, p in events.attendees(store, n.ws, n.gala)}
    assert gala == {n.keep: ("attended", True)}
    mixer = {p.id: a.met for a, p in events.attendees(store, n.ws, n.mixer)}
    assert mixer == {n.keep: True}
    roles = {g.name: m.role.value for m, g in groups.memberships_of(store, n.ws, n.keep)}
    assert roles == {"BNI": "leader", "Chamber": "member"}
    assert merged == people.get_person(store, n.ws, n.keep)


def test_merge_fills_the_kept_persons_empty_fields(store: Store, network: Network) -> None:
    n = network
    merged = merge.merge_people(store, n.ws, n.keep, n.drop).person
    assert merged.name == "Ann Lee"
    assert merged.emails == ["ann@acme.example", "ann.lee@home.example"]
    assert merged.phones == ["555 0100", "555 0199"]
    assert merged.tags == ["bni", "vip"]
    assert merged.company == "Acme"
    assert merged.introduced_by_id == n.cal
    assert merged.admired is True
    assert merged.notes == "met at the chamber\n\nprefers mornings"
    assert people.find_person(store, n.ws, "ann.lee@home.example").id == n.keep
    assert people.get_person(store, n.ws, n.bob).introduced_by_id == n.keep


def test_merging_into_the_introducer_clears_the_introduction(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    annie = new_person(store, ws, "Annie Lee", introduced_by_id=ann)
    merged = merge.merge_people(store, ws, ann, annie).person
    assert merged.introduced_by_id is None
    assert people.get_person(store, ws, ann).introduced_by_id is None
    twin = new_person(store, ws, "Ann L.")
    people.edit_person(store, ws, ann, {"introduced_by_id": twin})
    assert merge.merge_people(store, ws, ann, twin).person.introduced_by_id is None


def test_merging_away_the_owner_makes_the_kept_person_me(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    robin = new_person(store, ws, "Robin Vale (work)", emails=["robin@work.example"])
    merge.merge_people(store, ws, robin, workspace.owner_id)
    assert workspaces.open_workspace(store).owner_id == robin
    assert people.find_person(store, ws, "me").id == robin


def test_people_with_records_together_are_two_people(store: Store, network: Network) -> None:
    n = network
    before = database_rows(store)
    with pytest.raises(Conflict) as caught:
        merge.merge_people(store, n.ws, n.me, n.drop)
    assert str(caught.value) == (
        "Robin Vale and Ann Lee (phone import) have records with each other "
        "(2 interactions, 2 referrals, 1 ask), so they are two different people"
    )
    with pytest.raises(Conflict, match=r"\(1 interaction, 2 referrals\)"):
        merge.merge_people(store, n.ws, n.bob, n.drop)
    with pytest.raises(Conflict, match="cannot be merged with themself"):
        merge.merge_people(store, n.ws, n.keep, n.keep)
    with pytest.raises(NotFound, match="there is no person #999"):
        merge.merge_people(store, n.ws, n.keep, 999)
    with pytest.raises(NotFound, match="there is no person #999"):
        merge.merge_people(store, n.ws, 999, n.keep)
    assert database_rows(store) == before


def test_remove_person_takes_their_records(store: Store, network: Network) -> None:
    n = network
    assert people.person_records(store, n.ws, n.drop) == {
        "interactions": 2,
        "referrals": 2,
        "asks": 2,
        "memberships": 1,
        "events": 2,
        "follow-ups": 1,
    }
    before = row_counts(store)
    three_way = [
        i for i in interactions.list_interactions(store, n.ws) if len(i.participant_ids) == 3
    ]
    people.remove_person(store, n.ws, n.drop)

    assert not any(records_of(store, n.ws, n.drop).values())
    # The one-on-one meal with me had no one left to talk to; the three-way call stays.
    remaining = interactions.list_interactions(store, n.ws)
    assert [sorted(i.participant_ids) for i in remaining] == [sorted([n.me, n.bob]), [n.me, n.keep]]
    assert remaining[0].id == three_way[0].id
    assert people.get_person(store, n.ws, n.bob).introduced_by_id is None
    after = row_counts(store)
    assert after["person"] == before["person"] - 1
    assert after["interaction"] == before["interaction"] - 1
    assert after["referral"] == before["referral"] - 2
    assert after["ask"] == before["ask"] - 2
    assert after["membership"] == before["membership"] - 1
    assert after["attendance"] == before["attendance"] - 2
    assert after["follow_up"] == before["follow_up"] - 1
    assert after["person_email"] == before["person_email"] - 1


def test_a_removed_prospect_stays_named_on_the_referral(store: Store, network: Network) -> None:
    n = network
    people.remove_person(store, n.ws, n.drop)
    [lead] = [r for r in referrals.list_referrals(store, n.ws) if r.giver_id == n.bob]
    assert lead.prospect_id is None
    assert lead.prospect_name == "Ann Lee (phone import)"
    assert referrals.get_referral(store, n.ws, lead.id or 0) == lead


def test_removing_keeps_an_explicit_prospect_name(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    ann = new_person(store, ws, "Ann Lee")
    bob = new_person(store, ws, "Bob Stone")
    lead = refer(store, ws, workspace.owner_id, bob, prospect_id=ann, prospect_name="Acme (Ann)")
    people.remove_person(store, ws, ann)
    assert referrals.get_referral(store, ws, lead).prospect_name == "Acme (Ann)"


# Property: whatever the network, a merge either moves everything or changes nothing.


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(min_value=3, max_value=6))
    index = st.integers(min_value=0, max_value=size - 1)
    pairs = st.lists(index, min_size=2, max_size=3, unique=True)
    two = st.lists(index, min_size=2, max_size=2, unique=True)
    return {
        "size": size,
        "tags": draw(
            st.lists(
                st.lists(st.sampled_from(["a", "b", "c"]), max_size=2), min_size=size, max_size=size
            )
        ),
        "interactions": draw(st.lists(pairs, max_size=6)),
        "referrals": draw(st.lists(st.tuples(two, st.none() | index), max_size=4)),
        "asks": draw(st.lists(two, max_size=3)),
        "memberships": draw(st.lists(index, max_size=3)),
        "attendance": draw(
            st.lists(st.tuples(st.integers(0, 1), index, st.booleans()), max_size=5)
        ),
        "follow_ups": draw(st.lists(index, max_size=3)),
        "merge": draw(two),
    }


def build_network(store: Store, plan: dict[str, Any]) -> tuple[int, list[int]]:
    ws = ws_of(workspaces.init_workspace(store, name=f"w-{uuid.uuid4().hex[:8]}"))
    ids = [
        new_person(store, ws, f"P{i}", emails=[f"p{i}@example.org"], tags=plan["tags"][i])
        for i in range(plan["size"])
    ]
    for members in plan["interactions"]:
        log(store, ws, [ids[i] for i in members])
    for (giver, receiver), prospect in plan["referrals"]:
        if prospect in (giver, receiver):
            prospect = None
        refer(
            store,
            ws,
            ids[giver],
            ids[receiver],
            prospect_id=None if prospect is None else ids[prospect],
            prospect_name="Lead" if prospect is None else None,
        )
    for asker, asked in plan["asks"]:
        ask(store, ws, ids[asker], ids[asked])
    group = groups.add_group(store, ws, {"name": "G"}).id
    for i in plan["memberships"]:
        groups.join_group(
            store, ws, {"group_id": group, "person_id": ids[i], "joined_on": T0.date()}
        )
        groups.leave_group(store, ws, group or 0, ids[i], T0.date())
    meetings = [events.add_event(store, ws, {"name": f"E{k}", "starts_at": T0}).id for k in (0, 1)]
    for k, i, met in plan["attendance"]:
        events.record_attendance(
            store, ws, {"event_id": meetings[k], "person_id": ids[i], "met": met}
        )
    for i in plan["follow_ups"]:
        followups.add_follow_up(
            store, ws, {"person_id": ids[i], "due_on": T0.date(), "reason": "call back"}
        )
    return ws, ids


def workspace_state(store: Store, ws: int, rename: dict[int, int]) -> dict[str, Any]:
    """Every record of the workspace, with people renamed by ``rename``, as comparable data."""

    def who(pid: int | None) -> int | None:
        return None if pid is None else rename.get(pid, pid)

    return {
        "interactions": Counter(
            (i.id, tuple(sorted({who(p) for p in i.participant_ids})))
            for i in interactions.list_interactions(store, ws)
        ),
        "referrals": Counter(
            (r.id, who(r.giver_id), who(r.receiver_id), who(r.prospect_id), r.prospect_name)
            for r in referrals.list_referrals(store, ws)
        ),
        "asks": Counter(
            (a.id, who(a.asker_id), who(a.asked_id)) for a in asks.list_asks(store, ws)
        ),
        "memberships": Counter(
            (m.id, who(m.person_id))
            for p in people.list_people(store, ws)
            for m, _ in groups.memberships_of(store, ws, p.id or 0)
        ),
        "follow_ups": Counter(
            (f.id, who(f.person_id)) for f in followups.list_follow_ups(store, ws)
        ),
        "attendance": {
            (e.id, who(p.id))
            for e in events.list_events(store, ws)
            for _, p in events.attendees(store, ws, e.id or 0)
        },
        "emails": sorted(e for p in people.list_people(store, ws) for e in p.emails),
        "tags": {(who(p.id), t) for p in people.list_people(store, ws) for t in p.tags},
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=networks())
def test_merging_loses_nothing_or_changes_nothing(store: Store, plan: dict[str, Any]) -> None:
    ws, ids = build_network(store, plan)
    keep, drop = (ids[i] for i in plan["merge"])
    before = workspace_state(store, ws, {drop: keep})
    unchanged = workspace_state(store, ws, {})
    try:
        merge.merge_people(store, ws, keep, drop)
    except Conflict:
        event("refused: records with each other")
        assert workspace_state(store, ws, {}) == unchanged
        return
    event("merged")
    assert workspace_state(store, ws, {}) == before
