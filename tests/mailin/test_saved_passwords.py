"""A saved mailbox's password as typed or pasted: kept whole, or refused in words."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from netweave.commands import AddMailSource, RemoveMailSource
from netweave.errors import InvalidInput
from netweave.mail import credentials
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


class _MemoryKeyring(KeyringBackend):
    """The OS keyring for a test: in memory (never this machine's own)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def os_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[_MemoryKeyring]:
    monkeypatch.delenv("NETWEAVE_CREDENTIALS_DIR")
    before = keyring.get_keyring()
    memory = _MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


def test_removing_a_mailbox_leaves_the_users_own_keyring_entry(
    sqlite_store: Store, os_keyring: _MemoryKeyring
) -> None:
    """The docs tell the user to put the password in the keyring themselves (``keyring set
    netweave USER@HOST``), for saved mailboxes and ``netweave sync imap`` alike: netweave
    reads that entry and, not having made it, never removes it. One it kept, it forgets."""
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    keyring.set_password("netweave", "robin@imap.example.org", "users-own")
    theirs = mail_saved.add_source(
        sqlite_store, ws, AddMailSource(host="imap.example.org", user="robin"), check=False
    )
    assert theirs.password_kept == "keyring"
    row = mail_saved.get_source(sqlite_store, ws, theirs.id)
    assert credentials.password_for("robin", "imap.example.org", row.password_file) == "users-own"
    mail_saved.remove_source(sqlite_store, ws, RemoveMailSource(source_id=theirs.id))
    assert keyring.get_password("netweave", "robin@imap.example.org") == "users-own"

    ours = mail_saved.add_source(
        sqlite_store,
        ws,
        AddMailSource(host="imap.example.net", user="robin"),
        password="kept-by-netweave",
        check=False,
    )
    assert ours.password_kept == "keyring"
    row = mail_saved.get_source(sqlite_store, ws, ours.id)
    assert credentials.password_for("robin", "imap.example.net", row.password_file) == (
        "kept-by-netweave"
    )
    mail_saved.remove_source(sqlite_store, ws, RemoveMailSource(source_id=ours.id))
    assert keyring.get_password("netweave", "robin@imap.example.net") is None
    assert keyring.get_password("netweave", "robin@imap.example.org") == "users-own"


@pytest.mark.parametrize(
    ("head", "words"),
    [
        (b"PK\x03\x04" + bytes(200), "unzip it first"),
        (b"root:x:0:0:root:/root:/bin/bash\n" * 40, "no line in its first"),
    ],
)
def test_a_file_that_is_no_mbox_is_refused_when_it_is_added(
    sqlite_store: Store, tmp_path: Path, head: bytes, words: str
) -> None:
    """A Takeout archive still zipped, or any other file, would sync to '0 messages read'
    every time: it is refused when it is added, with the field and why."""
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    wrong = tmp_path / "Takeout.mbox"
    wrong.write_bytes(head)
    with pytest.raises(InvalidInput) as refused:
        mail_saved.add_source(sqlite_store, ws, AddMailSource(kind="mbox", path=str(wrong)))
    assert refused.value.field == "path"
    assert words in refused.value.message
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")  # an mbox with nothing yet is one
    mail_saved.add_source(sqlite_store, ws, AddMailSource(kind="mbox", path=str(empty)))
    assert [s.name for s in mail_saved.list_sources(sqlite_store, ws)] == ["empty.mbox"]
