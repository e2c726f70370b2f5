"""calendar re-import: the revision (iCalendar SEQUENCE) each event key was last seen at

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("external_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("external_key", schema=None) as batch_op:
        batch_op.drop_column("revision")
