"""What version 2 of the export added survives a restore and still works there.

Plans, provenance (imports, field sources, external keys) and "not the same
person" marks; and a version 1 document, which has none of them, still restores.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from netweave.errors import InvalidInput
from netweave.services import events, exchange, merge, people, plans, workspaces
from netweave.services.database import Store
from netweave.services.imports import import_file
from netweave.services.provenance import sources_of
from tests import writes
from tests.integration.test_exchange_roundtrip import CALENDAR, LINKEDIN

START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def _workspace(store: Store) -> tuple[int, dict[str, int]]:
    """Me, an admired person and two records of the same name said to be two people."""
    workspace = workspaces.init_workspace(store, me="Robin Vale")
    ws = workspace.id
    assert ws is not None
    ids: dict[str, int] = {}
    for key, fields in {
        "mentor": {"name": "Grace Okafor", "admired": True, "title": "Chair"},
        "sam": {"name": "Sam Park", "company": "Acme"},
        "other_sam": {"name": "Sam Park", "company": "Acme"},
    }.items():
        person_id = writes.add_person(store, ws, fields).id
        assert person_id is not None
        ids[key] = person_id
    writes.mark_distinct(store, ws, ids["sam"], ids["other_sam"])
    import_file(store, ws, LINKEDIN)
    import_file(store, ws, CALENDAR)
    event = writes.add_event(store, ws, {"name": "Chamber mixer", "starts_at": START})
    assert event.id is not None
    ids["event"] = event.id
    plans.make_plan(store, ws, event.id, START - timedelta(days=1), expect=[ids["mentor"]])
    return ws, ids


def _named(store: Store, ws: int, name: str) -> list[int]:
    return [p.id for p in people.list_people(store, ws) if p.name == name and p.id is not None]


def _person(store: Store, ws: int, name: str) -> int:
    found = _named(store, ws, name)
    assert len(found) == 1, found
    return found[0]


def test_a_restored_workspace_keeps_plans_sources_keys_and_marks(store: Store) -> None:
    ws, ids = _workspace(store)
    document = exchange.export_workspace(store, ws)
    assert document["version"] == 4
    assert document["plans"][0]["targets"], "the admired person should be a target"
    copy = exchange.restore_workspace(store, json.loads(exchange.dumps(document)), name="copy")
    assert copy.id is not None

    before = plans.saved_plan(store, ws, ids["event"])
    event = next(e for e in events.list_events(store, copy.id) if e.name == "Chamber mixer")
    assert event.id is not None
    after = plans.saved_plan(store, copy.id, event.id)
    assert before is not None
    assert after is not None
    assert after.purpose == before.purpose
    assert [(t.name, t.kind, t.reason) for t in after.targets] == [
        (t.name, t.kind, t.reason) for t in before.targets
    ]

    ann_before = sources_of(store, ws, _person(store, ws, "Ann Lee"))
    ann_after = sources_of(store, copy.id, _person(store, copy.id, "Ann Lee"))
    assert [(s.file, s.locator, s.fields) for s in ann_after] == [
        (s.file, s.locator, s.fields) for s in ann_before
    ]
    assert ann_after
    assert ann_after[0].file == LINKEDIN.name

    # The marks keep the two Sams apart; the keys make a calendar re-import create nothing.
    sams = frozenset(_named(store, copy.id, "Sam Park"))
    assert len(sams) == 2
    for workspace, expected in ((copy.id, False), (ws, False)):
        pairs, _ = merge.duplicates(store, workspace, min_score=0.0)
        found = {frozenset((pair.first_id, pair.second_id)) for pair in pairs}
        assert (frozenset(_named(store, workspace, "Sam Park")) in found) is expected
    writes.unmark_distinct(store, copy.id, *sams)
    pairs, _ = merge.duplicates(store, copy.id, min_score=0.0)
    assert sams in {frozenset((pair.first_id, pair.second_id)) for pair in pairs}
    again = import_file(store, copy.id, CALENDAR)
    assert again.tallies["events"].created == 0
    assert again.tallies["people"].created == 0


OLD_DOCUMENT: dict[str, Any] = {
    "format": "netweave-export",
    "version": 1,
    "workspace": {
        "name": "from version 1",
        "owner": "p1",
        "settings": {"hourly_value_cents": 5000, "time_zone": "UTC"},
        "target_market": {"categories": ["law"]},
    },
    "people": [
        {"ref": "p1", "name": "Robin Vale"},
        {"ref": "p2", "name": "Ann Lee", "emails": ["ann@example.org"], "introduced_by": "p1"},
    ],
    "groups": [{"ref": "g1", "name": "Chamber"}],
    "memberships": [{"group": "g1", "person": "p2", "role": "member"}],
    "events": [{"ref": "e1", "name": "Mixer", "starts_at": "2025-01-01T18:00:00Z", "group": "g1"}],
    "attendance": [{"event": "e1", "person": "p2", "status": "attended", "met": True}],
    "interactions": [
        {"kind": "meal", "occurred_at": "2025-01-02T12:00:00Z", "participants": ["p1", "p2"]}
    ],
    "referrals": [],
    "asks": [],
    "follow_ups": [{"person": "p2", "due_on": "2025-01-09", "reason": "coffee"}],
}


def test_a_version_1_document_still_restores(store: Store) -> None:
    restored = exchange.restore_workspace(store, json.loads(json.dumps(OLD_DOCUMENT)))
    assert restored.id is not None
    document = exchange.export_workspace(store, restored.id)
    assert document["version"] == exchange.VERSION == 4
    assert [p["name"] for p in document["people"]] == ["Robin Vale", "Ann Lee"]
    assert document["people"][1]["introduced_by"] == "p1"
    assert document["interactions"][0]["participants"] == ["p1", "p2"]
    assert document["follow_ups"][0]["reason"] == "coffee"
    for part in ("plans", "imports", "field_sources", "external_keys", "not_the_same", "merges"):
        assert document[part] == []


@pytest.mark.parametrize(
    ("part", "entry", "field"),
    [
        (
            "plans",
            {"event": "e1", "purpose": "meet", "made_at": "2025-01-01T00:00:00Z",
             "targets": [{"person": "p9", "kind": "learn", "reason": "wise"}]},
            "plans[0].targets[0].person",
        ),
        ("plans", {"event": "e7", "purpose": "meet", "made_at": "2025-01-01T00:00:00Z"},
         "plans[0].event"),
        ("field_sources", {"person": "p2", "import": "i4", "fields": ["name"], "locator": "x"},
         "field_sources[0].import"),
        ("external_keys", {"kind": "person", "value": "uid:1"}, "external_keys[0]"),
        ("not_the_same", {"first": "p2", "second": "p2", "marked_at": "2025-01-01T00:00:00Z"},
         "not_the_same[0]"),
        ("imports", {"ref": "i1", "file_name": "a.csv", "format": "linkedin", "sha256": "xyz",
                     "records": 1, "counts": {}, "imported_at": "2025-01-01T00:00:00Z"},
         "imports[0].sha256"),
    ],
)  # fmt: skip
def test_a_bad_entry_in_a_new_part_is_named_and_nothing_is_written(
    store: Store, part: str, entry: dict[str, Any], field: str
) -> None:
    document = {**json.loads(json.dumps(OLD_DOCUMENT)), "version": 2, part: [entry]}
    with pytest.raises(InvalidInput) as error:
        exchange.restore_workspace(store, document)
    assert error.value.field == field
    assert "from version 1" not in [w.name for w in workspaces.list_workspaces(store)]


def test_two_plans_for_one_event_are_refused(store: Store) -> None:
    plan = {"event": "e1", "purpose": "meet", "made_at": "2025-01-01T00:00:00Z"}
    document = {**json.loads(json.dumps(OLD_DOCUMENT)), "version": 2, "plans": [plan, plan]}
    with pytest.raises(InvalidInput, match="second plan") as error:
        exchange.restore_workspace(store, document)
    assert error.value.field == "plans[1]"
