"""Four doors to one workspace: the command line, the web forms, the JSON API and the
Python API, over the same real database (SQLite and PostgreSQL).

Each door takes the same request in its own form (names on the command line and in
Python, ids in the API and the forms) and answers an :class:`Outcome`; the tests hold
every door to the same outcome and the same stored row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

import netweave
from netweave.errors import NetweaveError
from netweave.services import people, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.cli.conftest import Netweave
from tests.local import LOCAL
from tests.scenarios._giving_helpers import form_fields, text_of

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
"""The web app's clock; the other doors use the real clock, which is later."""
DOORS = ["cli", "form", "api", "python"]
_EXIT_KIND = {2: "InvalidInput", 3: "NotFound", 4: "Ambiguous", 5: "Conflict"}
_STATUS_KIND = {422: "InvalidInput", 404: "NotFound", 409: "Conflict"}


@dataclass(frozen=True)
class Outcome:
    """What a door answered: done, or refused with the kind of error and what it said."""

    kind: str
    """"ok", or the error's class name: "Conflict", "InvalidInput", "NotFound"."""
    said: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


class Doors:
    """The workspace (owner Robin Vale, time zone UTC) behind its four doors."""

    def __init__(self, url: str, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.store = store
        self._capsys = capsys
        self.client = TestClient(create_app(store, clock=lambda: NOW), base_url=LOCAL)
        self.client.__enter__()
        self.python = netweave.open(url)
        found = workspaces.open_workspace(store).id
        assert found is not None
        self.ws = found

    def close(self) -> None:
        self.python.close()
        self.client.__exit__(None, None, None)

    def id_of(self, name: str) -> int:
        found = people.find_person(self.store, self.ws, name).id
        assert found is not None
        return found

    # -- the command line ----------------------------------------------------------

    def cli(self, *args: str) -> Outcome:
        ran = Netweave(self.url, self._capsys)(*args)
        if ran.code == 0:
            return Outcome("ok", ran.out)
        return Outcome(_EXIT_KIND.get(ran.code, f"exit {ran.code}"), ran.err)

    # -- the web forms ----------------------------------------------------------------

    def form(self, path: str, page: str, form_id: str, fields: dict[str, Any]) -> Outcome:
        html = self.client.get(page).text
        token = re.findall(r'name="csrf_token" value="([^"]+)"', html)[0]
        data = {"csrf_token": token, "form_id": form_id, "next": page, **fields}
        response = self.client.post(path, data=data, follow_redirects=False)
        if response.status_code == 303:
            shown = self.client.get(response.headers["location"]).text
            return Outcome("ok", shown)
        return Outcome(
            _STATUS_KIND.get(response.status_code, str(response.status_code)), response.text
        )

    def page_form(self, page: str, button: str, fields: dict[str, str]) -> Outcome:
        """``page``'s form sent as a browser sends it: every control as the page filled it,
        ``fields`` typed over them, and the button labelled ``button`` pressed. A refusal
        says what the page shows, as a reader reads it."""
        shown = self.client.get(page)
        if shown.status_code != 200:
            return Outcome(_STATUS_KIND.get(shown.status_code, str(shown.status_code)))
        sent = {**form_fields(shown.text, page, button), **fields}
        response = self.client.post(page, data=sent, follow_redirects=False)
        if response.status_code == 303:
            return Outcome("ok", self.client.get(response.headers["location"]).text)
        return Outcome(
            _STATUS_KIND.get(response.status_code, str(response.status_code)),
            text_of(response.text),
        )

    # -- the JSON API -------------------------------------------------------------------

    def api(
        self, path: str, body: dict[str, Any] | None = None, *, method: str = "POST"
    ) -> Outcome:
        response = self.client.request(method, path, json=body)
        if response.status_code in (200, 201, 204):
            return Outcome("ok", response.text)
        problem = response.json()
        return Outcome(
            _STATUS_KIND.get(response.status_code, str(response.status_code)),
            f"{problem['detail']} [{problem.get('code')}] {problem.get('hint') or ''}",
        )

    # -- the Python API -------------------------------------------------------------

    def py(self, call: Any, *args: Any, **kwargs: Any) -> Outcome:
        try:
            call(*args, **kwargs)
        except NetweaveError as error:
            return Outcome(type(error).__name__, str(error))
        return Outcome("ok")


@pytest.fixture
def doors(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Doors]:
    Netweave(database_url, capsys).ok("init", "--me", "Robin Vale", "--time-zone", "UTC")
    store = Store.open(database_url)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    from tests import writes

    writes.add_person(store, ws, {"name": "Anna Smith", "category": "tax law"})
    writes.add_person(
        store, ws, {"name": "Ben Ode", "category": "tax law", "emails": ["ben@ode.example"]}
    )
    writes.add_person(store, ws, {"name": "Cleo Park", "category": "catering"})
    opened = Doors(database_url, store, capsys)
    try:
        yield opened
    finally:
        opened.close()
        store.close()
