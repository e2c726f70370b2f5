"""Changing where and when mail goes out (the weekly digest and the reminders), and the
mailboxes saved to sync mail in from."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from netweave.commands.base import Command, Edit, RecordId
from netweave.domain.mailout import MOST_CHANNELS, MailOut, check_channel_url
from netweave.errors import InvalidInput


class SetMailOut(Edit):
    """Change the mail-out settings: ``set`` gives fields new values (as :class:`MailOut`
    names and checks them), ``clear`` empties them (an optional field, or every channel),
    ``add_channels`` and ``remove_channels`` change the channels one URL at a time.
    Everything is checked together, in one transaction; no password is ever a field."""

    log_name: ClassVar[str] = "set-mail-out"
    edits: ClassVar[type[BaseModel]] = MailOut
    lists: ClassVar[tuple[str, ...]] = ("channels",)

    add_channels: list[str] = Field(default_factory=list, max_length=MOST_CHANNELS)
    remove_channels: list[str] = Field(default_factory=list, max_length=MOST_CHANNELS)

    @field_validator("add_channels")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        return [check_channel_url(url) for url in urls]

    @field_validator("remove_channels")
    @classmethod
    def _stripped(cls, urls: list[str]) -> list[str]:
        return [url.strip() for url in urls]

    @model_validator(mode="after")
    def _something(self) -> SetMailOut:
        if not (self.set or self.clear or self.add_channels or self.remove_channels):
            raise ValueError("name at least one mail setting to change")
        if "channels" in self.set and (self.add_channels or self.remove_channels):
            raise ValueError("set the channels, or add and remove some, not both")
        return self


class SourceKind(StrEnum):
    IMAP = "imap"
    MBOX = "mbox"
    MAILDIR = "maildir"
    LINKEDIN = "linkedin"


class ImapSecurity(StrEnum):
    SSL = "ssl"
    STARTTLS = "starttls"
    PLAIN = "plain"


_HOST = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$"
)
_IP6 = re.compile(r"^\[?[0-9A-Fa-f:.]+\]?$")
MOST_FOLDERS = 20


def _missing(field: str, why: str) -> InvalidInput:
    return InvalidInput(why, field=field, code="missing")


class AddMailSource(Command):
    """Save a mailbox to sync by name: an IMAP account (host, port, security, user,
    folders) or a file (an mbox, a Maildir, LinkedIn's messages.csv). Its password is
    never a field: it goes to the OS keyring or an owner-only file, apart from the
    command (``services.mail_saved.add_source``)."""

    log_name: ClassVar[str] = "add-mail-source"

    kind: SourceKind = SourceKind.IMAP
    name: str | None = Field(default=None, max_length=80)
    """None: ``user@host`` for an account, the file's name for a file."""
    host: str | None = Field(default=None, max_length=253)
    port: int | None = None
    """None: 993 with ssl, 143 otherwise."""
    security: ImapSecurity = ImapSecurity.SSL
    user: str | None = Field(default=None, max_length=320)
    folders: list[str] = Field(default_factory=list, max_length=MOST_FOLDERS)
    """Empty: INBOX."""
    path: str | None = Field(default=None, max_length=1000)

    @field_validator("host", "user", "path", "name", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("folders")
    @classmethod
    def _folders(cls, folders: list[str]) -> list[str]:
        named = [f.strip() for f in folders if f.strip()]
        if any(len(f) > 200 for f in named):
            raise ValueError("a folder name is at most 200 characters")
        return list(dict.fromkeys(named))

    @model_validator(mode="after")
    def _complete(self) -> AddMailSource:
        if self.kind is SourceKind.IMAP:
            if self.host is None:
                raise _missing("host", "name the IMAP server (host), e.g. imap.fastmail.com")
            if not (_HOST.match(self.host) or _IP6.match(self.host)):
                raise InvalidInput(
                    f"{self.host!r} is not a host name (letters, digits, dots and dashes)",
                    field="host",
                )
            if self.port is not None and not 1 <= self.port <= 65535:
                raise InvalidInput(
                    f"port {self.port} does not exist: a port is 1 to 65535 (IMAP: 993 "
                    "with SSL, 143 with STARTTLS)",
                    field="port",
                )
            if self.user is None:
                raise _missing("user", "name the account's user (often your address)")
            if self.path is not None:
                raise InvalidInput("an IMAP account has no path", field="path")
        else:
            if self.path is None:
                raise _missing("path", f"name the {self.kind.value} file or folder (path)")
            if self.host is not None or self.user is not None:
                raise InvalidInput(
                    f"a {self.kind.value} source is a file: it has no host or user",
                    field="host" if self.host is not None else "user",
                )
        return self

    @property
    def default_port(self) -> int:
        return 993 if self.security is ImapSecurity.SSL else 143


class RemoveMailSource(Command):
    """Forget a saved mailbox (and the password kept for it); its touches stay."""

    log_name: ClassVar[str] = "remove-mail-source"

    source_id: RecordId


__all__ = [
    "MOST_FOLDERS",
    "AddMailSource",
    "ImapSecurity",
    "RemoveMailSource",
    "SetMailOut",
    "SourceKind",
]
