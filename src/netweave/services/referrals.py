"""Referrals: giving one, moving it through its statuses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netweave.domain import Referral, ReferralStatus, StatusChange, build, change
from netweave.domain.referral import check_transition
from netweave.errors import InvalidInput, NotFound
from netweave.services import conflicts, refs
from netweave.storage import Store, Tx, rows
from netweave.storage import referrals as referrals_db
from netweave.storage import tables as t
from netweave.storage import workspaces as workspaces_db


def _get(conn: Tx, ws: int, referral_id: int) -> Referral:
    found = referrals_db.get_referral(conn, ws, referral_id)
    if found is None:
        raise NotFound(f"there is no referral #{referral_id}")
    return found


def give_referral(
    store: Store, ws: int, fields: dict[str, Any], *, force: bool = False
) -> Referral:
    """Record a referral; its history starts with its status at the time it was given.

    A lead the giver already passed to someone else in the same business category
    is refused (:class:`~netweave.errors.Conflict`) unless ``force``.
    """
    draft = build(Referral, {**fields, "id": None})
    history = draft.history or [StatusChange(status=draft.status, changed_at=draft.given_at)]
    referral = change(draft, {"history": history})
    with store.transaction() as conn:
        refs.require_people(
            conn, ws, [referral.giver_id, referral.receiver_id, referral.prospect_id]
        )
        if referral.value_cents is not None and referral.currency is None:
            workspace = workspaces_db.get_workspace(conn, ws=ws)
            assert workspace is not None
            referral = change(referral, {"currency": workspace.settings.currency})
        if not force:
            conflicts.refuse_conflicts(conn, ws, referral)
        return referrals_db.insert_referral(conn, ws, referral)


def update_status(
    store: Store,
    ws: int,
    referral_id: int,
    status: ReferralStatus,
    *,
    at: datetime,
    value_cents: int | None = None,
    currency: str | None = None,
) -> Referral:
    """Move a referral forward; a won one may carry the value of the business closed."""
    with store.transaction() as conn:
        current = _get(conn, ws, referral_id)
        try:
            check_transition(current.status, status)
        except ValueError as error:
            raise InvalidInput(str(error), field="status") from None
        # Built first, so that a naive ``at`` is read as UTC like everywhere else.
        step = build(StatusChange, {"status": status, "changed_at": at})
        if current.history and step.changed_at < current.history[-1].changed_at:
            last = current.history[-1].changed_at
            raise InvalidInput(
                f"{step.changed_at:%Y-%m-%d} is before the last change ({last:%Y-%m-%d})",
                field="date",
            )
        if value_cents is not None and status is not ReferralStatus.WON:
            raise InvalidInput("only a won referral has a value", field="value")
        updates: dict[str, Any] = {"status": status, "history": [*current.history, step]}
        if value_cents is not None:
            workspace = workspaces_db.get_workspace(conn, ws=ws)
            assert workspace is not None
            updates |= {
                "value_cents": value_cents,
                "currency": currency or workspace.settings.currency,
            }
        updated = change(current, updates)
        referrals_db.update_referral(conn, ws, updated, step)
    return updated


def edit_referral(store: Store, ws: int, referral_id: int, changes: dict[str, Any]) -> Referral:
    """Change a referral's details (not its status: see :func:`update_status`)."""
    if "status" in changes or "history" in changes:
        raise InvalidInput("change the status with 'referral status'", field="status")
    with store.transaction() as conn:
        updated = change(_get(conn, ws, referral_id), changes)
        refs.require_people(conn, ws, [updated.giver_id, updated.receiver_id, updated.prospect_id])
        referrals_db.update_referral(conn, ws, updated, None)
    return updated


def remove_referral(store: Store, ws: int, referral_id: int) -> Referral:
    with store.transaction() as conn:
        found = _get(conn, ws, referral_id)
        rows.delete_row(conn, t.referral, ws, referral_id)
    return found


def get_referral(store: Store, ws: int, referral_id: int) -> Referral:
    with store.transaction() as conn:
        return _get(conn, ws, referral_id)


def list_referrals(store: Store, ws: int, **filters: Any) -> list[Referral]:
    with store.transaction() as conn:
        return referrals_db.list_referrals(conn, ws, **filters)


__all__ = [
    "edit_referral",
    "get_referral",
    "give_referral",
    "list_referrals",
    "remove_referral",
    "update_status",
]
