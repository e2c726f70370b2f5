"""tie strength's triggers made again: seconds by julianday, one look-up of a kind's row

Databases made before commit 0fcece7 kept the triggers of migration 0017 as they were then:
the same values (``tie_touch.sec`` and ``value``) by slower SQL (``strftime('%s')``, which
formats a string to read it back, and the kind's row of ``tie_kind`` looked up twice per
touch). The triggers are made again as ``storage/tie_triggers.py`` defines them; the
downgrade makes them as they were. No stored value changes either way.

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0026"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from netweave.storage import tie_triggers

    conn = op.get_bind()
    tie_triggers.uninstall(conn)
    tie_triggers.install(conn)


def downgrade() -> None:
    from netweave.storage import tie_triggers

    conn = op.get_bind()
    tie_triggers.uninstall(conn)
    tie_triggers.install(conn, before_0026=True)
