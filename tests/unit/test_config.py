"""Config: command line first, then the environment, then the defaults."""

from __future__ import annotations

from pathlib import Path

from netweave.config import Config, database_url, default_database_path


def test_path_becomes_an_absolute_sqlite_url(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "n.db")) == f"sqlite:///{tmp_path / 'n.db'}"


def test_plain_postgres_urls_use_psycopg3() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_default_is_in_the_user_data_directory() -> None:
    assert database_url(None) == f"sqlite:///{default_database_path()}"
    assert default_database_path().name == "netweave.db"


def test_command_line_beats_environment() -> None:
    env = {"NETWEAVE_DATABASE_URL": "sqlite:////env.db", "NETWEAVE_WORKSPACE": "team"}
    assert Config.load(env) == Config("sqlite:////env.db", "team")
    assert Config.load(env, db="sqlite:////cli.db", workspace="mine") == Config(
        "sqlite:////cli.db", "mine"
    )
    assert Config.load({}).workspace is None
