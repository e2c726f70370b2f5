"""Keep-in-touch cadences stored for people, groups and tags, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netweave.domain import Workspace
from netweave.errors import InvalidInput
from netweave.services import cadence, exchange, groups, people, review
from netweave.storage import Store
from tests import writes
from tests.integration.snapshot import database_rows

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _ws(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def _touch(store: Store, ws: int, me: int, other: int, days_ago: float) -> None:
    writes.log_interaction(
        store,
        ws,
        {
            "kind": "call",
            "occurred_at": NOW - timedelta(days=days_ago),
            "participant_ids": [me, other],
        },
    )


@pytest.fixture
def network(store: Store, workspace: Workspace) -> dict[str, int]:
    """Me and four people each last touched 40 days ago, once (acquaintance ties)."""
    ws = _ws(workspace)
    me = workspace.owner_id
    assert me is not None
    ids = {"me": me}
    for name, tags in (("Ann", ["client"]), ("Bob", []), ("Cara", ["client"]), ("Dan", [])):
        person = writes.add_person(store, ws, {"name": name, "tags": tags})
        assert person.id is not None
        ids[name] = person.id
        _touch(store, ws, me, person.id, 40)
    bni = writes.add_group(store, ws, {"name": "BNI Northstar", "keep_in_touch_days": 30})
    assert bni.id is not None
    ids["bni"] = bni.id
    for name in ("Bob", "Cara"):
        writes.join_group(store, ws, {"group_id": bni.id, "person_id": ids[name]})
    # Dan left the group: its cadence no longer applies to him.
    writes.join_group(
        store,
        ws,
        {"group_id": bni.id, "person_id": ids["Dan"], "left_on": date(2026, 5, 1)},
    )
    return ids


def _losing(store: Store, ws: int) -> dict[str, str]:
    found = review.review(store, ws, NOW, NOW.date())
    return {note.name: note.reasons[0] for note in found.losing_touch}


def test_the_most_specific_rule_applies_and_the_reason_names_it(
    store: Store, workspace: Workspace, network: dict[str, int]
) -> None:
    ws = _ws(workspace)
    # Without tag rules: the group's 30 days for its members, the layer's year for the others.
    assert _losing(store, ws) == {
        "Bob": "last touch 40 days ago; due every 30 days, as a member of BNI Northstar",
        "Cara": "last touch 40 days ago; due every 30 days, as a member of BNI Northstar",
    }
    assert writes.set_tag_cadence(store, ws, " Client ", 35) == "client"
    writes.edit_person(store, ws, network["Bob"], {"keep_in_touch_days": 60})
    assert _losing(store, ws) == {
        "Ann": "last touch 40 days ago; due every 35 days, for people tagged client",
        # A tag is more specific than a group, even with a longer cadence.
        "Cara": "last touch 40 days ago; due every 35 days, for people tagged client",
    }
    # Bob's own 60 days wins over his group's 30.
    assert cadence.cadence_note(store, ws, network["Bob"], NOW, tie=None) == (
        "every 60 days, set for them; no touch yet"
    )


def test_any_logged_touch_resets_the_clock(
    store: Store, workspace: Workspace, network: dict[str, int]
) -> None:
    ws = _ws(workspace)
    _touch(store, ws, network["me"], network["Bob"], 2)
    assert list(_losing(store, ws)) == ["Cara"]
    ties = review.ego_ties(store, ws, NOW)
    note = cadence.cadence_note(store, ws, network["Bob"], NOW, tie=ties.of(network["Bob"]))
    assert note == "every 30 days, as a member of BNI Northstar; next touch due 2026-06-29"


def test_tag_cadences_are_stored_changed_and_removed(
    store: Store, workspace: Workspace, network: dict[str, int]
) -> None:
    ws = _ws(workspace)
    writes.set_tag_cadence(store, ws, "client", 35)
    writes.set_tag_cadence(store, ws, "board", 90)
    writes.set_tag_cadence(store, ws, "client", 14)
    assert cadence.tag_cadences(store, ws) == {"board": 90, "client": 14}
    writes.set_tag_cadence(store, ws, "board", None)
    assert cadence.tag_cadences(store, ws) == {"client": 14}


@pytest.mark.parametrize(
    ("tag", "days", "field"),
    [("client", -1, "days"), ("client", 3651, "days"), ("!bad", 30, "tag"), ("", 30, "tag")],
)
def test_a_bad_tag_cadence_is_refused_and_writes_nothing(
    store: Store, workspace: Workspace, tag: str, days: int, field: str
) -> None:
    ws = _ws(workspace)
    before = database_rows(store)
    with pytest.raises(InvalidInput) as caught:
        writes.set_tag_cadence(store, ws, tag, days)
    assert caught.value.field == field
    assert database_rows(store) == before


def test_a_bad_person_or_group_cadence_is_refused(
    store: Store, workspace: Workspace, network: dict[str, int]
) -> None:
    ws = _ws(workspace)
    with pytest.raises(InvalidInput) as caught:
        writes.edit_person(store, ws, network["Ann"], {"keep_in_touch_days": 0})
    assert caught.value.field == "keep_in_touch_days"
    with pytest.raises(InvalidInput):
        writes.edit_group(store, ws, network["bni"], {"keep_in_touch_days": -5})
    assert groups.find_group(store, ws, "BNI Northstar").keep_in_touch_days == 30


def test_cadences_survive_export_and_restore(
    store: Store, workspace: Workspace, network: dict[str, int]
) -> None:
    ws = _ws(workspace)
    writes.set_tag_cadence(store, ws, "client", 35)
    writes.edit_person(store, ws, network["Ann"], {"keep_in_touch_days": 10})
    document = exchange.export_workspace(store, ws)
    assert document["workspace"]["keep_in_touch_days_by_tag"] == {"client": 35}
    copy = exchange.restore_workspace(store, document, name="copy")
    assert copy.id is not None
    assert cadence.tag_cadences(store, copy.id) == {"client": 35}
    assert people.find_person(store, copy.id, "Ann").keep_in_touch_days == 10
    assert groups.find_group(store, copy.id, "BNI Northstar").keep_in_touch_days == 30
    again = exchange.export_workspace(store, copy.id)
    assert exchange.dumps({**again, "workspace": {**again["workspace"], "name": "x"}}) == (
        exchange.dumps({**document, "workspace": {**document["workspace"], "name": "x"}})
    )


def test_an_export_without_tag_cadences_restores_and_a_bad_one_is_refused(
    store: Store, workspace: Workspace
) -> None:
    ws = _ws(workspace)
    document = exchange.export_workspace(store, ws)
    del document["workspace"]["keep_in_touch_days_by_tag"]
    older = exchange.restore_workspace(store, document, name="older")
    assert older.id is not None
    assert cadence.tag_cadences(store, older.id) == {}
    document["workspace"]["keep_in_touch_days_by_tag"] = {"client": "often"}
    with pytest.raises(InvalidInput) as caught:
        exchange.restore_workspace(store, document, name="bad")
    assert caught.value.field == "workspace.keep_in_touch_days_by_tag.days"
