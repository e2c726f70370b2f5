"""imports and identity: person details, import runs, field sources, external keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import netweave.storage.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("department", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("birthday", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("linkedin", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("urls", _json(), server_default=sa.text("'[]'"), nullable=False)
        )
        batch_op.create_index(
            "ix_person_workspace_linkedin", ["workspace_id", "linkedin"], unique=False
        )
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("counts", _json(), nullable=False),
        sa.Column("imported_at", netweave.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_import_run_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )
    with op.batch_alter_table("import_run", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_run_workspace_sha256", ["workspace_id", "sha256"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_import_run_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "field_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("fields", _json(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["import_run.id"],
            name=op.f("fk_field_source_import_id_import_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_field_source_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_field_source_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_source")),
    )
    with op.batch_alter_table("field_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_field_source_import_id"), ["import_id"], unique=False)
        batch_op.create_index("ix_field_source_person", ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_field_source_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "external_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_external_key_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_external_key_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_external_key_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_key")),
        sa.UniqueConstraint(
            "workspace_id", "kind", "value", name=op.f("uq_external_key_workspace_id_kind_value")
        ),
    )
    with op.batch_alter_table("external_key", schema=None) as batch_op:
        batch_op.create_index("ix_external_key_event", ["event_id"], unique=False)
        batch_op.create_index("ix_external_key_person", ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_external_key_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("external_key")
    op.drop_table("field_source")
    op.drop_table("import_run")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_workspace_linkedin")
        batch_op.drop_column("urls")
        batch_op.drop_column("linkedin")
        batch_op.drop_column("birthday")
        batch_op.drop_column("department")
        batch_op.drop_column("nickname")
