"""One person's part of tie strength's stored state: what their ties need, read by key.

A person's ties need their own pairs (history, trend, reasons) and, for the
embeddedness, the pairs among everyone they have touched (a mutual contact of
the person and X has touched both). Both come from the state kept on write
(:mod:`netweave.storage.tie_state`): the pairs' rows of ``tie_pair`` among the
circle, found by key from the circle's members, and the person's own touches
from ``tie_touch`` (moments as numbers), so nothing is counted afresh.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, CursorResult, or_, select, union

from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import Touch
from netweave.storage.analytics import among
from netweave.storage.growth import among_added
from netweave.storage.tables import tie_pair, tie_touch

_KINDS = {kind.value: kind for kind in InteractionKind}

TouchRow = tuple[int, int, float, str, float | None, int | None]
"""(a, b, moment in seconds, kind, minutes, started by): a touch as ``tie_touch`` holds it.
Kept between requests as rows, not :class:`Touch` objects: a tuple of numbers and a name is
left alone by the cycle collector, where every full collection walked each of the 32,000
touches of the owner's circle kept at 10,000 people."""

PairRow = tuple[int, int, int, float, float, int, int, float]
"""(a, b, touches, first, last, started by a, started by b, decayed sum at R)."""


def circle(conn: Connection, ws: int, person: int) -> list[int]:
    """``person`` and everyone they have touched (their mutual contacts are among them).

    From the stored pairs: the person's as ``a`` by the key, as ``b`` through the
    workspace's index (2 ms at 1M touches, where reading the participants of each of the
    owner's 13,860 touches took 47 ms). The index holds the key after the workspace, and
    a pair's ``a`` is below its ``b``: only the part of people numbered below the person is
    read (the owner, often the workspace's first person, at 100,000 people and 10M
    touches: 2.5 ms, where the whole index took 49 ms)."""
    p = tie_pair.c
    query = union(
        select(p.b).where(p.a == person),
        select(p.a).where(p.workspace_id == ws, p.a < person, p.b == person),
    )
    result = conn.execute(query)
    try:
        found = result.cursor.fetchall()  # the driver's own tuples: no row objects
    finally:
        result.close()
    return sorted({person, *(row[0] for row in found)})


def circle_pair_rows(conn: Connection, people: list[int]) -> list[PairRow]:
    """The ``tie_pair`` row of every pair among ``people`` (a :func:`circle`), as
    :func:`netweave.storage.tie_state.pair_rows` gives them."""
    if not people:
        return []
    p = tie_pair.c
    # Each member's pairs by the key (a), b looked up among the members (+ 0: not the key
    # searched for every two members). The members are the workspace's, so are their pairs.
    query = select(p.a, p.b, p.touches, p.first_sec, p.last_sec, p.by_a, p.by_b, p.decayed).where(
        among(p.a, people), among(p.b + 0, people)
    )
    result = conn.execute(query)
    try:
        return list(result.cursor.fetchall())  # numbers only: the driver's own tuples
    finally:
        result.close()


def own_touch_rows(
    conn: Connection, person: int, people: list[int], *, only: list[int] | None = None
) -> list[TouchRow]:
    """Every touch of ``person``'s pairs, from ``tie_touch``, as its rows (``people``: their
    :func:`circle`; :func:`touches_of` makes them touches); ``only``: of their pairs with these
    people alone. Each pair's touches come in the order of the key (by interaction), with
    ``only`` as without."""
    x = tie_touch.c
    columns = (x.a, x.b, x.sec, x.kind, x.minutes, x.starter)
    # Their pairs by the key: as a, and as b with each smaller member of their circle as a.
    query = select(*columns).where(x.a == person)
    if only is not None:
        query = query.where(among(x.b, [other for other in only if other > person]))
        people = only
    smaller = [other for other in people if other < person]
    if smaller:
        as_b = select(*columns).where(among(x.a, smaller), x.b == person)
        query = query.union_all(as_b)  # type: ignore[assignment]
    return _rows(conn.execute(query))


def others_added(conn: Connection, person: int, mark: int) -> list[int]:
    """Whom ``person`` touched in the interactions with a participant row above ``mark``
    (:mod:`netweave.storage.growth`): their pairs whose touches those added."""
    x = tie_touch.c
    other = x.a + x.b - person
    query = select(other).where(
        among_added(x.interaction_id, mark), or_(x.a == person, x.b == person)
    )
    result = conn.execute(query.distinct())
    try:
        return sorted(row[0] for row in result.cursor.fetchall())
    finally:
        result.close()


def circle_touch_rows(
    conn: Connection, people: list[int], *, until: float, added_after: int | None = None
) -> list[TouchRow]:
    """Every touch up to ``until`` (seconds) of the pairs among ``people`` (a :func:`circle`),
    from ``tie_touch``, in time order (then by touch and pair: the same order on every read,
    so two reads compare row by row, and a touch logged now comes last): what
    :func:`netweave.storage.analytics.ego_touches` reads from the records, without reading a
    moment as a date. ``added_after``: only the touches of interactions with a participant
    row above that mark (:mod:`netweave.storage.growth`)."""
    if not people:
        return []
    x = tie_touch.c
    where = [among(x.a, people), among(x.b + 0, people), x.sec <= until]
    if added_after is not None:
        where.append(among_added(x.interaction_id, added_after))
    query = (
        select(x.a, x.b, x.sec, x.kind, x.minutes, x.starter)
        .where(*where)
        .order_by(x.sec, x.interaction_id, x.a, x.b)
    )
    return _rows(conn.execute(query))


def circle_touches(conn: Connection, people: list[int], *, until: float) -> list[Touch]:
    """:func:`circle_touch_rows` as touches."""
    return touches_of(circle_touch_rows(conn, people, until=until))


def _rows(result: CursorResult[Any]) -> list[TouchRow]:
    try:
        return list(result.cursor.fetchall())  # the driver's own tuples: no row objects
    finally:
        result.close()


def touches_of(rows: list[TouchRow]) -> list[Touch]:
    """The touches of rows of ``tie_touch`` (kinds as the analytics know them)."""
    return [
        Touch(a, b, float(sec), _KINDS[kind], minutes, starter)
        for a, b, sec, kind, minutes, starter in rows
    ]


__all__ = [
    "PairRow",
    "TouchRow",
    "circle",
    "circle_pair_rows",
    "circle_touch_rows",
    "circle_touches",
    "others_added",
    "own_touch_rows",
    "touches_of",
]
