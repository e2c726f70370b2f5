"""Saved mailboxes: an IMAP account or a mail file, kept by name to sync again and again
(``netweave sync saved NAME``, "Sync now" on the mail settings page, the API's
``/mail/sources``). The password never enters the database: it goes to the OS keyring or
an owner-only file (:mod:`netweave.mail.credentials`), the source naming at most the file.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netweave.commands import AddMailSource, RemoveMailSource
from netweave.commands.mail import SourceKind
from netweave.domain.dates import utc_now
from netweave.errors import InvalidInput, NotFound
from netweave.mail import credentials, files, imap
from netweave.services import command_log
from netweave.storage import Store
from netweave.storage import mail_sources as sources_db
from netweave.storage.mail_sources import SourceFields, SourceRow

CHECK_TIMEOUT = 10.0
"""Seconds to wait for a server while a new account is checked."""


@dataclass(frozen=True, slots=True)
class SavedSource(SourceFields):
    """A saved mailbox as every interface shows it: no password, only where it is kept."""

    password_kept: str | None
    """"keyring", "file" (an owner-only file), or None (a file source has none)."""

    @property
    def place(self) -> str:
        if self.kind == SourceKind.IMAP.value:
            return f"{self.user}@{self.host}:{self.port} ({', '.join(self.folders)})"
        return self.path or ""


def shown(row: SourceRow) -> SavedSource:
    kept = None
    if row.kind == SourceKind.IMAP.value:
        on_file = row.password_file not in (None, credentials.KEPT_IN_KEYRING)
        kept = "file" if on_file else "keyring"
    return SavedSource(**row.fields(), password_kept=kept)


def account_of(row: SourceRow) -> imap.Account:
    assert row.host is not None
    assert row.user is not None
    return imap.Account(
        host=row.host, user=row.user, port=row.port, security=imap.Security(row.security or "ssl")
    )


def _check_file(command: AddMailSource) -> str:
    assert command.path is not None
    path = Path(command.path).expanduser()
    if not path.exists():
        raise InvalidInput(f"there is nothing at {path}", field="path", code="not-found")
    if command.kind is SourceKind.MAILDIR and not files.is_maildir(path):
        raise InvalidInput(f"{path} is not a Maildir (no cur/ or new/ folder)", field="path")
    if command.kind is not SourceKind.MAILDIR and not path.is_file():
        raise InvalidInput(f"{path} is not a file", field="path")
    if command.kind is SourceKind.MBOX:
        try:
            why = files.not_an_mbox(path)
        except OSError as error:
            raise InvalidInput(f"cannot read {path}: {error.strerror}", field="path") from None
        if why is not None:
            raise InvalidInput(f"{path} is not an mbox: {why}", field="path")
    return str(path.resolve())


def _check_account(command: AddMailSource, password: str | None) -> None:
    """The server exists and answers on the port; with a password, the login works."""
    assert command.host is not None
    assert command.user is not None
    port = command.port or command.default_port
    if command.security.value == "plain" and not imap.is_local(command.host):
        raise InvalidInput(
            "a password is sent unencrypted only to a server on this machine: use SSL or STARTTLS",
            field="security",
        )
    try:
        socket.getaddrinfo(command.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InvalidInput(
            f"there is no server named {command.host} (check the spelling)",
            field="host",
            code="unknown-host",
        ) from None
    if password is None:
        try:
            socket.create_connection((command.host, port), timeout=CHECK_TIMEOUT).close()
        except OSError as error:
            raise InvalidInput(
                f"nothing answers at {command.host}:{port} ({error.strerror or error}): "
                "check the port (IMAP: 993 with SSL, 143 with STARTTLS)",
                field="port",
                code="no-answer",
            ) from None
        return
    account = imap.Account(
        host=command.host, user=command.user, port=port, security=imap.Security(command.security)
    )
    try:
        with imap.Connection(account, password, timeout=CHECK_TIMEOUT):
            pass
    except imap.ImapError as error:
        refused = "refused the login" in str(error)
        raise InvalidInput(
            str(error), field="password" if refused else "port", code="mail-server"
        ) from None


def add_source(
    store: Store,
    ws: int,
    command: AddMailSource,
    *,
    password: str | None = None,
    check: bool = True,
    now: datetime | None = None,
) -> SavedSource:
    """Save ``command``'s mailbox after checking it (a file exists and is of its kind; a
    server resolves, answers on its port and, with ``password``, takes the login). The
    password goes to the keyring or an owner-only file; nothing is saved when a check
    fails. Without a password an account reads it from the keyring when it syncs."""
    now = now or utc_now()
    if command.kind is SourceKind.IMAP:
        if password is not None and not password:
            raise InvalidInput("the password is empty", field="password")
        if password is not None and password.splitlines() != [password]:
            # A password file keeps one line: a break would cut it.
            raise InvalidInput(
                "the password has a line break: paste it without one", field="password"
            )
        if check:
            _check_account(command, password)
        path = None
        name = command.name or f"{command.user}@{command.host}"
    else:
        if password:
            raise InvalidInput(f"a {command.kind.value} file has no password", field="password")
        path = _check_file(command)
        name = command.name or Path(path).name
    values = {
        "name": name,
        "kind": command.kind.value,
        "host": command.host,
        "port": (command.port or command.default_port) if command.kind is SourceKind.IMAP else None,
        "security": command.security.value if command.kind is SourceKind.IMAP else None,
        "user": command.user,
        "folders": (command.folders or ["INBOX"]) if command.kind is SourceKind.IMAP else [],
        "path": path,
    }
    with store.transaction() as conn:
        replayed = command_log.replay(
            conn, ws, command, lambda record_id: sources_db.get_source(conn, ws, record_id)
        )
        if replayed is not None:
            return shown(replayed)
        if sources_db.source_named(conn, ws, name) is not None:
            raise InvalidInput(
                f"there is a mailbox named {name!r} already: choose another name",
                field="name",
                code="mail-source-exists",
            )
        same_account = [
            other
            for other in sources_db.list_sources(conn, ws)
            if command.kind is SourceKind.IMAP
            and other.user == command.user
            and other.host == command.host
        ]
        # Another saved mailbox of the same account: its password serves this one too.
        kept = next((o.password_file for o in same_account if o.password_file), None)
        if password:
            assert command.user is not None
            assert command.host is not None
            kept = credentials.keep_password(command.user, command.host, password)
        try:
            row = sources_db.add_source(conn, ws, {**values, "password_file": kept}, now)
            command_log.record(conn, ws, command, row.id, now)
        except BaseException:
            if password and not same_account:  # only a password kept for this one alone
                assert command.user is not None
                assert command.host is not None
                credentials.forget_password(command.user, command.host, kept)
            raise
    return shown(row)


def list_sources(store: Store, ws: int) -> list[SavedSource]:
    with store.transaction() as conn:
        return [shown(row) for row in sources_db.list_sources(conn, ws)]


def get_source(store: Store, ws: int, source_id: int) -> SourceRow:
    with store.transaction() as conn:
        row = sources_db.get_source(conn, ws, source_id)
    if row is None:
        raise NotFound(f"there is no saved mailbox {source_id}", code="no-mail-source")
    return row


def source_named(store: Store, ws: int, name: str) -> SourceRow:
    with store.transaction() as conn:
        row = sources_db.source_named(conn, ws, name)
        names = [] if row is not None else [r.name for r in sources_db.list_sources(conn, ws)]
    if row is None:
        known = f" (saved: {', '.join(names)})" if names else " (none is saved yet)"
        raise NotFound(f"there is no saved mailbox named {name!r}{known}", code="no-mail-source")
    return row


def remove_source(
    store: Store, ws: int, command: RemoveMailSource, *, now: datetime | None = None
) -> SavedSource | None:
    """Forget a saved mailbox and the password netweave kept for it (not the user's own
    keyring entry); its touches and cursors stay. None when this command (its idempotency
    key) removed it already: a removal sent again changes nothing."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.source_id):
            return None
        row = sources_db.get_source(conn, ws, command.source_id)
        if row is None:
            raise NotFound(f"there is no saved mailbox {command.source_id}", code="no-mail-source")
        sources_db.remove_source(conn, ws, row.id)
        command_log.record(conn, ws, command, row.id, now)
        # Another saved mailbox of the same account (other folders) keeps its password.
        shared = any(
            other.user == row.user and other.host == row.host
            for other in sources_db.list_sources(conn, ws)
        )
    if row.kind == SourceKind.IMAP.value and row.user and row.host and not shared:
        credentials.forget_password(row.user, row.host, row.password_file)
    return shown(row)


__all__ = [
    "SavedSource",
    "account_of",
    "add_source",
    "get_source",
    "list_sources",
    "remove_source",
    "shown",
    "source_named",
]
