"""categories keep their case: a folded key column to compare them by

People and referrals gain ``category_key``: the category case folded, spaces collapsed
(what netweave.domain.categories.category_key gives), filled by the storage layer on
every write and here for the rows already stored. The referral index on
(workspace, category) moves to the key, so that a conflict check and a category filter
still use it on SQLite and PostgreSQL.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("person", "referral")


def _key(category: str) -> str | None:
    """The key as of this revision (a copy: a migration does not follow later code)."""
    return " ".join(category.casefold().split()) or None


def _fill(table_name: str) -> None:
    conn = op.get_bind()
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer),
        sa.column("category", sa.Text),
        sa.column("category_key", sa.Text),
    )
    rows = conn.execute(
        sa.select(table.c.id, table.c.category).where(table.c.category.is_not(None))
    ).all()
    keys = [{"_id": row_id, "_key": _key(category)} for row_id, category in rows]
    if keys:
        conn.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("_id"))
            .values(category_key=sa.bindparam("_key")),
            keys,
        )


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category_key", sa.Text(), nullable=True))
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category_key", sa.Text(), nullable=True))
        batch_op.drop_index("ix_referral_workspace_category")
    for name in TABLES:
        _fill(name)
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referral_workspace_category", ["workspace_id", "category_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_workspace_category")
        batch_op.drop_column("category_key")
        batch_op.create_index(
            "ix_referral_workspace_category", ["workspace_id", "category"], unique=False
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("category_key")
