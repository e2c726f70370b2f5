"""Saved mailboxes, finishing touches: a dry run of a saved mailbox (`sync saved NAME
--dry-run`), "sync now" sent with no body, a failed sync told what to do in each
interface's words, and a removal that asks first (a page, no script dialog)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netweave.services import interactions, mail_jobs, mail_saved, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests import mailcorpus
from tests.cli.conftest import Netweave
from tests.local import LOCAL
from tests.web.conftest import form_token
from tests.writes import add_person, change_settings

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _ready(store: Store, ws: int | None = None) -> int:
    if ws is None:
        ws = workspaces.init_workspace(store, me="Robin Vale").id
        assert ws is not None
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    add_person(store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    add_person(store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    return ws


@pytest.fixture
def box(tmp_path: Path) -> Path:
    return mailcorpus.write_mbox(tmp_path / "Takeout.mbox", mailcorpus.corpus().messages())


@pytest.fixture
def ws(sqlite_store: Store) -> int:
    return _ready(sqlite_store)


@pytest.fixture
def client(sqlite_store: Store, ws: int) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as found:
        yield found


def _finished(client: TestClient, run_id: int) -> Any:
    deadline = time.monotonic() + 30
    while True:
        run = client.get(f"/api/v1/mail/runs/{run_id}").json()
        if run["state"] != "running":
            return run
        assert time.monotonic() < deadline, f"run {run_id} still running: {run}"
        time.sleep(0.05)


def test_a_dry_run_of_a_saved_mailbox_shows_what_would_be_logged_and_writes_nothing(
    tmp_path: Path, box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Netweave(f"sqlite:///{tmp_path / 'cli.db'}", capsys)
    try:
        cli.ok("init", "--me", "Robin Vale")
        _ready(cli.store, cli.ws)
        cli.ok("sync", "add", "--mbox", str(box), "--name", "takeout")
        dry = cli.ok("sync", "saved", "takeout", "--dry-run").out
        assert "12 messages read" in dry
        assert "3 touches would be logged" in dry
        assert "Dry run: nothing was written." in dry
        (as_json,) = json.loads(cli.ok("sync", "saved", "takeout", "--dry-run", "--json").out)
        assert (as_json["dry_run"], as_json["added"]) == (True, 3)
        assert interactions.list_interactions(cli.store, cli.ws) == []
        assert mail_jobs.last_runs(cli.store, cli.ws) == {}  # no run recorded either
        real = cli.ok("sync", "saved", "takeout").out
        assert "3 touches logged" in real  # the dry runs moved no cursor
        assert len(interactions.list_interactions(cli.store, cli.ws)) == 3
        again = cli.ok("sync", "saved", "takeout", "--dry-run").out
        assert "Nothing new" in again
    finally:
        cli.close()


def test_sync_now_is_sent_with_no_body_and_a_body_must_still_be_json(
    client: TestClient, box: Path
) -> None:
    source = client.post("/api/v1/mail/sources", json={"kind": "mbox", "path": str(box)}).json()
    bare = client.post(f"/api/v1/mail/sources/{source['id']}/sync")  # no body, no type
    assert bare.status_code == 202, bare.text
    assert _finished(client, bare.json()["id"])["state"] == "done"
    as_form = client.post(f"/api/v1/mail/sources/{source['id']}/sync", data={"a": "b"})
    assert as_form.status_code == 415
    # A form with nothing in it still names its type: refused (another site could send it).
    typed = client.post(
        f"/api/v1/mail/sources/{source['id']}/sync", headers={"content-type": "text/plain"}
    )
    assert typed.status_code == 415
    # A write that takes a body still needs one, as JSON.
    assert client.post("/api/v1/mail/sources").status_code == 415
    foreign = client.post(
        f"/api/v1/mail/sources/{source['id']}/sync", headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    described = client.get("/api/v1/openapi.json").json()["info"]["description"]
    assert "no body and no `Content-Type`" in described


def test_a_failed_sync_says_what_to_do_in_each_interfaces_words(
    client: TestClient,
    sqlite_store: Store,
    ws: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "moved.mbox"
    mailcorpus.write_mbox(path, mailcorpus.corpus().messages())
    source = client.post("/api/v1/mail/sources", json={"kind": "mbox", "path": str(path)}).json()
    path.unlink()
    path.mkdir()  # the file became a folder since it was saved
    started = client.post(f"/api/v1/mail/sources/{source['id']}/sync")
    run = _finished(client, started.json()["id"])
    assert (run["state"], run["error_code"]) == ("failed", "folder-not-mbox")
    assert "is not an mbox file but a folder" in run["error"]
    assert "kind maildir" in run["hint"]
    for page in (f"/settings/mail/runs/{run['id']}", "/settings/mail"):
        text = client.get(page).text
        assert "add the folder again as a Maildir folder" in text, page
        assert "sync maildir" not in text, page
    # At the terminal, the same error names the command.
    cli = Netweave(f"sqlite:///{tmp_path / 'cli.db'}", capsys)
    cli_box = mailcorpus.write_mbox(tmp_path / "cli.mbox", mailcorpus.corpus().messages())
    try:
        cli.ok("init", "--me", "Robin Vale")
        _ready(cli.store, cli.ws)
        cli.ok("sync", "add", "--mbox", str(cli_box), "--name", "t")
        cli_box.unlink()
        cli_box.mkdir()
        failed = cli("sync", "saved", "t")
        assert failed.code == 2
        assert f"netweave sync maildir {cli_box}" in failed.err
    finally:
        cli.close()

    # No addresses of yours: the run page points at the page's own field.
    change_settings(sqlite_store, ws, {"my_addresses": []})
    other = client.post(
        "/api/v1/mail/sources",
        json={
            "kind": "mbox",
            "name": "other",
            "path": str(mailcorpus.write_mbox(tmp_path / "o.mbox", [])),
        },
    ).json()
    run = _finished(client, client.post(f"/api/v1/mail/sources/{other['id']}/sync").json()["id"])
    assert run["error_code"] == "no-my-addresses"
    text = client.get(f"/settings/mail/runs/{run['id']}").text
    assert "give them under &#39;Your addresses&#39; on the mail settings page" in text
    assert "netweave settings" not in text


def test_removing_a_saved_mailbox_asks_first_on_a_page(
    client: TestClient, sqlite_store: Store, ws: int, box: Path
) -> None:
    source = client.post(
        "/api/v1/mail/sources", json={"kind": "mbox", "path": str(box), "name": "takeout"}
    ).json()
    listing = client.get("/settings/mail").text
    step = f"/settings/mail/sources/{source['id']}/remove"
    assert f'href="{step}"' in listing
    assert f'action="{step}"' not in listing  # no one-click removal from the list
    page = client.get(step)
    assert page.status_code == 200
    assert "Remove this mailbox (mbox" in page.text
    assert "The touches its syncs logged." in page.text
    assert "confirm(" not in page.text
    assert f'action="{step}"' in page.text
    assert [s.name for s in mail_saved.list_sources(sqlite_store, ws)] == ["takeout"]
    form = {"csrf_token": form_token(client, step)}
    removed = client.post(step, data=form)
    assert "Mailbox takeout removed; its touches stay." in removed.text
    assert mail_saved.list_sources(sqlite_store, ws) == []
    twice = client.post(step, data=form)  # the confirm tapped twice
    assert twice.status_code == 200
    assert "That mailbox is not saved (removed already?)." in twice.text
    gone = client.get(step)
    assert "That mailbox is not saved" in gone.text
