"""The JSON export is canonical across backends and keeps the history of merges (issue 13).

Before: an export from SQLite restored into PostgreSQL exported again with other bytes
(PostgreSQL keeps the keys of ``imports[].counts`` in an order of its own), and a merge
made before an export could not be undone after the restore, its history (and a value
kept only in it) lost, while ``export --help`` said lossless.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netweave.domain import Workspace
from netweave.errors import InvalidInput
from netweave.services import exchange, merge, people, workspaces
from netweave.services.database import Store, open_database
from tests import writes
from tests.conftest import postgres_schema, postgres_url
from tests.integration.people_network import Network, ann_twice
from tests.integration.test_exchange_roundtrip import CALENDAR, LINKEDIN, VCARDS, _fill

SPEC = {
    "people": [
        {"name": "Anna Smith", "emails": ["anna@x.org"], "company": "Acme", "tags": ["bni"],
         "notes": "jazz", "admired": True},
        {"name": "Anna Smith", "emails": ["anna@home.example"], "company": "Acme Corp",
         "tags": ["vip"], "notes": None, "admired": False},
        {"name": "Bob Jones", "emails": [], "company": None, "tags": [], "notes": None,
         "admired": False},
    ],
    "groups": ["Chamber"],
    "interactions": [],
    "referrals": [(1, 3, "Zed Corp", 900, None)],
    "asks": [],
    "follow_ups": [(2, "coffee")],
    "imports": [LINKEDIN, VCARDS, CALENDAR],
    "not_the_same": [(1, 3)],
    "plan": True,
}  # fmt: skip


@pytest.fixture
def postgres() -> Iterator[Store]:
    for schema in postgres_schema():
        opened = open_database(postgres_url(schema), create=True)
        try:
            yield opened
        finally:
            opened.close()


def _text(store: Store, ws: int) -> str:
    return exchange.dumps(exchange.export_workspace(store, ws))


def test_sqlite_export_restores_into_postgres_and_exports_the_same_bytes(
    tmp_path: Path, postgres: Store
) -> None:
    sqlite = open_database(f"sqlite:///{tmp_path / 'a.db'}", create=True)
    try:
        ws = _fill(sqlite, {**SPEC, "referrals": []})
        anna = [p for p in people.list_people(sqlite, ws) if p.name == "Anna Smith"]
        assert anna[0].id is not None
        assert anna[1].id is not None
        writes.merge_people(sqlite, ws, anna[0].id, anna[1].id, take=["company"])
        first = _text(sqlite, ws)
    finally:
        sqlite.close()
    document = json.loads(first)
    assert document["version"] == 4
    assert len(document["merges"]) == 1
    assert document["imports"][0]["counts"]  # the key order PostgreSQL changed
    copy = exchange.restore_workspace(postgres, document)
    assert copy.id is not None
    assert _text(postgres, copy.id) == first


def test_the_text_is_canonical_keys_sorted_at_every_level(store: Store) -> None:
    ws = _fill(store, {**SPEC, "referrals": []})
    text = _text(store, ws)

    def check(value: object) -> None:
        if isinstance(value, dict):
            assert list(value) == sorted(value)
            for inner in value.values():
                check(inner)
        elif isinstance(value, list):
            for inner in value:
                check(inner)

    check(json.loads(text))
    assert text == exchange.dumps(json.loads(text))


@pytest.fixture
def twins(store: Store, workspace: Workspace) -> Network:
    network = ann_twice(store, workspace)
    writes.edit_person(store, network.ws, network.keep, {"title": "CFO"})
    writes.edit_person(store, network.ws, network.drop, {"title": "Finance lead"})
    return network


def test_a_merge_restored_from_an_export_can_be_undone(
    store: Store, twins: Network, tmp_path: Path
) -> None:
    n = twins
    dropped_before = people.get_person(store, n.ws, n.drop)
    result = writes.merge_people(store, n.ws, n.keep, n.drop)
    assert result.person.title == "CFO"  # "Finance lead" is now only in the merge
    first = _text(store, n.ws)
    document = json.loads(first)
    [entry] = document["merges"]
    assert (entry["kept_name"], entry["dropped_name"]) == ("Ann Lee", "Ann Lee (phone import)")
    assert entry["dropped"].startswith("person:gone")
    removed = entry["changes"]["person"]["removed"]
    assert [row["title"] for row in removed] == ["Finance lead"]

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}", create=True)
    try:
        # Another database, whose ids differ: a few people first.
        filler = exchange.restore_workspace(other, document, name="filler")
        assert filler.id is not None
        copy = exchange.restore_workspace(other, document, name="copy")
        assert copy.id is not None
        assert _text(other, copy.id) == first.replace('"name": "default"', '"name": "copy"')
        [listed] = merge.list_merges(other, copy.id)
        assert (listed.kept_name, listed.undone_at) == ("Ann Lee", None)
        # A person and a phone written since take, on SQLite, the ids the restore gave the
        # rows the merge removed (the dropped person, a phone): the undo gives them new ones.
        writes.add_person(other, copy.id, {"name": "Dee Ray", "phones": ["555 0123"]})
        undone = writes.undo_merge(other, copy.id)
        assert undone.notes == []
        assert undone.kept.title == "CFO"
        assert undone.restored.title == "Finance lead"
        assert undone.restored.name == dropped_before.name
        assert sorted(undone.restored.emails) == sorted(dropped_before.emails)
        assert undone.restored.phones == dropped_before.phones
        names = sorted(p.name for p in people.list_people(other, copy.id))
        assert "Dee Ray" in names
        assert names.count("Ann Lee") == 1
        assert "Ann Lee (phone import)" in names
        # And the export of the undone merge restores again, byte for byte.
        after = _text(other, copy.id)
        again = exchange.restore_workspace(other, json.loads(after), name="again")
        assert again.id is not None
        assert _text(other, again.id) == after.replace('"name": "copy"', '"name": "again"')
    finally:
        other.close()


def test_a_merge_entry_naming_nothing_is_refused_by_its_place(store: Store, twins: Network) -> None:
    writes.merge_people(store, twins.ws, twins.keep, twins.drop)
    document = json.loads(_text(store, twins.ws))
    document["merges"][0]["kept"] = "p999"
    with pytest.raises(InvalidInput, match=r"refers to 'p999', which is not in the file") as caught:
        exchange.restore_workspace(store, document, name="broken")
    assert caught.value.field == "merges[0].kept"
    assert [w.name for w in workspaces.list_workspaces(store)] == ["default"]
