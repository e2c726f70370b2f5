"""calendars subscribed to by URL, fetched again and imported like an .ics file

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import netweave.storage.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("created_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.Column("fetched_at", netweave.storage.types.UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("summary", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_calendar_subscription_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_subscription")),
        sa.UniqueConstraint(
            "workspace_id", "name", name=op.f("uq_calendar_subscription_workspace_id_name")
        ),
    )
    with op.batch_alter_table("calendar_subscription", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_subscription_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("calendar_subscription")
