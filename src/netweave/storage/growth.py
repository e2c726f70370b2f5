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


def among_added(interaction_id: Any, mark: int) -> Any:
    """``interaction_id`` is one of the interactions with a participant row above ``mark``:
    SQLite's plan then starts from those few rows (by rowid), not from a person's index."""
    added = t.participant.alias("added")
    rowid = literal_column("added.rowid", Integer)
    return interaction_id.in_(select(added.c.interaction_id).where(rowid > mark))


__all__ = ["among_added", "grows_by_id", "participant_mark"]
