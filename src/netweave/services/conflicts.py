"""Referral conflicts: the one place that checks a referral against the leads already given.

:func:`lead_conflicts_in` is the rule's entry point for writes (``give_referral``
calls it inside its transaction); :func:`check_referral` lets an interface warn
before giving, and the review lists recent conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from netweave.analytics.conflicts import LeadConflict, conflicts_among, conflicts_of
from netweave.domain import Referral, build
from netweave.errors import Conflict
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import conflicts as conflicts_db

RECENT_DAYS = 365


@dataclass(frozen=True, slots=True)
class ConflictNote:
    """A lead given twice in one category, named and explained."""

    referral_id: int | None
    """The later referral (None: the one about to be given)."""
    earlier_id: int
    giver: str
    prospect: str
    category: str
    first_receiver: str
    second_receiver: str
    first_given: datetime
    given: datetime
    reason: str


def lead_conflicts_in(conn: Tx, ws: int, referral: Referral) -> list[Referral]:
    """Referrals already given that ``referral`` would hand to a competitor."""
    if not referral.category:
        return []
    given = conflicts_db.same_giver_and_category(conn, ws, referral.giver_id, referral.category)
    return conflicts_of(referral, given)


def _notes(conn: Tx, ws: int, pairs: list[tuple[Referral, Referral]]) -> list[ConflictNote]:
    ids = [
        i
        for pair in pairs
        for r in pair
        for i in (r.giver_id, r.receiver_id, r.prospect_id)
        if i is not None
    ]
    names = analytics_db.names(conn, ws, ids)

    def name(pid: int) -> str:
        return names.get(pid, f"#{pid}")

    notes = []
    for earlier, later in pairs:
        prospect = name(later.prospect_id) if later.prospect_id else later.prospect_name or ""
        first, second = name(earlier.receiver_id), name(later.receiver_id)
        notes.append(
            ConflictNote(
                referral_id=later.id,
                earlier_id=earlier.id or 0,
                giver=name(later.giver_id),
                prospect=prospect,
                category=later.category or "",
                first_receiver=first,
                second_receiver=second,
                first_given=earlier.given_at,
                given=later.given_at,
                reason=(
                    f"{prospect} was passed to {first} on {earlier.given_at:%Y-%m-%d} "
                    f"(referral #{earlier.id}, {earlier.status.value}); {second} is in the "
                    f"same business category ({later.category})"
                ),
            )
        )
    return notes


def refuse_conflicts(conn: Tx, ws: int, referral: Referral) -> None:
    """Raise :class:`Conflict` when ``referral`` hands a lead already given to a competitor."""
    found = lead_conflicts_in(conn, ws, referral)
    if found:
        note = _notes(conn, ws, [(found[0], referral)])[0]
        raise Conflict(
            f"the same lead twice in one category: {note.reason}",
            hint="to give it anyway, force it: netweave referral give --force",
        )


def check_referral(store: Store, ws: int, fields: dict[str, Any]) -> list[ConflictNote]:
    """The conflicts a referral with these fields would cause, before giving it."""
    draft = build(Referral, {**fields, "id": None})
    with store.transaction() as conn:
        return _notes(conn, ws, [(old, draft) for old in lead_conflicts_in(conn, ws, draft)])


def recent_conflicts_in(
    conn: Tx, ws: int, as_of: datetime, *, days: int = RECENT_DAYS
) -> list[ConflictNote]:
    """Conflicts whose later referral was given in the ``days`` before ``as_of``, newest first."""
    since = as_of - timedelta(days=days)
    candidates = conflicts_db.lead_candidates(conn, ws, since=since, until=as_of)
    found: list[LeadConflict] = [
        c for c in conflicts_among(candidates) if c.later.given_at >= since
    ]
    return _notes(conn, ws, [(c.earlier, c.later) for c in found])


def recent_conflicts(store: Store, ws: int, as_of: datetime) -> list[ConflictNote]:
    """Leads given twice in one category in the last year."""
    with store.transaction() as conn:
        return recent_conflicts_in(conn, ws, as_of)


__all__ = [
    "RECENT_DAYS",
    "ConflictNote",
    "check_referral",
    "lead_conflicts_in",
    "recent_conflicts",
    "recent_conflicts_in",
    "refuse_conflicts",
]
