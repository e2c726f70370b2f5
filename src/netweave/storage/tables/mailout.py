"""Mail out: a workspace's settings for it, and every message sent (or being sent)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table, Text, Time, UniqueConstraint

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _workspace, metadata
from netweave.storage.types import JSONList, UTCDateTime

mail_out = Table(
    "mail_out",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("to_address", String(320)),
    Column("from_address", String(320)),
    Column("channels", JSONList, nullable=False),
    Column("smtp_host", String(253)),
    Column("smtp_port", Integer),
    Column("smtp_security", String(16), nullable=False),
    Column("smtp_user", String(320)),
    Column("smtp_password_file", Text),
    Column("digest_day", String(9), nullable=False),
    Column("digest_at", Time, nullable=False),
    Column("remind_at", Time, nullable=False),
    Column("digest_on", Boolean, nullable=False),
    Column("reminders_on", Boolean, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace_id"),
)

sent_message = Table(
    "sent_message",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    # What was sent ("digest:2026-W45", "follow-up:12:2026-11-02") and where
    # ("email:robin@example.com", "channel:<digest of its URL>"): once each.
    Column("key", String(200), nullable=False),
    Column("route", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("message_id", String(250), nullable=False),
    Column("subject", Text, nullable=False),
    # "sending" (recorded before the send; stays so if the process died meanwhile),
    # "sent" or "failed" (tried again on a later run).
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("workspace_id", "key", "route"),
)

__all__ = ["mail_out", "sent_message"]
