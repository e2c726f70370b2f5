"""What analytics need from the database, read in bulk as compact tuples.

Every function is one or two set-based queries over a workspace; nothing
loads records one by one. Counting (help given and received, asks answered)
happens in SQL; touches come back as plain numbers for the decay formulas.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)

from netweave.domain.base import storable_id
from netweave.domain.kinds import AskOutcome, InteractionKind, ReferralStatus
from netweave.domain.touch import Touch, seconds
from netweave.storage import tables as t

_KINDS = {kind.value: kind for kind in InteractionKind}


def pair_touches(ws: int, until: datetime, people: Select[tuple[int]] | None) -> Select[Any]:
    """(a, b, at, kind, minutes, starter, interaction_id): each interaction up to ``until``
    seen from each pair of its participants (``a < b``); with ``people`` (of workspace
    ``ws``), only pairs of those people."""
    a, b, i = t.participant.alias("a"), t.participant.alias("b"), t.interaction
    pairs = select(
        a.c.person_id.label("a"), b.c.person_id.label("b"), a.c.interaction_id.label("at_id")
    ).join(b, and_(b.c.interaction_id == a.c.interaction_id, b.c.person_id > a.c.person_id))
    found: Subquery | CTE
    if people is None:
        found = pairs.where(a.c.workspace_id == ws).subquery()
    else:
        # The people are the workspace's: the person index alone finds their pairs. Pairs
        # first, then their interactions: SQLite would read each interaction of each person.
        found = (
            pairs.where(a.c.person_id.in_(people), b.c.person_id.in_(people))
            .cte("circle_pairs")
            .prefix_with("MATERIALIZED")
        )
    return (
        select(
            found.c.a,
            found.c.b,
            i.c.occurred_at.label("at"),
            i.c.kind.label("kind"),
            i.c.duration_minutes.label("minutes"),
            i.c.initiated_by_id.label("starter"),
            i.c.id.label("interaction_id"),
        )
        .select_from(found)
        .join(i, i.c.id == found.c.at_id)
        .where(i.c.occurred_at <= until)
    )


def among(column: ColumnElement[Any], people: Iterable[int]) -> ColumnElement[bool]:
    """``column IN (people)`` with the ids written into the statement as numbers: a circle may
    hold more people than a statement takes values, and SQLAlchemy's own literal rendering
    costs microseconds a value (at a circle of 5,500: a quarter of the review's time)."""
    ids = ",".join(str(int(person)) for person in people) or "NULL"
    found: ColumnElement[bool] = column.op("IN")(literal_column(f"({ids})"))
    return found


def circle_of(ws: int, person_id: int) -> Select[tuple[int]]:
    """``person_id`` and everyone they have touched (their mutual contacts are among them)."""
    theirs = select(t.participant.c.interaction_id).where(
        t.participant.c.workspace_id + 0 == ws, t.participant.c.person_id == person_id
    )
    return select(t.participant.c.person_id).where(t.participant.c.interaction_id.in_(theirs))


def _touches_of(conn: Connection, query: Select[Any]) -> list[Touch]:
    return [
        Touch(x, y, seconds(at), _KINDS.get(kind, InteractionKind.OTHER), minutes, starter)
        for x, y, at, kind, minutes, starter, _ in conn.execute(query)
    ]


def touches(conn: Connection, ws: int, *, until: datetime) -> list[Touch]:
    """Every pair's touches in the workspace up to ``until``."""
    return _touches_of(conn, pair_touches(ws, until, None))


def ego_touches(conn: Connection, ws: int, person_id: int, *, until: datetime) -> list[Touch]:
    """The touches among ``person_id`` and everyone they have touched, up to ``until``.

    Enough for the person's ties with their embeddedness (mutual contacts are
    people both sides have touched).
    """
    return _touches_of(conn, pair_touches(ws, until, circle_of(ws, person_id)))


def group_contexts(
    conn: Connection,
    ws: int,
    *,
    on: datetime,
    circle_of_person: int | None = None,
    people: Sequence[int] | None = None,
) -> dict[int, frozenset[int]]:
    """Person → the groups they belonged to on ``on`` (their shared contexts); with
    ``circle_of_person``, only for that person and everyone they have touched; with
    ``people`` (of the workspace, that circle when the caller has it already), only theirs."""
    day = on.date()
    m = t.membership
    query = select(m.c.person_id, m.c.group_id).where(
        m.c.workspace_id == ws,
        or_(m.c.joined_on.is_(None), m.c.joined_on <= day),
        or_(m.c.left_on.is_(None), m.c.left_on >= day),
    )
    if people is not None:
        query = query.where(among(m.c.person_id, sorted(people)))
    elif circle_of_person is not None:
        query = query.where(m.c.person_id.in_(circle_of(ws, circle_of_person)))
    result = conn.execute(query)
    try:
        rows = result.cursor.fetchall()  # the driver's own tuples: no row objects
    finally:
        result.close()
    found: dict[int, set[int]] = defaultdict(set)
    for person, group in rows:
        found[person].add(group)
    return {person: frozenset(groups) for person, groups in found.items()}


def _referral_units() -> object:
    r = t.referral
    return case(
        (r.c.status == ReferralStatus.WON.value, 2.0),
        (r.c.status == ReferralStatus.MEETING.value, 1.5),
        else_=1.0,
    )


def help_totals(
    conn: Connection, ws: int, *, until: datetime, people: list[int] | None = None
) -> dict[int, tuple[float, float]]:
    """Person → (units of help given, received) from referrals and answered asks."""
    r, k = t.referral, t.ask
    units = _referral_units()
    credit = case(
        (k.c.outcome == AskOutcome.HELPED.value, 1.0),
        (k.c.outcome == AskOutcome.PARTLY.value, 0.5),
        else_=0.0,
    )
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    queries = [
        (
            0,
            select(r.c.giver_id, func.sum(units))
            .where(r.c.given_at <= until, r.c.workspace_id == ws)
            .group_by(r.c.giver_id),
        ),
        (
            1,
            select(r.c.receiver_id, func.sum(units))
            .where(r.c.given_at <= until, r.c.workspace_id == ws)
            .group_by(r.c.receiver_id),
        ),
        (
            0,
            select(k.c.asked_id, func.sum(credit))
            .where(k.c.asked_at <= until, k.c.workspace_id == ws)
            .group_by(k.c.asked_id),
        ),
        (
            1,
            select(k.c.asker_id, func.sum(credit))
            .where(k.c.asked_at <= until, k.c.workspace_id == ws)
            .group_by(k.c.asker_id),
        ),
    ]
    for side, query in queries:
        if people is not None:
            query = query.where(query.selected_columns[0].in_(people))
        for person, total in conn.execute(query):
            totals[person][side] += float(total or 0)
    return {person: (given, received) for person, (given, received) in totals.items()}


def ask_totals(
    conn: Connection, ws: int, *, until: datetime, unanswered_before: datetime
) -> dict[int, tuple[float, int, int]]:
    """Person asked → (credit for helping, asks counted, asks still open).

    An ask unanswered since before ``unanswered_before`` counts as no response.
    """
    k = t.ask
    credit = case(
        (k.c.outcome == AskOutcome.HELPED.value, 1.0),
        (k.c.outcome == AskOutcome.PARTLY.value, 0.5),
        else_=0.0,
    )
    is_open = and_(k.c.outcome.is_(None), k.c.asked_at > unanswered_before)
    query = (
        select(
            k.c.asked_id,
            func.sum(case((is_open, 0.0), else_=credit)),
            func.sum(case((is_open, 0), else_=1)),
            func.sum(case((is_open, 1), else_=0)),
        )
        .where(k.c.workspace_id == ws, k.c.asked_at <= until)
        .group_by(k.c.asked_id)
    )
    return {
        person: (float(helped or 0), int(counted or 0), int(pending or 0))
        for person, helped, counted, pending in conn.execute(query)
    }


def names(conn: Connection, ws: int, ids: Iterable[int]) -> dict[int, str]:
    """Person id → name for ``ids`` (in chunks, so any number works on every backend); an id
    no one has, or no column could hold (a number typed in a form), is left out."""
    found: dict[int, str] = {}
    unique = sorted({i for i in ids if storable_id(i)})
    for start in range(0, len(unique), 5_000):
        chunk = unique[start : start + 5_000]
        rows = conn.execute(
            select(t.person.c.id, t.person.c.name).where(
                t.person.c.workspace_id == ws, t.person.c.id.in_(chunk)
            )
        )
        found.update({row.id: row.name for row in rows})
    return found


def exchanges_of(
    conn: Connection, ws: int, person_id: int, *, until: datetime
) -> tuple[list[tuple[int, int, datetime, str]], list[tuple[int, int, datetime, str | None]]]:
    """(referrals as giver, receiver, when, status; asks as asker, asked, when, outcome)
    that ``person_id`` took part in on either side, up to ``until``."""
    r, k = t.referral, t.ask
    referrals = conn.execute(
        select(r.c.giver_id, r.c.receiver_id, r.c.given_at, r.c.status).where(
            r.c.workspace_id == ws,
            r.c.given_at <= until,
            or_(r.c.giver_id == person_id, r.c.receiver_id == person_id),
        )
    )
    asks = conn.execute(
        select(k.c.asker_id, k.c.asked_id, k.c.asked_at, k.c.outcome).where(
            k.c.workspace_id == ws,
            k.c.asked_at <= until,
            or_(k.c.asker_id == person_id, k.c.asked_id == person_id),
        )
    )
    return [tuple(row) for row in referrals], [tuple(row) for row in asks]


def group_spans(
    conn: Connection, ws: int, people: Sequence[int]
) -> list[tuple[int, int, date | None, date | None]]:
    """(person, group, joined on, left on) of every membership of ``people``."""
    m = t.membership
    rows = conn.execute(
        select(m.c.person_id, m.c.group_id, m.c.joined_on, m.c.left_on).where(
            m.c.workspace_id == ws, m.c.person_id.in_(list(people))
        )
    )
    return [(person, group, joined, left) for person, group, joined, left in rows]


__all__ = [
    "among",
    "ask_totals",
    "circle_of",
    "ego_touches",
    "exchanges_of",
    "group_contexts",
    "group_spans",
    "help_totals",
    "names",
    "pair_touches",
    "touches",
]
