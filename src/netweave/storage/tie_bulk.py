"""Tie strength's state for many interactions written at once (an import, a sync, the sample):
the triggers stand aside while they are written, then their touches and pairs are added in a
few set queries per chunk, as the triggers would have it (:mod:`netweave.storage.tie_state`
keeps the rules of the state; this module only its bulk path). The people's last touches
(:mod:`netweave.storage.last_touch`) are taken in the same way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Column, Connection, Integer, MetaData, Table, delete, insert, select, text

from netweave.analytics.rhythm import FALLBACK_HALF_LIFE
from netweave.storage import last_touch
from netweave.storage import tables as t
from netweave.storage.tie_state import _add_pairs, add_touches, quietly
from netweave.storage.tie_triggers import decayed_sql, kind_sql, value_sql

BULK = 50
"""From this many interactions written at once, their state is added set-based."""


@contextmanager
def bulk_touches(conn: Connection, ws: int, interaction_ids: list[int]) -> Iterator[None]:
    """Around the writing of the participants of ``interaction_ids`` (new interactions, many):
    the triggers stand aside, then the state of those touches and their pairs is added in a
    few set queries, as the triggers would have it (fewer than :data:`BULK`: the triggers)."""
    if len(interaction_ids) < BULK:
        yield
        return
    with quietly(conn):
        yield
        touches_added(conn, ws, interaction_ids)


_new = Table(
    "netweave_new_interaction",
    MetaData(),
    Column("interaction_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)
"""A chunk of the interactions :func:`touches_added` takes in: the same statements for every
chunk (ids written into the SQL made a new statement per chunk, each kept by the driver's
and SQLAlchemy's caches: 70 MB over a million-row contact log)."""
_pairs = Table(
    "netweave_new_pair",
    MetaData(),
    Column("a", Integer, primary_key=True),
    Column("b", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)
"""The pairs the chunk touches (looked up by key in ``tie_pair`` and ``tie_touch``)."""
_CHUNK = 10_000
_NEW = "SELECT interaction_id FROM netweave_new_interaction"


_ONCE = "netweave.tie_bulk.pairs_once"
"""The connection's ``info`` key that marks :func:`pairs_once` in force."""


@contextmanager
def pairs_once(conn: Connection, ws: int) -> Iterator[None]:
    """Inside, the bulk writes of touches (:func:`touches_added`) add their ``tie_touch`` rows
    at once and settle their pairs when the block ends, each pair once.

    A pair's decay depends on its whole span, so settling a pair reads all of its touches:
    an import of a million-row log settled its 2,000 pairs again for every chunk of 10,000,
    reading each pair's touches a hundred times (the time grew with the square of the
    file). Nothing inside may read the pairs: an import's writing of its interactions, the
    sample's loading. Nested blocks are one block; on an error nothing is settled (the
    transaction is rolled back)."""
    if _ONCE in conn.info:
        yield
        return
    conn.info[_ONCE] = False  # True once a bulk write made the tables
    try:
        yield
    finally:
        made = conn.info.pop(_ONCE)
    if made:
        _settle(conn, ws)
        _drop_tables(conn)


def touches_added(conn: Connection, ws: int, interaction_ids: list[int]) -> None:
    """The state of new interactions (their participants written with the triggers quiet):
    their ``tie_touch`` rows, and their pairs rebuilt under the stored rhythm (inside
    :func:`pairs_once`, when the block ends)."""
    once = _ONCE in conn.info
    if not once or not conn.info[_ONCE]:
        _fresh_tables(conn)
        if once:
            conn.info[_ONCE] = True
    value = value_sql(kind_sql("i.kind"), "i.duration_minutes", "i.workspace_id")
    for start in range(0, len(interaction_ids), _CHUNK):
        conn.execute(delete(_new))
        conn.execute(
            insert(_new),
            [{"interaction_id": int(i)} for i in interaction_ids[start : start + _CHUNK]],
        )
        _planned(conn, _new)
        add_touches(conn, value, f"i.id IN ({_NEW})")
        conn.execute(
            text(
                "INSERT INTO netweave_new_pair (a, b) SELECT DISTINCT a, b FROM tie_touch "
                f"WHERE interaction_id IN ({_NEW}) AND NOT EXISTS (SELECT 1 FROM "
                "netweave_new_pair n WHERE n.a = tie_touch.a AND n.b = tie_touch.b)"
            )
        )
        last_touch.added_in_bulk(conn, _NEW)
        if not once:
            _settle(conn, ws)
    if not once:
        _drop_tables(conn)


def _fresh_tables(conn: Connection) -> None:
    for table in (_new, _pairs):
        table.drop(conn, checkfirst=True)  # left over by a failed write on this connection
        table.create(conn)


def _drop_tables(conn: Connection) -> None:
    _new.drop(conn)
    _pairs.drop(conn)


def _settle(conn: Connection, ws: int) -> None:
    """The pairs in ``netweave_new_pair`` counted again from their touches, under the stored
    rhythm; the table emptied for the next."""
    touched = "SELECT a, b FROM netweave_new_pair"
    _planned(conn, _pairs)
    conn.execute(text(f"DELETE FROM tie_pair WHERE (a, b) IN ({touched})"))
    _add_pairs(conn, ws, f"(a, b) IN ({touched})")
    r = t.tie_rhythm.c
    kept = conn.execute(select(r.ref_sec, r.half_life).where(r.workspace_id == ws)).first()
    ref, half_life = (0.0, FALLBACK_HALF_LIFE) if kept is None else (kept.ref_sec, kept.half_life)
    decayed = decayed_sql("tie_pair", "tie_pair.first_sec", "tie_pair.last_sec", ":ref", ":h")
    conn.execute(
        text(f"UPDATE tie_pair SET decayed = {decayed} WHERE (a, b) IN ({touched})"),
        {"ref": float(ref), "h": float(half_life)},
    )
    conn.execute(delete(_pairs))


def _planned(conn: Connection, chunk: Table) -> None:
    """PostgreSQL's statistics of a temporary table of the chunk being added (this session's
    own, so ANALYZE takes no lock another writer waits for). Without them the chunk's join
    was planned as nested full scans of the participants (minutes for 40,000 interactions
    written in the same transaction). The shared tables are not analysed here: ANALYZE
    holds a lock that conflicts with itself until the transaction ends, so two bulk writers
    deadlocked."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"ANALYZE {chunk.name}")


__all__ = ["BULK", "bulk_touches", "pairs_once", "touches_added"]
