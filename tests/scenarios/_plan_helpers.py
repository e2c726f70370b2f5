"""Helpers for the acceptance scenarios of principles 2 and 3: the `netweave` command run
in-process against a real database, a second fresh database of the same kind, and what a
workspace holds (its lossless export) for comparing two databases."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Netweave
from tests.conftest import postgres_schema, postgres_url


class Cli:
    """`netweave --db URL ...`; every call must succeed, and gives what it printed."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self._capsys = capsys

    def __call__(self, *args: str) -> str:
        return Netweave(self.url, self._capsys).ok(*args).out

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json"))

    def stored(self) -> dict[str, Any]:
        """The workspace as its lossless export, without the moments rows were written at
        (those follow the real clock)."""
        document = json.loads(self("export"))
        for person in document["people"]:
            del person["created_at"], person["updated_at"]
        return dict(document)


@contextmanager
def another_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as ``database_url``."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    for schema in postgres_schema():
        yield postgres_url(schema)
