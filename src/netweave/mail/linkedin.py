"""LinkedIn's ``messages.csv`` (Settings → Data privacy → Get a copy of your data → Messages).

Columns are found by name (LinkedIn has renamed and added some over the years):
``CONVERSATION ID``, ``FROM``, ``SENDER PROFILE URL``, ``TO``, ``RECIPIENT PROFILE URLS``,
``DATE`` (``2024-03-05 14:02:33 UTC``), ``FOLDER``, ``IS MESSAGE DRAFT``; ``SUBJECT`` and
``CONTENT`` are never read. People are named by profile (its slug) and by name; there are
no addresses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from netweave.domain.person import linkedin_slug
from netweave.mail.envelope import Envelope, Party, digest

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%m/%d/%y, %I:%M %p",
)
_LEFT_OUT_FOLDERS = frozenset({"spam", "sponsored", "trash"})


class NotMessagesFile(ValueError):
    """The file is not LinkedIn's messages.csv (the columns it needs are missing)."""


def _date(text: str) -> datetime | None:
    text = text.strip()
    for pattern in _DATE_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _party(name: str | None, url: str | None) -> Party | None:
    slug = linkedin_slug(url) if url else None
    name = " ".join((name or "").split()) or None
    if slug is None and name is None:
        return None
    return Party(name=name, linkedin=slug)


def _recipients(names: str, urls: str) -> tuple[Party, ...]:
    url_list = _split(urls)
    name_list = _split(names)
    if len(name_list) != len(url_list):
        # A name with a comma in it: the profiles alone say who it was.
        name_list = [""] * len(url_list) if url_list else name_list
        url_list = url_list or [""] * len(name_list)
    found = (_party(name, url) for name, url in zip(name_list, url_list, strict=True))
    return tuple(p for p in found if p is not None)


def read_messages(path: Path) -> Iterator[Envelope]:
    """Every message of a LinkedIn ``messages.csv`` as an envelope."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {(name or "").strip().upper(): name for name in reader.fieldnames or []}
    needed = ("FROM", "DATE")
    if not all(c in columns for c in needed) or not (
        "TO" in columns or "RECIPIENT PROFILE URLS" in columns
    ):
        raise NotMessagesFile(
            f"{path.name} is not LinkedIn's messages.csv: it needs the columns FROM, TO and DATE"
        )

    def get(row: dict[str, str | None], column: str) -> str:
        name = columns.get(column)
        return (row.get(name) or "") if name is not None else ""

    for row in reader:
        sender = _party(get(row, "FROM"), get(row, "SENDER PROFILE URL"))
        when = get(row, "DATE")
        folder = get(row, "FOLDER").strip().lower()
        yield Envelope(
            key=digest("linkedin", get(row, "CONVERSATION ID"), when, get(row, "FROM")),
            sent_at=_date(when),
            sender=sender,
            to=_recipients(get(row, "TO"), get(row, "RECIPIENT PROFILE URLS")),
            precedence="junk" if folder in _LEFT_OUT_FOLDERS else None,
            draft=get(row, "IS MESSAGE DRAFT").strip().lower() in ("yes", "true"),
            where=f"{path.name}, line {reader.line_num}",
        )


__all__ = ["NotMessagesFile", "read_messages"]
