"""mail out: a workspace's settings for the digest and reminders, and the messages sent

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _workspace_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspace.id"],
        name=op.f(f"fk_{table}_workspace_id_workspace"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "mail_out",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=True),
        sa.Column("from_address", sa.String(length=320), nullable=True),
        sa.Column(
            "channels",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("smtp_host", sa.String(length=253), nullable=True),
        sa.Column("smtp_port", sa.Integer(), nullable=True),
        sa.Column("smtp_security", sa.String(length=16), nullable=False),
        sa.Column("smtp_user", sa.String(length=320), nullable=True),
        sa.Column("smtp_password_file", sa.Text(), nullable=True),
        sa.Column("digest_day", sa.String(length=9), nullable=False),
        sa.Column("digest_at", sa.Time(), nullable=False),
        sa.Column("remind_at", sa.Time(), nullable=False),
        sa.Column("digest_on", sa.Boolean(), nullable=False),
        sa.Column("reminders_on", sa.Boolean(), nullable=False),
        sa.Column("updated_at", netweave.storage.types.UTCDateTime(), nullable=False),
        _workspace_key("mail_out"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_out")),
        sa.UniqueConstraint("workspace_id", name=op.f("uq_mail_out_workspace_id")),
    )
    op.create_table(
        "sent_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("recorded_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("sent_at", netweave.storage.types.UTCDateTime(), nullable=True),
        _workspace_key("sent_message"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_message")),
        sa.UniqueConstraint(
            "workspace_id", "key", "route", name=op.f("uq_sent_message_workspace_id_key_route")
        ),
    )
    for table in ("mail_out", "sent_message"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f(f"ix_{table}_workspace_id"), ["workspace_id"], unique=False
            )


def downgrade() -> None:
    for table in ("sent_message", "mail_out"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_workspace_id"))
        op.drop_table(table)
