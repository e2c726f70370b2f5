"""Event plans and their targets; and what a plan needs to know about me and the people there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, func, insert, select, update

from netweave.domain.base import with_id
from netweave.domain.kinds import AttendanceStatus, InteractionKind
from netweave.domain.plan import Plan, PlanDraft, Target
from netweave.storage import tables as t

ONE_ON_ONE_TIME = tuple(
    k.value for k in (InteractionKind.ONE_ON_ONE, InteractionKind.MEAL, InteractionKind.CALL)
)
EXPECTED = tuple(
    s.value for s in (AttendanceStatus.INVITED, AttendanceStatus.RSVP, AttendanceStatus.ATTENDED)
)


def save_plan(conn: Connection, ws: int, plan: PlanDraft) -> Plan:
    """Store ``plan`` as the event's plan, replacing the one it had."""
    conn.execute(
        delete(t.event_plan).where(
            t.event_plan.c.workspace_id == ws, t.event_plan.c.event_id == plan.event_id
        )
    )
    plan_id = conn.execute(
        insert(t.event_plan)
        .values(
            workspace_id=ws,
            event_id=plan.event_id,
            purpose=plan.purpose,
            made_at=plan.made_at,
            debriefed_at=plan.debriefed_at,
            debrief_notes=plan.debrief_notes,
        )
        .returning(t.event_plan.c.id)
    ).scalar_one()
    if plan.targets:
        conn.execute(
            insert(t.plan_target),
            [
                {
                    "workspace_id": ws,
                    "plan_id": plan_id,
                    "person_id": target.person_id,
                    "position": position,
                    "kind": target.kind.value,
                    "reason": target.reason,
                    "opener": target.opener,
                    "reached": target.reached,
                }
                for position, target in enumerate(plan.targets)
            ],
        )
    return with_id(Plan, plan, plan_id)


def plans_of(conn: Connection, ws: int, event_ids: Sequence[int]) -> dict[int, Plan]:
    """Event id → its plan, for the events that have one (two queries)."""
    if not event_ids:
        return {}
    p, g = t.event_plan, t.plan_target
    rows = conn.execute(select(p).where(p.c.workspace_id == ws, p.c.event_id.in_(event_ids)))
    heads = {row.id: row for row in rows}
    targets: dict[int, list[Target]] = {plan_id: [] for plan_id in heads}
    if heads:
        for row in conn.execute(
            select(g).where(g.c.workspace_id == ws, g.c.plan_id.in_(heads)).order_by(g.c.position)
        ):
            targets[row.plan_id].append(
                Target(
                    person_id=row.person_id,
                    kind=row.kind,
                    reason=row.reason,
                    opener=row.opener,
                    reached=row.reached,
                )
            )
    return {
        row.event_id: Plan(
            id=plan_id,
            event_id=row.event_id,
            purpose=row.purpose,
            made_at=row.made_at,
            targets=targets[plan_id],
            debriefed_at=row.debriefed_at,
            debrief_notes=row.debrief_notes,
        )
        for plan_id, row in heads.items()
    }


def record_debrief(
    conn: Connection, ws: int, plan_id: int, reached: Sequence[int], at: datetime, notes: str | None
) -> None:
    p, g = t.event_plan, t.plan_target
    conn.execute(
        update(p)
        .where(p.c.workspace_id == ws, p.c.id == plan_id)
        .values(debriefed_at=at, debrief_notes=notes)
    )
    if reached:
        conn.execute(
            update(g)
            .where(g.c.workspace_id == ws, g.c.plan_id == plan_id, g.c.person_id.in_(reached))
            .values(reached=True)
        )


def expected_at(conn: Connection, ws: int, event_id: int) -> list[int]:
    """People known to come: invited, RSVP'd or there (not those marked absent)."""
    a = t.attendance
    query = select(a.c.person_id).where(
        a.c.workspace_id == ws, a.c.event_id == event_id, a.c.status.in_(EXPECTED)
    )
    return sorted(conn.execute(query).scalars())


def members_on(conn: Connection, ws: int, group_id: int, day: date) -> list[int]:
    m = t.membership
    query = select(m.c.person_id).where(
        m.c.workspace_id == ws,
        m.c.group_id == group_id,
        (m.c.joined_on.is_(None)) | (m.c.joined_on <= day),
        (m.c.left_on.is_(None)) | (m.c.left_on >= day),
    )
    return sorted(set(conn.execute(query).scalars()))


def shared_events(
    conn: Connection, ws: int, me: int, people: Sequence[int], before: datetime
) -> dict[int, tuple[int, str]]:
    """Person → (earlier events we both attended, the name of the last one)."""
    mine, theirs, e = t.attendance.alias("mine"), t.attendance.alias("theirs"), t.event
    base = (
        select(theirs.c.person_id, e.c.name, e.c.starts_at)
        .select_from(mine)
        .join(theirs, theirs.c.event_id == mine.c.event_id)
        .join(e, e.c.id == mine.c.event_id)
        .where(
            mine.c.workspace_id == ws,
            mine.c.person_id == me,
            mine.c.status == AttendanceStatus.ATTENDED.value,
            theirs.c.status == AttendanceStatus.ATTENDED.value,
            theirs.c.person_id.in_(people),
            e.c.starts_at < before,
        )
        .order_by(e.c.starts_at)
    )
    found: dict[int, tuple[int, str]] = {}
    for person, name, _ in conn.execute(base):
        count = found.get(person, (0, ""))[0]
        found[person] = (count + 1, name)
    return found


def _with_me(
    ws: int, me: int, people: Sequence[int], until: datetime, *columns: Any
) -> Select[Any]:
    """``columns`` over the interactions of ``me`` with each of ``people`` up to ``until``."""
    mine, theirs, i = t.participant.alias("mine"), t.participant.alias("theirs"), t.interaction
    return (
        select(theirs.c.person_id, *columns)
        .select_from(mine)
        .join(theirs, theirs.c.interaction_id == mine.c.interaction_id)
        .join(i, i.c.id == mine.c.interaction_id)
        .where(
            mine.c.workspace_id == ws,
            mine.c.person_id == me,
            theirs.c.person_id.in_(people),
            i.c.occurred_at <= until,
        )
    )


def one_on_one_record(
    conn: Connection, ws: int, me: int, people: Sequence[int], until: datetime
) -> dict[int, tuple[int, datetime, datetime]]:
    """Person → (how many, the first, the last) of our one-on-one times up to ``until``."""
    i = t.interaction
    query = _with_me(
        ws, me, people, until, func.count(), func.min(i.c.occurred_at), func.max(i.c.occurred_at)
    )
    query = query.where(i.c.kind.in_(ONE_ON_ONE_TIME)).group_by(query.selected_columns[0])
    return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}


def last_notes(
    conn: Connection, ws: int, me: int, people: Sequence[int], until: datetime
) -> dict[int, tuple[datetime, str]]:
    """Person → (when, notes) of our last touch that has notes."""
    i = t.interaction
    query = (
        _with_me(ws, me, people, until, i.c.occurred_at, i.c.notes)
        .where(i.c.notes.is_not(None), i.c.notes != "")
        .order_by(i.c.occurred_at)
    )
    return {person: (at, notes) for person, at, notes in conn.execute(query)}


def referral_partners(conn: Connection, ws: int, me: int) -> list[int]:
    """People I have passed referrals to or received them from."""
    r = t.referral
    given = select(r.c.receiver_id).where(r.c.workspace_id == ws, r.c.giver_id == me)
    got = select(r.c.giver_id).where(r.c.workspace_id == ws, r.c.receiver_id == me)
    return sorted(set(conn.execute(given.union(got)).scalars()))


def leads(conn: Connection, ws: int) -> list[tuple[int, str | None, int | None, str | None]]:
    """Every referral as (receiver, category, prospect id, prospect name).

    The category is the referral's own, else the receiver's.
    """
    r, p = t.referral, t.person
    query = (
        select(
            r.c.receiver_id,
            func.coalesce(r.c.category, p.c.category),
            r.c.prospect_id,
            r.c.prospect_name,
        )
        .join(p, p.c.id == r.c.receiver_id)
        .where(r.c.workspace_id == ws)
    )
    return [(a, b, c, d) for a, b, c, d in conn.execute(query)]


def links(conn: Connection, ws: int) -> list[tuple[int, int]]:
    """Pairs of people (``a < b``) already put in touch: by a referral or an introduction.

    A referral links its giver, its receiver and its prospect (when the prospect is a
    person) to each other; a person introduced to me by someone is linked to them.
    """
    r, p = t.referral, t.person
    rows = conn.execute(
        select(r.c.giver_id, r.c.receiver_id, r.c.prospect_id).where(r.c.workspace_id == ws)
    )
    found: set[tuple[int, int]] = set()
    for giver, receiver, prospect in rows:
        people = [x for x in (giver, receiver, prospect) if x is not None]
        found.update((min(x, y), max(x, y)) for x in people for y in people if x != y)
    introduced = select(p.c.id, p.c.introduced_by_id).where(
        p.c.workspace_id == ws, p.c.introduced_by_id.is_not(None)
    )
    found.update((min(x, y), max(x, y)) for x, y in conn.execute(introduced) if x != y)
    return sorted(found)


__all__ = [
    "EXPECTED",
    "ONE_ON_ONE_TIME",
    "expected_at",
    "last_notes",
    "leads",
    "links",
    "members_on",
    "one_on_one_record",
    "plans_of",
    "record_debrief",
    "referral_partners",
    "save_plan",
    "shared_events",
]
