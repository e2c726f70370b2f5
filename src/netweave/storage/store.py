"""The Store: one database (SQLite file or PostgreSQL URL) and its transactions."""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from netweave.errors import NetweaveError, StorageError
from netweave.storage import migrate
from netweave.storage.integrity import refusal
from netweave.storage.reach import DERIVED, reached

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_MMAP_BYTES = 1 << 30
"""Read the file through memory mapping (address space, not memory): analytics that jump
around a million interactions then read pages without a system call each."""
SQLITE_TEMP_STORE = "MEMORY"
"""Where a connection keeps its temporary tables and sorts: the analytics' working tables
(a large write keeps them in files instead, :meth:`Store._begin`)."""


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_setup(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    """What every new SQLite connection needs before netweave uses it."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own lower() folds ASCII only: "Émile" would not match "émile"
        # there while it does on PostgreSQL.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute(f"PRAGMA temp_store={SQLITE_TEMP_STORE}")
        try:
            cursor.execute("SELECT exp(0), ln(1)")
        except sqlite3.OperationalError:  # built without its math functions
            dbapi_connection.create_function("exp", 1, math.exp, deterministic=True)
            dbapi_connection.create_function("ln", 1, math.log, deterministic=True)
        cursor.close()

    return on_connect


def _describe(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"the database file {parsed.database}"
    return f"the database {parsed.render_as_string(hide_password=True)}"


def storage_error(error: DBAPIError, where: str) -> StorageError:
    """A user-facing StorageError for a driver error that is about the database itself."""
    text = str(error.orig).lower()
    # SQLite: "database is locked"; PostgreSQL: "canceling statement due to lock timeout".
    if any(word in text for word in ("locked", "busy", "lock timeout", "could not obtain lock")):
        return StorageError(
            f"{where} is locked by another program",
            hint="close the other netweave or try again in a moment",
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(f"{where} is read-only", hint="check the file's permissions")
    if "file is not a database" in text or "malformed" in text:
        return StorageError(f"{where} is not a netweave database or is damaged")
    if "connection" in text or "could not" in text or "unable to open" in text:
        return StorageError(f"cannot open {where}: {str(error.orig).strip().splitlines()[0]}")
    return StorageError(f"{where}: {str(error.orig).strip().splitlines()[0]}")


_WROTE = "netweave_wrote"


_TABLES = "netweave_wrote_tables"
_ALTERED = "netweave_altered_tables"
"""The tables a transaction's statements changed or removed rows of (not only added)."""
ANY_TABLE = "*"
"""A write whose table is not known (it reaches every table)."""


_DML = re.compile(
    r"\s*(?P<verb>INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(?P<table>\w+)",
    re.IGNORECASE,
)
"""A write given as SQL text (the bulk inserts, the state of the triggers in bulk)."""


_GIVEN_ID = re.compile(r"\s*\(\s*\"?id\"?\s*[,)]", re.IGNORECASE)
"""An insert as SQL text that gives its rows' ids (after the table's name)."""
_WITH_WRITE = re.compile(r"\s*WITH\b.*\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)
"""A write as SQL text after common table expressions (``WITH x AS (...) UPDATE ...``): its
table is not read out of it, so it counts as reaching every table, rows changed."""


def _note_write(
    conn: Connection, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
) -> None:
    if context is None:
        return
    if context.isinsert or context.isupdate or context.isdelete:
        table = getattr(getattr(context.compiled, "statement", None), "table", None)
        name = getattr(table, "name", None)
        known, removed = (name if isinstance(name, str) else ANY_TABLE), bool(context.isdelete)
        # A row given its id (a person restored by an undo, rows of a bulk load) may fall
        # below the highest: counted as a change, so that what was counted is not grown.
        given = context.compiled_parameters[0] if context.compiled_parameters else {}
        added = bool(context.isinsert) and given.get("id") is None
    else:
        found = _DML.match(statement)
        if found is not None:
            verb = found["verb"].upper()
            known, removed = found["table"].lower(), verb.startswith("DELETE")
            given = _GIVEN_ID.match(statement, found.end())
            added = verb.startswith("INSERT") and " OR " not in verb and given is None
        elif _WITH_WRITE.match(statement):
            known, removed, added = ANY_TABLE, True, False
        else:
            return
    # An insert that may update (ON CONFLICT ... DO UPDATE, INSERT OR REPLACE) changes rows.
    added = added and "ON CONFLICT" not in statement.upper()
    conn.info[_WROTE] = True
    # (table, whether rows went: only a removal cascades to the rows referring to them)
    conn.info.setdefault(_TABLES, set()).add((known, removed))
    if not added:
        conn.info.setdefault(_ALTERED, set()).add((known, removed))


@contextmanager
def scratch_writes(conn: Connection) -> Iterator[None]:
    """Writes inside go to temporary tables (a read's working space), not to the records:
    they do not bump :attr:`Store.generation`."""
    wrote = conn.info.get(_WROTE, False)
    tables = set(conn.info.get(_TABLES, ()))
    altered = set(conn.info.get(_ALTERED, ()))
    try:
        yield
    finally:
        conn.info[_WROTE] = wrote
        conn.info[_TABLES] = tables
        conn.info[_ALTERED] = altered


class Store:
    """A database. Build it with :meth:`open`; use :meth:`transaction` for every change."""

    def __init__(self, engine: Engine, *, where: str) -> None:
        self.engine = engine
        self.where = where
        self._noting = threading.Lock()
        self.generation = 0
        """Bumped by every committed transaction that wrote through this Store.

        Readers that keep results computed from the records (the web app's tie
        strengths) compare it to know when to compute again. Writes by other
        processes are not seen here.
        """
        self.written: dict[str, int] = {}
        """Table → the generation of the last committed transaction that reached it: the
        tables it wrote and those its writes reach (:func:`netweave.storage.reach.reached`:
        rows that cascade, state the triggers keep). :meth:`changed` reads it."""
        self.altered: dict[str, int] = {}
        """Table → the generation of the last committed transaction that changed or removed
        rows of it (directly or through what it reached), not only added some:
        :meth:`only_added` reads it."""
        event.listen(engine, "after_cursor_execute", _note_write)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(cls, url: str, *, create: bool = False, **engine_options: Any) -> Store:
        """Open the database at ``url``; with ``create``, make it (and its schema) if missing.

        An older schema is upgraded; a newer one is refused.
        """
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StorageError(
                f"'{url}' is not a database URL", hint="e.g. sqlite:///path/netweave.db"
            ) from None
        where = _describe(url)
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite and parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            if not path.exists():
                if not create:
                    raise StorageError(
                        f"there is no database at {path}",
                        hint="run 'netweave init' first, or pass --db with an existing file",
                    )
                if not path.parent.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **engine_options)
        if is_sqlite:
            # The driver's own ``timeout`` (seconds), when given, is the busy timeout.
            timeout = engine_options.get("connect_args", {}).get("timeout")
            busy_ms = SQLITE_BUSY_TIMEOUT_MS if timeout is None else round(timeout * 1000)
            event.listen(engine, "connect", _sqlite_setup(busy_ms))
        store = cls(engine, where=where)
        try:
            store._prepare_schema(create=create)
            if is_sqlite:
                store._gather_statistics()
        except BaseException:
            engine.dispose()
            raise
        return store

    def _gather_statistics(self) -> None:
        """Give SQLite's planner table statistics once (ANALYZE; 60 ms at 10,000 people).

        Without them it reads whole workspaces through the workspace index where
        the person index finds a few rows (a person page: 33 ms instead of 4 ms).
        :meth:`close` keeps them current with ``PRAGMA optimize``.
        """
        with self.engine.begin() as connection:
            known = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).first()
            if known is None:
                connection.exec_driver_sql("ANALYZE")

    def _prepare_schema(self, *, create: bool) -> None:
        try:
            with self.engine.begin() as connection:
                if not migrate.has_schema(connection):
                    if migrate.has_tables(connection):
                        raise StorageError(
                            f"{self.where} is not a netweave database (it holds other tables)",
                            hint="point --db at a netweave file or a new one",
                        )
                    if not create:
                        raise StorageError(
                            f"{self.where} has no netweave tables",
                            hint="run 'netweave init' to set it up",
                        )
                    migrate.create_schema(connection)
                elif migrate.check_revision(connection, self.where):
                    migrate.upgrade_schema(connection)
        except DBAPIError as error:
            raise storage_error(error, self.where) from None

    @contextmanager
    def transaction(self, *, large: bool = False) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any error.

        A unique rule the database enforces against another writer becomes a Conflict
        naming what is taken (:func:`netweave.storage.integrity.refusal`), never SQL.
        ``large``: a large write (an import); on SQLite it runs in memory that does not
        grow with its size (:meth:`_begin`)."""
        try:
            with self._begin(large=large) as connection:
                info = connection.info
                info.pop(_WROTE, None)
                info.pop(_TABLES, None)
                info.pop(_ALTERED, None)
                try:
                    yield connection
                except (NetweaveError, DBAPIError):
                    raise  # refused input or a database error: the rollback is enough
                except Exception:
                    # Anything else may have left the driver mid-statement (a value SQLite
                    # cannot bind, say): that connection leaves the pool rather than lock
                    # every later request out of its tables.
                    connection.invalidate()
                    raise
        except IntegrityError as error:
            # Another writer got there first (the same email, at the same moment): the
            # rollback is done; what is taken is said in words (storage/integrity.py).
            conflict = refusal(error)
            if conflict is None:
                raise
            raise conflict from None
        except OperationalError as error:
            # About the database itself (locked, gone, full), not about the statement.
            raise storage_error(error, self.where) from None
        tables = info.pop(_TABLES, set())
        altered = info.pop(_ALTERED, set())
        if info.pop(_WROTE, False):
            every = reached(tables)
            # What an update or a removal reaches (cascades) is altered, and the triggers'
            # state whatever reached it (rows added to the records change its rows).
            changed = reached(altered) | (every & DERIVED)
            with self._noting:  # two threads committing at once each count
                generation = self.generation + 1
                for table in every:
                    self.written[table] = generation
                for table in changed:
                    self.altered[table] = generation
                # Published last: who sees the new generation finds what it reached.
                self.generation = generation

    @contextmanager
    def _begin(self, *, large: bool) -> Iterator[Connection]:
        """``engine.begin()``; for a ``large`` write on SQLite, the connection without its
        memory mapping and with its temporary tables in files until the transaction ends,
        its commit (and the write-ahead log's checkpoint there) included. Through the
        mapping, every page of the file an import wrote counted as the process's memory,
        and the sorts of the tie state settled at its end took another 50 MB: a contact log
        of a million rows peaked at 448 MB, 101 MB now (the pages stay in the system's
        cache either way; at 100,000 rows, the same time within noise)."""
        if not large or self.dialect != "sqlite":
            with self.engine.begin() as connection:
                yield connection
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA mmap_size=0")
            connection.exec_driver_sql("PRAGMA temp_store=FILE")
            connection.commit()
            try:
                with connection.begin():
                    yield connection
            finally:
                if not connection.invalidated:
                    connection.exec_driver_sql(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
                    connection.exec_driver_sql(f"PRAGMA temp_store={SQLITE_TEMP_STORE}")
                    connection.commit()

    def changed(self, since: int, tables: Iterable[str]) -> bool:
        """Whether a transaction committed after generation ``since`` reached one of
        ``tables`` (or a table it could not name)."""
        if self.generation == since:
            return False
        written = self.written
        return written.get(ANY_TABLE, 0) > since or any(written.get(t, 0) > since for t in tables)

    def only_added(self, since: int, tables: Iterable[str]) -> bool:
        """Whether every transaction committed after generation ``since`` only added rows
        to ``tables`` (none changed or removed, nor a table it could not name): what was
        counted of them then still holds, and the rows added since complete it."""
        altered = self.altered
        return altered.get(ANY_TABLE, 0) <= since and all(
            altered.get(t, 0) <= since for t in tables
        )

    def close(self) -> None:
        if self.dialect == "sqlite":
            try:
                # Without the mapping too: after a large write, the statistics it makes
                # again read much of the file (:meth:`_begin`).
                with self._begin(large=True) as connection:
                    connection.exec_driver_sql("PRAGMA optimize")
            except DBAPIError:
                pass  # statistics are an optimization; a read-only file keeps the old ones
        self.engine.dispose()


__all__ = ["ANY_TABLE", "Store", "scratch_writes", "storage_error"]
