"""Mail in over IMAP, against Debian's dovecot on 127.0.0.1 (tests/dovecot.py): read-only,
headers only, from where the last sync of each folder stopped."""

from __future__ import annotations

import imaplib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netweave.domain import Workspace
from netweave.errors import InvalidInput, NetweaveError
from netweave.mail.imap import Account, Security
from netweave.services import interactions, workspaces
from netweave.services.mail_sources import sync_imap
from netweave.storage import Store
from tests import dovecot, mailcorpus
from tests.writes import add_person, change_settings

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def server() -> Iterator[dovecot.Dovecot]:
    with dovecot.running() as running:
        yield running


@pytest.fixture
def ws(sqlite_store: Store) -> int:
    workspace: Workspace = workspaces.init_workspace(sqlite_store, me="Robin Vale")
    change_settings(
        sqlite_store, workspace.id, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]}
    )
    add_person(sqlite_store, workspace.id, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    add_person(sqlite_store, workspace.id, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    return workspace.id


def _account(server: dovecot.Dovecot) -> Account:
    return Account(server.host, server.user, port=server.port, security=Security.PLAIN)


def _flags(server: dovecot.Dovecot, folder: str) -> list[bytes]:
    client = imaplib.IMAP4(server.host, server.port)
    try:
        client.login(server.user, server.password)
        client.select(folder, readonly=True)
        _, data = client.uid("FETCH", "1:*", "(FLAGS)")
        return [d for d in data if d]
    finally:
        client.logout()


def test_an_imap_account_is_synced_read_only_and_then_incrementally(
    server: dovecot.Dovecot, sqlite_store: Store, ws: int
) -> None:
    messages = mailcorpus.corpus().messages()
    server.fill({"first-in": messages[:2], "first-sent": messages[2:5]})
    reports = sync_imap(
        sqlite_store, ws, _account(server), server.password, ["first-in", "first-sent"], now=NOW
    )
    assert [(r.place.rsplit("/", 1)[1], r.read, r.added) for r in reports] == [
        ("first-in", 2, 2),
        ("first-sent", 3, 1),
    ]
    assert reports[1].same_day == 1
    assert len(reports[1].strangers) == 1
    assert len(interactions.list_interactions(sqlite_store, ws)) == 3
    # Nothing was marked read: the folder was opened with EXAMINE, headers fetched with PEEK.
    assert all(b"\\Seen" not in flags for flags in _flags(server, "first-in"))
    # Again: nothing to read.
    (again,) = sync_imap(sqlite_store, ws, _account(server), server.password, ["first-in"], now=NOW)
    assert again.up_to_date
    assert (again.read, again.added) == (0, 0)
    # A new message arrives: only it is read.
    later = mailcorpus.DAY + timedelta(days=7)
    server.fill({"first-in": [mailcorpus.gmail(mailcorpus.BEN, mailcorpus.ROBIN, later, "new1")]})
    (newer,) = sync_imap(sqlite_store, ws, _account(server), server.password, ["first-in"], now=NOW)
    assert (newer.read, newer.added, newer.seen_before) == (1, 1, 0)
    assert len(interactions.list_interactions(sqlite_store, ws)) == 4


def test_the_same_message_in_two_folders_is_read_once(
    server: dovecot.Dovecot, sqlite_store: Store, ws: int
) -> None:
    messages = mailcorpus.corpus().messages()[:2]
    server.fill({"twice-a": messages, "twice-b": messages})
    first, second = sync_imap(
        sqlite_store, ws, _account(server), server.password, ["twice-a", "twice-b"], now=NOW
    )
    assert (first.added, second.added, second.seen_before) == (2, 0, 2)


def test_a_new_uidvalidity_reads_the_folder_again_and_adds_nothing_twice(
    server: dovecot.Dovecot, sqlite_store: Store, ws: int
) -> None:
    server.fill({"renumbered": mailcorpus.corpus().messages()[:3]})
    sync_imap(sqlite_store, ws, _account(server), server.password, ["renumbered"], now=NOW)
    # The server forgets its UIDs (a restored mailbox): dovecot numbers the folder anew.
    control = server.maildir.parent / "control" / ".renumbered"
    for uidlist in control.glob("dovecot-uidlist*"):
        uidlist.unlink()
    index = server.maildir.parent / "index" / ".renumbered"
    for indexed in index.glob("dovecot.index*"):
        indexed.unlink()
    (report,) = sync_imap(
        sqlite_store, ws, _account(server), server.password, ["renumbered"], now=NOW
    )
    assert (report.read, report.seen_before, report.added) == (3, 3, 0)


def test_a_wrong_password_or_folder_is_said_in_words(
    server: dovecot.Dovecot, sqlite_store: Store, ws: int
) -> None:
    with pytest.raises(NetweaveError, match="refused the login of robin") as refused:
        sync_imap(sqlite_store, ws, _account(server), "wrong-password", ["INBOX"], now=NOW)
    assert refused.value.code == "mail-server"
    assert "wrong-password" not in str(refused.value)
    with pytest.raises(NetweaveError, match="no folder 'Nowhere'"):
        sync_imap(sqlite_store, ws, _account(server), server.password, ["Nowhere"], now=NOW)


def test_nobody_listens_is_an_error_not_a_crash(sqlite_store: Store, ws: int) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = Account("127.0.0.1", "robin", port=port, security=Security.PLAIN)
    with pytest.raises(NetweaveError, match=f"cannot reach 127.0.0.1:{port}"):
        sync_imap(sqlite_store, ws, account, "x", ["INBOX"], now=NOW)


def test_a_plain_password_goes_to_this_machine_only(sqlite_store: Store, ws: int) -> None:
    account = Account("imap.example.com", "robin", security=Security.PLAIN)
    with pytest.raises(InvalidInput, match="unencrypted only to a server on this machine"):
        sync_imap(sqlite_store, ws, account, "x", ["INBOX"], now=NOW)


def test_the_cli_reads_the_password_from_a_private_file(
    server: dovecot.Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.conftest import Netweave

    nw = Netweave(f"sqlite:///{tmp_path / 'cli.db'}", capsys)
    try:
        nw.ok("init", "--me", "Robin Vale")
        nw.ok("settings", "set", "--my-addresses", f"{mailcorpus.ROBIN},{mailcorpus.ROBIN_WORK}")
        nw.ok("person", "add", "Anna Smith", "--email", mailcorpus.ANNA)
        server.fill({"cli-in": mailcorpus.corpus().messages()[:2]})
        secret = tmp_path / "imap-password"
        secret.write_text(server.password + "\n")
        secret.chmod(0o644)
        args = [
            "sync", "imap", "--host", server.host, "--port", str(server.port),
            "--user", server.user, "--plain", "--folder", "cli-in", "--password-file", str(secret),
        ]  # fmt: skip
        refused = nw(*args)
        assert refused.code == 2
        assert "readable by its owner only" in refused.err
        assert "chmod 600" in refused.err
        secret.chmod(0o600)
        dry = nw.ok(*args, "--dry-run")
        assert "2 touches would be logged" in dry.out
        assert "Dry run" in dry.out
        done = nw.ok(*args)
        assert "2 touches logged" in done.out
        assert len(interactions.list_interactions(nw.store, nw.ws)) == 2
    finally:
        nw.close()
