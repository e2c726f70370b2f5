"""Settings of a run, built explicitly: nothing is read at import time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATABASE_ENV = "NETWEAVE_DATABASE_URL"
WORKSPACE_ENV = "NETWEAVE_WORKSPACE"


def default_database_path() -> Path:
    """The SQLite file used when no database is named: in the user's data directory."""
    import platformdirs  # only when no database is named (issue 16: start-up)

    return platformdirs.user_data_path("netweave") / "netweave.db"


def database_url(db: str | None) -> str:
    """A database URL from ``--db``: a URL is kept, a path becomes a SQLite URL."""
    if db is None:
        return f"sqlite:///{default_database_path()}"
    if "://" in db:
        # Plain PostgreSQL URLs (as most tools write them) mean the psycopg 3 driver here.
        for prefix in ("postgresql://", "postgres://"):
            if db.startswith(prefix):
                return "postgresql+psycopg://" + db.removeprefix(prefix)
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


@dataclass(frozen=True)
class Config:
    database_url: str
    workspace: str | None = None

    @classmethod
    def load(
        cls,
        env: Mapping[str, str],
        *,
        db: str | None = None,
        workspace: str | None = None,
    ) -> Config:
        """Command-line values first, then the environment, then the defaults."""
        return cls(
            database_url=database_url(db or env.get(DATABASE_ENV) or None),
            workspace=workspace or env.get(WORKSPACE_ENV) or None,
        )


__all__ = ["DATABASE_ENV", "WORKSPACE_ENV", "Config", "database_url", "default_database_path"]
