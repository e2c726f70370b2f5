"""The fields target-market fit is read from, for people, attendees and received referrals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, select

from netweave.domain.kinds import AttendanceStatus, ReferralScope
from netweave.storage import tables as t

ProfileRow = tuple[str | None, str | None, str | None, str | None]
"""(category, title, location, company): what a person is. What they are looking for
(their clients) and what they offer are never read for fit."""


def profiles(conn: Connection, ws: int, ids: Iterable[int]) -> dict[int, ProfileRow]:
    """Person id → the fields fit reads (in chunks, so any number works on every backend)."""
    p = t.person
    unique = sorted(set(ids))
    found: dict[int, ProfileRow] = {}
    for start in range(0, len(unique), 5_000):
        rows = conn.execute(
            select(p.c.id, p.c.category, p.c.title, p.c.location, p.c.company).where(
                p.c.workspace_id == ws, p.c.id.in_(unique[start : start + 5_000])
            )
        )
        for pid, category, title, location, company in rows:
            found[pid] = (category, title, location, company)
    return found


def attendee_ids(conn: Connection, ws: int, event_id: int, *, besides: int | None) -> list[int]:
    """Everyone on an event's list who did not stay away (me, ``besides``, left out)."""
    a = t.attendance
    rows = conn.execute(
        select(a.c.person_id).where(
            a.c.workspace_id == ws,
            a.c.event_id == event_id,
            a.c.status != AttendanceStatus.ABSENT.value,
        )
    )
    return [pid for (pid,) in rows if pid != besides]


def received_clients(
    conn: Connection, ws: int, receiver: int, *, since: datetime, until: datetime
) -> list[tuple[int, int | None]]:
    """(referral, client) of referrals ``receiver`` got: the prospect, or the giver when the
    business is the giver's own (scope inside); None when the prospect is only a name."""
    r = t.referral
    rows = conn.execute(
        select(r.c.id, r.c.prospect_id, r.c.giver_id, r.c.scope).where(
            r.c.workspace_id == ws,
            r.c.receiver_id == receiver,
            r.c.given_at >= since,
            r.c.given_at <= until,
        )
    )
    return [
        (
            ref,
            prospect if prospect is not None else giver if scope == ReferralScope.INSIDE else None,
        )
        for ref, prospect, giver, scope in rows
    ]


__all__ = ["ProfileRow", "attendee_ids", "profiles", "received_clients"]
