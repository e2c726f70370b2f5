"""a failed mail sync run keeps its error's code and facts, for each interface to word
what to do about it

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("mail_sync_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("error_code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("error_facts", _JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mail_sync_job", schema=None) as batch_op:
        batch_op.drop_column("error_facts")
        batch_op.drop_column("error_code")
