"""distinct people and undoable merges

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _workspace_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workspace_id"],
        ["workspace.id"],
        name=op.f(f"fk_{table}_workspace_id_workspace"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "person_distinct",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_person_distinct_ordered")),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["person.id"],
            name=op.f("fk_person_distinct_first_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["person.id"],
            name=op.f("fk_person_distinct_second_id_person"),
            ondelete="CASCADE",
        ),
        _workspace_key("person_distinct"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_distinct")),
        sa.UniqueConstraint(
            "first_id", "second_id", name=op.f("uq_person_distinct_first_id_second_id")
        ),
    )
    with op.batch_alter_table("person_distinct", schema=None) as batch_op:
        batch_op.create_index("ix_person_distinct_second", ["second_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_distinct_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "person_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("dropped_id", sa.Integer(), nullable=False),
        sa.Column("kept_name", sa.String(length=200), nullable=False),
        sa.Column("dropped_name", sa.String(length=200), nullable=False),
        sa.Column("choices", _json(), nullable=False),
        sa.Column("snapshot", _json(), nullable=False),
        sa.Column("merged_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=True),
        _workspace_key("person_merge"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merge")),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index(
            "ix_person_merge_workspace_kept", ["workspace_id", "kept_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_merge_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("person_merge")
    op.drop_table("person_distinct")
