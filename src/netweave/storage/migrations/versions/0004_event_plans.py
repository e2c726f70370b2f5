"""event plans: the people worth looking for at an event, and the debrief

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import netweave.storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("made_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("debriefed_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("debrief_notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_plan_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_event_plan_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_plan")),
        sa.UniqueConstraint("event_id", name=op.f("uq_event_plan_event_id")),
    )
    with op.batch_alter_table("event_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_plan_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "plan_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("opener", sa.Text(), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_plan_target_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["event_plan.id"],
            name=op.f("fk_plan_target_plan_id_event_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_plan_target_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_target")),
        sa.UniqueConstraint("plan_id", "person_id", name=op.f("uq_plan_target_plan_id_person_id")),
    )
    with op.batch_alter_table("plan_target", schema=None) as batch_op:
        batch_op.create_index("ix_plan_target_person", ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plan_target_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("plan_target")
    op.drop_table("event_plan")
