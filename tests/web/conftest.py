"""The web app in-process over a real database holding the sample network."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from sqlalchemy import event

from netweave.domain import Workspace
from netweave.sample import SAMPLE_TODAY, build_sample_workspace
from netweave.services import workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL

NOW = datetime.combine(SAMPLE_TODAY, time(15), tzinfo=UTC)
SAMPLE_SIZE = 60


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the sample network, built once; tests work on copies."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    built = Store.open(f"sqlite:///{path}", create=True)
    try:
        build_sample_workspace(built, seed=7, size=SAMPLE_SIZE, name="demo")
        with built.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        built.close()
    return path


@pytest.fixture
def web_store(sample_file: Path, tmp_path: Path) -> Iterator[Store]:
    """This test's own copy of the sample network on SQLite."""
    path = tmp_path / "web.db"
    shutil.copyfile(sample_file, path)
    opened = Store.open(f"sqlite:///{path}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sample(web_store: Store) -> Workspace:
    return workspaces.open_workspace(web_store)


@pytest.fixture
def client(web_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(web_store, clock=lambda: NOW), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def any_client(store: Store) -> Iterator[TestClient]:
    """The app over the sample network on SQLite and on PostgreSQL."""
    build_sample_workspace(store, seed=7, size=SAMPLE_SIZE, name="demo")
    with TestClient(create_app(store, clock=lambda: NOW), base_url=LOCAL) as test_client:
        yield test_client


class QueryCounter:
    """Counts the SQL statements the engine runs while it is active."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0

    def _seen(self, *_args: Any) -> None:
        self.count += 1

    def __enter__(self) -> QueryCounter:
        self.count = 0
        event.listen(self.store.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.store.engine, "before_cursor_execute", self._seen)


@pytest.fixture
def queries(web_store: Store) -> QueryCounter:
    return QueryCounter(web_store)


class OpenAPI:
    """The app's own OpenAPI description, to check responses against."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def check(self, path: str, method: str, status: int, body: Any) -> None:
        """Fail unless ``body`` fits the schema the description gives this response."""
        operation = self.spec["paths"][path][method.lower()]
        response = operation["responses"][str(status)]
        content = response["content"]
        schema = next(iter(content.values()))["schema"]
        validator = Draft202012Validator({**schema, "components": self.spec["components"]})
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        assert not errors, f"{method} {path} {status}: " + "; ".join(
            f"{list(e.path)}: {e.message}" for e in errors[:3]
        )


@pytest.fixture
def openapi(client: TestClient) -> OpenAPI:
    return OpenAPI(client.get("/api/v1/openapi.json").json())


def form_token(client: TestClient, page: str = "/") -> str:
    """The token in the forms of ``page``, which must be the one in the visitor's cookie."""
    html = client.get(page).text
    in_forms = set(re.findall(r'name="csrf_token" value="([^"]+)"', html))
    assert len(in_forms) == 1, f"{page} has forms with tokens {in_forms}"
    token = in_forms.pop()
    assert token == client.cookies.get("nw_csrf")
    return token
