"""tie strength's sums over the pairs kept by triggers; the latest touch by an index

``tie_total`` holds each workspace's Σ (last − first), Σ (touches − 1) and Σ
touches over its pairs, kept by triggers on ``tie_pair``: the rule of when to
refresh the rhythm reads one row, not every pair. ``ix_tie_pair_last`` finds a
workspace's latest touch. The sums of existing workspaces are added up here.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from netweave.storage import tie_triggers

    op.create_table(
        "tie_total",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("spans", sa.Float(), nullable=False),
        sa.Column("gaps", sa.Integer(), nullable=False),
        sa.Column("touches", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_tie_total_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_tie_total")),
    )
    op.create_index("ix_tie_pair_last", "tie_pair", ["workspace_id", "last_sec"])
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "INSERT INTO tie_total (workspace_id, spans, gaps, touches) "
            "SELECT w.id, coalesce(sum(p.last_sec - p.first_sec), 0.0), "
            "coalesce(sum(p.touches - 1), 0), coalesce(sum(p.touches), 0) "
            "FROM workspace w LEFT JOIN tie_pair p ON p.workspace_id = w.id GROUP BY w.id"
        )
    )
    tie_triggers.install_totals(conn)


def downgrade() -> None:
    from netweave.storage import tie_triggers

    tie_triggers.uninstall_totals(op.get_bind())
    op.drop_index("ix_tie_pair_last", table_name="tie_pair")
    op.drop_table("tie_total")
