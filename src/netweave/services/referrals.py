"""Referrals: giving one, moving it through its statuses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netweave.commands import EditReferral, GiveReferral, MoveReferral, RemoveReferral
from netweave.domain import Referral, ReferralDraft, ReferralStatus, StatusChange, build, change
from netweave.domain.dates import utc_now
from netweave.domain.interaction import refuse_future
from netweave.domain.referral import check_transition
from netweave.errors import InvalidInput, NotFound
from netweave.services import command_log, conflicts, refs
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx, rows
from netweave.storage import people as people_db
from netweave.storage import referrals as referrals_db
from netweave.storage import tables as t
from netweave.storage import workspaces as workspaces_db


def _get(conn: Tx, ws: int, referral_id: int) -> Referral:
    found = referrals_db.get_referral(conn, ws, referral_id)
    if found is None:
        raise NotFound(f"there is no referral #{referral_id}")
    return found


def give_referral(
    store: Store, ws: int, command: GiveReferral, *, now: datetime | None = None
) -> Referral:
    """Carry out ``command``: one referral, its history starting with its status.

    A lead the giver already passed to someone else in the same business category
    is refused (:class:`~netweave.errors.Conflict`, code ``lead-conflict``) unless the
    command says ``force``.
    """
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _get(conn, ws, rid))
        if again is not None:
            return again
        refs.require_people(conn, ws, [command.giver_id, command.receiver_id, command.prospect_id])
        referral = draft_of(conn, ws, command, now)
        if not command.force:
            conflicts.refuse_conflicts(conn, ws, referral)
        stored = referrals_db.insert_referral(conn, ws, referral)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def draft_of(conn: Tx, ws: int, command: GiveReferral, now: datetime) -> ReferralDraft:
    """The referral ``command`` describes, with every default filled in (the one place
    they are: the giver is me, the category the receiver's, the moment now)."""
    giver = command.giver_id or owner_of(conn, ws)
    category = command.category
    if category is None:
        category = _category_of(conn, ws, command.receiver_id)
    given_at = command.given_at or now
    _refuse_future_given(given_at, now)
    draft = build(
        ReferralDraft,
        {
            "giver_id": giver,
            "receiver_id": command.receiver_id,
            "prospect_id": command.prospect_id,
            "prospect_name": command.prospect_name,
            "category": category,
            "scope": command.scope,
            "given_at": given_at,
            "notes": command.notes,
        },
    )
    return change(draft, {"history": [StatusChange(status=draft.status, changed_at=given_at)]})


def _category_of(conn: Tx, ws: int, receiver_id: int) -> str | None:
    """A referral's category when none is said: its receiver's business category."""
    receiver = people_db.get_person(conn, ws, receiver_id)
    if receiver is None:
        raise NotFound(f"there is no person #{receiver_id}")
    return receiver.category


def _refuse_future_given(given_at: datetime, now: datetime) -> None:
    refuse_future(given_at, now, what="a referral", field="given_at")


def _lead(referral: ReferralDraft) -> tuple[object, ...]:
    """What makes a referral a lead to someone: whose, to whom, about whom, in what."""
    return (
        referral.giver_id,
        referral.receiver_id,
        referral.prospect_id,
        referral.prospect_name,
        referral.category,
    )


def conflicts_before_giving(
    store: Store, ws: int, command: GiveReferral, *, now: datetime | None = None
) -> list[conflicts.ConflictNote]:
    """The lead conflicts ``command`` would cause, so that an interface can ask first."""
    with store.transaction() as conn:
        return conflicts.notes_for(conn, ws, draft_of(conn, ws, command, now or utc_now()))


def update_status(
    store: Store, ws: int, command: MoveReferral, *, now: datetime | None = None
) -> Referral:
    """Move a referral forward; a won one may carry the value of the business closed."""
    now = now or utc_now()
    status = command.status
    with store.transaction() as conn:
        current = _get(conn, ws, command.referral_id)
        if command_log.seen(conn, ws, command, command.referral_id):
            return current
        try:
            check_transition(current.status, status)
        except ValueError as error:
            raise InvalidInput(str(error), field="status") from None
        step = StatusChange(status=status, changed_at=command.at or now)
        refuse_future(step.changed_at, now, what="a referral's new status", field="at")
        if current.history and step.changed_at < current.history[-1].changed_at:
            last = current.history[-1].changed_at
            raise InvalidInput(
                f"{step.changed_at:%Y-%m-%d} is before the last change ({last:%Y-%m-%d})",
                field="at",
            )
        if command.value_cents is not None and status is not ReferralStatus.WON:
            raise InvalidInput("only a won referral has a value", field="value")
        updates: dict[str, Any] = {"status": status, "history": [*current.history, step]}
        if command.value_cents is not None:
            workspace = workspaces_db.get_workspace(conn, ws=ws)
            assert workspace is not None
            updates |= {
                "value_cents": command.value_cents,
                "currency": command.currency or workspace.settings.currency,
            }
        updated = change(current, updates)
        referrals_db.update_referral(conn, ws, updated, step)
        command_log.record(conn, ws, command, command.referral_id, now)
    return updated


def edit_referral(
    store: Store, ws: int, command: EditReferral, *, now: datetime | None = None
) -> Referral:
    """Carry out ``command``: the referral's details changed (its status moves instead:
    :func:`update_status`), checked as giving it is: its people exist, a new receiver
    brings their category unless the edit names one, it is not given in the future nor
    after its first move, and a changed lead that a competitor of its receiver already
    has is refused (``lead-conflict``) unless the command says ``force``."""
    now = now or utc_now()
    with store.transaction() as conn:
        current = _get(conn, ws, command.referral_id)
        if command_log.seen(conn, ws, command, command.referral_id):
            return current
        updated = change(current, command.changes())
        refs.require_people(conn, ws, [updated.giver_id, updated.receiver_id, updated.prospect_id])
        if updated.receiver_id != current.receiver_id and "category" not in command.changes():
            updated = change(updated, {"category": _category_of(conn, ws, updated.receiver_id)})
        if updated.given_at != current.given_at:
            _refuse_future_given(updated.given_at, now)
            _refuse_given_after_moving(updated)
        if _lead(updated) != _lead(current) and not command.force:
            conflicts.refuse_conflicts(conn, ws, updated)
        referrals_db.update_referral(conn, ws, updated, None)
        command_log.record(conn, ws, command, command.referral_id, now)
    return updated


def _refuse_given_after_moving(referral: Referral) -> None:
    moves = [step for step in referral.history[1:] if step.changed_at < referral.given_at]
    if moves:
        raise InvalidInput(
            f"a referral is given before it moves, and this one was {moves[0].status.value} "
            f"on {moves[0].changed_at:%Y-%m-%d}",
            field="given_at",
        )


def remove_referral(
    store: Store, ws: int, command: RemoveReferral, *, now: datetime | None = None
) -> Referral | None:
    """Carry out ``command``: the referral and its history removed. Returns it as it was;
    None when this command (its idempotency key) removed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.referral_id):
            return None
        found = _get(conn, ws, command.referral_id)
        rows.delete_row(conn, t.referral, ws, command.referral_id)
        command_log.record(conn, ws, command, command.referral_id, now)
    return found


def get_referral(store: Store, ws: int, referral_id: int) -> Referral:
    with store.transaction() as conn:
        return _get(conn, ws, referral_id)


def list_referrals(store: Store, ws: int, **filters: Any) -> list[Referral]:
    with store.transaction() as conn:
        return referrals_db.list_referrals(conn, ws, **filters)


__all__ = [
    "conflicts_before_giving",
    "draft_of",
    "edit_referral",
    "get_referral",
    "give_referral",
    "list_referrals",
    "remove_referral",
    "update_status",
]
