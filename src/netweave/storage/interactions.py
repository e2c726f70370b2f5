"""Interactions and their participants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select

from netweave.domain import Interaction, InteractionDraft
from netweave.domain.base import at_most, storable_id, with_id
from netweave.storage import tables as t
from netweave.storage import tie_bulk
from netweave.storage.rows import insert_row, to_record, update_row, values


def _write_participants(
    conn: Connection, ws: int, interaction: InteractionDraft, row_id: int
) -> None:
    conn.execute(delete(t.participant).where(t.participant.c.interaction_id == row_id))
    conn.execute(
        insert(t.participant),
        [
            {"workspace_id": ws, "interaction_id": row_id, "person_id": pid}
            for pid in interaction.participant_ids
        ],
    )


def insert_interaction(conn: Connection, ws: int, interaction: InteractionDraft) -> Interaction:
    row_id = insert_row(conn, t.interaction, ws, interaction)
    _write_participants(conn, ws, interaction, row_id)
    return with_id(Interaction, interaction, row_id)


def insert_interactions(
    conn: Connection, ws: int, interactions: Sequence[InteractionDraft]
) -> list[Interaction]:
    """:func:`insert_interaction` for many, in two statements (interactions, participants)."""
    if not interactions:
        return []
    rows = [{**values(i, t.interaction), "workspace_id": ws} for i in interactions]
    ids = [
        int(row[0])
        for row in conn.execute(
            insert(t.interaction).returning(t.interaction.c.id, sort_by_parameter_order=True),
            rows,
        )
    ]
    with tie_bulk.bulk_touches(conn, ws, ids):  # many: tie strength's state set-based
        conn.execute(
            insert(t.participant),
            [
                {"workspace_id": ws, "interaction_id": row_id, "person_id": pid}
                for interaction, row_id in zip(interactions, ids, strict=True)
                for pid in interaction.participant_ids
            ],
        )
    return [with_id(Interaction, i, row_id) for i, row_id in zip(interactions, ids, strict=True)]


def update_interaction(conn: Connection, ws: int, interaction: Interaction) -> None:
    update_row(conn, t.interaction, ws, interaction.id, interaction)
    _write_participants(conn, ws, interaction, interaction.id)


def _assemble(conn: Connection, rows: Sequence[Row[Any]]) -> list[Interaction]:
    ids = [row.id for row in rows]
    people: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(ids), 10_000):
        for r in conn.execute(
            select(t.participant.c.interaction_id, t.participant.c.person_id).where(
                t.participant.c.interaction_id.in_(ids[start : start + 10_000])
            )
        ):
            people[r.interaction_id].append(r.person_id)
    return [to_record(Interaction, row, participant_ids=people[row.id]) for row in rows]


def get_interaction(conn: Connection, ws: int, interaction_id: int) -> Interaction | None:
    if not storable_id(interaction_id):
        return None
    rows = conn.execute(
        select(t.interaction).where(
            t.interaction.c.workspace_id == ws, t.interaction.c.id == interaction_id
        )
    ).all()
    found = _assemble(conn, rows)
    return found[0] if found else None


def list_interactions(
    conn: Connection,
    ws: int,
    *,
    person_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = True,
    event_id: int | None = None,
) -> list[Interaction]:
    query = select(t.interaction).where(t.interaction.c.workspace_id == ws)
    if event_id is not None:
        query = query.where(t.interaction.c.event_id == event_id)
    if person_id is not None:
        query = query.where(
            t.interaction.c.id.in_(
                select(t.participant.c.interaction_id).where(t.participant.c.person_id == person_id)
            )
        )
    if since is not None:
        query = query.where(t.interaction.c.occurred_at >= since)
    if until is not None:
        query = query.where(t.interaction.c.occurred_at < until)
    order = t.interaction.c.occurred_at.desc() if newest_first else t.interaction.c.occurred_at
    query = query.order_by(order, t.interaction.c.id)
    if limit is not None:
        query = query.limit(at_most(limit))
    if offset:
        # Skipped by the database: only the page's rows are read out and assembled.
        query = query.offset(offset)
    return _assemble(conn, conn.execute(query).all())


__all__ = [
    "get_interaction",
    "insert_interaction",
    "insert_interactions",
    "list_interactions",
    "update_interaction",
]
