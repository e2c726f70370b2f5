"""Workspaces, people and what hangs on them (emails, phones, tags).

Groups and memberships are in :mod:`.groups`, target markets and tag cadences in
:mod:`.aims`: a list of people reads none of them (issue 16)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from netweave.storage.tables._base import _person, _workspace, metadata
from netweave.storage.types import JSONList, UTCDateTime

workspace = Table(
    "workspace",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column(
        "owner_id",
        Integer,
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True),
        nullable=True,
    ),
    Column("hourly_value_cents", BigInteger, nullable=False, default=0),
    Column("currency", String(3), nullable=False, default="EUR"),
    Column("time_zone", String(64), nullable=False, default="UTC"),
    Column("default_region", String(2), nullable=False, default="US"),
    Column("pinned_today", Date, nullable=True),
    Column("my_addresses", JSONList, nullable=False, default=list),
    Column("created_at", UTCDateTime, nullable=False),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("name", String(200), nullable=False),
    Column("given_name", Text),
    Column("family_name", Text),
    Column("nickname", Text),
    Column("company", Text),
    Column("department", Text),
    Column("title", Text),
    Column("category", Text),
    Column("category_key", Text),
    Column("location", Text),
    Column("address", JSONList),
    Column("how_met", Text),
    Column("met_on", Date),
    _person("introduced_by_id", nullable=True, ondelete="SET NULL"),
    Column("offers", Text),
    Column("looking_for", Text),
    Column("admired", Boolean, nullable=False, default=False),
    Column("intriguing", Boolean, nullable=False, default=False),
    Column("notes", Text),
    Column("birthday", String(10)),
    Column("linkedin", String(100)),
    Column("urls", JSONList, nullable=False, server_default=text("'[]'")),
    Column("keep_in_touch_days", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_person_workspace_name", "workspace_id", "name"),
    Index("ix_person_workspace_linkedin", "workspace_id", "linkedin"),
)

person_email = Table(
    "person_email",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("person_id"),
    Column("email", String(320), nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("workspace_id", "email"),
    Index("ix_person_email_person", "person_id"),
)

person_phone = Table(
    "person_phone",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("person_id"),
    Column("phone", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_person_phone_person", "person_id"),
)

person_tag = Table(
    "person_tag",
    metadata,
    _workspace(),
    _person("person_id"),
    Column("tag", String(50), nullable=False),
    UniqueConstraint("person_id", "tag"),
    Index("ix_person_tag_workspace_tag", "workspace_id", "tag"),
)
