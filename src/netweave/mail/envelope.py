"""An envelope: the few headers of a message that say who wrote to whom, and when.

Only these are read (never a body): From, To, Cc, Date, Message-ID, In-Reply-To,
List-Id, Precedence and Auto-Submitted. Parsing is lenient, as mail in the wild is:
a header that cannot be read is left empty and the rules decide what that means.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header, decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

HEADERS = (
    "From",
    "To",
    "Cc",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "List-Id",
    "Precedence",
    "Auto-Submitted",
)
"""The headers netweave reads; an IMAP sync asks the server for these and no others."""

KEY_LENGTH = 32
"""Hex digits of a message's key: a digest, so that no Message-ID is kept as such."""


@dataclass(frozen=True, slots=True)
class Party:
    """Someone on a message: an address (lowercased), or a LinkedIn profile; a name if given."""

    email: str | None = None
    name: str | None = None
    linkedin: str | None = None
    """The profile's slug (``ann-lee`` of ``linkedin.com/in/ann-lee``), for LinkedIn messages."""

    @property
    def handle(self) -> str:
        """What names this party in a report: the address, else the profile, else the name."""
        return (
            self.email
            or (f"linkedin.com/in/{self.linkedin}" if self.linkedin else "")
            or (self.name or "?")
        )


@dataclass(frozen=True, slots=True)
class Envelope:
    """One message, as far as netweave cares."""

    key: str
    """Stable across folders and sources: a digest of the Message-ID (or, without one, of
    the sender, the date and the recipients)."""
    sent_at: datetime | None
    """When it was sent (aware), None when its date cannot be read."""
    sender: Party | None
    to: tuple[Party, ...] = ()
    cc: tuple[Party, ...] = ()
    list_id: str | None = None
    precedence: str | None = None
    auto_submitted: str | None = None
    in_reply_to: str | None = None
    draft: bool = False
    """Written and never sent (LinkedIn exports keep drafts)."""
    where: str = ""
    """Where it was read, for a report: "INBOX, UID 412", "Sent.mbox, byte 1048576"."""

    @property
    def recipients(self) -> tuple[Party, ...]:
        return (*self.to, *self.cc)


def digest(*parts: str) -> str:
    """A message key from the text that identifies it."""
    text = "\x1f".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(text).hexdigest()[:KEY_LENGTH]


def _raw(value: object) -> str:
    """A header value as text. Raw 8-bit bytes (a client that did not encode a name) come
    as a Header of unknown charset: they are read as UTF-8, the usual case."""
    if isinstance(value, Header):
        return "".join(
            part.decode(charset if charset and charset != "unknown-8bit" else "utf-8", "replace")
            if isinstance(part, bytes)
            else part
            for part, charset in decode_header(value)
        )
    return str(value)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(_raw(value).split())
    return text or None


def _clean(text: str) -> str:
    """Text as UTF-8 can store it: 8-bit header bytes (read as surrogates) decoded as UTF-8,
    anything undecodable replaced."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _name(raw: str) -> str | None:
    name = _clean(raw).strip().strip('"').strip()
    if "=?" in name:
        # An unknown charset: the encoded form still names someone.
        with contextlib.suppress(LookupError, UnicodeError, ValueError):
            name = str(make_header(decode_header(name)))
    return " ".join(name.split()) or None


def parties(values: list[str]) -> tuple[Party, ...]:
    """The people named in address headers (several To: lines count together)."""
    found: list[Party] = []
    seen: set[str] = set()
    for name, address in getaddresses(values):
        email = _clean(address).strip().lower()
        if "@" not in email or " " in email or "\ufffd" in email or email in seen:
            continue
        seen.add(email)
        found.append(Party(email=email, name=_name(name)))
    return tuple(found)


def read_date(value: str | None) -> datetime | None:
    """A Date header as an aware moment; a date without a zone (``-0000``) is taken as UTC."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:  # pragma: no cover - older Pythons returned None
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def message_id(value: str | None) -> str | None:
    text = _text(value)
    if text is None:
        return None
    return text.strip("<>").strip() or None


_PARSER = BytesHeaderParser(policy=compat32)


def read_headers(raw: bytes, where: str = "") -> Envelope:
    """The envelope of a message from its header bytes (the body, if given, is ignored)."""
    message = _PARSER.parsebytes(raw)
    sender_header = [_raw(v) for v in message.get_all("From") or []]
    to_header = [_raw(v) for v in message.get_all("To") or []]
    cc_header = [_raw(v) for v in message.get_all("Cc") or []]
    sender = parties(sender_header)
    to = parties(to_header)
    cc = parties(cc_header)
    date_text = _text(message.get("Date"))
    mid = message_id(message.get("Message-ID"))
    if mid is not None:
        key = digest("id", mid)
    else:
        key = digest("headers", *sender_header, date_text or "", *to_header, *cc_header)
    return Envelope(
        key=key,
        sent_at=read_date(date_text),
        sender=sender[0] if sender else None,
        to=to,
        cc=cc,
        list_id=_text(message.get("List-Id")),
        precedence=(_text(message.get("Precedence")) or "").lower() or None,
        auto_submitted=(_text(message.get("Auto-Submitted")) or "").lower() or None,
        in_reply_to=message_id(message.get("In-Reply-To")),
        where=where,
    )


__all__ = [
    "HEADERS",
    "KEY_LENGTH",
    "Envelope",
    "Party",
    "digest",
    "message_id",
    "parties",
    "read_date",
    "read_headers",
]
