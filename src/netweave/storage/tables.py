"""The tables. Every row belongs to a workspace (the future shard key).

Names of constraints follow one convention so that migrations can name what
they alter on every backend.
"""

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
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from netweave.storage.types import JSONList, UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _workspace() -> Column[int]:
    return Column(
        "workspace_id",
        Integer,
        ForeignKey("workspace.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _person(name: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column[int]:
    return Column(name, Integer, ForeignKey("person.id", ondelete=ondelete), nullable=nullable)


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
    Column("created_at", UTCDateTime, nullable=False),
)

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
    Column("location", Text),
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
    Column("given_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("value_cents", BigInteger),
    Column("currency", String(3)),
    Column("notes", Text),
    CheckConstraint("giver_id <> receiver_id", name="distinct_parties"),
    Index("ix_referral_giver", "giver_id"),
    Index("ix_referral_receiver", "receiver_id"),
    Index("ix_referral_workspace_category", "workspace_id", "category"),
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

# --- plans: the people worth looking for at an event, and the debrief ---------

event_plan = Table(
    "event_plan",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("event_id", Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("made_at", UTCDateTime, nullable=False),
    Column("debriefed_at", UTCDateTime),
    Column("debrief_notes", Text),
    UniqueConstraint("event_id"),
)

plan_target = Table(
    "plan_target",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("plan_id", Integer, ForeignKey("event_plan.id", ondelete="CASCADE"), nullable=False),
    _person("person_id"),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("opener", Text),
    Column("reached", Boolean, nullable=False, default=False),
    UniqueConstraint("plan_id", "person_id"),
    Index("ix_plan_target_person", "person_id"),
)

# --- imports: what came from which file --------------------------------------

import_run = Table(
    "import_run",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("file_name", String(260), nullable=False),
    Column("format", String(32), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("records", Integer, nullable=False),
    Column("counts", JSONList, nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Index("ix_import_run_workspace_sha256", "workspace_id", "sha256"),
)

field_source = Table(
    "field_source",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("person_id"),
    Column("fields", JSONList, nullable=False),
    Column(
        "import_id",
        Integer,
        ForeignKey("import_run.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("locator", String(120), nullable=False),
    Index("ix_field_source_person", "person_id"),
)

external_key = Table(
    "external_key",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("kind", String(32), nullable=False),
    Column("value", String(500), nullable=False),
    _person("person_id", nullable=True),
    Column("event_id", Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=True),
    UniqueConstraint("workspace_id", "kind", "value"),
    Index("ix_external_key_person", "person_id"),
    Index("ix_external_key_event", "event_id"),
)

# --- identity: people said to be different, and merges that can be undone --------

person_distinct = Table(
    "person_distinct",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    _person("first_id"),
    _person("second_id"),
    Column("marked_at", UTCDateTime, nullable=False),
    CheckConstraint("first_id < second_id", name="ordered"),
    UniqueConstraint("first_id", "second_id"),
    Index("ix_person_distinct_second", "second_id"),
)

# The people of a merge are plain numbers, not foreign keys: the dropped one is
# gone, and the record must outlive both for the history of merges.
person_merge = Table(
    "person_merge",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("kept_id", Integer, nullable=False),
    Column("dropped_id", Integer, nullable=False),
    Column("kept_name", String(200), nullable=False),
    Column("dropped_name", String(200), nullable=False),
    Column("choices", JSONList, nullable=False),
    Column("snapshot", JSONList, nullable=False),
    Column("merged_at", UTCDateTime, nullable=False),
    Column("undone_at", UTCDateTime),
    Index("ix_person_merge_workspace_kept", "workspace_id", "kept_id"),
)


__all__ = [
    "ask",
    "attendance",
    "event",
    "event_plan",
    "external_key",
    "field_source",
    "follow_up",
    "group",
    "import_run",
    "interaction",
    "membership",
    "metadata",
    "participant",
    "person",
    "person_distinct",
    "person_email",
    "person_merge",
    "person_phone",
    "person_tag",
    "plan_target",
    "referral",
    "referral_status",
    "target_market",
    "workspace",
]
