"""What the owner aims at: the people they want to meet (a target market), and how often
to be in touch with the people of a tag."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, UniqueConstraint

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _workspace, metadata
from netweave.storage.types import JSONList

target_market = Table(
    "target_market",
    metadata,
    Column(
        "workspace_id", Integer, ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("categories", JSONList, nullable=False),
    Column("roles", JSONList, nullable=False),
    Column("regions", JSONList, nullable=False),
    Column("company_sizes", JSONList, nullable=False),
    Column("keywords", JSONList, nullable=False),
)

tag_cadence = Table(
    "tag_cadence",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("tag", String(50), nullable=False),
    Column("days", Integer, nullable=False),
    UniqueConstraint("workspace_id", "tag"),
)
"""How often to be in touch with the people of a tag, by default."""
