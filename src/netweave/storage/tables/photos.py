"""Photos kept with a person: the business card they were added from (docs/cards.md)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table

from netweave.storage.tables._base import _person, _workspace, metadata
from netweave.storage.types import UTCDateTime

person_photo = Table(
    "person_photo",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("person_id"),
    Column("content", LargeBinary, nullable=False),
    Column("media_type", String(32), nullable=False),
    Column("taken_at", UTCDateTime, nullable=False),
    Index("ix_person_photo_person", "person_id"),
)
