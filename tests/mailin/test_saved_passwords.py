"""A saved mailbox's password as typed or pasted: kept whole, or refused in words."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from netweave.commands import AddMailSource
from netweave.errors import InvalidInput
from netweave.services import mail_saved, workspaces
from netweave.storage import Store


@pytest.fixture(autouse=True)
def creds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Passwords go to files here (never to this machine's keyring)."""
    folder = tmp_path / "creds"
    monkeypatch.setenv("NETWEAVE_CREDENTIALS_DIR", str(folder))
    return folder


@pytest.mark.parametrize("password", ["first\nsecond", "pasted\r\n", "a\u2028b"])
def test_a_password_with_a_line_break_is_refused_not_cut(
    sqlite_store: Store, creds: Path, password: str
) -> None:
    """A file keeps a password's first line: one with a line break would come back cut
    (and the sync fail on a login that worked when it was added)."""
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    command = AddMailSource(host="imap.example.org", user="robin")
    with pytest.raises(InvalidInput) as refused:
        mail_saved.add_source(sqlite_store, ws, command, password=password, check=False)
    assert refused.value.field == "password"
    assert "line break" in refused.value.message
    assert mail_saved.list_sources(sqlite_store, ws) == []
    assert not creds.exists() or list(creds.iterdir()) == []


def test_checking_a_server_that_never_answers_ends_within_its_time(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form names any host and port: a server that takes the connection and then says
    nothing holds the check (and the request) at most CHECK_TIMEOUT, and is refused with
    the field."""
    monkeypatch.setattr(mail_saved, "CHECK_TIMEOUT", 0.5)
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        command = AddMailSource(host="127.0.0.1", port=port, security="plain", user="robin")
        started = time.monotonic()
        with pytest.raises(InvalidInput) as refused:
            mail_saved.add_source(sqlite_store, ws, command, password="pw")
        assert time.monotonic() - started < 3
    assert refused.value.field == "port"
    assert "timed out" in refused.value.message
    assert mail_saved.list_sources(sqlite_store, ws) == []


def test_a_server_that_greets_then_goes_quiet_is_not_a_refused_password(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It says hello, then never answers the login: the password may be right, so the
    answer says the server went quiet, not that it refused the login."""
    monkeypatch.setattr(mail_saved, "CHECK_TIMEOUT", 0.5)
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        def greet() -> None:
            conn, _ = server.accept()
            with conn:
                conn.sendall(b"* OK ready\r\n")
                tag = conn.recv(1000).split(b" ")[0]  # the client asks what it can do
                conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                time.sleep(2)  # and the login gets no answer

        greeter = threading.Thread(target=greet, daemon=True)
        greeter.start()
        command = AddMailSource(host="127.0.0.1", port=port, security="plain", user="robin")
        with pytest.raises(InvalidInput) as refused:
            mail_saved.add_source(sqlite_store, ws, command, password="pw")
        greeter.join()
    assert "refused the login" not in refused.value.message
    assert "stopped answering" in refused.value.message
    assert refused.value.field == "port"
