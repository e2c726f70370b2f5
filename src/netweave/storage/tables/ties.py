"""Tie strength's state, kept up to date as touches are written (migration 0017).

``tie_touch`` holds each interaction seen from each pair of its participants
(``a < b``) with its moment in seconds and its value (kind weight x length
under the stored typical lengths); ``tie_pair`` each pair's counts, first and
last touch, initiative and decayed sum at the workspace's reference moment;
``tie_rhythm`` and ``tie_kind`` the stored rhythm. Database triggers keep the
first two equal to the records on every write (storage/tie_state.py);
``tie_quiet`` holds a row while a bulk rebuild runs, so the triggers stand aside.
``tie_total`` (migration 0020) holds each workspace's sums over its pairs, kept by
triggers on ``tie_pair``, so the rule of when to refresh the rhythm reads one row.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, String, Table

from netweave.storage.tables import people as _people  # noqa: F401 (tables its keys name)
from netweave.storage.tables._base import metadata

tie_touch = Table(
    "tie_touch",
    metadata,
    Column("a", Integer, primary_key=True),
    Column("b", Integer, primary_key=True),
    Column("interaction_id", Integer, primary_key=True),
    Column("workspace_id", Integer, nullable=False),
    Column("sec", Float, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("minutes", Float),
    Column("starter", Integer),
    Column("value", Float, nullable=False),
    Index("ix_tie_touch_interaction", "interaction_id"),
    # In pair order (SQLite: the rows are the key's B-tree): a pair's touches lie together.
    sqlite_with_rowid=False,
)

tie_pair = Table(
    "tie_pair",
    metadata,
    Column("a", Integer, primary_key=True),
    Column("b", Integer, primary_key=True),
    Column("workspace_id", Integer, nullable=False),
    Column("touches", Integer, nullable=False),
    Column("first_sec", Float, nullable=False),
    Column("last_sec", Float, nullable=False),
    Column("by_a", Integer, nullable=False),
    Column("by_b", Integer, nullable=False),
    Column("decayed", Float, nullable=False),
    Index("ix_tie_pair_workspace", "workspace_id"),
    # The latest touch of a workspace by the index (migration 0020).
    Index("ix_tie_pair_last", "workspace_id", "last_sec"),
    sqlite_with_rowid=False,
)

tie_rhythm = Table(
    "tie_rhythm",
    metadata,
    Column(
        "workspace_id",
        Integer,
        ForeignKey("workspace.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("usual_gap", Float),
    Column("half_life", Float, nullable=False),
    Column("ref_sec", Float, nullable=False),
    Column("touches", Integer, nullable=False),
)

tie_kind = Table(
    "tie_kind",
    metadata,
    Column(
        "workspace_id",
        Integer,
        ForeignKey("workspace.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("kind", String(32), primary_key=True),
    Column("weight", Float, nullable=False),
    Column("typical", Float),
)

tie_total = Table(
    "tie_total",
    metadata,
    Column(
        "workspace_id",
        Integer,
        ForeignKey("workspace.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("spans", Float, nullable=False),  # Σ (last − first) over the workspace's pairs
    Column("gaps", Integer, nullable=False),  # Σ (touches − 1)
    Column("touches", Integer, nullable=False),  # Σ touches
)

tie_quiet = Table("tie_quiet", metadata, Column("flag", Integer, primary_key=True))

__all__ = ["tie_kind", "tie_pair", "tie_quiet", "tie_rhythm", "tie_total", "tie_touch"]
