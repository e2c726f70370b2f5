"""Tie strength's counting, done by the database: per pair and kind, in a few set queries.

The touches a tie strength needs (every pair's, or those among one person's
circle) are copied once from the state kept on write (``tie_touch``, see
:mod:`netweave.storage.tie_state`: moments as numbers) into a temporary table
kept in pair order, and each pair's touches, first and last touch into
another; then the database adds up

- the rhythm's parts: Σ (last − first) and Σ (touches − 1) over the pairs, and
  how many touches of each kind have each length (for the median length);
- per pair and kind: the touches, those in the last half half-life, who started
  them, and the decayed sums Σ length · 2^(−(T − t) / pair half-life), where the
  pair half-life is the network's plus the pair's age (first to last touch).

The formulas are those of :mod:`netweave.analytics.ties` and
:mod:`netweave.analytics.rhythm`, which turn these sums into histories;
tests/integration/test_pair_sums.py holds both paths equal on both backends.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)

from netweave.analytics.rhythm import Rhythm, gap_of, median_of_counts, rhythm_of
from netweave.analytics.ties import KindSums
from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import seconds
from netweave.storage.analytics import circle_of
from netweave.storage.store import scratch_writes
from netweave.storage.tables import tie_pair, tie_touch

_KINDS = {kind.value: kind for kind in InteractionKind}
_LN2 = math.log(2)


_touch = Table(
    "netweave_pair_touch",
    MetaData(),
    Column("a", Integer, primary_key=True),
    Column("b", Integer, primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("interaction_id", Integer, primary_key=True),
    Column("sec", Float, nullable=False),
    Column("minutes", Float),
    Column("starter", Integer),
    prefixes=["TEMPORARY"],
    # Kept in pair order (SQLite: the rows are the key's B-tree): the sums read each pair's
    # touches in a row, without sorting, and the rows go in already sorted.
    sqlite_with_rowid=False,
)


_span = Table(
    "netweave_pair_span",
    MetaData(),
    Column("a", Integer, primary_key=True),
    Column("b", Integer, primary_key=True),
    Column("touches", Integer, nullable=False),
    Column("first_sec", Float, nullable=False),
    Column("last_sec", Float, nullable=False),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)
"""Each pair's touches, first and last touch: for the rhythm and each pair's half-life."""


def _fill(conn: Connection, ws: int, until: datetime, people: Select[tuple[int]] | None) -> None:
    """The temporary tables hold the touches up to ``until`` (of pairs among ``people``), read
    from the state kept on write (``tie_touch``: moments as numbers, kinds as the analytics
    know them, in pair order)."""
    for table in (_touch, _span):
        table.drop(conn, checkfirst=True)  # left over by a failed read on this connection
        table.create(conn)
    x = tie_touch.c
    rows = select(x.a, x.b, x.kind, x.interaction_id, x.sec, x.minutes, x.starter).where(
        x.workspace_id == ws, x.sec <= seconds(until)
    )
    if people is not None:
        circle = people.subquery()
        # The pairs among the members first, from one row per pair (each member's pairs by the
        # key, b looked up among the members: not the key searched for every two members),
        # then those pairs' touches by the key.
        members = select(circle.c[0])
        p = tie_pair.c
        among = (
            select(p.a, p.b)
            .where(p.a.in_(members), (p.b + 0).in_(members))
            .cte("circle_pairs")
            .prefix_with("MATERIALIZED")
        )
        rows = rows.join_from(tie_touch, among, and_(among.c.a == x.a, among.c.b == x.b))
    conn.execute(
        _touch.insert().from_select(
            ["a", "b", "kind", "interaction_id", "sec", "minutes", "starter"],
            rows.order_by(x.a, x.b, x.kind, x.interaction_id),
        )
    )
    y = _touch.c
    spans = select(y.a, y.b, func.count(), func.min(y.sec), func.max(y.sec)).group_by(y.a, y.b)
    conn.execute(_span.insert().from_select(["a", "b", "touches", "first_sec", "last_sec"], spans))


def _rhythm(conn: Connection) -> Rhythm:
    x, p = _touch.c, _span.c
    total, gaps = conn.execute(
        select(func.sum(p.last_sec - p.first_sec), func.sum(p.touches - 1))
    ).one()
    has_length = and_(x.minutes.is_not(None), x.minutes != 0)
    lengths: dict[InteractionKind, list[tuple[float, int]]] = defaultdict(list)
    for kind, minutes, count in conn.execute(
        select(x.kind, x.minutes, func.count())
        .where(has_length)
        .group_by(x.kind, x.minutes)
        .order_by(x.kind, x.minutes)
    ):
        lengths[_KINDS[kind]].append((float(minutes), int(count)))
    typical = {kind: median_of_counts(counts) for kind, counts in lengths.items()}
    return rhythm_of(gap_of(float(total or 0.0), int(gaps or 0)), typical)


def _sums(conn: Connection, as_of: datetime, rhythm: Rhythm) -> list[KindSums]:
    x = _touch.c
    at = seconds(as_of)
    earlier_at = at - rhythm.half_life / 2
    pairs = _span
    lengths = [
        (x.kind == kind.value, func.ln(1 + x.minutes / typical) / _LN2)
        for kind, typical in sorted(rhythm.typical_minutes.items())
        if typical
    ]
    no_length = or_(x.minutes.is_(None), x.minutes == 0)
    length = case((no_length, 1.0), *lengths, else_=1.0) if lengths else literal(1.0)
    rate = _LN2 / (rhythm.half_life + (pairs.c.last_sec - pairs.c.first_sec))
    value = length * func.exp((x.sec - at) * rate)
    before = x.sec <= earlier_at
    # Each touch's value is computed once: in the earlier sum or in the later one.
    query = (
        select(
            x.a,
            x.b,
            x.kind,
            func.count(),
            func.sum(case((before, 0), else_=1)),
            func.sum(case((before, 0.0), else_=value)),
            func.sum(case((before, value), else_=0.0)),
            func.sum(case((x.starter == x.a, 1), else_=0)),
            func.sum(case((x.starter == x.b, 1), else_=0)),
            func.min(pairs.c.first_sec),
            func.max(pairs.c.last_sec),
        )
        .join(pairs, and_(pairs.c.a == x.a, pairs.c.b == x.b))
        .group_by(x.a, x.b, x.kind)
    )
    return [
        KindSums(
            a,
            b,
            _KINDS[kind],
            int(n),
            int(recent),
            float(later) + float(earlier),
            float(earlier),
            int(by_a),
            int(by_b),
            float(first),
            float(last),
        )
        for a, b, kind, n, recent, later, earlier, by_a, by_b, first, last in conn.execute(query)
    ]


def pair_sums(
    conn: Connection, ws: int, *, until: datetime, circle_of_person: int | None = None
) -> tuple[Rhythm, list[KindSums]]:
    """The rhythm and the per pair and kind sums as of ``until``: every pair's, or with
    ``circle_of_person`` those among that person and everyone they have touched."""
    people = None if circle_of_person is None else circle_of(ws, circle_of_person)
    with scratch_writes(conn):
        _fill(conn, ws, until, people)
        rhythm = _rhythm(conn)
        sums = _sums(conn, until, rhythm)
        _touch.drop(conn)
        _span.drop(conn)
    return rhythm, sums


__all__ = ["pair_sums"]
