"""Saved mailboxes through the JSON API, the command line and the mail settings page:
add (checked, the password kept apart), sync in the background against the tests' dovecot,
its progress and report; bad input refused with the field and nothing saved."""

from __future__ import annotations

import io
import json
import stat
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netweave.commands import AddMailSource, RemoveMailSource
from netweave.services import interactions, mail_jobs, mail_saved, workspaces
from netweave.storage import Store
from netweave.storage import mail_sources as sources_db
from netweave.storage import tables as t
from netweave.web import create_app
from tests import dovecot, mailcorpus
from tests.cli.conftest import Netweave
from tests.local import LOCAL
from tests.web.conftest import form_token
from tests.writes import add_person, change_settings

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def server() -> Iterator[dovecot.Dovecot]:
    with dovecot.running() as running:
        yield running


@pytest.fixture(autouse=True)
def creds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Passwords go to files here (never to this machine's keyring)."""
    folder = tmp_path / "creds"
    monkeypatch.setenv("NETWEAVE_CREDENTIALS_DIR", str(folder))
    return folder


def _ready(store: Store, ws: int | None = None) -> int:
    if ws is None:
        ws = workspaces.init_workspace(store, me="Robin Vale").id
        assert ws is not None
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    add_person(store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    add_person(store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    return ws


def _folder(server: dovecot.Dovecot) -> str:
    """A folder of its own for each test (the server is shared by the module)."""
    name = f"t{uuid.uuid4().hex[:8]}"
    server.fill({name: mailcorpus.corpus().messages()})
    return name


def _account(server: dovecot.Dovecot, folder: str, **more: Any) -> dict[str, Any]:
    return {
        "host": server.host,
        "port": server.port,
        "security": "plain",
        "user": server.user,
        "folders": [folder],
        **more,
    }


def _finished(client: TestClient, run_id: int, path: str = "/api/v1/mail/runs/{}") -> Any:
    deadline = time.monotonic() + 30
    while True:
        run = client.get(path.format(run_id)).json()
        if run["state"] != "running":
            return run
        assert time.monotonic() < deadline, f"run {run_id} still running: {run}"
        time.sleep(0.1)


def _same(report: dict[str, Any]) -> dict[str, Any]:
    """A report without its moments and place (the same mail read twice)."""
    return {k: v for k, v in report.items() if k not in ("started_at", "finished_at", "place")}


def test_api_add_sync_now_progress_and_report(
    store: Store, server: dovecot.Dovecot, creds: Path
) -> None:
    ws = _ready(store)
    folder = _folder(server)
    with TestClient(create_app(store, clock=lambda: NOW), base_url=LOCAL) as client:
        added = client.post(
            "/api/v1/mail/sources",
            json=_account(server, folder, name="work", password=server.password),
        )
        assert added.status_code == 201, added.text
        source = added.json()
        assert source["password_kept"] == "file"
        assert server.password not in added.text
        (kept,) = creds.iterdir()
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert stat.S_IMODE(creds.stat().st_mode) == 0o700
        with store.transaction() as conn:
            stored = [
                *conn.execute(select(t.mail_source)).all(),
                *conn.execute(select(t.command_log)).all(),
            ]
        assert server.password not in repr(stored)

        started = client.post(f"/api/v1/mail/sources/{source['id']}/sync", headers=JSON)
        assert started.status_code == 202, started.text
        run = _finished(client, started.json()["id"])
        assert run["state"] == "done", run
        assert (run["read"], run["batches"]) == (12, 1)
        (report,) = run["reports"]
        assert (report["read"], report["added"], report["same_day"]) == (12, 3, 1)
        assert report["left_out"]["list"] == 1
        assert report["strangers"]["total"] == 1  # Cleo Park
        assert len(interactions.list_interactions(store, ws)) == 3

        # A second click while one runs: 409, naming the run; nothing started.
        with store.transaction() as conn:
            row = sources_db.get_source(conn, ws, source["id"])
            assert row is not None
            running = sources_db.add_job(conn, ws, row, datetime.now(UTC))
        again = client.post(f"/api/v1/mail/sources/{source['id']}/sync", headers=JSON)
        assert again.status_code == 409
        assert again.headers["content-type"].startswith("application/problem+json")
        assert "already running" in again.json()["detail"]
        with store.transaction() as conn:
            sources_db.update_job(conn, ws, running, state="done")

        listed = client.get("/api/v1/mail/sources").json()
        assert [s["name"] for s in listed["items"]] == ["work"]
        assert client.delete(f"/api/v1/mail/sources/{source['id']}").status_code == 204
        assert client.get("/api/v1/mail/sources").json()["items"] == []
        assert list(creds.iterdir()) == []
        assert client.get(f"/api/v1/mail/runs/{run['id']}").json()["source_id"] is None
        assert client.get("/api/v1/mail/runs/999999").status_code == 404


def test_the_command_line_and_the_api_sync_a_saved_mailbox_alike(
    tmp_path: Path,
    server: dovecot.Dovecot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _folder(server)
    cli = Netweave(f"sqlite:///{tmp_path / 'cli.db'}", capsys)
    api_store = Store.open(f"sqlite:///{tmp_path / 'api.db'}", create=True)
    try:
        cli.ok("init", "--me", "Robin Vale")
        _ready(cli.store, cli.ws)
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{server.password}\n"))
        cli.ok(
            "sync", "add", "--host", server.host, "--port", str(server.port),
            "--security", "plain", "--user", server.user, "--folder", folder,
            "--name", "home", "--ask-password",
        )  # fmt: skip
        out = cli.ok("sync", "saved", "home").out
        assert "3 touches logged" in out
        again = json.loads(cli.ok("sync", "saved", "home", "--json").out)
        assert again["state"] == "done"
        assert again["reports"][0]["up_to_date"]
        by_cli = mail_jobs.last_runs(cli.store, cli.ws)
        (cli_first,) = [r for r in _runs(cli.store, cli.ws) if r.id != again["id"]]

        _ready(api_store)
        with TestClient(create_app(api_store, clock=lambda: NOW), base_url=LOCAL) as client:
            source = client.post(
                "/api/v1/mail/sources",
                json=_account(server, folder, name="home", password=server.password),
            ).json()
            started = client.post(f"/api/v1/mail/sources/{source['id']}/sync", headers=JSON)
            api_run = _finished(client, started.json()["id"])
        assert [_same(r) for r in api_run["reports"]] == [_same(r) for r in cli_first.reports]
        assert len(by_cli) == 1
        assert (
            len(interactions.list_interactions(cli.store, cli.ws))
            == len(
                interactions.list_interactions(
                    api_store, workspaces.open_workspace(api_store).id or 0
                )
            )
            == 3
        )
        assert "home" in cli.ok("sync", "sources").out
        refused = cli("sync", "add", "--host", server.host, "--port", "1", "--security", "plain",
                      "--user", server.user, "--name", "closed")  # fmt: skip
        assert refused.code == 2
        assert "port: nothing answers at 127.0.0.1:1" in refused.err
        assert "closed" not in cli.ok("sync", "sources").out
        cli.ok("sync", "remove", "home")
        assert cli("sync", "saved", "home").code == 3
    finally:
        cli.close()
        api_store.close()


def _runs(store: Store, ws: int) -> list[mail_jobs.SyncRun]:
    with store.transaction() as conn:
        ids = conn.execute(select(t.mail_sync_job.c.id).where(t.mail_sync_job.c.workspace_id == ws))
        found = list(ids.scalars())
    return [mail_jobs.get_run(store, ws, run_id) for run_id in found]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (
            {"host": "no-such-host.invalid", "security": "starttls"},
            "host",
            "there is no server named",
        ),
        ({"port": 1}, "port", "nothing answers at 127.0.0.1:1"),
        ({"user": None}, "user", "name the account's user"),
        ({"host": "imap example.com"}, "host", "is not a host name"),
        ({"port": 70000}, "port", "a port is 1 to 65535"),
        ({"password": "wrong"}, "password", "refused the login"),
        ({"security": "ssl", "host": "imap.example.org", "check": False, "port": "x"}, "port", ""),
    ],
)
def test_bad_input_is_answered_with_the_field_and_nothing_is_saved(
    sqlite_store: Store,
    server: dovecot.Dovecot,
    creds: Path,
    fields: dict[str, Any],
    field: str,
    words: str,
) -> None:
    _ready(sqlite_store)
    body = {**_account(server, "INBOX"), **fields}
    body = {k: v for k, v in body.items() if v is not None}
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as client:
        refused = client.post("/api/v1/mail/sources", json=body)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem.get("field") == field or field in problem["detail"], problem
        assert words in problem["detail"]
        assert client.get("/api/v1/mail/sources").json()["items"] == []
    assert not creds.exists() or list(creds.iterdir()) == []


def test_the_mail_page_adds_a_mailbox_syncs_it_and_shows_the_report(
    sqlite_store: Store, tmp_path: Path, creds: Path
) -> None:
    ws = _ready(sqlite_store)
    box = mailcorpus.write_mbox(tmp_path / "Takeout.mbox", mailcorpus.corpus().messages())
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as client:
        token = form_token(client, "/settings/mail")
        form = {"csrf_token": token, "form_id": "mb", "next": "/settings/mail"}
        bad = client.post(
            "/settings/mail/sources",
            data={**form, "kind": "imap", "host": "imap.example.org", "password": "s3cret-typed"},
        )
        assert bad.status_code == 422
        assert "name the account&#39;s user" in bad.text or "name the account's user" in bad.text
        assert "s3cret-typed" not in bad.text
        assert "imap.example.org" in bad.text  # the rest as typed
        added = client.post(
            "/settings/mail/sources", data={**form, "kind": "mbox", "path": str(box)}
        )
        assert added.status_code == 200
        assert "Mailbox Takeout.mbox saved." in added.text
        assert "Sync now" in added.text
        (source,) = client.get("/api/v1/mail/sources").json()["items"]
        started = client.post(
            f"/settings/mail/sources/{source['id']}/sync", data=form, follow_redirects=False
        )
        assert started.status_code == 303
        run_page = started.headers["location"]
        run_id = int(run_page.rsplit("/", 1)[1])
        assert _finished(client, run_id, "/settings/mail/runs/{}/status")["state"] == "done"
        page = client.get(run_page).text
        assert "12 messages read" in page
        assert "3 touches logged" in page
        assert "sent through a mailing list (List-Id)" in page
        assert 'href="/settings/mail/suggestions"' in page
        assert "Cleo Park" in client.get("/settings/mail/suggestions").text
        assert "3 touches logged" in client.get("/settings/mail").text
        # While a run goes on, its page follows it: a script, or without one a refresh.
        with sqlite_store.transaction() as conn:
            row = sources_db.get_source(conn, ws, source["id"])
            assert row is not None
            running = sources_db.add_job(conn, ws, row, datetime.now(UTC))
        page = client.get(f"/settings/mail/runs/{running}").text
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
        assert f'data-status="/settings/mail/runs/{running}/status"' in page
        assert "Syncing…" in page
        assert "refresh" not in client.get(run_page).text  # a finished one stays put
        removed = client.post(f"/settings/mail/sources/{source['id']}/remove", data=form)
        assert "Mailbox Takeout.mbox removed" in removed.text


def test_two_mailboxes_of_one_account_share_its_password_until_both_are_gone(
    sqlite_store: Store, creds: Path
) -> None:
    ws = _ready(sqlite_store)
    account = {"host": "imap.example.org", "user": "robin"}
    first = mail_saved.add_source(
        sqlite_store,
        ws,
        AddMailSource(**account, folders=["INBOX"], name="in"),
        password="pw-1",
        check=False,
    )
    second = mail_saved.add_source(
        sqlite_store, ws, AddMailSource(**account, folders=["Sent"], name="sent"), check=False
    )
    assert (first.password_kept, second.password_kept) == ("file", "file")
    (kept,) = creds.iterdir()
    mail_saved.remove_source(sqlite_store, ws, RemoveMailSource(source_id=first.id))
    assert kept.read_text() == "pw-1\n"
    mail_saved.remove_source(sqlite_store, ws, RemoveMailSource(source_id=second.id))
    assert not kept.exists()


def test_the_python_api_saves_syncs_and_forgets_a_mailbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import netweave.api

    url = f"sqlite:///{tmp_path / 'py.db'}"
    Netweave(url, capsys).ok("init", "--me", "Robin Vale")
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    with netweave.api.open(url) as nw:
        _ready(nw.store, nw.ws)
        saved = nw.add_mailbox(kind="mbox", path=str(box), name="takeout")
        assert [m.name for m in nw.mailboxes()] == ["takeout"]
        run = nw.sync_mailbox("takeout")
        assert (run.state, run.read, run.reports[0]["added"]) == ("done", 12, 3)
        assert nw.sync_run(run.id).reports == run.reports
        started = nw.start_sync(saved.id)
        deadline = time.monotonic() + 30
        while nw.sync_run(started.id).state == "running":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert nw.sync_run(started.id).reports[0]["up_to_date"]
        nw.remove_mailbox("takeout")
        assert nw.mailboxes() == []
