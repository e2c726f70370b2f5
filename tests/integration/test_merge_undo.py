"""Merging with choices, and undoing a merge: both people exactly as they were."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import insert, select

from netweave.domain import Workspace
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import groups, interactions, merge, people
from netweave.storage import Store
from netweave.storage import tables as t
from tests import writes
from tests.integration.people_network import (
    T0,
    Network,
    ann_twice,
    build_network,
    log,
    networks,
    new_person,
    ws_of,
)
from tests.integration.snapshot import database_rows


def without_merges(rows: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The rows but the record of the merges and the log of the commands (which keeps
    that a merge and its undo were done)."""
    return {
        name: found for name, found in rows.items() if name not in ("person_merge", "command_log")
    }


def add_provenance(store: Store, ws: int, person_id: int, key: str) -> None:
    """Where a person's fields came from, as an import writes it: a run, sources, a key."""
    with store.engine.begin() as conn:
        run = conn.execute(
            insert(t.import_run)
            .values(
                workspace_id=ws,
                file_name="contacts.vcf",
                format="vcard",
                sha256="0" * 64,
                records=1,
                counts=[],
                imported_at=T0,
            )
            .returning(t.import_run.c.id)
        ).scalar_one()
        conn.execute(
            insert(t.field_source).values(
                workspace_id=ws,
                person_id=person_id,
                fields=["name", "emails"],
                import_id=run,
                locator="card 1",
            )
        )
        conn.execute(
            insert(t.external_key).values(
                workspace_id=ws, kind="vcard-uid", value=key, person_id=person_id
            )
        )


@pytest.fixture
def twins(store: Store, workspace: Workspace) -> Network:
    """Ann Lee twice (see ann_twice), with conflicting fields, provenance, marks, one group."""
    n = ann_twice(store, workspace)
    writes.edit_person(
        store,
        n.ws,
        n.keep,
        {"company": "Acme", "title": "CFO", "urls": ["https://ann.example"]},
    )
    writes.edit_person(
        store,
        n.ws,
        n.drop,
        {
            "name": "Annie Lee",
            "company": "Acme Corp",
            "title": "Finance lead",
            "location": "Edina",
            "urls": ["https://annie.example"],
        },
    )
    # Both in BNI now: Annie as its leader since who knows when, Ann as a member since June.
    writes.join_group(
        store,
        n.ws,
        {"group_id": n.bni, "person_id": n.keep, "role": "member", "joined_on": date(2025, 6, 1)},
    )
    add_provenance(store, n.ws, n.keep, "uid-ann")
    add_provenance(store, n.ws, n.drop, "uid-annie")
    writes.mark_distinct(store, n.ws, n.drop, n.cal)
    writes.mark_distinct(store, n.ws, n.keep, n.cal)
    writes.mark_distinct(store, n.ws, n.drop, n.bob)
    return n


def test_undo_restores_the_database_exactly(store: Store, twins: Network) -> None:
    n = twins
    before = database_rows(store)
    result = writes.merge_people(store, n.ws, n.keep, n.drop)
    assert without_merges(database_rows(store)) != without_merges(before)
    undone = writes.undo_merge(store, n.ws)
    assert undone.merge.id == result.merge.id
    assert undone.notes == []
    assert without_merges(database_rows(store)) == without_merges(before)
    [record] = merge.list_merges(store, n.ws)
    assert record.undone_at is not None
    with pytest.raises(Conflict, match=f"merge #{record.id} was already undone"):
        writes.undo_merge(store, n.ws, record.id)
    with pytest.raises(NotFound, match="there is no merge to undo"):
        writes.undo_merge(store, n.ws)


def test_the_merge_moves_provenance_marks_and_joins_open_memberships(
    store: Store, twins: Network
) -> None:
    n = twins
    merged = writes.merge_people(store, n.ws, n.keep, n.drop).person
    with store.engine.connect() as conn:
        sources = conn.execute(select(t.field_source.c.person_id)).scalars().all()
        keys = conn.execute(select(t.external_key.c.value, t.external_key.c.person_id)).all()
    assert sources == [n.keep, n.keep]
    assert sorted(keys) == [("uid-ann", n.keep), ("uid-annie", n.keep)]
    bni = [m for m, g in groups.memberships_of(store, n.ws, n.keep) if g.id == n.bni]
    assert [(m.role.value, m.joined_on, m.left_on) for m in bni] == [
        ("leader", date(2025, 6, 1), None)
    ]
    pairs, _ = merge.duplicates(store, n.ws, min_score=0.0)
    assert pairs == []
    with store.engine.connect() as conn:
        marks = conn.execute(select(t.person_distinct.c.first_id, t.person_distinct.c.second_id))
        assert sorted(marks.all()) == sorted(
            [(min(n.keep, n.cal), max(n.keep, n.cal)), (min(n.keep, n.bob), max(n.keep, n.bob))]
        )
    assert merged.emails == ["ann@acme.example", "ann.lee@home.example"]
    assert merged.phones == ["555 0100", "555 0199"]
    assert merged.urls == ["https://ann.example", "https://annie.example"]
    assert people.get_person(store, n.ws, n.keep) == merged


def test_conflicting_fields_keep_the_first_unless_taken(store: Store, twins: Network) -> None:
    n = twins
    asked = merge.merge_conflicts(store, n.ws, n.keep, n.drop)
    assert [(c.field, c.kept_value, c.dropped_value) for c in asked] == [
        ("name", "Ann Lee", "Annie Lee"),
        ("company", "Acme", "Acme Corp"),
        ("title", "CFO", "Finance lead"),
    ]
    with pytest.raises(InvalidInput, match="cannot take colour"):
        writes.merge_people(store, n.ws, n.keep, n.drop, take=["colour"])
    result = writes.merge_people(store, n.ws, n.keep, n.drop, take=["title"])
    assert (result.person.name, result.person.company, result.person.title) == (
        "Ann Lee",
        "Acme",
        "Finance lead",
    )
    assert result.person.location == "Edina"  # empty on the kept side: filled, no conflict
    assert [(c.field, c.chosen, c.left_behind) for c in result.merge.choices] == [
        ("name", "Ann Lee", "Annie Lee"),
        ("company", "Acme", "Acme Corp"),
        ("title", "Finance lead", "CFO"),
    ]
    assert merge.list_merges(store, n.ws)[0].choices == result.merge.choices


def test_later_records_and_edits_stay_with_the_kept_person(store: Store, twins: Network) -> None:
    n = twins
    writes.merge_people(store, n.ws, n.keep, n.drop)
    later = log(store, n.ws, [n.me, n.keep], days=30, kind="one-on-one")
    writes.edit_person(
        store,
        n.ws,
        n.keep,
        {"title": "CEO", "location": "Bloomington", "tags": ["bni", "vip", "board"]},
    )
    undone = writes.undo_merge(store, n.ws)
    ann, annie = people.get_person(store, n.ws, n.keep), people.get_person(store, n.ws, n.drop)
    assert ann.title == "CEO"  # changed after the merge: stays
    assert ann.company == "Acme"
    assert ann.emails == ["ann@acme.example"]
    assert annie.emails == ["ann.lee@home.example"]
    assert annie.phones == ["555 0100", "555 0199"]
    assert annie.tags == ["bni", "vip"]
    assert "board" in ann.tags
    assert later in {i.id for i in interactions.list_interactions(store, n.ws, person_id=n.keep)}
    assert len(interactions.list_interactions(store, n.ws, person_id=n.drop)) == 2
    assert annie.tags == ["bni", "vip"]
    # The merge filled the location from Annie; it was changed since, so it stays.
    assert ann.location == "Bloomington"
    assert annie.location == "Edina"
    assert [note for note in undone.notes if "location" in note] == [
        f"person #{n.keep}: location changed after the merge, left as it is"
    ]


def test_a_merge_that_was_followed_by_another_is_undone_last_first(
    store: Store, twins: Network
) -> None:
    n = twins
    first = writes.merge_people(store, n.ws, n.keep, n.drop).merge
    other = new_person(store, n.ws, "A. Lee")
    second = writes.merge_people(store, n.ws, other, n.keep).merge
    before = database_rows(store)
    with pytest.raises(Conflict, match=f"undo merge #{second.id} first"):
        writes.undo_merge(store, n.ws, first.id)
    assert database_rows(store) == before
    writes.undo_merge(store, n.ws)
    writes.undo_merge(store, n.ws)
    assert {p.name for p in people.list_people(store, n.ws)} >= {"Ann Lee", "Annie Lee", "A. Lee"}


def test_a_removed_kept_person_cannot_be_split(store: Store, twins: Network) -> None:
    n = twins
    done = writes.merge_people(store, n.ws, n.keep, n.drop).merge
    writes.remove_person(store, n.ws, n.keep)
    with pytest.raises(Conflict, match="was removed after merge"):
        writes.undo_merge(store, n.ws, done.id)
    with pytest.raises(NotFound, match="there is no merge #999"):
        writes.undo_merge(store, n.ws, 999)


def test_a_dropped_id_given_away_comes_back_under_a_new_one(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    keep = new_person(store, ws, "Ann Lee", emails=["ann@acme.example"])
    drop = new_person(store, ws, "Ann Lee", emails=["ann@home.example"])
    log(store, ws, [workspace.owner_id or 0, drop])
    writes.merge_people(store, ws, keep, drop)
    newcomer = new_person(store, ws, "Zed Newcomer")
    undone = writes.undo_merge(store, ws)
    if newcomer == drop:  # SQLite hands out the highest free id again
        assert undone.restored.id != drop
    else:
        assert undone.restored.id == drop
    assert undone.restored.emails == ["ann@home.example"]
    restored = undone.restored.id or 0
    assert len(interactions.list_interactions(store, ws, person_id=restored)) == 1
    assert people.get_person(store, ws, newcomer).name == "Zed Newcomer"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=networks())
def test_merge_then_undo_is_no_change_at_all(store: Store, plan: dict[str, Any]) -> None:
    ws, ids = build_network(store, plan)
    keep, drop = (ids[i] for i in plan["merge"])
    before = without_merges(database_rows(store))
    try:
        writes.merge_people(store, ws, keep, drop)
    except Conflict:
        return
    writes.undo_merge(store, ws)
    assert without_merges(database_rows(store)) == before
