"""A large write on SQLite (an import) runs without the file's memory mapping and with its
temporary tables in files, and the connection is given back as it was (storage/store.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection

from netweave.storage import Store
from netweave.storage.store import SQLITE_MMAP_BYTES

MEMORY, FILE = 2, 1
"""PRAGMA temp_store's answers."""


def _settings(conn: Connection) -> tuple[int, int]:
    mmap = conn.exec_driver_sql("PRAGMA mmap_size").scalar_one()
    temp = conn.exec_driver_sql("PRAGMA temp_store").scalar_one()
    return int(mmap), int(temp)


def _failing_large_write(store: Store) -> None:
    with store.transaction(large=True) as conn:
        conn.exec_driver_sql("INSERT INTO kept VALUES (1)")
        raise LookupError("stop")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'n.db'}", create=True)
    yield opened
    opened.close()


def test_a_large_write_is_unmapped_and_the_connection_given_back_as_it_was(store: Store) -> None:
    with store.transaction() as conn:
        assert _settings(conn) == (SQLITE_MMAP_BYTES, MEMORY)
    with store.transaction(large=True) as conn:
        assert _settings(conn) == (0, FILE)
        conn.exec_driver_sql("CREATE TEMPORARY TABLE scratch (n integer)")
        conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
    with store.transaction() as conn:
        assert _settings(conn) == (SQLITE_MMAP_BYTES, MEMORY)


def test_a_large_write_that_fails_leaves_nothing_and_the_connection_as_it_was(
    store: Store,
) -> None:
    with store.transaction() as conn:
        conn.exec_driver_sql("CREATE TABLE kept (n integer)")
    with pytest.raises(LookupError):
        _failing_large_write(store)
    with store.transaction() as conn:
        assert _settings(conn) == (SQLITE_MMAP_BYTES, MEMORY)
        assert conn.exec_driver_sql("SELECT count(*) FROM kept").scalar_one() == 0
