"""the last touch's trigger stands aside during bulk writes, which set the moments per chunk

The trigger on an added participant now does nothing while ``tie_quiet`` holds a row; the
bulk path (storage/tie_bulk.py) sets the chunk's moments in one statement
(storage/last_touch.py ``added_in_bulk``). The triggers are made again as that module
defines them.

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0024"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from netweave.storage import last_touch

    conn = op.get_bind()
    last_touch.uninstall(conn)
    last_touch.install(conn)


def downgrade() -> None:
    from netweave.storage import last_touch

    conn = op.get_bind()
    last_touch.uninstall(conn)
    last_touch.install(conn, quiet_in_bulk=False)
