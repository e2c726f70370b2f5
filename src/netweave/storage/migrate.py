"""Schema versions: create a fresh database, upgrade an older one, refuse a newer one.

Alembic (a tenth of a second to import) is loaded only when a schema is created or
upgraded, or a revision is not the newest: a database at :data:`HEAD` opens without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, MetaData, inspect, text

from netweave.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0026"
"""The newest revision in migrations/versions (a test holds the two equal)."""
VERSION_TABLE = "alembic_version"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "netweave.storage:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a migration
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (read from Alembic's version table), or None."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if found is None else str(found)


def has_schema(connection: Connection) -> bool:
    return inspect(connection).has_table("workspace") or current_revision(connection) is not None


def has_tables(connection: Connection) -> bool:
    """True when the database holds any table at all (ours or another program's)."""
    return bool(inspect(connection).get_table_names())


def create_schema(connection: Connection) -> None:
    """A fresh database: tables from the metadata, stamped at the newest revision."""
    # On a backend with ALTER, create_all adds the workspace-owner key (use_alter)
    # afterwards and marks that constraint "not inline" for good; a SQLite database
    # created later in the same process would then silently lack it. A copy of the
    # metadata takes that mark instead.
    from netweave.storage.tables import metadata  # the whole schema (a read needs a part)

    scratch = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(scratch)
    scratch.create_all(connection)
    from netweave.storage import tie_triggers

    tie_triggers.install(connection)  # tie strength's state, kept on write (0017, 0026)
    tie_triggers.install_totals(connection)  # its sums over the pairs (migration 0020)
    from netweave.storage import last_touch

    last_touch.install(connection)  # each person's latest touch, kept on write (0021, 0024)
    from alembic import command

    command.stamp(_config(connection), "head")


def upgrade_schema(connection: Connection, revision: str = "head") -> None:
    """Upgrade to ``revision`` (the newest by default; tests build older databases)."""
    from alembic import command

    command.upgrade(_config(connection), revision)


def downgrade_schema(connection: Connection, revision: str) -> None:
    """Downgrade to ``revision`` (tests make a database as an older netweave left it)."""
    from alembic import command

    command.downgrade(_config(connection), revision)


def check_revision(connection: Connection, where: str) -> bool:
    """True when the schema needs an upgrade; StorageError when it is from a newer netweave."""
    current = current_revision(connection)
    if current is None:
        raise StorageError(
            f"{where} is not a netweave database", hint="point --db at a netweave file"
        )
    if current == HEAD:
        return False
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    if current == script.get_current_head():
        return False
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise StorageError(
            f"{where} was written by a newer version of netweave (schema {current})",
            hint="upgrade netweave to open it",
        )
    return True


__all__ = [
    "HEAD",
    "VERSION_TABLE",
    "check_revision",
    "create_schema",
    "current_revision",
    "downgrade_schema",
    "has_schema",
    "has_tables",
    "head_revision",
    "upgrade_schema",
]
