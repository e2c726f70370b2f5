"""Opening databases: missing, new, reopened, newer, foreign, locked; and the migrations."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from netweave.errors import StorageError
from netweave.services import people, workspaces
from netweave.storage import Store, migrate
from netweave.storage.tables import metadata
from tests import writes


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def missing_database_url(database_url: str, tmp_path: Path) -> str:
    """A database that does not exist: a file never made, or a database never created."""
    if is_sqlite(database_url):
        return f"sqlite:///{tmp_path / 'nowhere' / 'netweave.db'}"
    return (
        make_url(database_url)
        .set(database="netweave_no_such_database")
        .render_as_string(hide_password=False)
    )


def test_a_missing_database_is_refused_with_a_hint(database_url: str, tmp_path: Path) -> None:
    url = missing_database_url(database_url, tmp_path)
    with pytest.raises(StorageError) as caught:
        Store.open(url)
    message = str(caught.value)
    if is_sqlite(url):
        assert message.startswith(f"there is no database at {tmp_path / 'nowhere' / 'netweave.db'}")
        assert "run 'netweave init' first" in message
        assert not (tmp_path / "nowhere").exists()
    else:
        assert message.startswith("cannot open the database")
        assert "netweave_no_such_database" in message


def test_create_makes_the_database_and_reopening_finds_it(database_url: str) -> None:
    created = Store.open(database_url, create=True)
    try:
        ws = workspaces.init_workspace(created, name="mine", me="Robin Vale")
        assert ws.id is not None
        writes.add_person(created, ws.id, {"name": "Ann Lee", "emails": ["ann@example.com"]})
    finally:
        created.close()
    reopened = Store.open(database_url)
    try:
        found = workspaces.open_workspace(reopened, "mine")
        assert found.id == ws.id
        assert found.owner_id == ws.owner_id
        assert [p.name for p in people.list_people(reopened, found.id)] == ["Ann Lee", "Robin Vale"]
        with reopened.transaction() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        reopened.close()
    # Opening with create again changes nothing.
    again = Store.open(database_url, create=True)
    try:
        assert [w.name for w in workspaces.list_workspaces(again)] == ["mine"]
    finally:
        again.close()


def test_the_newest_revision_is_the_one_the_migrations_end_at() -> None:
    assert migrate.head_revision() == migrate.HEAD


def test_a_database_at_the_newest_revision_opens_without_loading_alembic(
    database_url: str,
) -> None:
    Store.open(database_url, create=True).close()
    script = (
        "import sys; from netweave.storage import Store; "
        f"Store.open({database_url!r}).close(); print(sorted(m for m in sys.modules "
        "if m.split('.')[0] == 'alembic'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert loaded.stdout.strip() == "[]", loaded.stdout


def test_create_makes_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "netweave.db"
    Store.open(f"sqlite:///{path}", create=True).close()
    assert path.is_file()


def test_an_existing_empty_database_needs_init(database_url: str) -> None:
    if is_sqlite(database_url):
        sqlite3.connect(make_url(database_url).database or "").close()
    with pytest.raises(StorageError) as caught:
        Store.open(database_url)
    assert "has no netweave tables" in str(caught.value)
    assert "netweave init" in str(caught.value)


def test_a_newer_schema_is_refused(database_url: str) -> None:
    Store.open(database_url, create=True).close()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(StorageError) as caught:
        Store.open(database_url)
    message = str(caught.value)
    assert "was written by a newer version of netweave (schema 9999_from_the_future)" in message
    assert "upgrade netweave" in message
    with pytest.raises(StorageError, match="newer version"):
        Store.open(database_url, create=True)


def test_netweave_tables_without_a_version_stamp_are_refused(database_url: str) -> None:
    Store.open(database_url, create=True).close()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    with pytest.raises(StorageError, match="is not a netweave database"):
        Store.open(database_url)


def test_another_programs_database_is_left_alone(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
        conn.execute(text("INSERT INTO invoices (id, total) VALUES (1, 100)"))
    for create in (False, True):
        with pytest.raises(StorageError) as caught:
            Store.open(database_url, create=create)
        assert "is not a netweave database (it holds other tables)" in str(caught.value)
    with engine.connect() as conn:
        tables = set(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table'")
                if is_sqlite(database_url)
                else text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
        )
        assert conn.execute(text("SELECT total FROM invoices")).scalar_one() == 100
    engine.dispose()
    assert tables == {"invoices"}


@pytest.mark.parametrize("create", [False, True])
def test_a_file_that_is_no_database_is_refused(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Shopping list: milk, eggs, business cards.\n" * 100)
    with pytest.raises(StorageError) as caught:
        Store.open(f"sqlite:///{path}", create=create)
    assert str(caught.value) == f"the database file {path} is not a netweave database or is damaged"
    assert path.read_bytes().startswith(b"Shopping list")


def test_a_bad_url_is_refused() -> None:
    with pytest.raises(StorageError, match="is not a database URL"):
        Store.open("no such thing://x")


def test_an_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError) as caught:
        Store.open("postgresql+psycopg://nobody:secret@127.0.0.1:1/netweave")
    message = str(caught.value)
    assert message.startswith(
        "cannot open the database postgresql+psycopg://nobody:***@127.0.0.1:1"
    )
    assert "secret" not in message


def test_migrations_build_exactly_the_tables_of_the_metadata(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            assert not migrate.has_schema(conn)
            migrate.upgrade_schema(conn)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
            assert differences == [], f"migrations and tables.py differ: {differences}"
            assert migrate.current_revision(conn) == migrate.head_revision()
            names = set(metadata.tables)
            assert names <= set(conn.dialect.get_table_names(conn))
    finally:
        engine.dispose()
    # A migrated database opens as a netweave database and works.
    store = Store.open(database_url)
    try:
        ws = workspaces.init_workspace(store, me="Robin Vale")
        assert ws.owner_id is not None
    finally:
        store.close()


def test_a_created_database_matches_the_metadata_too(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


# SQLite specifics


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000
        assert conn.execute(text("SELECT lower('ÉMILE Ångström')")).scalar_one() == (
            "émile ångström"
        )


def test_the_drivers_timeout_sets_the_busy_timeout(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    store = Store.open(url, create=True, connect_args={"timeout": 0.25})
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 250
    finally:
        store.close()


@pytest.fixture
def locked(database_url: str) -> Iterator[str]:
    """The database, with another program holding an exclusive lock on it."""
    Store.open(database_url, create=True).close()
    if is_sqlite(database_url):
        other = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield database_url
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    engine = create_engine(database_url)
    with engine.connect() as conn:
        conn.execute(text("LOCK TABLE person, workspace IN ACCESS EXCLUSIVE MODE"))
        try:
            yield database_url
        finally:
            conn.rollback()
    engine.dispose()


def short_wait(url: str) -> dict[str, object]:
    """Engine options that give up on a lock after a fraction of a second."""
    if is_sqlite(url):
        return {"connect_args": {"timeout": 0.2}}
    options = make_url(url).query.get("options", "")
    assert isinstance(options, str)
    return {"connect_args": {"options": f"{options} -c lock_timeout=200"}}


def test_a_locked_database_says_so(locked: str) -> None:
    store = Store.open(locked, **short_wait(locked))
    try:
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            workspaces.init_workspace(store, me="Robin Vale")
        elapsed = time.monotonic() - started
    finally:
        store.close()
    assert "is locked by another program" in str(caught.value)
    assert "try again in a moment" in str(caught.value)
    assert elapsed < 2


def test_a_lock_released_in_time_is_waited_for(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    Store.open(url, create=True).close()
    other = sqlite3.connect(tmp_path / "n.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    releaser = threading.Timer(0.2, lambda: other.execute("COMMIT"))
    store = Store.open(url, connect_args={"timeout": 1.5})
    try:
        releaser.start()
        ws = workspaces.init_workspace(store, me="Robin Vale")
        assert ws.id is not None
    finally:
        releaser.join()
        other.close()
        store.close()


def test_every_new_sqlite_database_gets_every_foreign_key(store: Store, tmp_path: Path) -> None:
    # Creating the first database (on either backend) must not change how the next is made.
    later = Store.open(f"sqlite:///{tmp_path / 'later.db'}", create=True)
    try:
        with later.engine.connect() as conn:
            keys = conn.execute(text("PRAGMA foreign_key_list(workspace)")).all()
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        later.close()
    assert [(key.table, key.on_delete) for key in keys] == [("person", "SET NULL")]


def _insert_workspace_1(conn: Connection) -> None:
    """Workspace #1 written as raw SQL, as an older schema holds it."""
    conn.execute(
        text(
            "INSERT INTO workspace (id, name, hourly_value_cents, currency, time_zone, "
            "default_region, created_at) VALUES (1, 'default', 0, 'USD', 'UTC', 'US', "
            "'2026-01-02 03:04:05')"
        )
    )


def test_a_version_1_database_keeps_its_people_when_upgraded(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            migrate.upgrade_schema(conn, "0001")
            _insert_workspace_1(conn)
            conn.execute(
                text(
                    "INSERT INTO person (id, workspace_id, name, company, admired, intriguing, "
                    "created_at, updated_at) VALUES (7, 1, 'Ann Lee', 'Acme', false, false, "
                    "'2026-01-02 03:04:05', '2026-01-02 03:04:05')"
                )
            )
    finally:
        engine.dispose()
    store = Store.open(database_url)
    try:
        found = people.get_person(store, 1, 7)
        assert (found.name, found.company, found.urls, found.linkedin) == (
            "Ann Lee",
            "Acme",
            [],
            None,
        )
        edited = writes.edit_person(store, 1, 7, {"linkedin": "linkedin.com/in/ann-lee"})
        assert edited.linkedin == "ann-lee"
    finally:
        store.close()


def test_a_version_4_database_keeps_its_lengths_and_gains_cadences(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            migrate.upgrade_schema(conn, "0004")
            _insert_workspace_1(conn)
            conn.execute(
                text(
                    "INSERT INTO interaction (id, workspace_id, kind, occurred_at, in_person, "
                    "duration_minutes) VALUES (3, 1, 'call', '2026-01-02 03:04:05', false, 45)"
                )
            )
            migrate.upgrade_schema(conn)
            assert conn.execute(text("SELECT duration_minutes FROM interaction")).scalar() == 45
            # Fractions of a minute now fit; every cadence starts unset.
            conn.execute(text("UPDATE interaction SET duration_minutes = 0.5"))
            assert conn.execute(text("SELECT duration_minutes FROM interaction")).scalar() == 0.5
            assert conn.execute(text("SELECT count(*) FROM tag_cadence")).scalar() == 0
    finally:
        engine.dispose()
