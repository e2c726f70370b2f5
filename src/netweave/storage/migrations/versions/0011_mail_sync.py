"""mail in: the owner's addresses, messages seen, where each sync stopped, its reports,
and correspondents not known yet

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _workspace_column() -> sa.Column[int]:
    return sa.Column("workspace_id", sa.Integer(), nullable=False)


def _workspace_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspace.id"],
        name=op.f(f"fk_{table}_workspace_id_workspace"),
        ondelete="CASCADE",
    )


def _workspace_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f(f"ix_{table}_workspace_id"), ["workspace_id"], unique=False
        )


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN (no batch): rebuilding the workspace table on SQLite
    # would drop it, and with it, by cascade, every record of every workspace.
    op.add_column(
        "workspace",
        sa.Column("my_addresses", _JSON, nullable=False, server_default=sa.text("'[]'")),
    )
    op.create_table(
        "mail_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_column(),
        sa.Column("message_key", sa.String(length=32), nullable=False),
        _workspace_key("mail_seen"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_seen")),
        sa.UniqueConstraint(
            "workspace_id", "message_key", name=op.f("uq_mail_seen_workspace_id_message_key")
        ),
    )
    _workspace_index("mail_seen")
    op.create_table(
        "mail_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_column(),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("uid_validity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        sa.Column("file_offset", sa.BigInteger(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=True),
        sa.Column("synced_at", netweave.storage.types.UTCDateTime(), nullable=False),
        _workspace_key("mail_cursor"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_cursor")),
        sa.UniqueConstraint(
            "workspace_id", "source", "place", name=op.f("uq_mail_cursor_workspace_id_source_place")
        ),
    )
    _workspace_index("mail_cursor")
    op.create_table(
        "mail_sync_run",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_column(),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("started_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("report", _JSON, nullable=False),
        _workspace_key("mail_sync_run"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_sync_run")),
    )
    _workspace_index("mail_sync_run")
    op.create_table(
        "mail_stranger",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_column(),
        sa.Column("handle", sa.String(length=320), nullable=False),
        sa.Column("handle_kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("touch_kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("occurred_at", netweave.storage.types.UTCDateTime(), nullable=False),
        _workspace_key("mail_stranger"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_stranger")),
        sa.UniqueConstraint(
            "workspace_id",
            "handle",
            "touch_kind",
            "day",
            "direction",
            name=op.f("uq_mail_stranger_workspace_id_handle_touch_kind_day_direction"),
        ),
    )
    _workspace_index("mail_stranger")
    with op.batch_alter_table("mail_stranger", schema=None) as batch_op:
        batch_op.create_index("ix_mail_stranger_handle", ["handle"], unique=False)


def downgrade() -> None:
    for table in ("mail_stranger", "mail_sync_run", "mail_cursor", "mail_seen"):
        op.drop_table(table)
    op.drop_column("workspace", "my_addresses")
