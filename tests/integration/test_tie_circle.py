"""A person's circle read from the stored pairs is the circle their touches name, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from netweave.commands import LogTouch
from netweave.domain import InteractionKind
from netweave.sample import build_sample_workspace
from netweave.services import interactions
from netweave.storage import Store, tie_circle
from netweave.storage.analytics import circle_of


def _named(store: Store, ws: int, person: int) -> set[int]:
    """Everyone in a touch with ``person``, and them: read from the participants."""
    with store.transaction() as conn:
        return {person, *conn.execute(circle_of(ws, person)).scalars()}


def test_the_circle_from_the_stored_pairs_is_the_one_the_touches_name(store: Store) -> None:
    sample = build_sample_workspace(store, size=60, name="sample")
    ws, owner = sample.id, sample.owner_id
    assert ws is not None
    assert owner is not None
    with store.transaction() as conn:
        people = sorted(conn.execute(circle_of(ws, owner)).scalars())
    others = [p for p in people if p != owner][:6]
    # A touch written after the sample was built: its people join each other's circles.
    command = LogTouch(kind=InteractionKind.CALL, with_ids=[others[0], others[-1]])
    interactions.log_interaction(store, ws, command, now=datetime(2026, 11, 2, 12, tzinfo=UTC))
    for person in [owner, *others]:
        with store.transaction() as conn:
            found = tie_circle.circle(conn, ws, person)
        assert found == sorted(_named(store, ws, person))
    with store.transaction() as conn:
        assert others[-1] in tie_circle.circle(conn, ws, others[0])
