"""An envelope: the few headers of a message that say who wrote to whom, and when.

Only these are read (never a body): From, To, Cc, Date, Message-ID, In-Reply-To,
List-Id, Precedence and Auto-Submitted. Parsing is lenient, as mail in the wild is:
a header that cannot be read is left empty and the rules decide what that means.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
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


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _name(raw: str) -> str | None:
    name = raw.strip().strip('"').strip()
    if "=?" in name:
        # An unknown charset: the encoded form still names someone.
        with contextlib.suppress(LookupError, UnicodeError, ValueError):
            name = str(make_header(decode_header(name)))
    return " ".join(name.split()) or None


_SIMPLE = re.compile(
    r'\s*(?:(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<name>[^,<>"()]*?))\s*<(?P<routed>[^<>\s,"()]+)>'
    r'|(?P<bare>[^\s,<>"()]+))\s*(?:,|\Z)'
)


def _pairs(value: str) -> list[tuple[str, str]] | None:
    """(name, address) of a header in the common forms (``a@b``, ``Name <a@b>``,
    ``"Last, First" <a@b>``, comma-separated); None for anything else (comments, groups),
    which the email package reads."""
    found = []
    at = 0
    while at < len(value):
        match = _SIMPLE.match(value, at)
        if match is None or match.end() == at:
            return None
        name = match["quoted"] if match["quoted"] is not None else (match["name"] or "")
        found.append((name.replace('\\"', '"'), match["routed"] or match["bare"]))
        at = match.end()
    return found


def parties(values: list[str]) -> tuple[Party, ...]:
    """The people named in address headers (several To: lines count together)."""
    found: list[Party] = []
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for value in values:
        simple = _pairs(value)
        pairs.extend(simple if simple is not None else getaddresses([value]))
    for name, address in pairs:
        email = address.strip().lower()
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


_WANTED = frozenset(h.lower() for h in HEADERS)


def header_fields(raw: bytes) -> dict[str, list[str]]:
    """The wanted headers of ``raw`` (lowercased names → values, folded lines unfolded).

    A scan of the header lines rather than the email package's parser: a sync reads a
    hundred thousand messages, and only nine headers of each matter. Bytes are read as
    UTF-8 (what clients that do not encode names send), anything else replaced.
    """
    text = raw.decode("utf-8", "replace")
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line:
            break  # the blank line that ends the headers
        if line[0] in " \t":
            if current is not None:
                current[-1] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        if not colon or key not in _WANTED:
            current = None
            continue
        current = fields.setdefault(key, [])
        current.append(value.strip())
    return fields


def read_headers(raw: bytes, where: str = "") -> Envelope:
    """The envelope of a message from its header bytes (the body, if given, is ignored)."""
    fields = header_fields(raw)

    def one(name: str) -> str | None:
        values = fields.get(name)
        return _text(values[0]) if values else None

    sender_header = fields.get("from", [])
    to_header = fields.get("to", [])
    cc_header = fields.get("cc", [])
    sender = parties(sender_header[:1])
    date_text = one("date")
    mid = message_id(one("message-id"))
    if mid is not None:
        key = digest("id", mid)
    else:
        key = digest("headers", *sender_header, date_text or "", *to_header, *cc_header)
    return Envelope(
        key=key,
        sent_at=read_date(date_text),
        sender=sender[0] if sender else None,
        to=parties(to_header),
        cc=parties(cc_header),
        list_id=one("list-id"),
        precedence=(one("precedence") or "").lower() or None,
        auto_submitted=(one("auto-submitted") or "").lower() or None,
        in_reply_to=message_id(one("in-reply-to")),
        where=where,
    )


__all__ = [
    "HEADERS",
    "KEY_LENGTH",
    "Envelope",
    "Party",
    "digest",
    "header_fields",
    "message_id",
    "parties",
    "read_date",
    "read_headers",
]
