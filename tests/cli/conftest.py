"""Run the `netweave` command in-process against a real database, then look at that database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from netweave.cli import main
from netweave.services import workspaces
from netweave.services.database import Store, open_database


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Netweave:
    """The command with `--db` set, and the same database opened for assertions."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self._capsys = capsys
        self._store: Store | None = None

    def __call__(self, *args: str) -> Result:
        try:
            main(["--db", self.url, *args])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str) -> Result:
        """Run and require success; the failure message shows what the command said."""
        result = self(*args)
        assert result.code == 0, f"netweave {' '.join(args)} failed ({result.code}): {result.err}"
        return result

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_database(self.url)
        return self._store

    @property
    def ws(self) -> int:
        found = workspaces.open_workspace(self.store).id
        assert found is not None
        return found

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@pytest.fixture
def nw(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Netweave]:
    """A database with a workspace owned by Robin Vale, and the command pointed at it."""
    runner = Netweave(database_url, capsys)
    runner.ok("init", "--me", "Robin Vale", "--time-zone", "Europe/Berlin")
    try:
        yield runner
    finally:
        runner.close()


@pytest.fixture
def blank(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Netweave]:
    """The command pointed at a database that has not been initialized."""
    runner = Netweave(database_url, capsys)
    try:
        yield runner
    finally:
        runner.close()
