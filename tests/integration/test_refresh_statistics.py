"""After a bulk load, PostgreSQL's planner statistics are refreshed for netweave's own tables
only: a bare ANALYZE would read (and lock) every table of the database, other schemas' and
other programs' too (storage.bulk.refresh_statistics)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text

from netweave.storage import Store
from netweave.storage.bulk import refresh_statistics
from tests.conftest import postgres_schema, postgres_url


@pytest.fixture
def neighbour() -> Iterator[str]:
    """Another schema on the same server, with a table of its own holding rows."""
    for schema in postgres_schema():
        engine = create_engine(postgres_url(schema))
        try:
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE theirs (n integer)"))
                conn.execute(text("INSERT INTO theirs SELECT generate_series(1, 100)"))
        finally:
            engine.dispose()
        yield schema


def _analysed(conn: Connection, schema: str, table: str) -> bool:
    found = conn.execute(
        text(
            "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
            "WHERE schemaname = :schema AND relname = :table"
        ),
        {"schema": schema, "table": table},
    ).scalar_one()
    return bool(found)


def test_only_netweaves_own_tables_are_analysed(neighbour: str) -> None:
    for schema in postgres_schema():
        store = Store.open(postgres_url(schema), create=True)
        try:
            with store.engine.begin() as conn:
                refresh_statistics(conn)
            with store.engine.begin() as conn:
                assert _analysed(conn, schema, "person")
                assert _analysed(conn, schema, "interaction")
                assert not _analysed(conn, neighbour, "theirs")
        finally:
            store.close()
