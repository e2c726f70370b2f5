"""The settings, owner, market, cadence, removal and merge commands carried out: each is
logged, a retry under its idempotency key changes nothing more and answers as the first
one did, and a refusal writes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

import netweave
from netweave.commands import (
    ChangeSettings,
    ChangeTargetMarket,
    MarkDistinct,
    MergePeople,
    RemovePerson,
    SetOwner,
    SetTagCadence,
    UndoMerge,
)
from netweave.domain import Workspace, build
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import cadence, people, workspaces
from netweave.services import merge as merging
from netweave.storage import Store
from netweave.storage import tables as t
from tests.integration.people_network import new_person, ws_of
from tests.integration.snapshot import database_rows

NOW = datetime(2026, 11, 2, 15, tzinfo=UTC)


def _logged(store: Store) -> list[str]:
    with store.engine.begin() as conn:
        return list(conn.execute(select(t.command_log.c.command)).scalars())


def test_each_settings_command_is_logged_once_under_its_key(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    settings = build(ChangeSettings, {"set": {"default_region": "de"}, "idempotency_key": "s-1"})
    first = workspaces.change_settings(store, ws, settings, now=NOW)
    market = build(ChangeTargetMarket, {"set": {"roles": ["Owner"]}, "idempotency_key": "m-1"})
    workspaces.change_target_market(store, ws, market, now=NOW)
    owner = build(SetOwner, {"name": "Dana Wu", "idempotency_key": "o-1"})
    dana = workspaces.set_owner(store, ws, owner, now=NOW)
    tag = build(SetTagCadence, {"tag": "Client", "days": 30, "idempotency_key": "c-1"})
    cadence.set_tag_cadence(store, ws, tag, now=NOW)
    before = database_rows(store)
    assert workspaces.change_settings(store, ws, settings, now=NOW) == first
    assert workspaces.change_target_market(store, ws, market, now=NOW).roles == ["owner"]
    assert workspaces.set_owner(store, ws, owner, now=NOW) == dana
    assert cadence.set_tag_cadence(store, ws, tag, now=NOW) == "client"
    assert database_rows(store) == before
    assert first.default_region == "DE"
    assert dana.created
    assert workspaces.owner_id(store, ws) == dana.person.id
    assert _logged(store) == [
        "change-settings",
        "change-target-market",
        "set-owner",
        "set-tag-cadence",
    ]


def test_a_removal_sent_again_removes_nothing_more(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann, bob = new_person(store, ws, "Ann Lee"), new_person(store, ws, "Bob Ode")
    remove = build(RemovePerson, {"person_id": ann, "idempotency_key": "r-1"})
    assert people.remove_person(store, ws, remove, now=NOW) is not None
    before = database_rows(store)
    assert people.remove_person(store, ws, remove, now=NOW) is None
    assert database_rows(store) == before
    # The key answers for that removal only.
    other = build(RemovePerson, {"person_id": bob, "idempotency_key": "r-1"})
    with pytest.raises(Conflict) as caught:
        people.remove_person(store, ws, other, now=NOW)
    assert caught.value.code == "key-reused"
    assert people.get_person(store, ws, bob).name == "Bob Ode"


def test_a_merge_and_its_undo_sent_again_answer_as_the_first_did(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann, annie = new_person(store, ws, "Ann Lee"), new_person(store, ws, "Annie Lee")
    merge = build(MergePeople, {"keep_id": ann, "drop_id": annie, "idempotency_key": "g-1"})
    first = merging.merge_people(store, ws, merge, now=NOW)
    before = database_rows(store)
    assert merging.merge_people(store, ws, merge, now=NOW) == first
    assert database_rows(store) == before
    undo = build(UndoMerge, {"idempotency_key": "u-1"})
    undone = merging.undo_merge(store, ws, undo, now=NOW)
    before = database_rows(store)
    again = merging.undo_merge(store, ws, undo, now=NOW)
    assert (again.merge, again.kept, again.restored) == (
        undone.merge,
        undone.kept,
        undone.restored,
    )
    assert database_rows(store) == before
    # Without the key, the same undo is refused: it was done.
    with pytest.raises(Conflict, match="was already undone"):
        merging.undo_merge(store, ws, build(UndoMerge, {"merge_id": first.merge.id}), now=NOW)
    assert database_rows(store) == before


def test_marking_two_people_as_two_is_a_command_and_checks_both_are_there(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann, bob = new_person(store, ws, "Ann Lee"), new_person(store, ws, "Bob Ode")
    mark = build(MarkDistinct, {"first_id": ann, "second_id": bob, "idempotency_key": "d-1"})
    assert merging.mark_distinct(store, ws, mark, now=NOW)
    assert not merging.mark_distinct(store, ws, mark, now=NOW)
    before = database_rows(store)
    missing = build(MarkDistinct, {"first_id": ann, "second_id": 999})
    with pytest.raises(NotFound, match="there is no person #999"):
        merging.mark_distinct(store, ws, missing, now=NOW)
    assert database_rows(store) == before
    assert _logged(store) == ["add-person", "add-person", "mark-distinct"]


def test_a_workspace_saved_with_a_region_now_refused_opens_and_can_be_fixed(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    # An older netweave let any two letters in.
    with store.engine.begin() as conn:
        conn.execute(update(t.workspace).values(default_region="ZZ"))
    assert workspaces.get_settings(store, ws).default_region == "ZZ"
    # Changing something else says what is wrong with what is stored, and writes nothing.
    before = database_rows(store)
    with pytest.raises(InvalidInput, match="'ZZ' is not a country") as caught:
        workspaces.change_settings(store, ws, build(ChangeSettings, {"set": {"currency": "USD"}}))
    assert caught.value.field == "default_region"
    assert database_rows(store) == before
    fixed = build(ChangeSettings, {"set": {"default_region": "US", "currency": "USD"}})
    assert workspaces.change_settings(store, ws, fixed).default_region == "US"
    assert workspaces.get_settings(store, ws).currency == "USD"


def test_the_python_api_merges_undoes_and_says_two_are_two(
    database_url: str, store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee", title="CFO")
    annie = new_person(store, ws, "Annie Lee", title="Partner")
    bob = new_person(store, ws, "Bob Ode")
    with netweave.open(database_url) as nw:
        merged = nw.merge_people("Ann Lee", "Annie Lee", take="title")
        assert (merged.person.id, merged.person.title) == (ann, "Partner")
        assert nw.undo_merge().restored.id == annie
        assert nw.mark_distinct("Ann Lee", "Bob Ode")
        assert not nw.mark_distinct(ann, bob)
        assert nw.unmark_distinct(bob, ann)
        with pytest.raises(InvalidInput, match="cannot take emails"):
            nw.merge_people(ann, annie, take=["emails"])
    assert people.get_person(store, ws, ann).title == "CFO"
