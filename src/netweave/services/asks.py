"""Asks: recording a request for help and how it was answered."""

from __future__ import annotations

from datetime import datetime

from netweave.commands import AnswerAsk, EditAsk, MakeAsk, RemoveAsk
from netweave.domain import Ask, AskDraft, AskOutcome, build, change
from netweave.domain.dates import utc_now
from netweave.domain.interaction import refuse_future
from netweave.errors import NotFound
from netweave.services import command_log, refs
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx, rows
from netweave.storage import asks as asks_db
from netweave.storage import tables as t


def _get(conn: Tx, ws: int, ask_id: int) -> Ask:
    found = asks_db.get_ask(conn, ws, ask_id)
    if found is None:
        raise NotFound(f"there is no ask #{ask_id}")
    return found


def _refuse_future_ask(asked_at: datetime, now: datetime) -> None:
    refuse_future(asked_at, now, what="an ask", field="asked_at")


def record_ask(store: Store, ws: int, command: MakeAsk, *, now: datetime | None = None) -> Ask:
    """Carry out ``command``: one ask, by me unless it names the asker, made now unless
    it says when."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _get(conn, ws, rid))
        if again is not None:
            return again
        refs.require_people(conn, ws, [command.asker_id, command.asked_id])
        asked_at = command.asked_at or now
        _refuse_future_ask(asked_at, now)
        answered = command.outcome is not None and command.outcome is not AskOutcome.NO_RESPONSE
        ask = build(
            AskDraft,
            {
                "asker_id": command.asker_id or owner_of(conn, ws),
                "asked_id": command.asked_id,
                "what": command.what,
                "asked_at": asked_at,
                "outcome": command.outcome,
                "answered_at": asked_at if answered else None,
                "notes": command.notes,
            },
        )
        refs.require_people(conn, ws, [ask.asker_id, ask.asked_id])
        stored = asks_db.insert_ask(conn, ws, ask)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def answer_ask(store: Store, ws: int, command: AnswerAsk, *, now: datetime | None = None) -> Ask:
    """Record the outcome: answered now unless the command says when; "no response" has
    no answer time."""
    now = now or utc_now()
    at = None if command.outcome is AskOutcome.NO_RESPONSE else command.answered_at or now
    if at is not None:
        refuse_future(at, now, what="an answer", field="answered_at")
    with store.transaction() as conn:
        current = _get(conn, ws, command.ask_id)
        if command_log.seen(conn, ws, command, command.ask_id):
            return current
        updated = change(current, {"outcome": command.outcome, "answered_at": at})
        rows.update_row(conn, t.ask, ws, command.ask_id, updated)
        command_log.record(conn, ws, command, command.ask_id, now)
    return updated


def edit_ask(store: Store, ws: int, command: EditAsk, *, now: datetime | None = None) -> Ask:
    """Carry out ``command``: the ask's fields changed and the whole checked again (its
    people exist; moved to a new moment, it was not made in the future)."""
    now = now or utc_now()
    with store.transaction() as conn:
        current = _get(conn, ws, command.ask_id)
        if command_log.seen(conn, ws, command, command.ask_id):
            return current
        updated = change(current, command.changes())
        refs.require_people(conn, ws, [updated.asker_id, updated.asked_id])
        if updated.asked_at != current.asked_at:
            _refuse_future_ask(updated.asked_at, now)
        rows.update_row(conn, t.ask, ws, command.ask_id, updated)
        command_log.record(conn, ws, command, command.ask_id, now)
    return updated


def remove_ask(
    store: Store, ws: int, command: RemoveAsk, *, now: datetime | None = None
) -> Ask | None:
    """Carry out ``command``: the ask removed. Returns it as it was; None when this
    command (its idempotency key) removed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.ask_id):
            return None
        found = _get(conn, ws, command.ask_id)
        rows.delete_row(conn, t.ask, ws, command.ask_id)
        command_log.record(conn, ws, command, command.ask_id, now)
    return found


def get_ask(store: Store, ws: int, ask_id: int) -> Ask:
    with store.transaction() as conn:
        return _get(conn, ws, ask_id)


def list_asks(
    store: Store, ws: int, *, person_id: int | None = None, open_only: bool = False
) -> list[Ask]:
    with store.transaction() as conn:
        return asks_db.list_asks(conn, ws, person_id=person_id, open_only=open_only)


__all__ = ["answer_ask", "edit_ask", "get_ask", "list_asks", "record_ask", "remove_ask"]
