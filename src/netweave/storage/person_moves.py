"""One person in two records: what matching reads, moving records in a merge, and
pairs of people said to be two.

The only code here that changes rows is what a merge needs; the merge itself
(and its undo record) is services/merge.py and storage/merges.py.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update

from netweave.domain import Role
from netweave.storage import tables as t

if TYPE_CHECKING:
    from netweave.domain.match_features import MatchRecord


def people_for_matching(conn: Connection, ws: int) -> list[MatchRecord]:
    """Everyone, with only what matching compares (name, nickname, company, location,
    LinkedIn, emails, phones): a fraction of the time people.list_people takes."""
    # Here, not at the top: matching's names and phone numbers (phonenumbers) are not for
    # every command that reads people.
    from netweave.domain.match_features import MatchRecord

    p = t.person
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    for table, column, into in (
        (t.person_email, "email", emails),
        (t.person_phone, "phone", phones),
    ):
        for row in conn.execute(
            select(table.c.person_id, table.c[column])
            .where(table.c.workspace_id == ws)
            .order_by(table.c.person_id, table.c.position)
        ):
            into[row[0]].append(row[1])
    rows = conn.execute(
        select(p.c.id, p.c.name, p.c.nickname, p.c.company, p.c.location, p.c.linkedin)
        .where(p.c.workspace_id == ws)
        .order_by(p.c.id)
    )
    return [
        MatchRecord(
            id=row.id,
            name=row.name,
            nickname=row.nickname,
            company=row.company,
            location=row.location,
            linkedin=row.linkedin,
            emails=tuple(emails[row.id]),
            phones=tuple(phones[row.id]),
        )
        for row in rows
    ]


_ROLE_RANK = {role.value: rank for rank, role in enumerate(Role)}


def _merge_open_memberships(conn: Connection, ws: int, keep: int, drop: int) -> None:
    """Both in a group now: one membership, the earliest join and the higher role."""
    m = t.membership
    current = m.c.left_on.is_(None)
    theirs = {
        row.group_id: row for row in conn.execute(select(m).where(m.c.person_id == drop, current))
    }
    for mine in conn.execute(
        select(m).where(m.c.person_id == keep, current, m.c.group_id.in_(list(theirs)))
    ).all():
        other = theirs[mine.group_id]
        joined = [d for d in (mine.joined_on, other.joined_on) if d is not None]
        role = max(mine.role, other.role, key=lambda r: _ROLE_RANK.get(r, -1))
        conn.execute(
            update(m)
            .where(m.c.id == mine.id)
            .values(role=role, joined_on=min(joined) if joined else None)
        )
        conn.execute(delete(m).where(m.c.id == other.id))


def _move_contact_rows(conn: Connection, keep: int, drop: int) -> None:
    """Emails and phones of ``drop`` go after those of ``keep``, keeping their rows."""
    for table, column in ((t.person_email, "email"), (t.person_phone, "phone")):
        mine = conn.execute(
            select(table.c[column], table.c.position).where(table.c.person_id == keep)
        ).all()
        known = {row[0] for row in mine}
        start = max((row.position for row in mine), default=-1) + 1
        theirs = conn.execute(
            select(table.c.id, table.c[column])
            .where(table.c.person_id == drop)
            .order_by(table.c.position)
        ).all()
        for row in theirs:
            if row[1] in known:
                conn.execute(delete(table).where(table.c.id == row.id))
                continue
            conn.execute(
                update(table).where(table.c.id == row.id).values(person_id=keep, position=start)
            )
            start += 1


def _move_distinct_marks(conn: Connection, ws: int, keep: int, drop: int) -> None:
    """ "Not the same as C" said of ``drop`` now holds for ``keep``; a mark between them goes."""
    d = t.person_distinct
    rows = conn.execute(select(d).where(or_(d.c.first_id == drop, d.c.second_id == drop))).all()
    conn.execute(delete(d).where(or_(d.c.first_id == drop, d.c.second_id == drop)))
    for row in rows:
        other = row.second_id if row.first_id == drop else row.first_id
        if other != keep:
            mark_distinct(conn, ws, keep, other, row.marked_at)


def move_records(conn: Connection, ws: int, *, keep: int, drop: int) -> None:
    """Point every record of ``drop`` at ``keep``; rows that would duplicate are removed.

    Emails and phones move as rows (after those of ``keep``); open memberships
    of one group become one; where each field came from moves too.
    """
    _move_contact_rows(conn, keep, drop)
    _merge_open_memberships(conn, ws, keep, drop)
    _move_distinct_marks(conn, ws, keep, drop)
    # Both at one event: the kept row says "met" or "attended" when either row did.
    dropped = select(t.attendance.c.event_id).where(t.attendance.c.person_id == drop)
    for flag, value in ((t.attendance.c.met, True), (t.attendance.c.status, "attended")):
        conn.execute(
            update(t.attendance)
            .where(
                t.attendance.c.person_id == keep,
                t.attendance.c.event_id.in_(dropped.where(flag == value)),
            )
            .values({flag.name: value})
        )
    # Link tables with a uniqueness rule: drop the duplicates first, then move the rest.
    for table, key in (
        (t.participant, t.participant.c.interaction_id),
        (t.attendance, t.attendance.c.event_id),
        (t.plan_target, t.plan_target.c.plan_id),
    ):
        kept = select(key).where(table.c.person_id == keep)
        conn.execute(delete(table).where(table.c.person_id == drop, key.in_(kept)))
        conn.execute(update(table).where(table.c.person_id == drop).values(person_id=keep))
    conn.execute(
        delete(t.person_tag).where(
            t.person_tag.c.person_id == drop,
            t.person_tag.c.tag.in_(
                select(t.person_tag.c.tag).where(t.person_tag.c.person_id == keep)
            ),
        )
    )
    moves: list[tuple[Table, str]] = [
        (t.person_tag, "person_id"),
        (t.membership, "person_id"),
        (t.follow_up, "person_id"),
        (t.interaction, "initiated_by_id"),
        (t.referral, "giver_id"),
        (t.referral, "receiver_id"),
        (t.referral, "prospect_id"),
        (t.ask, "asker_id"),
        (t.ask, "asked_id"),
        (t.person, "introduced_by_id"),
        (t.field_source, "person_id"),
        (t.external_key, "person_id"),
        (t.person_photo, "person_id"),
        (t.card_waiting, "known_person_id"),
    ]
    for table, column in moves:
        conn.execute(
            update(table)
            .where(table.c.workspace_id == ws, table.c[column] == drop)
            .values({column: keep})
        )
    conn.execute(update(t.workspace).where(t.workspace.c.owner_id == drop).values(owner_id=keep))


def distinct_pairs(conn: Connection, ws: int) -> list[tuple[int, int]]:
    d = t.person_distinct
    rows = conn.execute(select(d.c.first_id, d.c.second_id).where(d.c.workspace_id == ws))
    return [(row.first_id, row.second_id) for row in rows]


def mark_distinct(conn: Connection, ws: int, a: int, b: int, now: datetime) -> bool:
    """Record that ``a`` and ``b`` are two people; False when that was known."""
    d = t.person_distinct
    first, second = min(a, b), max(a, b)
    known = conn.execute(
        select(d.c.id).where(d.c.first_id == first, d.c.second_id == second)
    ).first()
    if known is None:
        conn.execute(
            insert(d).values(workspace_id=ws, first_id=first, second_id=second, marked_at=now)
        )
    return known is None


def unmark_distinct(conn: Connection, ws: int, a: int, b: int) -> bool:
    d = t.person_distinct
    result = conn.execute(
        delete(d).where(
            d.c.workspace_id == ws, d.c.first_id == min(a, b), d.c.second_id == max(a, b)
        )
    )
    return result.rowcount > 0


def records_between(conn: Connection, ws: int, a: int, b: int) -> dict[str, int]:
    """Records that link two people to each other (shared interactions, referrals, asks)."""
    shared = select(t.participant.c.interaction_id).where(t.participant.c.person_id == b)
    interactions = conn.execute(
        select(func.count())
        .select_from(t.participant)
        .where(t.participant.c.person_id == a, t.participant.c.interaction_id.in_(shared))
    ).scalar_one()
    pair = {a, b}
    referrals = conn.execute(
        select(func.count())
        .select_from(t.referral)
        .where(
            t.referral.c.workspace_id == ws,
            or_(
                t.referral.c.giver_id.in_(pair) & t.referral.c.receiver_id.in_(pair),
                t.referral.c.prospect_id.in_(pair)
                & or_(t.referral.c.giver_id.in_(pair), t.referral.c.receiver_id.in_(pair)),
            ),
        )
    ).scalar_one()
    asks = conn.execute(
        select(func.count())
        .select_from(t.ask)
        .where(t.ask.c.workspace_id == ws, t.ask.c.asker_id.in_(pair), t.ask.c.asked_id.in_(pair))
    ).scalar_one()
    counts = {"interactions": interactions, "referrals": referrals, "asks": asks}
    return {kind: int(n) for kind, n in counts.items() if n}


__all__ = [
    "distinct_pairs",
    "mark_distinct",
    "move_records",
    "people_for_matching",
    "records_between",
    "unmark_distinct",
]
