"""Groups the owner belongs to, and their members."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _person, _workspace, metadata

group = Table(
    "network_group",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("name", String(200), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("cadence", String(32), nullable=False),
    Column("dues_cents", BigInteger, nullable=False, default=0),
    Column("hours_per_meeting", Float, nullable=False, default=0.0),
    Column("purpose", String(32), nullable=False),
    Column("website", Text),
    Column("notes", Text),
    Column("keep_in_touch_days", Integer),
    UniqueConstraint("workspace_id", "name"),
)

membership = Table(
    "membership",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column(
        "group_id",
        Integer,
        ForeignKey("network_group.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _person("person_id"),
    Column("role", String(32), nullable=False),
    Column("joined_on", Date),
    Column("left_on", Date),
    Index("ix_membership_person", "person_id"),
)
