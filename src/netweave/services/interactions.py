"""Interactions: logging touchpoints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from netweave.commands import EditTouch, LogTouch, RemoveTouch, Source
from netweave.commands.followups import DUE_IN_DAYS
from netweave.domain import FollowUp, Interaction, InteractionDraft, build, change
from netweave.domain.dates import utc_now
from netweave.domain.interaction import refuse_future_touch
from netweave.errors import InvalidInput, NotFound
from netweave.services import command_log, refs
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx, rows
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import interactions as interactions_db
from netweave.storage import tables as t


def _check_links(conn: Tx, ws: int, interaction: InteractionDraft) -> None:
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


@dataclass(frozen=True, slots=True)
class LoggedTouch:
    """A touch as stored, and the follow-ups it closed."""

    interaction: Interaction
    closed: tuple[FollowUp, ...] = ()


def log_interaction(
    store: Store, ws: int, command: LogTouch, *, now: datetime | None = None
) -> LoggedTouch:
    """Carry out ``command``: one touch, and the follow-ups it answers closed.

    A touch in the future is refused (a follow-up is how to plan one). A typed touch
    closes the open follow-ups of the people in it when it happened in the last
    :data:`~netweave.commands.followups.DUE_IN_DAYS` days and after the event a
    follow-up came from: logging last month's lunch does not answer this week's
    follow-up.
    """
    now = now or utc_now()
    with store.transaction() as conn:
        return log_interaction_in(conn, ws, command, now=now)


def log_interaction_in(conn: Tx, ws: int, command: LogTouch, *, now: datetime) -> LoggedTouch:
    """:func:`log_interaction` inside a transaction the caller holds."""
    return log_interactions_in(conn, ws, [command], now=now)[0]


def log_interactions_in(
    conn: Tx, ws: int, commands: Sequence[LogTouch], *, now: datetime
) -> list[LoggedTouch]:
    """Carry out several LogTouch commands inside the caller's transaction, each exactly as
    :func:`log_interaction` would (same checks, same log), with the database's part done
    once for all of them: a mail sync logs a batch of touches this way."""
    for command in commands:
        refuse_future_touch(command.at or now, now, field="at")
    done: dict[int, LoggedTouch] = command_log.replay_many(
        conn, ws, commands, lambda rid: LoggedTouch(_get(conn, ws, rid))
    )
    fresh: list[int] = []
    first_with_key: dict[str, int] = {}
    for position, command in enumerate(commands):
        key = command.idempotency_key
        if position in done:
            continue
        if key is not None and key in first_with_key:
            continue  # sent twice in this batch: the second is a replay of the first
        if key is not None:
            first_with_key[key] = position
        fresh.append(position)
    # Who and what they name exist (an id past the columns' range is simply missing).
    refs.require_people(
        conn,
        ws,
        [
            person
            for i in fresh
            for person in (
                *commands[i].with_ids,
                commands[i].started_by_id,
                commands[i].actor_id,
            )
        ],
    )
    for event_id in sorted({e for i in fresh if (e := commands[i].event_id) is not None}):
        if not events_db.get_event(conn, ws, event_id):
            raise NotFound(f"there is no event #{event_id}")
    me = owner_of(conn, ws) if any(not commands[i].without_me for i in fresh) else None
    drafts = [_draft(commands[i], None if commands[i].without_me else me, now) for i in fresh]
    stored = interactions_db.insert_interactions(conn, ws, drafts)
    for position, interaction in zip(fresh, stored, strict=True):
        command = commands[position]
        closed: list[FollowUp] = []
        # Follow-ups are mine: only a touch I was part of, typed by a person, answers one.
        if not command.without_me and command.close_follow_ups and command.source is Source.TYPED:
            assert me is not None
            closed = _close_follow_ups(conn, ws, interaction, me, now)
        done[position] = LoggedTouch(interaction, tuple(closed))
    command_log.record_many(conn, ws, [(commands[i], done[i].interaction.id) for i in fresh], now)
    for position, command in enumerate(commands):
        if position not in done:
            key = command.idempotency_key
            assert key is not None
            done[position] = LoggedTouch(done[first_with_key[key]].interaction)
    return [done[position] for position in range(len(commands))]


def _draft(command: LogTouch, me: int | None, now: datetime) -> InteractionDraft:
    ids = list(command.with_ids)
    if me is not None:
        if me in ids:
            raise InvalidInput(
                "you are in every touch already: name the other people", field="with"
            )
        ids.insert(0, me)
    return build(
        InteractionDraft,
        {
            "kind": command.kind,
            "occurred_at": command.at or now,
            "participant_ids": ids,
            "duration_minutes": command.minutes,
            "initiated_by_id": command.started_by_id,
            "event_id": command.event_id,
            "in_person": command.in_person,
            "notes": command.notes,
        },
    )


def _close_follow_ups(
    conn: Tx, ws: int, touch: Interaction, me: int, now: datetime
) -> list[FollowUp]:
    if touch.occurred_at < now - timedelta(days=DUE_IN_DAYS):
        return []
    closed = []
    for person in touch.participant_ids:
        if person == me:
            continue
        for follow_up in followups_db.list_follow_ups(conn, ws, person_id=person, open_only=True):
            if follow_up.event_id is not None:
                event = events_db.get_event(conn, ws, follow_up.event_id)
                if event is not None and touch.occurred_at < event.starts_at:
                    continue
            done = change(follow_up, {"done_at": touch.occurred_at})
            rows.update_row(conn, t.follow_up, ws, follow_up.id, done)
            closed.append(done)
    return closed


def edit_interaction(
    store: Store, ws: int, command: EditTouch, *, now: datetime | None = None
) -> Interaction:
    """Carry out ``command``: the touch's fields changed and the whole checked again by
    the rules of logging one (its people and event exist; moved to a new moment, it did
    not happen in the future). The follow-ups it closed stay as they are."""
    now = now or utc_now()
    with store.transaction() as conn:
        current = _get(conn, ws, command.touch_id)
        if command_log.seen(conn, ws, command, command.touch_id):
            return current
        updated = change(current, command.changes())
        if updated.occurred_at != current.occurred_at:
            refuse_future_touch(updated.occurred_at, now)
        _check_links(conn, ws, updated)
        interactions_db.update_interaction(conn, ws, updated)
        command_log.record(conn, ws, command, command.touch_id, now)
    return updated


def remove_interaction(
    store: Store, ws: int, command: RemoveTouch, *, now: datetime | None = None
) -> Interaction | None:
    """Carry out ``command``: the touch removed. Returns it as it was; None when this
    command (its idempotency key) removed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.touch_id):
            return None
        found = _get(conn, ws, command.touch_id)
        rows.delete_row(conn, t.interaction, ws, command.touch_id)
        command_log.record(conn, ws, command, command.touch_id, now)
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
    "LoggedTouch",
    "edit_interaction",
    "get_interaction",
    "list_interactions",
    "log_interaction",
    "log_interaction_in",
    "log_interactions_in",
    "remove_interaction",
]
