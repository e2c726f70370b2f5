"""Everything a database holds, as plain data, to compare before and after a change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from netweave.storage import Store
from netweave.storage.tables import metadata


def database_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name, table in sorted(metadata.tables.items()):
            found = conn.execute(select(table)).all()
            rows[name] = sorted((tuple(row) for row in found), key=repr)
    return rows


def row_counts(store: Store) -> dict[str, int]:
    return {name: len(rows) for name, rows in database_rows(store).items()}


__all__ = ["database_rows", "row_counts"]
