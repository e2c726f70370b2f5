"""Mail in: the messages a sync has seen, where each source stopped, its reports, and the
correspondents netweave does not know yet (docs/mail.md)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _workspace, metadata
from netweave.storage.types import JSONList, UTCDateTime

# A digest of each message's Message-ID: the same message in two folders or two sources
# is read once, and no Message-ID is kept as such.
mail_seen = Table(
    "mail_seen",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("message_key", String(32), nullable=False),
    UniqueConstraint("workspace_id", "message_key"),
)

# Where a sync of one source stopped: an IMAP folder's UIDVALIDITY and last UID, an mbox's
# size, offset and the digest of the bytes before it.
mail_cursor = Table(
    "mail_cursor",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("source", String(16), nullable=False),
    Column("place", String(500), nullable=False),
    Column("uid_validity", BigInteger),
    Column("last_uid", BigInteger),
    Column("file_size", BigInteger),
    Column("file_offset", BigInteger),
    Column("fingerprint", String(64)),
    Column("synced_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace_id", "source", "place"),
)

mail_sync_run = Table(
    "mail_sync_run",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("source", String(16), nullable=False),
    Column("place", String(500), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=False),
    Column("report", JSONList, nullable=False),
)

# A day's exchange with someone netweave does not know: offered as a suggestion, and
# logged as a touch by a later sync once they are added (by address, profile or name).
mail_stranger = Table(
    "mail_stranger",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("handle", String(320), nullable=False),
    Column("handle_kind", String(16), nullable=False),
    Column("name", String(200)),
    Column("touch_kind", String(16), nullable=False),
    Column("day", Date, nullable=False),
    Column("direction", String(3), nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace_id", "handle", "touch_kind", "day", "direction"),
    Index("ix_mail_stranger_handle", "handle"),
)

# A mailbox the owner saved to sync by name: an IMAP account (host, port, security, user,
# folders) or a file (an mbox, a Maildir, LinkedIn's messages.csv). Never a password: at
# most the path of the owner-only file that holds it (else the OS keyring has it).
mail_source = Table(
    "mail_source",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("name", String(80), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("host", String(253)),
    Column("port", Integer),
    Column("security", String(16)),
    Column("user", String(320)),
    Column("folders", JSONList, nullable=False),
    Column("path", String(1000)),
    Column("password_file", String(1000)),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace_id", "name"),
)

# One "sync now" of a saved source: its progress while it runs (messages read, batches
# done, updated after each batch) and its reports (one per folder) when it is done.
mail_sync_job = Table(
    "mail_sync_job",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("source_id", Integer, ForeignKey("mail_source.id", ondelete="SET NULL")),
    Column("source_name", String(80), nullable=False),
    Column("state", String(16), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("read", Integer, nullable=False),
    Column("batches", Integer, nullable=False),
    Column("error", String(1000)),
    Column("reports", JSONList, nullable=False),
    # What kind of error stopped a failed run, and its values: each interface words
    # what to do about it (cli/hints.py, web/hints.py).
    Column("error_code", String(40)),
    Column("error_facts", JSONList),
    Index("ix_mail_sync_job_source_id", "source_id"),
)
