"""Each person's stored last touch equals a count from the records after any writes.

The triggers of storage/last_touch.py keep ``person_last_touch`` through every write
path: logs, edits of a touch's moment and people, removals, merges (participants moved),
person deletions, imports (in bulk), a workspace restored. The writes are the ones tie
strength's state is held to (tests/integration/test_tie_state.py), on SQLite (Hypothesis)
and on both backends (one sequence of each kind of write).
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from sqlalchemy import create_engine, select, text, update

from netweave.errors import NetweaveError
from netweave.services import exchange, workspaces
from netweave.services.imports import import_bytes
from netweave.storage import Store, last_touch, migrate, tie_bulk
from netweave.storage import tables as t
from netweave.storage.people_listing import last_touches
from tests import writes
from tests.integration.test_tie_state import KINDS, PEOPLE, T0, _apply, operations


def _stored_equals_counted(store: Store, ws: int) -> dict[int, datetime]:
    with store.transaction() as conn:
        stored = last_touches(conn, ws)
        counted = last_touch.counted(conn, ws)
    assert stored == counted
    return stored


def _run(
    store: Store, ops: list[tuple[Any, ...]], *, refusals: bool = False
) -> tuple[int, list[int]]:
    """The sample's six touches among five people, then ``ops`` (refused ones only when
    ``refusals``), the stored moments checked after each."""
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    people = [writes.add_person(store, ws, {"name": f"Person {i}"}).id for i in range(PEOPLE)]
    touches: list[int] = []
    for number, ids in enumerate(([0, 1], [1, 2], [2, 3], [3, 4], [0, 2, 4], [4, 0])):
        seed = ("log", ids, 100 * number, KINDS[number], 30.0, number % 2 == 0)
        _apply(store, ws, people, touches, seed)  # type: ignore[arg-type]
    for op in ops:
        try:
            _apply(store, ws, people, touches, op)  # type: ignore[arg-type]
        except NetweaveError:
            if not refusals:
                raise
            event(f"refused: {op[0]}")  # a merged person, a removed touch
        _stored_equals_counted(store, ws)
    return ws, people  # type: ignore[return-value]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_the_last_touch_kept_on_write_equals_a_recount(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'last.db'}", create=True)
        try:
            _run(store, ops, refusals=True)
        finally:
            store.close()


EVERY_WRITE: list[tuple[Any, ...]] = [
    ("log", [0, 1], 7_000, "call", 30.0, True),  # later than every seed: the new last
    ("edit", 6, 50, "meal", None),  # moved back before the others: counted again
    ("move", 1, [2, 4]),  # person 1 leaves that touch, 4 joins it
    ("import", [([0, 3], 7_100), ([1, 2], 10)], True),  # the bulk path, triggers quiet
    ("remove", 0),
    ("merge", 3, 1),
    ("remove", 0),
    ("delete", 2),  # with the touches they were in
]


def test_every_kind_of_write_keeps_the_last_touch(store: Store) -> None:
    ws, people = _run(store, EVERY_WRITE)
    stored = _stored_equals_counted(store, ws)
    # Person 0's last touch is the import's, the latest of all (the log at 7,000 h was moved).
    assert stored[people[0]] == T0 + timedelta(hours=7_100)
    assert people[2] not in stored  # deleted, and their row with them
    # A moment changed in place (the services write a touch's people again with it; the
    # trigger on the moment covers any other writer).
    with store.transaction() as conn:
        latest = conn.execute(
            select(t.participant.c.interaction_id)
            .join(t.interaction, t.interaction.c.id == t.participant.c.interaction_id)
            .where(t.participant.c.person_id == people[0])
            .order_by(t.interaction.c.occurred_at.desc())
            .limit(1)
        ).scalar_one()
        conn.execute(
            update(t.interaction).where(t.interaction.c.id == latest).values(occurred_at=T0)
        )
    assert _stored_equals_counted(store, ws)[people[0]] < stored[people[0]]
    # Every touch gone: no row.
    with store.transaction() as conn:
        conn.execute(text("DELETE FROM interaction WHERE workspace_id = :ws"), {"ws": ws})
    assert _stored_equals_counted(store, ws) == {}


def test_a_bulk_import_sets_the_last_touches_per_chunk(store: Store) -> None:
    """An import of at least tie_bulk.BULK touches: the trigger stands aside and the chunk's
    moments are set in one statement, never moving a moment back."""
    ws, people = _run(store, [])  # the seed's touches, up to 500 h
    lines = ["time,participants,kind,duration_minutes,notes"]
    for row in range(tie_bulk.BULK + 10):
        # Person 0 only before their last touch (500 h); Person 3 long after theirs.
        early, late = ("Person 0; Person 1", 50 + row), ("Person 3; Person 4", 7_000 + row)
        who, hours = early if row % 2 else late
        lines.append(f"{(T0 + timedelta(hours=hours)).isoformat()},{who},call,30,")
    report = import_bytes(store, ws, "\n".join(lines).encode(), "log.csv")
    assert report.tallies["interactions"].created >= tie_bulk.BULK, report
    stored = _stored_equals_counted(store, ws)
    assert stored[people[0]] == T0 + timedelta(hours=500)  # the seed's, not the import's
    assert stored[people[3]] == T0 + timedelta(hours=7_000 + tie_bulk.BULK + 8)
    # The trigger is back for the next single touch.
    later = {"participant_ids": [people[2], people[4]], "kind": "call"}
    writes.log_interaction(store, ws, {**later, "occurred_at": T0 + timedelta(hours=7_500)})
    assert _stored_equals_counted(store, ws)[people[2]] == T0 + timedelta(hours=7_500)


def test_a_merge_and_its_undo_keep_the_last_touch(store: Store) -> None:
    ws, people = _run(store, EVERY_WRITE[:4])
    before = _stored_equals_counted(store, ws)
    writes.merge_people(store, ws, people[3], people[1])  # no touch together
    merged = _stored_equals_counted(store, ws)
    assert people[1] not in merged
    assert merged[people[3]] == max(before[people[1]], before[people[3]])
    writes.undo_merge(store, ws)
    assert _stored_equals_counted(store, ws) == before


def test_a_restored_workspace_gets_its_last_touches(store: Store, tmp_path: Path) -> None:
    ws, _ = _run(store, EVERY_WRITE[:4])
    document = exchange.export_workspace(store, ws)
    other = Store.open(f"sqlite:///{tmp_path / 'restored.db'}", create=True)
    try:
        restored = exchange.restore_workspace(other, document)
        assert restored.id is not None
        assert len(_stored_equals_counted(other, restored.id)) == PEOPLE
    finally:
        other.close()


def test_an_older_database_gets_its_last_touches_counted(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            migrate.upgrade_schema(conn, "0018")
            conn.execute(
                text(
                    "INSERT INTO workspace (id, name, hourly_value_cents, currency, time_zone, "
                    "default_region, my_addresses, created_at) VALUES (1, 'default', 0, 'USD', "
                    "'UTC', 'US', '[]', '2026-01-02 03:04:05')"
                )
            )
            for person in (1, 2, 3):
                conn.execute(
                    text(
                        "INSERT INTO person (id, workspace_id, name, admired, intriguing, "
                        "created_at, updated_at) VALUES (:id, 1, :name, false, false, "
                        "'2026-01-02 03:04:05', '2026-01-02 03:04:05')"
                    ),
                    {"id": person, "name": f"Person {person}"},
                )
            for touch, day, who in ((1, 3, (1, 2)), (2, 9, (1, 3)), (3, 5, (2, 3))):
                conn.execute(
                    text(
                        "INSERT INTO interaction (id, workspace_id, kind, occurred_at, in_person)"
                        " VALUES (:id, 1, 'call', :at, false)"
                    ),
                    {"id": touch, "at": f"2026-03-0{day} 10:00:00.000000"},
                )
                for person in who:
                    conn.execute(
                        text(
                            "INSERT INTO interaction_participant (workspace_id, interaction_id, "
                            "person_id) VALUES (1, :touch, :person)"
                        ),
                        {"touch": touch, "person": person},
                    )
    finally:
        engine.dispose()
    store = Store.open(database_url)  # upgraded on open: 0021 counts what is there
    try:
        stored = _stored_equals_counted(store, 1)
        assert {p: at.day for p, at in stored.items()} == {1: 9, 2: 5, 3: 9}
    finally:
        store.close()
