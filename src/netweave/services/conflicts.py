"""Referral conflicts: the one place that checks a referral against the leads already given.

:func:`lead_conflicts_in` is the rule's entry point for writes (``give_referral``
calls it inside its transaction); :func:`notes_for` (through
``referrals.conflicts_before_giving``) lets an interface warn before giving, and the
review lists recent conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from netweave.analytics.conflicts import LeadConflict, conflicts_among, conflicts_of
from netweave.domain import Referral, ReferralDraft
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


def lead_conflicts_in(conn: Tx, ws: int, referral: ReferralDraft) -> list[Referral]:
    """Referrals already given that ``referral`` would hand to a competitor."""
    if not referral.category:
        return []
    given = conflicts_db.same_giver_and_category(conn, ws, referral.giver_id, referral.category)
    return conflicts_of(referral, given, _prospect_names(conn, ws, [referral, *given]))


def _prospect_names(conn: Tx, ws: int, referrals: list[ReferralDraft]) -> dict[int, str]:
    """The names of the prospects who are people: a name typed for one referral and the
    person named in another are the same lead (``analytics.conflicts.same_prospect``)."""
    if all(r.prospect_id is None for r in referrals) or all(
        r.prospect_id is not None for r in referrals
    ):
        return {}  # all by name or all by id: no name needs looking up
    ids = [r.prospect_id for r in referrals if r.prospect_id is not None]
    return analytics_db.names(conn, ws, ids)


def _notes(conn: Tx, ws: int, pairs: list[tuple[Referral, ReferralDraft]]) -> list[ConflictNote]:
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
                referral_id=later.id if isinstance(later, Referral) else None,
                earlier_id=earlier.id,
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


def refuse_conflicts(conn: Tx, ws: int, referral: ReferralDraft) -> None:
    """Raise :class:`Conflict` when ``referral`` hands a lead already given to a competitor."""
    found = lead_conflicts_in(conn, ws, referral)
    if found:
        note = _notes(conn, ws, [(found[0], referral)])[0]
        raise Conflict(
            f"the same lead twice in one category: {note.reason}",
            code="lead-conflict",
            facts={
                "earlier_referral": note.earlier_id,
                "prospect": note.prospect,
                "category": note.category,
                "first_receiver": note.first_receiver,
                "receiver": note.second_receiver,
                "first_given": note.first_given.date().isoformat(),
                # A stored referral is being edited onto the lead: which one.
                **({"referral": referral.id} if isinstance(referral, Referral) else {}),
            },
        )


def notes_for(conn: Tx, ws: int, referral: ReferralDraft) -> list[ConflictNote]:
    """The conflicts ``referral`` (not given yet) would cause, explained."""
    return _notes(conn, ws, [(old, referral) for old in lead_conflicts_in(conn, ws, referral)])


def recent_conflicts_in(
    conn: Tx, ws: int, as_of: datetime, *, days: int = RECENT_DAYS
) -> list[ConflictNote]:
    """Conflicts whose later referral was given in the ``days`` before ``as_of``, newest first."""
    since = as_of - timedelta(days=days)
    candidates, names = conflicts_db.lead_candidates(conn, ws, since=since, until=as_of)
    found: list[LeadConflict] = [
        c for c in conflicts_among(candidates, names) if c.later.given_at >= since
    ]
    return _notes(conn, ws, [(c.earlier, c.later) for c in found])


def recent_conflicts(store: Store, ws: int, as_of: datetime) -> list[ConflictNote]:
    """Leads given twice in one category in the last year."""
    with store.transaction() as conn:
        return recent_conflicts_in(conn, ws, as_of)


__all__ = [
    "RECENT_DAYS",
    "ConflictNote",
    "lead_conflicts_in",
    "notes_for",
    "recent_conflicts",
    "recent_conflicts_in",
    "refuse_conflicts",
]
