"""Referrals that may hand one lead to two receivers: candidates for the conflict rule."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection, and_, or_, select

from netweave.domain import Referral, ReferralStatus, StatusChange
from netweave.domain.categories import category_key
from netweave.storage import tables as t
from netweave.storage.rows import to_record


def same_giver_and_category(
    conn: Connection, ws: int, giver_id: int, category: str
) -> list[Referral]:
    """The giver's referrals in ``category`` (any case) that are not lost (history not
    loaded)."""
    r = t.referral
    rows = conn.execute(
        select(r).where(
            r.c.workspace_id == ws,
            r.c.giver_id == giver_id,
            r.c.category_key == category_key(category),
            r.c.status != ReferralStatus.LOST.value,
        )
    )
    return [to_record(Referral, row, history=[]) for row in rows]


def lead_candidates(
    conn: Connection, ws: int, *, since: datetime, until: datetime
) -> tuple[list[Referral], dict[int, str]]:
    """Referrals that may share giver, category (its key: any case) and prospect with
    another one to someone else, where the later of the two was given between ``since``
    and ``until`` (one self-join), with the dates they were lost as their history.

    Two prospects who are both people must be the same person; when either is a typed
    name, the pair is a candidate and the rule decides (``analytics.conflicts``
    compares names folded, which SQL cannot do, and a typed name may name a person):
    with the candidates come the names of their prospects who are people."""
    a, b = t.referral.alias("a"), t.referral.alias("b")
    same_prospect = or_(
        a.c.prospect_id == b.c.prospect_id,
        a.c.prospect_id.is_(None),
        b.c.prospect_id.is_(None),
    )
    pairs = (
        select(a.c.id.label("first"), b.c.id.label("second"))
        .join(b, and_(b.c.giver_id == a.c.giver_id, b.c.category_key == a.c.category_key))
        .where(
            # "+ 0": a's workspace follows from its giver's; without it SQLite walks every
            # referral in a's category (workspace, category index) instead of the giver's.
            a.c.workspace_id + 0 == ws,
            b.c.workspace_id == ws,
            a.c.id != b.c.id,
            a.c.receiver_id != b.c.receiver_id,
            a.c.given_at <= b.c.given_at,
            b.c.given_at >= since,
            b.c.given_at <= until,
            same_prospect,
        )
    ).subquery()
    ids = select(pairs.c.first).union(select(pairs.c.second))
    r, s, p = t.referral, t.referral_status, t.person
    rows = conn.execute(
        select(r, p.c.name.label("prospect_person_name"))
        .outerjoin(p, and_(p.c.id == r.c.prospect_id, p.c.workspace_id == ws))
        .where(r.c.workspace_id == ws, r.c.id.in_(ids))
    ).all()
    # Only when each was lost matters to the rule: that part of the history.
    lost: dict[int, list[StatusChange]] = defaultdict(list)
    for referral_id, at in conn.execute(
        select(s.c.referral_id, s.c.changed_at).where(
            s.c.referral_id.in_(ids), s.c.status == ReferralStatus.LOST.value
        )
    ):
        lost[referral_id].append(StatusChange(status=ReferralStatus.LOST, changed_at=at))
    names = {row.prospect_id: row.prospect_person_name for row in rows if row.prospect_id}
    return [to_record(Referral, row, history=lost[row.id]) for row in rows], names


__all__ = ["lead_candidates", "same_giver_and_category"]
