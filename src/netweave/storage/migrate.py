"""Schema versions: create a fresh database, upgrade an older one, refuse a newer one."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect

from netweave.errors import StorageError
from netweave.storage.tables import metadata


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "netweave.storage:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a migration
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


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
    scratch = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(scratch)
    scratch.create_all(connection)
    command.stamp(_config(connection), "head")


def upgrade_schema(connection: Connection, revision: str = "head") -> None:
    """Upgrade to ``revision`` (the newest by default; tests build older databases)."""
    command.upgrade(_config(connection), revision)


def check_revision(connection: Connection, where: str) -> bool:
    """True when the schema needs an upgrade; StorageError when it is from a newer netweave."""
    current = current_revision(connection)
    if current is None:
        raise StorageError(
            f"{where} is not a netweave database", hint="point --db at a netweave file"
        )
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
    "check_revision",
    "create_schema",
    "current_revision",
    "has_schema",
    "has_tables",
    "head_revision",
    "upgrade_schema",
]
