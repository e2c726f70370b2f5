"""card photos waiting: received from the phone (its outbox), read, not yet confirmed

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_waiting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column(
            "reading",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("known_person_id", sa.Integer(), nullable=True),
        sa.Column("received_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["known_person_id"],
            ["person.id"],
            name=op.f("fk_card_waiting_known_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_card_waiting_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_waiting")),
    )
    with op.batch_alter_table("card_waiting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_card_waiting_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("card_waiting")
