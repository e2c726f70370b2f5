"""mail sources saved by name (no passwords), and the runs of "sync now" with their progress

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "mail_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("host", sa.String(length=253), nullable=True),
        sa.Column("port", sa.Integer(), nullable=True),
        sa.Column("security", sa.String(length=16), nullable=True),
        sa.Column("user", sa.String(length=320), nullable=True),
        sa.Column("folders", _JSON, nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=True),
        sa.Column("password_file", sa.String(length=1000), nullable=True),
        sa.Column("created_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_mail_source_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_source")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_mail_source_workspace_id_name")),
    )
    with op.batch_alter_table("mail_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_source_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "mail_sync_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("source_name", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", netweave.storage.types.UTCDateTime(), nullable=True),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.Column("reports", _JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_mail_sync_job_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["mail_source.id"],
            name=op.f("fk_mail_sync_job_source_id_mail_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_sync_job")),
    )
    with op.batch_alter_table("mail_sync_job", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_sync_job_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index("ix_mail_sync_job_source_id", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_table("mail_sync_job")
    op.drop_table("mail_source")
