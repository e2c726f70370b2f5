"""One person's part of tie strength's stored state: what their ties need, read by key.

A person's ties need their own pairs (history, trend, reasons) and, for the
embeddedness, the pairs among everyone they have touched (a mutual contact of
the person and X has touched both). Both come from the state kept on write
(:mod:`netweave.storage.tie_state`): the pairs' rows of ``tie_pair`` among the
circle, found by key from the circle's members, and the person's own touches
from ``tie_touch`` (moments as numbers), so nothing is counted afresh.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, Select, or_, select

from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import Touch
from netweave.storage.analytics import circle_of
from netweave.storage.tables import tie_pair, tie_touch

_KINDS = {kind.value: kind for kind in InteractionKind}

PairRow = tuple[int, int, int, float, float, int, int, float]
"""(a, b, touches, first, last, started by a, started by b, decayed sum at R)."""


def _members(ws: int, person: int) -> Select[tuple[int]]:
    circle = circle_of(ws, person).subquery()
    return select(circle.c[0])


def circle_pair_rows(conn: Connection, ws: int, person: int) -> Iterator[PairRow]:
    """The ``tie_pair`` row of every pair among ``person`` and everyone they have touched
    (their own pairs among them), as :func:`netweave.storage.tie_state.pair_rows` gives it."""
    p = tie_pair.c
    members = _members(ws, person)
    # Each member's pairs by the key (a), b looked up among the members (+ 0: not the key
    # searched for every two members).
    query = select(p.a, p.b, p.touches, p.first_sec, p.last_sec, p.by_a, p.by_b, p.decayed).where(
        p.a.in_(members), (p.b + 0).in_(members), p.workspace_id == ws
    )
    result = conn.execute(query)
    cursor = result.cursor  # numbers only: the driver's own tuples
    try:
        while batch := cursor.fetchmany(10_000):
            yield from batch
    finally:
        result.close()


def own_touches(conn: Connection, ws: int, person: int) -> list[Touch]:
    """Every touch of ``person``'s pairs, from ``tie_touch`` (kinds as the analytics know them:
    an unknown kind is stored as 'other')."""
    x = tie_touch.c
    # Their pairs by the key: as a, or as b with each member of their circle as a.
    query = select(x.a, x.b, x.sec, x.kind, x.minutes, x.starter).where(
        or_(x.a == person, (x.b == person) & x.a.in_(_members(ws, person))),
        x.workspace_id == ws,
    )
    return [
        Touch(a, b, float(sec), _KINDS[kind], minutes, starter)
        for a, b, sec, kind, minutes, starter in conn.execute(query)
    ]


__all__ = ["PairRow", "circle_pair_rows", "own_touches"]
