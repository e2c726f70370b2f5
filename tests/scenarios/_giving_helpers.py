"""What the principle 4 and 5 scenarios share: one small workspace behind its public doors.

A :class:`Scene` is a real database (SQLite or PostgreSQL) with an owner, Robin Vale,
pinned to 2026-11-02 with ``netweave settings set --today``, and four ways in: the
command line (in-process), the web app and its JSON API (FastAPI's TestClient), and the
Python API (``netweave.open``). Pages are read as a browser would: :func:`form_fields`
collects what a form sends when one of its buttons is pressed.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

import netweave
from netweave.api import Netweave
from netweave.services import people, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.cli.conftest import Netweave as CommandLine
from tests.local import LOCAL

TODAY = "2026-11-02"
"""The day every scenario is seen from (``netweave settings set --today``)."""


@dataclass(frozen=True)
class Ran:
    """What one command line printed, and its exit code."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Scene:
    """A workspace pinned to :data:`TODAY`, reached through every public door."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self._capsys = capsys
        assert self.cli("init", "--me", "Robin Vale", "--time-zone", "UTC").code == 0
        assert self.cli("settings", "set", "--today", TODAY).code == 0
        self.store = Store.open(url)
        found = workspaces.open_workspace(self.store).id
        assert found is not None
        self.ws = found
        self._closing: list[Callable[[], None]] = [self.store.close]

    def close(self) -> None:
        for close in reversed(self._closing):
            close()

    def cli(self, *args: str) -> Ran:
        """``netweave --db URL ARGS...``, in-process."""
        ran = CommandLine(self.url, self._capsys)(*args)
        return Ran(ran.code, ran.out, ran.err)

    def ok(self, *args: str) -> Ran:
        ran = self.cli(*args)
        assert ran.code == 0, ran.err
        return ran

    def web(self, clock: Callable[[], datetime] | None = None) -> TestClient:
        """A fresh web app over the database (without ``clock``: the pinned day)."""
        client = TestClient(create_app(self.store, clock=clock), base_url=LOCAL)
        client.__enter__()
        self._closing.append(lambda: client.__exit__(None, None, None))
        return client

    def python(self) -> Netweave:
        opened = netweave.open(self.url)
        self._closing.append(opened.close)
        return opened

    def id_of(self, name: str) -> int:
        found = people.find_person(self.store, self.ws, name).id
        assert found is not None
        return found


class _Forms(HTMLParser):
    """Every form of a page: its action, its controls, and its buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append([a["name"], a.get("value", "")])
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"].append([a["name"], ""])
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select is not None:
            chosen = [f for f in self._form["fields"] if f[0] == self._select]
            if not chosen:  # the first option, unless a later one is selected
                self._form["fields"].append([self._select, a.get("value", "")])
            elif "selected" in a:
                chosen[0][1] = a.get("value", "")
        elif tag == "button":
            self._form["buttons"].append((a.get("name", ""), a.get("value", ""), []))

    def handle_data(self, data: str) -> None:
        if self._form is None:
            return
        if self._textarea is not None:
            self._form["fields"][-1][1] += data
        elif self._form["buttons"] and self.lasttag == "button":
            self._form["buttons"][-1][2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, action: str, button: str) -> dict[str, str]:
    """What the form posting to ``action`` sends when its button labelled ``button`` is
    pressed: its controls as the page fills them, and that button's name and value."""
    parser = _Forms()
    parser.feed(html)
    [form] = [f for f in parser.forms if f["action"] == action]
    fields: dict[str, str] = dict(form["fields"])
    pressed = [b for b in form["buttons"] if "".join(b[2]).strip() == button]
    assert pressed, f"no {button!r} button in the form for {action}"
    name, value, _ = pressed[0]
    if name:
        fields[name] = value
    return fields


def csrf_token(html: str) -> str:
    return re.findall(r'name="csrf_token" value="([^"]+)"', html)[0]


def panel(html: str, title: str) -> str:
    """The dashboard panel headed ``title``, as HTML."""
    for section in html.split('<section class="card panel')[1:]:
        body = section.split("</section>")[0]
        if re.search(rf">{re.escape(title)}</h2>", body):
            return body
    raise AssertionError(f"no panel {title!r} on the page")


def text_of(html: str) -> str:
    """The words of some HTML as a reader sees them: tags dropped, spaces folded."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


__all__ = ["TODAY", "Ran", "Scene", "csrf_token", "form_fields", "panel", "text_of"]
