"""A netweave SQLite file copied row for row into a fresh PostgreSQL schema (bench setup).

The web bench measures the same sample on both backends. Building 10,000 people and a
million touches again through PostgreSQL's triggers would take longer than the bench;
instead every table is copied as it is, the state the triggers keep included (tie
strength's, the last touches), with ``COPY`` and the triggers and keys switched off for
the copying session (``session_replication_role = replica``); then each table's id
sequence is moved past its rows and the planner's statistics are taken.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Integer, create_engine

from netweave.storage import Store
from netweave.storage.tables import metadata


def copy_to_postgres(source: Path, url: str) -> None:
    """Every row of the netweave file ``source`` into the empty database (schema) at ``url``."""
    Store.open(f"sqlite:///{source}").close()  # at the newest schema, as the copy will be
    Store.open(url, create=True).close()
    engine = create_engine(url)
    try:
        with sqlite3.connect(source) as lite, engine.begin() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET TIME ZONE 'UTC'")
            for table in metadata.sorted_tables:
                names = [column.name for column in table.columns]
                quoted = ", ".join(f'"{name}"' for name in names)
                rows = lite.execute(f'SELECT {quoted} FROM "{table.name}"')
                with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
                key = table.columns.get("id")
                if key is not None and key.primary_key and isinstance(key.type, Integer):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                    )
            cursor.execute("SET session_replication_role = DEFAULT")
            for table in metadata.sorted_tables:
                cursor.execute(f'ANALYZE "{table.name}"')
    finally:
        engine.dispose()


__all__ = ["copy_to_postgres"]
