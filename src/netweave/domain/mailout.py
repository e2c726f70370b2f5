"""Mail out: where the weekly digest and the reminders go, by which server, and when.

One ``MailOut`` per workspace. It holds no password: the SMTP password is read when
mail is sent, from a file only its owner can read or from the OS keyring (see
``netweave.outbox.secrets``). Channel URLs (Apprise: ``tgram://...``, ``ntfy://...``)
often carry a token; they are kept here, shown with their secrets hidden, and left out
of the export.
"""

from __future__ import annotations

import re
from datetime import time
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from netweave.domain.base import Record, no_items
from netweave.domain.person import normalize_email

EARLIEST = time(7, 0)
"""Nothing is sent before 07:00 local time (the digest's default is 07:30, reminders' 08:00)."""
LATEST = time(21, 0)
"""Nor from 21:00 on: what comes due in the evening waits for the next morning."""
MOST_CHANNELS = 20
LONGEST_URL = 2000
_URL = re.compile(r"^[a-z][a-z0-9+.-]{1,31}://\S+$", re.IGNORECASE)
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")


class Security(StrEnum):
    """How the connection to the SMTP server is protected."""

    STARTTLS = "starttls"
    """Plain connection upgraded to TLS (port 587): what most providers ask for."""
    SSL = "ssl"
    """TLS from the first byte (port 465)."""
    NONE = "none"
    """No encryption: only for a server on this machine (a relay, a test sink)."""


DEFAULT_PORTS = {Security.STARTTLS: 587, Security.SSL: 465, Security.NONE: 25}


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, as ``date.weekday()`` counts."""
        return list(Weekday).index(self)


def _sensible(at: time, what: str) -> time:
    if at.tzinfo is not None:
        raise ValueError(f"{what} is a local time of day, without an offset")
    if not EARLIEST <= at < LATEST:
        raise ValueError(
            f"must be from {EARLIEST:%H:%M} to before {LATEST:%H:%M} local time "
            "(nothing is sent at night)"
        )
    return at.replace(second=0, microsecond=0)


def check_channel_url(url: str) -> str:
    """A channel URL as typed, checked for its shape (scheme://...); ValueError if not."""
    url = url.strip()
    if len(url) > LONGEST_URL or not _URL.match(url):
        raise ValueError(
            f"'{hidden(url)}' is not a channel URL (e.g. ntfy://mytopic, "
            "tgram://bottoken/chatid, json://localhost:8080/hook)"
        )
    return url


def hidden(url: str) -> str:
    """A channel URL with everything after its scheme's first part hidden (for messages)."""
    scheme, _, rest = url.partition("://")
    if not rest:
        return url[:12] + ("..." if len(url) > 12 else "")
    return f"{scheme}://{rest[:4]}..." if len(rest) > 4 else url


class MailOut(Record):
    """A workspace's mail-out settings; every field may be changed by ``SetMailOut``."""

    to_address: str | None = None
    """Where the digest and the reminders go by email; None: by email nowhere."""
    from_address: str | None = None
    """Who they come from; None: the SMTP user when it is an address, else ``to_address``."""
    channels: list[str] = Field(default_factory=no_items, max_length=MOST_CHANNELS)
    """Apprise URLs, one per channel; each gets the digest and the reminders too."""
    smtp_host: str | None = Field(default=None, max_length=253)
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    """None: the usual port of ``smtp_security`` (587, 465 or 25)."""
    smtp_security: Security = Security.STARTTLS
    smtp_user: str | None = Field(default=None, max_length=320)
    smtp_password_file: str | None = Field(default=None, max_length=4096)
    """A file holding the password, readable by its owner only; None: the OS keyring."""
    digest_day: Weekday = Weekday.MONDAY
    digest_at: time = time(7, 30)
    remind_at: time = time(8, 0)
    digest_on: bool = True
    """Whether the schedule sends the digest (``netweave digest`` sends it when asked)."""
    reminders_on: bool = True

    @field_validator("smtp_security", "digest_day", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("to_address", "from_address")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        return normalize_email(value) if value else None

    @field_validator("smtp_host")
    @classmethod
    def _host(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not _HOST.match(value):
            raise ValueError(f"'{value}' is not a host name (e.g. smtp.example.com)")
        return value.lower()

    @field_validator("smtp_user", "smtp_password_file")
    @classmethod
    def _blank(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("channels")
    @classmethod
    def _channels(cls, urls: list[str]) -> list[str]:
        checked: list[str] = []
        for url in urls:
            url = check_channel_url(url)
            if url not in checked:
                checked.append(url)
        return checked

    @field_validator("digest_at")
    @classmethod
    def _digest_at(cls, at: time) -> time:
        return _sensible(at, "the digest's time")

    @field_validator("remind_at")
    @classmethod
    def _remind_at(cls, at: time) -> time:
        return _sensible(at, "the reminders' time")

    @model_validator(mode="after")
    def _server_for_user(self) -> MailOut:
        if self.smtp_user and not self.smtp_host:
            raise ValueError("an SMTP user needs an SMTP server (smtp host)")
        if self.smtp_user and self.smtp_security == Security.NONE and not self.local_server:
            raise ValueError(
                "a login without encryption would send the password in the clear: "
                "use starttls or ssl (security none is for a server on this machine)"
            )
        return self

    @property
    def local_server(self) -> bool:
        """Whether the SMTP server is this machine (where no encryption is needed)."""
        host = (self.smtp_host or "").strip("[]")
        return host == "localhost" or host.startswith("127.") or host == "::1"

    @property
    def port(self) -> int:
        return self.smtp_port or DEFAULT_PORTS[self.smtp_security]

    @property
    def sender(self) -> str | None:
        """The From address: ``from_address``, else the SMTP user when it is an address,
        else ``to_address`` (mail to oneself)."""
        if self.from_address:
            return self.from_address
        if self.smtp_user and "@" in self.smtp_user:
            try:
                return normalize_email(self.smtp_user)
            except ValueError:
                pass
        return self.to_address


__all__ = [
    "DEFAULT_PORTS",
    "EARLIEST",
    "LATEST",
    "MOST_CHANNELS",
    "MailOut",
    "Security",
    "Weekday",
    "check_channel_url",
    "hidden",
]
