"""keep-in-touch cadences (person, group, tag) and interaction lengths to the second

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag_cadence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=50), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_tag_cadence_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag_cadence")),
        sa.UniqueConstraint("workspace_id", "tag", name=op.f("uq_tag_cadence_workspace_id_tag")),
    )
    with op.batch_alter_table("tag_cadence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tag_cadence_workspace_id"), ["workspace_id"], unique=False
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_in_touch_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("network_group", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_in_touch_days", sa.Integer(), nullable=True))
    # Whole minutes lost the length of short contacts (a 20-second contact counted a minute).
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.alter_column(
            "duration_minutes", existing_type=sa.Integer(), type_=sa.Float(), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.alter_column(
            "duration_minutes", existing_type=sa.Float(), type_=sa.Integer(), existing_nullable=True
        )
    with op.batch_alter_table("network_group", schema=None) as batch_op:
        batch_op.drop_column("keep_in_touch_days")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("keep_in_touch_days")
    op.drop_table("tag_cadence")
