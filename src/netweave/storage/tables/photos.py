"""Photos kept with a person (the business card they were added from), and card photos
waiting to be confirmed (docs/cards.md)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _person, _workspace, metadata
from netweave.storage.types import JSONList, UTCDateTime

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

card_waiting = Table(
    "card_waiting",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("content", LargeBinary, nullable=False),
    Column("media_type", String(32), nullable=False),
    Column("reading", JSONList, nullable=False),
    _person("known_person_id", nullable=True, ondelete="SET NULL"),
    Column("received_at", UTCDateTime, nullable=False),
)
"""Card photos received from the phone (often sent later by its outbox), read when they
arrived and waiting for the user to confirm the person (docs/cards.md): the kept copy of
the photo, what was read (``reading``: name, company, title, emails, phones, website,
note), and the known person the card is, if one was found."""
