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
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

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


_DATE = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s+([+-])(\d{2})(\d{2})(?:\s.*)?$"
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


@lru_cache(maxsize=256)
def _zone(sign: str, hours: int, minutes: int) -> timezone:
    offset = timedelta(hours=hours, minutes=minutes)
    return UTC if not offset else timezone(-offset if sign == "-" else offset)


def _quick_date(value: str) -> datetime | None:
    """The common form (``Tue, 3 Mar 2026 10:00:00 +0100``) read by one expression."""
    match = _DATE.match(value)
    month = _MONTHS.get(match[2].lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return datetime(
            int(match[3]),
            month,
            int(match[1]),
            int(match[4]),
            int(match[5]),
            int(match[6] or 0),
            tzinfo=_zone(match[7], int(match[8]), int(match[9])),
        )
    except ValueError:
        return None


def read_date(value: str | None) -> datetime | None:
    """A Date header as an aware moment; a date without a zone (``-0000``) is taken as UTC."""
    if not value:
        return None
    quick = _quick_date(value)
    if quick is not None:
        return quick
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


_FIELD = re.compile(
    rb"^(" + b"|".join(re.escape(h.encode()) for h in HEADERS) + rb"):[ \t]*"
    rb"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_FOLD = re.compile(r"\r?\n[ \t]+")


def header_fields(raw: bytes) -> dict[str, list[str]]:
    """The wanted headers of ``raw`` (lowercased names → values, folded lines unfolded).

    One expression finds them in the bytes (not the email package's parser: a sync reads a
    hundred thousand messages, and only nine headers of each matter). Values are read as
    UTF-8 (what clients that do not encode names send), anything else replaced.
    """
    end = raw.find(b"\n\n")
    crlf = raw.find(b"\r\n\r\n", 0, end if end != -1 else len(raw))
    if crlf != -1:
        end = crlf
    head = raw if end == -1 else raw[:end]
    fields: dict[str, list[str]] = {}
    for match in _FIELD.finditer(head):
        value = match[2].decode("utf-8", "replace")
        if "\n" in value:
            value = _FOLD.sub(" ", value)
        fields.setdefault(match[1].decode("ascii").lower(), []).append(value.strip())
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
