"""Tie strength's stored state: the rhythm, and per pair the sums kept up to date on write.

The triggers of :mod:`netweave.storage.tie_triggers` keep ``tie_touch`` and
``tie_pair`` equal to the records as they are written. What depends on the
whole network, the *rhythm* (the half-life, the typical length of each kind),
is stored in ``tie_rhythm`` and ``tie_kind`` and refreshed by one rule
(:func:`fresh`, docs/analytics.md): when the half-life the pairs now give
drifts by more than :data:`DRIFT` from the stored one, when the number of
touches has changed by more than that share since the last refresh, when the
kind weights of the code differ from the stored ones, or when the last touch
lies more than :data:`REACH` half-lives past the reference moment. A refresh
recomputes every touch's value and every pair's sum in a few set queries. The rule
reads the sums over the pairs from ``tie_total`` (one row the triggers keep, migration
0020) and the latest touch by an index, so checking it does not pass over the pairs.

The decayed sum of a pair is kept at the workspace's reference moment R:
``Σ value · 2^(−(R − t) / h)`` with the pair's half-life h (the network's plus the
pair's age); as of any T it is that sum times ``2^(−(T − R) / h)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
    update,
)

from netweave.analytics.rhythm import (
    FALLBACK_HALF_LIFE,
    Rhythm,
    gap_of,
    median_of_counts,
    rhythm_of,
)
from netweave.analytics.ties import KIND_WEIGHTS
from netweave.domain.kinds import InteractionKind
from netweave.storage import tables as t
from netweave.storage.store import scratch_writes
from netweave.storage.tie_triggers import decayed_sql, kind_sql, seconds_sql, value_sql

if TYPE_CHECKING:
    from netweave.analytics.tie_arrays import Floats, Ints

DRIFT = 0.05
"""A refresh when the half-life or the number of touches moved by more than this share."""
REACH = 64.0
"""A refresh when the last touch lies more than this many half-lives past the reference
moment: the sums are kept well inside a float's range."""
_KINDS = {kind.value: kind for kind in InteractionKind}


@dataclass(frozen=True, slots=True)
class TieState:
    """The stored rhythm of a workspace, and where its touches end."""

    rhythm: Rhythm
    ref: float
    """The reference moment R of the pairs' decayed sums (seconds)."""
    last: float | None
    """The latest touch of the workspace (seconds), None without touches."""

    def holds(self, at: float) -> bool:
        """Whether the state holds the records as of ``at`` (seconds): no touch lies after it
        (an earlier moment is counted afresh, with the rhythm of the records up to it)."""
        return self.last is None or self.last <= at


@contextmanager
def quietly(conn: Connection) -> Iterator[None]:
    """The triggers stand aside inside (for a bulk write followed by :func:`rebuild`)."""
    conn.execute(insert(t.tie_quiet).values(flag=1))
    try:
        yield
    finally:
        conn.execute(delete(t.tie_quiet))


def rebuild(conn: Connection, ws: int, *, keep_rhythm: bool = False) -> None:
    """The whole state of ``ws`` from its records, set-based, with a fresh rhythm (or with
    ``keep_rhythm`` under the stored one: what the triggers keep, for the tests)."""
    with quietly(conn):
        conn.execute(delete(t.tie_touch).where(t.tie_touch.c.workspace_id == ws))
        conn.execute(delete(t.tie_pair).where(t.tie_pair.c.workspace_id == ws))
        add_touches(
            conn,
            "0.0",
            "pa.workspace_id = :ws ORDER BY pa.person_id, pb.person_id, i.id",
            {"ws": ws},
        )
        _add_pairs(conn, ws, "workspace_id = :ws")
        r = t.tie_rhythm.c
        kept = conn.execute(select(r.ref_sec, r.half_life).where(r.workspace_id == ws)).first()
        if not keep_rhythm:
            _refresh(conn, ws, every=True)  # the touches were written with no value
        elif kept is None:
            _apply(conn, ws, 0.0, FALLBACK_HALF_LIFE)
        else:
            _apply(conn, ws, float(kept.ref_sec), float(kept.half_life))


def add_touches(
    conn: Connection, value: str, where: str, params: dict[str, object] | None = None
) -> None:
    """``tie_touch`` rows for the interactions ``where`` picks (SQL over ``pa``, ``pb`` and
    ``i``: a participant, a later one of the same touch, the touch), each pair's value the
    SQL ``value``: one statement for the rebuild and for a bulk write's chunk."""
    dialect = conn.dialect.name
    conn.execute(
        text(
            "INSERT INTO tie_touch "
            "(a, b, interaction_id, workspace_id, sec, kind, minutes, starter, value) "
            "SELECT pa.person_id, pb.person_id, i.id, i.workspace_id, "
            f"{seconds_sql(dialect, 'i.occurred_at')}, {kind_sql('i.kind')}, i.duration_minutes, "
            f"i.initiated_by_id, {value} FROM interaction_participant pa "
            "JOIN interaction_participant pb ON pb.interaction_id = pa.interaction_id "
            "AND pb.person_id > pa.person_id "
            f"JOIN interaction i ON i.id = pa.interaction_id WHERE {where}"
        ),
        params or {},
    )


def _add_pairs(conn: Connection, ws: int, where: str) -> None:
    """The ``tie_pair`` rows of the pairs whose touches ``where`` (SQL over ``tie_touch``,
    ``:ws`` the workspace) picks, counted from their touches; their sums are set after."""
    conn.execute(
        text(
            "INSERT INTO tie_pair "
            "(a, b, workspace_id, touches, first_sec, last_sec, by_a, by_b, decayed) "
            "SELECT a, b, :ws, count(*), min(sec), max(sec), "
            "sum(CASE WHEN starter = a THEN 1 ELSE 0 END), "
            "sum(CASE WHEN starter = b THEN 1 ELSE 0 END), 0.0 "
            f"FROM tie_touch WHERE {where} GROUP BY a, b"
        ),
        {"ws": ws},
    )


def refresh(conn: Connection, ws: int) -> None:
    """A new stored rhythm for ``ws`` and every touch's value and pair's sum under it."""
    with quietly(conn):
        _refresh(conn, ws)


def _scan(conn: Connection, ws: int) -> tuple[float, int, int]:
    """(Σ (last − first), Σ (touches − 1), Σ touches) over the pairs of ``ws``, by a pass."""
    p = t.tie_pair.c
    spans, gaps, touches = conn.execute(
        select(
            func.sum(p.last_sec - p.first_sec), func.sum(p.touches - 1), func.sum(p.touches)
        ).where(p.workspace_id == ws)
    ).one()
    return float(spans or 0.0), int(gaps or 0), int(touches or 0)


def _live(conn: Connection, ws: int) -> tuple[float, int, int, float | None]:
    """(Σ (last − first), Σ (touches − 1), Σ touches, latest touch) over the pairs of ``ws``:
    the sums as the triggers keep them in ``tie_total`` (one row), the latest by the index."""
    s = t.tie_total.c
    row = conn.execute(select(s.spans, s.gaps, s.touches).where(s.workspace_id == ws)).first()
    if row is None:  # kept by the triggers from now on (a workspace has its row from its start)
        spans, gaps, touches = _scan(conn, ws)
        conn.execute(
            insert(t.tie_total).values(workspace_id=ws, spans=spans, gaps=gaps, touches=touches)
        )
    else:
        spans, gaps, touches = row
    if not touches:
        spans, gaps = 0.0, 0  # what adding and taking away left behind is rounding
    return float(spans), int(gaps), int(touches), _latest(conn, ws)


def _latest(conn: Connection, ws: int) -> float | None:
    """The latest touch of ``ws`` (seconds), by the index; None without touches."""
    p = t.tie_pair.c
    last = conn.execute(select(func.max(p.last_sec)).where(p.workspace_id == ws)).scalar()
    return None if last is None else float(last)


def _typical(conn: Connection, ws: int) -> dict[InteractionKind, float]:
    x = t.tie_touch.c
    lengths: dict[InteractionKind, list[tuple[float, int]]] = defaultdict(list)
    for kind, minutes, count in conn.execute(
        select(x.kind, x.minutes, func.count())
        .where(x.workspace_id == ws, x.minutes.is_not(None), x.minutes != 0)
        .group_by(x.kind, x.minutes)
        .order_by(x.kind, x.minutes)
    ):
        lengths[_KINDS[kind]].append((float(minutes), int(count)))
    return {kind: median_of_counts(counts) for kind, counts in lengths.items()}


def _refresh(conn: Connection, ws: int, *, every: bool = False) -> None:
    """The rhythm stored afresh from the pairs; the touches of the kinds whose row changed
    get their values again (``every``: all touches)."""
    spans, gaps, touches = _scan(conn, ws)  # exact: no rounding of what was added and taken away
    last = _latest(conn, ws)
    rhythm = rhythm_of(gap_of(spans, gaps), _typical(conn, ws))
    ref = 0.0 if last is None else last
    conn.execute(delete(t.tie_rhythm).where(t.tie_rhythm.c.workspace_id == ws))
    conn.execute(
        insert(t.tie_rhythm).values(
            workspace_id=ws,
            usual_gap=rhythm.usual_gap,
            half_life=rhythm.half_life,
            ref_sec=ref,
            touches=touches,
        )
    )
    k = t.tie_kind.c
    before = {
        row.kind: (row.weight, row.typical)
        for row in conn.execute(select(k.kind, k.weight, k.typical).where(k.workspace_id == ws))
    }
    kinds = [
        {
            "workspace_id": ws,
            "kind": kind.value,
            "weight": KIND_WEIGHTS.get(kind, 0.5),
            "typical": rhythm.typical_minutes.get(kind),
        }
        for kind in InteractionKind
    ]
    conn.execute(delete(t.tie_kind).where(k.workspace_id == ws))
    conn.execute(insert(t.tie_kind), kinds)
    changed = [
        str(r["kind"]) for r in kinds if before.get(r["kind"]) != (r["weight"], r["typical"])
    ]
    _apply(conn, ws, ref, rhythm.half_life, kinds=None if every else changed)


def _apply(
    conn: Connection, ws: int, ref: float, half_life: float, *, kinds: list[str] | None = None
) -> None:
    """Every touch's value under the stored kinds (with ``kinds``, the touches of those only:
    a value depends on its kind's row and its minutes alone), every pair's sum at ``ref``.

    A refresh whose kinds are as they were rewrites no touch: at a million touches on
    PostgreSQL, rewriting them all took 21 s of a first view after a bulk load."""
    value = value_sql("tie_touch.kind", "tie_touch.minutes", "tie_touch.workspace_id")
    if kinds is None:
        conn.execute(
            text(f"UPDATE tie_touch SET value = {value} WHERE workspace_id = :ws"), {"ws": ws}
        )
    elif kinds:
        conn.execute(
            update(t.tie_touch)
            .where(t.tie_touch.c.workspace_id == ws, t.tie_touch.c.kind.in_(kinds))
            .values(value=literal_column(value))
        )
    decayed = decayed_sql("tie_pair", "tie_pair.first_sec", "tie_pair.last_sec", ":ref", ":h")
    conn.execute(
        text(f"UPDATE tie_pair SET decayed = {decayed} WHERE workspace_id = :ws"),
        {"ws": ws, "ref": ref, "h": half_life},
    )


def stored(conn: Connection, ws: int, last: float | None = None) -> TieState | None:
    """The stored rhythm of ``ws`` as it is (None before the first refresh); ``last``, the
    latest touch when the caller has it (else read)."""
    return _state(conn, ws, _stored_rows(conn, ws), last)


_StoredRows = tuple[Any, list[Any]]
"""The rhythm's row of a workspace (None before its first refresh) and its kinds' rows."""


def _stored_rows(conn: Connection, ws: int) -> _StoredRows:
    """What :func:`stored` and the rule of :func:`fresh` read of the stored rhythm, at once."""
    r, k = t.tie_rhythm.c, t.tie_kind.c
    row = conn.execute(
        select(r.usual_gap, r.half_life, r.ref_sec, r.touches).where(r.workspace_id == ws)
    ).first()
    if row is None:
        return None, []  # before the first refresh: its kinds are not read either
    kinds = conn.execute(select(k.kind, k.weight, k.typical).where(k.workspace_id == ws)).all()
    return row, list(kinds)


def _state(conn: Connection, ws: int, rows: _StoredRows, last: float | None) -> TieState | None:
    row, kinds = rows
    if row is None:
        return None
    typical = {_KINDS[kind]: float(minutes) for kind, _, minutes in kinds if minutes is not None}
    rhythm = Rhythm(
        usual_gap=None if row.usual_gap is None else float(row.usual_gap),
        half_life=float(row.half_life),
        typical_minutes=typical,
    )
    return TieState(rhythm, float(row.ref_sec), _latest(conn, ws) if last is None else last)


def _stale(rows: _StoredRows, live: tuple[float, int, int, float | None]) -> bool:
    """Whether the rule of the module asks for a refresh, ``live`` being :func:`_live`."""
    row, kinds = rows
    if row is None:
        return True
    weights = {kind: weight for kind, weight, _ in kinds}
    if weights != {kind.value: KIND_WEIGHTS.get(kind, 0.5) for kind in InteractionKind}:
        return True
    spans, gaps, touches, last = live
    half_life = rhythm_of(gap_of(spans, gaps), {}).half_life
    stored_half_life = float(row.half_life)
    return (
        abs(half_life - stored_half_life) > DRIFT * stored_half_life
        or abs(touches - int(row.touches)) > DRIFT * max(int(row.touches), 1)
        or (last is not None and last - float(row.ref_sec) > REACH * stored_half_life)
    )


def fresh(conn: Connection, ws: int) -> TieState:
    """The stored rhythm of ``ws``, refreshed first when the rule says so (see the module).

    A read's refresh (and a missing ``tie_total`` row written) changes no record: the
    store's write generation stays, so views kept until the records change stay kept."""
    with scratch_writes(conn):
        live = _live(conn, ws)  # a refresh changes the pairs' sums only, not these
        rows = _stored_rows(conn, ws)
        if _stale(rows, live):
            refresh(conn, ws)
            rows = _stored_rows(conn, ws)
    found = _state(conn, ws, rows, live[3])
    assert found is not None  # a refresh stores it
    return found


@dataclass(frozen=True, slots=True)
class PairColumns:
    """The stored pairs of a workspace, one array per column (one entry per pair)."""

    a: Ints
    b: Ints
    first: Floats
    last: Floats
    by_a: Ints
    by_b: Ints
    decayed: Floats
    """The decayed sum at the reference moment R."""


def pair_columns(conn: Connection, ws: int) -> PairColumns:
    """Every pair's stored row of ``ws``, as columns (read as the driver's own tuples)."""
    import numpy as np  # with the all-pairs read only (start-up)

    p = t.tie_pair.c
    query = select(p.a, p.b, p.first_sec, p.last_sec, p.by_a, p.by_b, p.decayed).where(
        p.workspace_id == ws
    )
    result = conn.execute(query)
    try:
        rows = result.cursor.fetchall()  # numbers only: no row objects (a third of the time)
    finally:
        result.close()
    table = np.array(rows, dtype=np.float64).reshape(-1, 7)  # ids below 2^53 stay exact
    whole = table[:, [0, 1, 4, 5]].astype(np.int64)
    return PairColumns(
        a=whole[:, 0],
        b=whole[:, 1],
        first=table[:, 2],
        last=table[:, 3],
        by_a=whole[:, 2],
        by_b=whole[:, 3],
        decayed=table[:, 6],
    )


__all__ = [
    "DRIFT",
    "REACH",
    "PairColumns",
    "TieState",
    "fresh",
    "pair_columns",
    "quietly",
    "rebuild",
    "refresh",
    "stored",
]
