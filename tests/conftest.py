"""Fixtures shared by every test: a fresh database per test, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench import drop_schema
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from netweave.domain import Workspace
from netweave.services import workspaces
from netweave.storage import Store

# Every command a test runs runs by itself: a preload process (netweave.preload) started by
# a developer's terminal is not the code under test. tests/cli/test_preload.py starts its own.
os.environ["NETWEAVE_PRELOAD"] = "off"

POSTGRES_URL = os.environ.get(
    "NETWEAVE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_schema() -> Iterator[str]:
    """A schema of its own on the test server, dropped afterwards."""
    admin = create_engine(POSTGRES_URL)
    name = f"t_{uuid.uuid4().hex[:16]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL}: {error.orig}. "
            "Run 'make test' (it starts the server) or set NETWEAVE_TEST_POSTGRES_URL."
        )
    try:
        yield name
    finally:
        try:
            drop_schema(admin, name)
        finally:
            admin.dispose()


def postgres_url(schema: str) -> str:
    """A URL whose connections work inside ``schema`` (libpq's options parameter)."""
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'netweave.db'}"
    else:
        yield from (postgres_url(schema) for schema in postgres_schema())


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url, create=True)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'netweave.db'}", create=True)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def workspace(store: Store) -> Workspace:
    """A workspace whose owner ("me") is Robin Vale."""
    return workspaces.init_workspace(store, me="Robin Vale")


@pytest.fixture(autouse=True, scope="session")
def _mail_passwords_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A saved mailbox's password goes to a folder of the tests' own, never to this
    machine's keyring or data folder (a test may point it elsewhere)."""
    folder = tmp_path_factory.mktemp("mail-passwords")
    before = os.environ.get("NETWEAVE_CREDENTIALS_DIR")
    os.environ["NETWEAVE_CREDENTIALS_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NETWEAVE_CREDENTIALS_DIR", None)
        else:
            os.environ["NETWEAVE_CREDENTIALS_DIR"] = before
