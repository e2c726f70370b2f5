"""What a lossless export reads besides the records: provenance and identity marks.

Every read returns plain rows in database order (by id), so that an export
lists them in the order a restore wrote them and export → restore → export
stays byte-identical.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select

from netweave.storage import tables as t


def _rows(conn: Connection, table: Table, ws: int, *columns: str) -> list[dict[str, Any]]:
    query = (
        select(*(table.c[name] for name in ("id", *columns)))
        .where(table.c.workspace_id == ws)
        .order_by(table.c.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def import_runs(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """Every import of the workspace, oldest first."""
    return _rows(
        conn, t.import_run, ws, "file_name", "format", "sha256", "records", "counts", "imported_at"
    )


def field_sources(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """Which import set which fields of which person."""
    return _rows(conn, t.field_source, ws, "person_id", "import_id", "fields", "locator")


def external_keys(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """The keys other systems know a person or an event by (UIDs, profile addresses)."""
    return _rows(conn, t.external_key, ws, "kind", "value", "person_id", "event_id")


def distinct_marks(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """Pairs of people said not to be the same person, with when that was said."""
    return _rows(conn, t.person_distinct, ws, "first_id", "second_id", "marked_at")


__all__ = ["distinct_marks", "external_keys", "field_sources", "import_runs"]
