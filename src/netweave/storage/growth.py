"""Counting only the rows added since a count was made (SQLite): the marks that say which.

A value that counts rows (the record counts, a person's touches per month, the owner's
contacts, the circle's touches) is kept by the web app and, while every write since only
added rows to the tables it reads (:meth:`netweave.storage.Store.only_added`), grown by
the rows above the highest row it saw: its mark. SQLite gives a new row an id (a rowid)
above every row's, and one writer at a time commits; PostgreSQL's sequences may commit out
of order, so there a value is counted again instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, func, literal_column, select

from netweave.storage import tables as t


def grows_by_id(conn: Connection) -> bool:
    """Whether rows added later have higher ids than every row seen now: SQLite (one
    writer at a time; a new row's id is above the highest), not PostgreSQL (a sequence's
    ids may commit out of order)."""
    return conn.dialect.name == "sqlite"


def participant_mark() -> Any:
    """The highest row of ``interaction_participant`` (SQLite's rowid), as a column."""
    rows = t.participant.alias("highest")  # its own name: never correlated to a query's
    rowid = literal_column("highest.rowid", Integer)
    found = select(func.coalesce(func.max(rowid), 0)).select_from(rows).correlate(None)
    return found.scalar_subquery()


def mark_now(conn: Connection) -> int:
    """The highest participant row now (SQLite), 0 where nothing grows (PostgreSQL)."""
    return int(conn.execute(select(participant_mark())).scalar_one()) if grows_by_id(conn) else 0


def marks_now(conn: Connection) -> tuple[int, int]:
    """The highest participant row and interaction id now, in one query (SQLite); (0, 0)
    where nothing grows (PostgreSQL)."""
    if not grows_by_id(conn):
        return 0, 0
    interactions = select(func.coalesce(func.max(t.interaction.c.id), 0)).scalar_subquery()
    found = conn.execute(select(participant_mark(), interactions)).one()
    return int(found[0]), int(found[1])


def only_new_interactions(conn: Connection, mark: int, interactions: int) -> bool:
    """Whether every participant row above ``mark`` is of an interaction above the id
    ``interactions`` (none was added to an interaction there was then)."""
    rowid = literal_column("interaction_participant.rowid", Integer)
    # "+ 0": SQLite reads the few rows above the mark, not the interaction index's range.
    of = t.participant.c.interaction_id + 0
    older = select(func.count()).where(rowid > mark, of <= interactions)
    return int(conn.execute(older.select_from(t.participant)).scalar_one()) == 0


def among_added(interaction_id: Any, mark: int) -> Any:
    """``interaction_id`` is one of the interactions with a participant row above ``mark``:
    SQLite's plan then starts from those few rows (by rowid), not from a person's index."""
    added = t.participant.alias("added")
    rowid = literal_column("added.rowid", Integer)
    return interaction_id.in_(select(added.c.interaction_id).where(rowid > mark))


__all__ = [
    "among_added",
    "grows_by_id",
    "mark_now",
    "marks_now",
    "only_new_interactions",
    "participant_mark",
]
