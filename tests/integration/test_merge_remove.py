"""Merging two records of one person loses nothing; removing a person takes what hangs on them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings

from netweave.domain import Workspace
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import (
    asks,
    events,
    followups,
    groups,
    interactions,
    people,
    referrals,
    workspaces,
)
from netweave.storage import Store
from tests import writes
from tests.integration.people_network import (
    Network,
    ann_twice,
    build_network,
    networks,
    new_person,
    refer,
    ws_of,
)
from tests.integration.snapshot import database_rows, row_counts


@pytest.fixture
def network(store: Store, workspace: Workspace) -> Network:
    """Ann Lee twice (#keep and #drop), with records everywhere, and a few others."""
    return ann_twice(store, workspace)


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

    merged = writes.merge_people(store, n.ws, n.keep, n.drop).person

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
        # The merge is recorded, so that it can be undone, and logged as a command.
        "person_merge": counts["person_merge"] + 1,
        "command_log": counts["command_log"] + 1,
        # Tie strength's state follows the records: both talked with one person, one pair now.
        "tie_pair": counts["tie_pair"] - 1,
        # So do the last touches: the dropped person's row goes, the kept one's is the later.
        "person_last_touch": counts["person_last_touch"] - 1,
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
    merged = writes.merge_people(store, n.ws, n.keep, n.drop).person
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
    merged = writes.merge_people(store, ws, ann, annie).person
    assert merged.introduced_by_id is None
    assert people.get_person(store, ws, ann).introduced_by_id is None
    twin = new_person(store, ws, "Ann L.")
    writes.edit_person(store, ws, ann, {"introduced_by_id": twin})
    assert writes.merge_people(store, ws, ann, twin).person.introduced_by_id is None


def test_merging_away_the_owner_makes_the_kept_person_me(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    robin = new_person(store, ws, "Robin Vale (work)", emails=["robin@work.example"])
    writes.merge_people(store, ws, robin, workspace.owner_id)
    assert workspaces.open_workspace(store).owner_id == robin
    assert people.find_person(store, ws, "me").id == robin


def test_people_with_records_together_are_two_people(store: Store, network: Network) -> None:
    n = network
    before = database_rows(store)
    with pytest.raises(Conflict) as caught:
        writes.merge_people(store, n.ws, n.me, n.drop)
    assert str(caught.value) == (
        "Robin Vale and Ann Lee (phone import) have records with each other "
        "(2 interactions, 2 referrals, 1 ask), so they are two different people"
    )
    with pytest.raises(Conflict, match=r"\(1 interaction, 2 referrals\)"):
        writes.merge_people(store, n.ws, n.bob, n.drop)
    with pytest.raises(InvalidInput, match="cannot be merged with themself"):
        writes.merge_people(store, n.ws, n.keep, n.keep)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.merge_people(store, n.ws, n.keep, 999)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.merge_people(store, n.ws, 999, n.keep)
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
    writes.remove_person(store, n.ws, n.drop)

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
    writes.remove_person(store, n.ws, n.drop)
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
    writes.remove_person(store, ws, ann)
    assert referrals.get_referral(store, ws, lead).prospect_name == "Acme (Ann)"


# Property: whatever the network, a merge either moves everything or changes nothing.


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
        writes.merge_people(store, ws, keep, drop)
    except Conflict:
        event("refused: records with each other")
        assert workspace_state(store, ws, {}) == unchanged
        return
    event("merged")
    assert workspace_state(store, ws, {}) == before
