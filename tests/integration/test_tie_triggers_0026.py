"""Migration 0026: a database made before it gets tie strength's triggers as they are now
(seconds by julianday, one look-up of a kind's row), with the same values as before."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, select, text

from netweave.sample import build_sample_workspace
from netweave.storage import Store, migrate, tie_state
from netweave.storage import tables as t

OLD_VALUE = "(coalesce((SELECT k.weight FROM tie_kind"
NEW_VALUE = "coalesce((SELECT k.weight * coalesce("


def _trigger_sql(conn: Connection) -> str:
    """The SQL of the trigger that adds a touch's pairs, as the database holds it."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'tie_participant_added'")
        ).scalar()
    else:
        found = conn.execute(
            text(
                "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema() AND p.proname = 'tie_participant_changed'"
            )
        ).scalar()
    assert found is not None
    return str(found)


def _written_again(conn: Connection, ws: int) -> tuple[list[Any], list[Any]]:
    """Every touch of ``ws`` written again through the triggers (its kind set to itself:
    the trigger on a touch's change computes its seconds and value again, and its pairs
    are rebuilt), then the state they keep."""
    conn.execute(text("UPDATE interaction SET kind = kind WHERE workspace_id = :ws"), {"ws": ws})
    touch, pair = t.tie_touch, t.tie_pair
    touches = conn.execute(
        select(touch)
        .where(touch.c.workspace_id == ws)
        .order_by(touch.c.a, touch.c.b, touch.c.interaction_id)
    ).all()
    pairs = conn.execute(
        select(pair).where(pair.c.workspace_id == ws).order_by(pair.c.a, pair.c.b)
    ).all()
    return [tuple(row) for row in touches], [tuple(row) for row in pairs]


def _same(after: list[Any], before: list[Any]) -> None:
    assert len(after) == len(before)
    for mine, theirs in zip(after, before, strict=True):
        assert len(mine) == len(theirs)
        for a, b in zip(mine, theirs, strict=True):
            if isinstance(b, float):
                assert a == pytest.approx(b, rel=1e-9, abs=1e-300), (mine, theirs)
            else:
                assert a == b, (mine, theirs)


def test_a_database_at_0024_gets_the_new_tie_triggers_and_the_same_values(
    database_url: str,
) -> None:
    store = Store.open(database_url, create=True)
    try:
        ws = build_sample_workspace(store, size=30, name="sample", years=1.5).id
        assert ws is not None
        with store.transaction() as conn:
            tie_state.fresh(conn, ws)  # a stored rhythm and kinds: values under them
    finally:
        store.close()
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            migrate.downgrade_schema(conn, "0024")  # as a netweave before 0026 left it
            assert migrate.current_revision(conn) == "0024"
            sql = _trigger_sql(conn)
            assert OLD_VALUE in sql
            assert NEW_VALUE not in sql
            if conn.dialect.name == "sqlite":
                assert "strftime('%s'" in sql
                assert "julianday" not in sql
            before = _written_again(conn, ws)
            assert len(before[0]) > 50, "touches"
            assert before[1], "pairs"
            migrate.upgrade_schema(conn)
            assert migrate.current_revision(conn) == migrate.HEAD == "0026"
            sql = _trigger_sql(conn)
            assert NEW_VALUE in sql
            assert OLD_VALUE not in sql
            if conn.dialect.name == "sqlite":
                assert "julianday" in sql
                assert "strftime" not in sql
            after = _written_again(conn, ws)
    finally:
        engine.dispose()
    _same(after[0], before[0])
    _same(after[1], before[1])
    # The state the new triggers keep is the one a rebuild gives.
    store = Store.open(database_url)
    try:
        with store.transaction() as conn:
            tie_state.rebuild(conn, ws, keep_rhythm=True)
            rebuilt = _written_again(conn, ws)
    finally:
        store.close()
    _same(rebuilt[0], after[0])
    _same(rebuilt[1], after[1])
