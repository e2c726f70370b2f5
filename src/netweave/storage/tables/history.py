"""Plans and debriefs, imports and where each field came from, merges that can be undone,
calendars subscribed to by URL."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables import records as _records  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import _person, _workspace, metadata
from netweave.storage.types import JSONList, UTCDateTime

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
    # An event's key: the calendar's SEQUENCE it was last imported at (a higher one
    # updates the event; see docs/importing.md).
    Column("revision", Integer, nullable=True),
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

# --- commands: who wrote what, from where, and keys that make a retry harmless --

command_log = Table(
    "command_log",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("command", String(40), nullable=False),
    Column("record_id", Integer),
    Column("source", String(16), nullable=False),
    Column("actor_id", Integer),
    Column("idempotency_key", String(200)),
    Column("done_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace_id", "idempotency_key"),
)

# A calendar the owner subscribed to by URL: fetched again on ``netweave calendar refresh``
# (and hourly while ``netweave serve`` runs), imported as ``netweave import`` imports an
# .ics. ``status`` is "ok" or "failed" after a fetch; ``summary`` says what it did or why not.
calendar_subscription = Table(
    "calendar_subscription",
    metadata,
    Column("id", Integer, primary_key=True),
    _workspace(),
    Column("name", String(80), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("fetched_at", UTCDateTime),
    Column("status", String(16)),
    Column("summary", String(1000)),
    UniqueConstraint("workspace_id", "name"),
)
