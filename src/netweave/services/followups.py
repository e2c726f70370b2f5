"""Follow-ups: dated next actions with a person."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from netweave.commands import AddFollowUp, EditFollowUp, FinishFollowUp, RemoveFollowUp
from netweave.commands.followups import DUE_IN_DAYS
from netweave.domain import FollowUp, FollowUpDraft, build, change
from netweave.domain.dates import utc_now
from netweave.domain.interaction import refuse_future
from netweave.errors import Ambiguous, Conflict, NotFound
from netweave.services import command_log, refs
from netweave.services.keeping import Keeper, fresh
from netweave.services.plans import local_day
from netweave.storage import Store, Tx, rows
from netweave.storage import analytics as analytics_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import tables as t


def _get(conn: Tx, ws: int, follow_up_id: int) -> FollowUp:
    found = followups_db.get_follow_up(conn, ws, follow_up_id)
    if found is None:
        raise NotFound(f"there is no follow-up #{follow_up_id}")
    return found


def _check_links(conn: Tx, ws: int, follow_up: FollowUpDraft) -> None:
    refs.require_people(conn, ws, [follow_up.person_id])
    if follow_up.event_id is not None and not events_db.get_event(conn, ws, follow_up.event_id):
        raise NotFound(f"there is no event #{follow_up.event_id}")


def _refuse_future_done(done_at: datetime, now: datetime) -> None:
    refuse_future(done_at, now, what="a follow-up done", field="done_at")


def add_follow_up(
    store: Store, ws: int, command: AddFollowUp, *, now: datetime | None = None
) -> FollowUp:
    """Carry out ``command``: one follow-up, due in a week unless it says when."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _get(conn, ws, rid))
        if again is not None:
            return again
        refs.require_people(conn, ws, [command.person_id])
        due = command.due_on or local_day(conn, ws, now) + timedelta(days=DUE_IN_DAYS)
        follow_up = build(
            FollowUpDraft,
            {
                "person_id": command.person_id,
                "reason": command.reason,
                "due_on": due,
                "event_id": command.event_id,
            },
        )
        _check_links(conn, ws, follow_up)
        stored = followups_db.insert_follow_up(conn, ws, follow_up)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def complete_follow_up(
    store: Store, ws: int, command: FinishFollowUp, *, now: datetime | None = None
) -> FollowUp:
    """Carry out ``command``: the follow-up it names (by id, or the one open follow-up
    of its person) is done, now unless it says when."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _get(conn, ws, rid), record_id=command.follow_up_id
        )
        if again is not None:
            return again
        current = _named(conn, ws, command)
        if current.done_at is not None:
            raise Conflict(
                f"follow-up #{current.id} was already done on {current.done_at:%Y-%m-%d}",
                code="follow-up-done",
                facts={"follow_up": current.id, "done_on": current.done_at.date().isoformat()},
            )
        done_at = command.done_at or now
        _refuse_future_done(done_at, now)
        updated = change(current, {"done_at": done_at})
        rows.update_row(conn, t.follow_up, ws, current.id, updated)
        command_log.record(conn, ws, command, current.id, now)
    return updated


def _named(conn: Tx, ws: int, command: FinishFollowUp) -> FollowUp:
    if command.follow_up_id is not None:
        return _get(conn, ws, command.follow_up_id)
    person = command.person_id or 0
    refs.require_people(conn, ws, [person])
    name = analytics_db.names(conn, ws, [person]).get(person, f"#{person}")
    found = followups_db.list_follow_ups(conn, ws, person_id=person, open_only=True)
    if not found:
        raise NotFound(
            f"{name} has no open follow-up", code="no-open-follow-up", facts={"person": person}
        )
    if len(found) > 1:
        raise Ambiguous(
            f"{name} has {len(found)} open follow-ups:",
            candidates=[f"#{f.id} due {f.due_on:%Y-%m-%d}: {f.reason}" for f in found[:10]],
            code="several-follow-ups",
            facts={"person": person, "follow_ups": [f.id for f in found]},
        )
    return found[0]


def edit_follow_up(
    store: Store, ws: int, command: EditFollowUp, *, now: datetime | None = None
) -> FollowUp:
    """Carry out ``command``: the follow-up's fields changed and the whole checked again
    (its person and event exist; marked done at a new moment, not in the future)."""
    now = now or utc_now()
    with store.transaction() as conn:
        current = _get(conn, ws, command.follow_up_id)
        if command_log.seen(conn, ws, command, command.follow_up_id):
            return current
        updated = change(current, command.changes())
        if updated.done_at is not None and updated.done_at != current.done_at:
            _refuse_future_done(updated.done_at, now)
        _check_links(conn, ws, updated)
        rows.update_row(conn, t.follow_up, ws, command.follow_up_id, updated)
        command_log.record(conn, ws, command, command.follow_up_id, now)
    return updated


def remove_follow_up(
    store: Store, ws: int, command: RemoveFollowUp, *, now: datetime | None = None
) -> FollowUp | None:
    """Carry out ``command``: the follow-up removed. Returns it as it was; None when this
    command (its idempotency key) removed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.follow_up_id):
            return None
        found = _get(conn, ws, command.follow_up_id)
        rows.delete_row(conn, t.follow_up, ws, command.follow_up_id)
        command_log.record(conn, ws, command, command.follow_up_id, now)
    return found


def get_follow_up(store: Store, ws: int, follow_up_id: int) -> FollowUp:
    with store.transaction() as conn:
        return _get(conn, ws, follow_up_id)


def list_follow_ups(
    store: Store,
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
    keep: Keeper = fresh,
) -> list[FollowUp]:
    """The follow-ups that pass the filters, by due day; ``keep``: where the list may be kept
    until a follow-up is written (the dashboard)."""
    key = ("follow-ups", ws, person_id, open_only, due_by)

    def read() -> list[FollowUp]:
        with store.transaction() as conn:
            return followups_db.list_follow_ups(
                conn, ws, person_id=person_id, open_only=open_only, due_by=due_by
            )

    return keep(key, followups_db.FOLLOW_UP_READS, read)


__all__ = [
    "add_follow_up",
    "complete_follow_up",
    "edit_follow_up",
    "get_follow_up",
    "list_follow_ups",
    "remove_follow_up",
]
