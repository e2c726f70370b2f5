"""each person's latest touch, stored and kept up to date by triggers

A page of people reads its people's last touches by key instead of counting every
participation of theirs (storage/last_touch.py). Existing touches are counted here.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import netweave.storage.types

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from netweave.storage import last_touch

    op.create_table(
        "person_last_touch",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", netweave.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_last_touch_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_person_last_touch_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_last_touch")),
    )
    op.create_index(
        op.f("ix_person_last_touch_workspace_id"), "person_last_touch", ["workspace_id"]
    )
    conn = op.get_bind()
    last_touch.install(conn, quiet_in_bulk=False)  # as 0021 made them (0024 makes them again)
    last_touch.fill(conn)


def downgrade() -> None:
    from netweave.storage import last_touch

    last_touch.uninstall(op.get_bind())
    op.drop_table("person_last_touch")
