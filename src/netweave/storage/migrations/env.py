"""Alembic environment: always run with a connection handed in by the Store."""

from __future__ import annotations

from alembic import context

from netweave.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("netweave migrations run through netweave.storage.Store, not alembic's CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
