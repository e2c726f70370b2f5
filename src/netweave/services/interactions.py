"""Interactions: logging touchpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netweave.domain import Interaction, build, change
from netweave.errors import NotFound
from netweave.services import refs
from netweave.storage import Store, Tx, rows
from netweave.storage import events as events_db
from netweave.storage import interactions as interactions_db
from netweave.storage import tables as t


def _check_links(conn: Tx, ws: int, interaction: Interaction) -> None:
    refs.require_people(conn, ws, list(interaction.participant_ids))
    if (
        interaction.event_id is not None
        and events_db.get_event(conn, ws, interaction.event_id) is None
    ):
        raise NotFound(f"there is no event #{interaction.event_id}")


def _get(conn: Tx, ws: int, interaction_id: int) -> Interaction:
    found = interactions_db.get_interaction(conn, ws, interaction_id)
    if found is None:
        raise NotFound(f"there is no interaction #{interaction_id}")
    return found


def log_interaction(store: Store, ws: int, fields: dict[str, Any]) -> Interaction:
    interaction = build(Interaction, {**fields, "id": None})
    with store.transaction() as conn:
        _check_links(conn, ws, interaction)
        return interactions_db.insert_interaction(conn, ws, interaction)


def edit_interaction(
    store: Store, ws: int, interaction_id: int, changes: dict[str, Any]
) -> Interaction:
    with store.transaction() as conn:
        updated = change(_get(conn, ws, interaction_id), changes)
        _check_links(conn, ws, updated)
        interactions_db.update_interaction(conn, ws, updated)
    return updated


def remove_interaction(store: Store, ws: int, interaction_id: int) -> Interaction:
    with store.transaction() as conn:
        found = _get(conn, ws, interaction_id)
        rows.delete_row(conn, t.interaction, ws, interaction_id)
    return found


def get_interaction(store: Store, ws: int, interaction_id: int) -> Interaction:
    with store.transaction() as conn:
        return _get(conn, ws, interaction_id)


def list_interactions(
    store: Store,
    ws: int,
    *,
    person_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[Interaction]:
    """Interactions, newest first."""
    with store.transaction() as conn:
        return interactions_db.list_interactions(
            conn, ws, person_id=person_id, since=since, until=until, limit=limit
        )


__all__ = [
    "edit_interaction",
    "get_interaction",
    "list_interactions",
    "log_interaction",
    "remove_interaction",
]
