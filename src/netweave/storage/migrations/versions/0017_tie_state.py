"""tie strength's state: the stored rhythm and per-pair sums, kept up to date by triggers

The state of existing workspaces is built here, set-based (about 10 s per
million interactions on SQLite), so the first read finds it ready.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
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
    from netweave.storage import tie_state, tie_triggers

    op.create_table(
        "tie_touch",
        sa.Column("a", sa.Integer(), nullable=False),
        sa.Column("b", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("sec", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=True),
        sa.Column("starter", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("a", "b", "interaction_id", name=op.f("pk_tie_touch")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_tie_touch_interaction", "tie_touch", ["interaction_id"])
    op.create_table(
        "tie_pair",
        sa.Column("a", sa.Integer(), nullable=False),
        sa.Column("b", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("touches", sa.Integer(), nullable=False),
        sa.Column("first_sec", sa.Float(), nullable=False),
        sa.Column("last_sec", sa.Float(), nullable=False),
        sa.Column("by_a", sa.Integer(), nullable=False),
        sa.Column("by_b", sa.Integer(), nullable=False),
        sa.Column("decayed", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("a", "b", name=op.f("pk_tie_pair")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_tie_pair_workspace", "tie_pair", ["workspace_id"])
    op.create_table(
        "tie_rhythm",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("usual_gap", sa.Float(), nullable=True),
        sa.Column("half_life", sa.Float(), nullable=False),
        sa.Column("ref_sec", sa.Float(), nullable=False),
        sa.Column("touches", sa.Integer(), nullable=False),
        _workspace_key("tie_rhythm"),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_tie_rhythm")),
    )
    op.create_table(
        "tie_kind",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("typical", sa.Float(), nullable=True),
        _workspace_key("tie_kind"),
        sa.PrimaryKeyConstraint("workspace_id", "kind", name=op.f("pk_tie_kind")),
    )
    op.create_table(
        "tie_quiet",
        sa.Column("flag", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("flag", name=op.f("pk_tie_quiet")),
    )
    conn = op.get_bind()
    tie_triggers.install(conn)
    for (ws,) in conn.execute(sa.text("SELECT id FROM workspace")).all():
        tie_state.rebuild(conn, ws)


def downgrade() -> None:
    from netweave.storage import tie_triggers

    tie_triggers.uninstall(op.get_bind())
    for table in ("tie_quiet", "tie_kind", "tie_rhythm", "tie_pair", "tie_touch"):
        op.drop_table(table)
