"""An IMAP folder, read only: its messages' headers since the last sync (UIDVALIDITY, UID).

The folder is opened with EXAMINE (read-only: nothing is marked seen, moved or deleted)
and only the headers of :data:`~netweave.mail.envelope.HEADERS` are fetched
(``BODY.PEEK[HEADER.FIELDS (...)]``), a few hundred bytes a message.
"""

from __future__ import annotations

import contextlib
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from netweave.mail.envelope import HEADERS, Envelope, read_headers

FETCH_AT_ONCE = 500
"""UIDs asked for in one FETCH."""
_UID = re.compile(rb"UID (\d+)")


class Security(StrEnum):
    SSL = "ssl"
    STARTTLS = "starttls"
    PLAIN = "plain"
    """No encryption: only for a server on this machine (the tests' dovecot)."""


@dataclass(frozen=True, slots=True)
class Account:
    host: str
    user: str
    port: int | None = None
    security: Security = Security.SSL

    @property
    def place(self) -> str:
        """How a sync names this account: ``user@host:port``."""
        return f"{self.user}@{self.host}:{self.port or self.default_port}"

    @property
    def default_port(self) -> int:
        return 993 if self.security is Security.SSL else 143


class ImapError(Exception):
    """The server could not be reached, refused the login or the folder; the message says
    which, in words (never the password)."""


@dataclass(frozen=True, slots=True)
class FolderState:
    uid_validity: int
    uid_next: int | None
    messages: int


@dataclass(frozen=True, slots=True)
class ImapMessage:
    uid: int
    envelope: Envelope


class Folder:
    """One folder of an open connection (see :func:`open_folder`)."""

    def __init__(self, box: Any, name: str, state: FolderState) -> None:
        self._box = box
        self.name = name
        self.state = state

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above ``last_uid``, in order (``N:*`` also answers the last UID when
        nothing is newer: it is left out here)."""
        try:
            typ, data = self._box.client.uid("SEARCH", None, f"UID {last_uid + 1}:*")
        except Exception as error:  # imaplib raises its own error classes and OSError
            raise ImapError(f"the server refused to list {self.name}: {error}") from None
        if typ != "OK":
            raise ImapError(f"the server refused to list {self.name}")
        found = sorted({int(n) for chunk in data if chunk for n in chunk.split()})
        return [uid for uid in found if uid > last_uid]

    def headers(self, uids: list[int]) -> Iterator[ImapMessage]:
        """The envelopes of ``uids``, fetched :data:`FETCH_AT_ONCE` at a time."""
        fields = " ".join(h.upper() for h in HEADERS)
        for start in range(0, len(uids), FETCH_AT_ONCE):
            chunk = uids[start : start + FETCH_AT_ONCE]
            try:
                typ, data = self._box.client.uid(
                    "FETCH", ",".join(map(str, chunk)), f"(UID BODY.PEEK[HEADER.FIELDS ({fields})])"
                )
            except Exception as error:
                raise ImapError(f"the server stopped answering in {self.name}: {error}") from None
            if typ != "OK":
                raise ImapError(f"the server refused to send the headers of {self.name}")
            found: list[ImapMessage] = []
            for part in data:
                if not isinstance(part, tuple) or len(part) < 2:
                    continue
                match = _UID.search(part[0])
                if match is None:
                    continue
                uid = int(match[1])
                found.append(ImapMessage(uid, read_headers(part[1], f"{self.name}, UID {uid}")))
            yield from sorted(found, key=lambda m: m.uid)


class Connection:
    """A logged-in IMAP connection (a context manager: logs out at the end)."""

    def __init__(self, account: Account, password: str, *, timeout: float = 30.0) -> None:
        from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted

        port = account.port or account.default_port
        try:
            box: Any
            if account.security is Security.SSL:
                box = MailBox(
                    account.host, port, timeout=timeout, ssl_context=ssl.create_default_context()
                )
            elif account.security is Security.STARTTLS:
                box = MailBoxStartTls(
                    account.host, port, timeout=timeout, ssl_context=ssl.create_default_context()
                )
            else:
                box = MailBoxUnencrypted(account.host, port, timeout=timeout)
        except (OSError, ssl.SSLError) as error:
            raise ImapError(f"cannot reach {account.host}:{port}: {_reason(error)}") from None
        except Exception as error:
            raise ImapError(
                f"{account.host}:{port} did not answer as an IMAP server: {error}"
            ) from None
        try:
            box.login(account.user, password, initial_folder=None)
        except OSError as error:  # no answer (timed out) or cut: the password may be right
            _quietly_close(box)
            raise ImapError(
                f"{account.host}:{port} stopped answering during the login: {_reason(error)}"
            ) from None
        except Exception:
            _quietly_close(box)
            raise ImapError(
                f"{account.host} refused the login of {account.user} (Gmail and Microsoft 365 "
                "need an app password)"
            ) from None
        self._box = box

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self._box.logout()
        except Exception:  # the connection may be gone already; nothing is left to undo
            _quietly_close(self._box)

    def folder(self, name: str) -> Folder:
        """``name`` opened read-only (EXAMINE), with its UIDVALIDITY."""
        try:
            self._box.folder.set(name, readonly=True)
            status = self._box.folder.status(name, ["UIDVALIDITY", "UIDNEXT", "MESSAGES"])
        except Exception:
            raise ImapError(f"there is no folder {name!r} in this account") from None
        return Folder(
            self._box,
            name,
            FolderState(
                uid_validity=int(status["UIDVALIDITY"]),
                uid_next=status.get("UIDNEXT"),
                messages=int(status.get("MESSAGES", 0)),
            ),
        )


def is_local(host: str) -> bool:
    """Whether ``host`` is this machine (loopback): the only place a plain password may go."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _quietly_close(box: Any) -> None:
    with contextlib.suppress(Exception):
        box.client.shutdown()


__all__ = [
    "FETCH_AT_ONCE",
    "Account",
    "Connection",
    "Folder",
    "FolderState",
    "ImapError",
    "ImapMessage",
    "Security",
    "is_local",
]
