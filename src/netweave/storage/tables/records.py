"""What happens between people: events and attendance, interactions, referrals,
asks and follow-ups."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
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

from netweave.storage.tables import groups as _groups  # noqa: F401 (tables its keys name)
from netweave.storage.tables import people as _people  # noqa: F401
from netweave.storage.tables._base import _person, _workspace, metadata
from netweave.storage.types import UTCDateTime

event = Table(
    "event",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("name", String(200), nullable=False),
    Column(
        "group_id",
        Integer,
        ForeignKey("network_group.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
    Column("place", Text),
    Column("cost_cents", BigInteger, nullable=False, default=0),
    Column("notes", Text),
    Index("ix_event_workspace_starts", "workspace_id", "starts_at"),
)

attendance = Table(
    "attendance",
    metadata,
    _workspace(),
    Column("event_id", Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False),
    _person("person_id"),
    Column("status", String(16), nullable=False),
    Column("met", Boolean, nullable=False, default=False),
    UniqueConstraint("event_id", "person_id"),
    Index("ix_attendance_person", "person_id"),
)

interaction = Table(
    "interaction",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("kind", String(32), nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("in_person", Boolean, nullable=False),
    # Fractions of a minute: SocioPatterns contacts come in 20 seconds (migration 0005).
    Column("duration_minutes", Float),
    _person("initiated_by_id", nullable=True, ondelete="SET NULL"),
    Column(
        "event_id", Integer, ForeignKey("event.id", ondelete="SET NULL"), nullable=True, index=True
    ),
    Column("notes", Text),
    Index("ix_interaction_workspace_occurred", "workspace_id", "occurred_at"),
)

participant = Table(
    "interaction_participant",
    metadata,
    _workspace(),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interaction.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _person("person_id"),
    UniqueConstraint("interaction_id", "person_id"),
    Index("ix_interaction_participant_person", "person_id", "interaction_id"),
)

last_touch = Table(
    "person_last_touch",
    metadata,
    # Each person's latest interaction, kept by triggers (storage/last_touch.py, migration
    # 0021): a page of people reads fifty rows, not their thousands of participations.
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    _workspace(),
    Column("occurred_at", UTCDateTime, nullable=False),
)

referral = Table(
    "referral",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("giver_id"),
    _person("receiver_id"),
    _person("prospect_id", nullable=True, ondelete="SET NULL"),
    Column("prospect_name", Text),
    Column("scope", String(16), nullable=False),
    Column("category", Text),
    Column("category_key", Text),
    Column("given_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("value_cents", BigInteger),
    Column("currency", String(3)),
    Column("notes", Text),
    CheckConstraint("giver_id <> receiver_id", name="distinct_parties"),
    Index("ix_referral_giver", "giver_id"),
    Index("ix_referral_receiver", "receiver_id"),
    Index("ix_referral_workspace_category", "workspace_id", "category_key"),
)

referral_status = Table(
    "referral_status_change",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column(
        "referral_id",
        Integer,
        ForeignKey("referral.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("status", String(16), nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
)

ask = Table(
    "ask",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("asker_id"),
    _person("asked_id"),
    Column("what", Text, nullable=False),
    Column("asked_at", UTCDateTime, nullable=False),
    Column("outcome", String(16)),
    Column("answered_at", UTCDateTime),
    Column("notes", Text),
    CheckConstraint("asker_id <> asked_id", name="distinct_parties"),
    Index("ix_ask_asker", "asker_id"),
    Index("ix_ask_asked", "asked_id"),
)

follow_up = Table(
    "follow_up",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("person_id"),
    Column("due_on", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("done_at", UTCDateTime),
    Column(
        "event_id", Integer, ForeignKey("event.id", ondelete="SET NULL"), nullable=True, index=True
    ),
    Index("ix_follow_up_person", "person_id"),
    Index("ix_follow_up_workspace_due", "workspace_id", "due_on"),
)
