"""The export's ``mail`` section (version 4): mail settings and where mail syncs stand.

- ``sources``: the saved mailboxes, never a password nor where one is kept (a restored
  account reads its password from the OS keyring, user@host, until it is given again);
- ``out``: the mail-out settings without the channels, whose URLs hold their secrets
  (``channels_hidden`` names them, with their secrets hidden, for the reader; a restore
  adds none) and without the SMTP password file's path (a file of that machine);
- ``seen``: the keys of the messages syncs have read (digests of their Message-IDs, never
  the Message-IDs), so a restored workspace does not log the same mail twice;
- ``cursors``: where each source's sync stopped (IMAP UIDVALIDITY and UID; an mbox's
  offset, size and fingerprint), so the next sync reads only what is new.

The owner's addresses are in ``workspace.settings.my_addresses``. Not exported: the
suggestions (addresses of people not in netweave) and the runs' reports.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from netweave.commands import AddMailSource
from netweave.domain.base import Record, UtcDateTime
from netweave.domain.mailout import MailOut, hidden
from netweave.errors import InvalidInput
from netweave.services.exchange_refs import Refs, load
from netweave.storage import Tx
from netweave.storage import mail as mail_db
from netweave.storage import mail_sources as sources_db
from netweave.storage import mailout as mailout_db

NOT_EXPORTED_OUT = ("channels", "smtp_password_file")


class ExportedCursor(Record):
    source: Annotated[str, Field(min_length=1, max_length=16)]
    place: Annotated[str, Field(min_length=1, max_length=500)]
    uid_validity: int | None = None
    last_uid: int | None = None
    file_size: int | None = None
    file_offset: int | None = None
    fingerprint: Annotated[str, Field(max_length=64)] | None = None
    synced_at: UtcDateTime


class ExportedSource(Record):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    kind: str
    host: str | None = None
    port: int | None = None
    security: str | None = None
    user: str | None = None
    folders: list[str] = Field(default_factory=list)
    path: str | None = None
    created_at: UtcDateTime


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def export_mail(conn: Tx, ws: int) -> dict[str, Any]:
    out = mailout_db.get_mail_out(conn, ws)
    return {
        "sources": [
            {
                "name": s.name,
                "kind": s.kind,
                "host": s.host,
                "port": s.port,
                "security": s.security,
                "user": s.user,
                "folders": s.folders,
                "path": s.path,
                "created_at": _iso(s.created_at),
            }
            for s in sources_db.list_sources(conn, ws)
        ],
        "out": {
            **out.model_dump(mode="json", exclude=set(NOT_EXPORTED_OUT)),
            "channels_hidden": [hidden(url) for url in out.channels],
        },
        "seen": sources_db.all_seen(conn, ws),
        "cursors": [
            {**c, "synced_at": _iso(c["synced_at"])} for c in sources_db.all_cursors(conn, ws)
        ],
    }


def restore_mail(conn: Tx, ws: int, document: dict[str, Any], now: datetime) -> None:
    """The ``mail`` section back (none in documents before version 4)."""
    mail = document.get("mail")
    if mail is None:
        return
    if not isinstance(mail, dict):
        raise InvalidInput("must be an object", field="mail")
    for index, entry in enumerate(mail.get("sources") or []):
        where = f"mail.sources[{index}]"
        source = load(ExportedSource, entry, Refs(), where)
        fields = source.model_dump(exclude={"created_at"}, exclude_none=True)
        try:
            command = AddMailSource.model_validate(fields)
        except (ValueError, InvalidInput) as error:
            raise InvalidInput(f"is not a mailbox: {error}", field=where) from None
        if sources_db.source_named(conn, ws, source.name) is not None:
            raise InvalidInput(f"a second mailbox named {source.name!r}", field=where)
        sources_db.add_source(
            conn,
            ws,
            {
                "name": source.name,
                "kind": command.kind.value,
                "host": command.host,
                "port": source.port,
                "security": source.security,
                "user": command.user,
                "folders": command.folders,
                "path": command.path,
                "password_file": None,
            },
            source.created_at,
        )
    out = mail.get("out")
    if out is not None:
        if not isinstance(out, dict):
            raise InvalidInput("must be an object", field="mail.out")
        kept = {k: v for k, v in out.items() if k != "channels_hidden"}
        mailout_db.save_mail_out(conn, ws, load(MailOut, kept, Refs(), "mail.out"), now)
    seen = mail.get("seen") or []
    if not isinstance(seen, list) or not all(isinstance(k, str) and 0 < len(k) <= 32 for k in seen):
        raise InvalidInput("must be a list of message keys", field="mail.seen")
    mail_db.mark_seen(conn, ws, seen)
    for index, entry in enumerate(mail.get("cursors") or []):
        cursor = load(ExportedCursor, entry, Refs(), f"mail.cursors[{index}]")
        mail_db.save_cursor(
            conn,
            ws,
            cursor.source,
            cursor.place,
            mail_db.Cursor(
                cursor.uid_validity,
                cursor.last_uid,
                cursor.file_size,
                cursor.file_offset,
                cursor.fingerprint,
            ),
            cursor.synced_at,
        )


__all__ = ["export_mail", "restore_mail"]
