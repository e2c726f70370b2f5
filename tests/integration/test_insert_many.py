"""storage.inserts.insert_many writes exactly what SQLAlchemy's own executemany writes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from netweave.domain.identity import linkedin_slug as full_linkedin_slug
from netweave.importers._contact import linkedin_slug
from netweave.services import workspaces
from netweave.storage import Store
from netweave.storage import tables as t
from netweave.storage.inserts import _statement, insert_many, insert_values

WHEN = datetime(2025, 3, 4, 5, 6, 7, 89, tzinfo=UTC)


def _person(ws: int, number: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": 1000 + number,
        "workspace_id": ws,
        "name": f"Person {number}",
        "given_name": None,
        "met_on": date(2024, 1, 1 + number % 28) if number % 2 else None,
        "admired": number % 3 == 0,
        "intriguing": False,
        "urls": [f"https://example.org/{number}"] if number % 4 else [],
        # The same moment written in another zone is the same UTC value.
        "created_at": WHEN.astimezone(timezone(timedelta(hours=2))) if number % 5 else WHEN,
        "updated_at": WHEN + timedelta(seconds=number),
        **extra,
    }


def _stored(store: Store, ws: int) -> list[dict[str, Any]]:
    columns = ("id", "name", "given_name", "met_on", "admired", "urls", "created_at", "updated_at")
    with store.transaction() as conn:
        rows = conn.execute(
            select(*(t.person.c[c] for c in columns))
            .where(t.person.c.workspace_id == ws)
            .order_by(t.person.c.id)
        )
        return [dict(row._mapping) for row in rows if row.id >= 1000]


def test_rows_read_back_as_written(store: Store) -> None:
    ws = workspaces.init_workspace(store, me="Me").id
    assert ws is not None
    rows = [_person(ws, n) for n in range(12)]
    with store.transaction() as conn:
        insert_many(conn, t.person, rows)
    found = _stored(store, ws)
    assert [r["id"] for r in found] == [r["id"] for r in rows]
    for row, back in zip(rows, found, strict=True):
        assert back["met_on"] == row["met_on"]
        assert back["admired"] is row["admired"]
        assert back["urls"] == row["urls"]
        assert back["created_at"] == WHEN
        assert back["created_at"].tzinfo is not None
        assert back["updated_at"] == row["updated_at"]


def test_rows_that_are_not_alike_take_the_ordinary_path(store: Store) -> None:
    """A row missing a column gets the column's default, as with SQLAlchemy's executemany."""
    ws = workspaces.init_workspace(store, me="Me").id
    assert ws is not None
    short = _person(ws, 1)
    del short["intriguing"], short["admired"]
    rows = [_person(ws, 0), short]
    with store.transaction() as conn:
        insert_many(conn, t.person, rows[:1])
        insert_many(conn, t.person, [short])
    found = _stored(store, ws)
    assert [r["admired"] for r in found] == [True, False]
    with store.transaction() as conn:
        insert_many(conn, t.person, [])
    assert len(_stored(store, ws)) == 2


def test_the_quick_linkedin_reading_agrees_with_the_full_one() -> None:
    for url in (
        "https://www.linkedin.com/in/Ann-Lee-4b2a1c9",
        "https://www.linkedin.com/in/ann.lee/",
        "https://www.linkedin.com/in/ab",
        "https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m",
        "https://www.linkedin.com/in/a_b/details/",
        "https://www.linkedin.com/company/acme",
        "http://linkedin.com/in/plain",
        "https://www.linkedin.com/in/" + "x" * 101,
    ):
        assert linkedin_slug(url) == full_linkedin_slug(url), url


def test_rows_given_as_values_read_back_as_dicts_do(store: Store) -> None:
    """insert_values (a tuple per row, any column order) writes what insert_many writes."""
    ws = workspaces.init_workspace(store, me="Me").id
    assert ws is not None
    rows = [_person(ws, n) for n in range(12)]
    columns = tuple(reversed(list(rows[0])))  # not the table's order
    with store.transaction() as conn:
        insert_values(conn, t.person, columns, [tuple(r[c] for c in columns) for r in rows[:6]])
        insert_many(conn, t.person, rows[6:])
    found = _stored(store, ws)
    assert [r["id"] for r in found] == [r["id"] for r in rows]
    for row, back in zip(rows, found, strict=True):
        assert (back["met_on"], back["admired"], back["urls"]) == (
            row["met_on"],
            row["admired"],
            row["urls"],
        )
        assert back["created_at"] == WHEN


def test_equal_json_lists_are_written_once_but_alike_ones_apart(store: Store) -> None:
    """Lists of texts are converted once per distinct list; [1] and [True] stay themselves."""
    ws = workspaces.init_workspace(store, me="Me").id
    assert ws is not None
    lists: list[list[Any]] = [["https://a.org"], ["https://a.org"], [], [], [1], [True], [1.0]]
    rows = [{**_person(ws, n), "urls": urls} for n, urls in enumerate(lists)]
    with store.transaction() as conn:
        insert_many(conn, t.person, rows)
    back = [r["urls"] for r in _stored(store, ws)]
    assert back == lists
    assert [type(v[0]) for v in back[4:]] == [int, bool, float]


def test_the_json_columns_of_people_and_sources_are_converted_once_per_list(store: Store) -> None:
    """``urls``, ``address`` and a source's ``fields`` are JSONList columns (JSON's processing
    on SQLite): equal lists of texts are converted once, not once a row."""
    with store.transaction() as conn:
        dialect = conn.dialect
    if dialect.paramstyle != "qmark":
        pytest.skip("the prepared path is SQLite's (PostgreSQL batches rows itself)")
    for table, column in ((t.person, "urls"), (t.person, "address"), (t.field_source, "fields")):
        columns = tuple(c.name for c in table.c)
        prepared = _statement(table, dialect, columns)
        assert prepared is not None
        _, order, processors = prepared
        repeats = {order[position]: how for position, _, how in processors}
        assert repeats[column] == "texts", (table.name, column)
