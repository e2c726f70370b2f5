"""The doors the scenarios of principles 1, 6 and 7 walk through: the ``netweave``
command, the JSON API and the Python API, over one real database (SQLite or PostgreSQL).

The workspace is Robin Vale's (a bookkeeper, time zone UTC), pinned to Monday 2 November
2026 with ``netweave settings set --today``, so that nothing depends on the real date;
the scores are read as of noon that day (``--as-of``, the web app's clock, ``as_of=``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

import netweave
from netweave.api import Netweave
from netweave.cli import cli, main
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL

TODAY = "2026-11-02"
AS_OF = "2026-11-02T12:00"
NOON = datetime(2026, 11, 2, 12, tzinfo=UTC)

_COMMAND = typer.main.get_command(cli)
"""The `netweave` command, built once: typer takes a tenth of a second to build it, which
the dozens of commands that set a scene would pay each time."""


class Scene:
    """One workspace behind its doors."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self._capsys = capsys
        self.store = Store.open(url)
        self.client = TestClient(create_app(self.store, clock=lambda: NOON), base_url=LOCAL)
        self.client.__enter__()
        self._python: Netweave | None = None
        self._spec: dict[str, Any] | None = None

    @property
    def spec(self) -> dict[str, Any]:
        """The app's own OpenAPI description, which every API answer must fit."""
        if self._spec is None:
            self._spec = self.client.get("/api/v1/openapi.json").json()
        return self._spec

    @property
    def python(self) -> Netweave:
        """The Python API (``netweave.open``), opened when first used: after the scene's
        settings, as a script run later would be."""
        if self._python is None:
            self._python = netweave.open(self.url)
        return self._python

    def close(self) -> None:
        if self._python is not None:
            self._python.close()
        self.client.__exit__(None, None, None)
        self.store.close()

    # -- the command line -------------------------------------------------------------

    def do(self, *args: str) -> str:
        """Run ``netweave --db URL ARGS`` (setting the scene); it must succeed."""
        return self._run(
            lambda: _COMMAND.main(args=["--db", self.url, *args], prog_name="netweave"), args
        )

    def cli(self, *args: str) -> str:
        """What ``netweave ARGS`` prints, through its real entry point (exit 0 expected)."""
        return self._run(lambda: main(["--db", self.url, *args]), args)

    def _run(self, command: Callable[[], object], args: tuple[str, ...]) -> str:
        self._capsys.readouterr()
        code: object = 0
        try:
            command()
        except SystemExit as stop:
            code = stop.code
        said = self._capsys.readouterr()
        assert code in (0, None), f"netweave {' '.join(args)} exited {code}: {said.err}"
        return said.out

    def cli_json(self, *args: str) -> Any:
        return json.loads(self.cli(*args, "--json"))

    # -- the JSON API -------------------------------------------------------------------

    def get(self, path: str) -> Any:
        """GET /api/v1/PATH: 200, and a body that fits the OpenAPI description."""
        response = self.client.get(f"/api/v1{path}")
        assert response.status_code == 200, response.text
        body = response.json()
        self._check(path, body)
        return body

    def _check(self, path: str, body: Any) -> None:
        template = next(
            p
            for p in self.spec["paths"]
            if _fits_template(p.removeprefix("/api/v1"), path.split("?")[0])
        )
        content = self.spec["paths"][template]["get"]["responses"]["200"]["content"]
        schema = next(iter(content.values()))["schema"]
        validator = Draft202012Validator({**schema, "components": self.spec["components"]})
        errors = [e.message for e in validator.iter_errors(body)]
        assert not errors, f"GET {path}: {errors[:3]}"


def _fits_template(template: str, path: str) -> bool:
    parts, given = template.strip("/").split("/"), path.strip("/").split("/")
    return len(parts) == len(given) and all(
        p == g or p.startswith("{") for p, g in zip(parts, given, strict=True)
    )


def open_scene(url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    """A new workspace: me Robin Vale, a bookkeeper, in UTC, pinned to 2 November 2026."""
    with pytest.raises(SystemExit) as made:
        main(["--db", url, "init", "--me", "Robin Vale", "--time-zone", "UTC"])
    assert made.value.code in (0, None)
    scene = Scene(url, capsys)
    scene.do("settings", "set", "--today", TODAY, "--currency", "USD")
    scene.do("person", "edit", "me", "--category", "bookkeeping")
    try:
        yield scene
    finally:
        scene.close()


__all__ = ["AS_OF", "NOON", "TODAY", "Scene", "open_scene"]
