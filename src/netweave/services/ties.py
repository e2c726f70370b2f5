"""Reading tie strength out of a workspace: one person's ties, or every pair's.

Read-only: each function loads what the formulas need in one transaction
(bulk queries, no per-person round trips) and hands it to the analytics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from netweave.analytics import PairHistory, PairStrength, Rhythm, pair_strengths, seconds
from netweave.analytics.layers import Tie, explain, ties_of
from netweave.analytics.ties import StrengthRules, histories_of, strengths_of
from netweave.domain.touch import pair_of
from netweave.errors import NoOwner
from netweave.services.keeping import Grower, fresh_growth
from netweave.services.own_histories import own_histories
from netweave.services.tie_views import TieView, tie_view
from netweave.storage import Store, Tx, tie_circle, tie_state
from netweave.storage import analytics as analytics_db
from netweave.storage import pair_sums as pair_sums_db
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db

if TYPE_CHECKING:
    from netweave.analytics.tie_arrays import Floats, Ints, StrengthArrays


@dataclass(frozen=True, slots=True)
class EgoTies:
    ego_id: int
    as_of: datetime
    rhythm: str
    ties: tuple[TieView, ...]

    def of(self, person_id: int) -> TieView | None:
        return next((tie for tie in self.ties if tie.person_id == person_id), None)


def owner_or_none(conn: Tx, ws: int) -> int | None:
    """The owner ("me") of the workspace, or None before anyone said who they are."""
    workspace = workspaces_db.get_workspace(conn, ws=ws)
    return None if workspace is None else workspace.owner_id


def owner_of(conn: Tx, ws: int) -> int:
    """The owner ("me"); :class:`NoOwner` (saying how to set one) when there is none."""
    owner = owner_or_none(conn, ws)
    if owner is None:
        raise NoOwner()
    return owner


def histories_in(
    conn: Tx, ws: int, as_of: datetime, *, ego: int | None = None
) -> tuple[dict[tuple[int, int], PairHistory], Rhythm]:
    """Every pair's history as of ``as_of`` (with ``ego``, those among ego's circle),
    counted by the database."""
    rhythm, sums = pair_sums_db.pair_sums(conn, ws, until=as_of, circle_of_person=ego)
    return histories_of(sums, seconds(as_of), rhythm), rhythm


@dataclass(frozen=True, slots=True)
class EgoParts:
    """``ego``'s ties as of ``as_of`` before they are named (and, unless asked, explained):
    what :func:`ego_ties_in` makes its views of, for a caller that shows a few."""

    ego: int
    as_of: datetime
    rhythm: Rhythm
    histories: Mapping[tuple[int, int], PairHistory]
    strengths: Mapping[tuple[int, int], PairStrength]
    ties: list[Tie]
    """Strongest first (:func:`netweave.analytics.layers.ties_of`)."""


def ego_parts_in(
    conn: Tx,
    ws: int,
    ego: int,
    as_of: datetime,
    *,
    explained: bool = True,
    grow: Grower = fresh_growth,
) -> EgoParts:
    """``ego``'s ties as of ``as_of`` inside an open transaction, in layers with trends (and
    their reasons with ``explained``): from the state kept on write (:func:`stored_ego`), or
    counted afresh over the circle when looking back; ``grow``: see :func:`stored_ego`."""
    found = stored_ego(conn, ws, ego, as_of, grow=grow)
    if found is not None:
        histories, direct, rhythm = found.histories, found.direct, found.rhythm
        contexts = analytics_db.group_contexts(conn, ws, on=as_of, people=found.circle)
        strengths = strengths_of(direct, contexts=contexts, pairs=list(histories))
    else:
        histories, rhythm = histories_in(conn, ws, as_of, ego=ego)
        mine = [pair for pair in histories if ego in pair]
        contexts = analytics_db.group_contexts(conn, ws, on=as_of, circle_of_person=ego)
        strengths = pair_strengths(histories, contexts=contexts, pairs=mine)
    ties = ties_of(ego, histories, strengths, rhythm, seconds(as_of), explained=explained)
    return EgoParts(ego, as_of, rhythm, histories, strengths, ties)


def ego_ties_in(
    conn: Tx, ws: int, ego: int, as_of: datetime, *, grow: Grower = fresh_growth
) -> tuple[EgoTies, Rhythm]:
    """``ego``'s ties as of ``as_of`` inside an open transaction, named and explained
    (:func:`ego_parts_in`; ``grow``: see :func:`stored_ego`)."""
    parts = ego_parts_in(conn, ws, ego, as_of, grow=grow)
    names = analytics_db.names(conn, ws, [tie.other for tie in parts.ties])
    views = tuple(tie_view(tie, names) for tie in parts.ties)
    return EgoTies(ego, as_of, parts.rhythm.describe(), views), parts.rhythm


def shown_ties(conn: Tx, ws: int, parts: EgoParts, people: Iterable[int]) -> dict[int, TieView]:
    """The views of ``parts``' ties with ``people``, named and explained, by person: what
    :func:`ego_ties_in` gives for them."""
    wanted = set(people)
    chosen = [tie for tie in parts.ties if tie.other in wanted]
    names = analytics_db.names(conn, ws, [tie.other for tie in chosen])
    at = seconds(parts.as_of)
    found = {}
    for tie in chosen:
        pair = pair_of(parts.ego, tie.other)
        reasons = explain(
            parts.ego, tie.other, parts.histories[pair], parts.strengths[pair], parts.rhythm, at
        )
        found[tie.other] = tie_view(replace(tie, reasons=reasons), names)
    return found


def _directs(
    rows: Iterable[tie_circle.PairRow], state: tie_state.TieState, at: float, rules: StrengthRules
) -> dict[tuple[int, int], float]:
    """Each pair's direct strength (reciprocity included) as of ``at`` from its stored row."""
    columns = list(zip(*rows, strict=True))
    if not columns:
        return {}  # no pair: numpy is not loaded (a small network's review, start-up)
    import numpy as np

    from netweave.analytics.tie_arrays import direct_at

    a, b, _, first, last, by_a, by_b, decayed = columns
    ints, floats = np.int64, np.float64
    half_lives = state.rhythm.half_life + (
        np.asarray(last, dtype=floats) - np.asarray(first, dtype=floats)
    )
    direct = direct_at(
        np.asarray(decayed, dtype=floats),
        state.ref,
        at,
        half_lives,
        np.asarray(by_a, dtype=ints),
        np.asarray(by_b, dtype=ints),
        rules.reciprocity,
    )
    return dict(zip(zip(a, b, strict=True), direct.tolist(), strict=True))


def stored_state(conn: Tx, ws: int, as_of: datetime) -> tie_state.TieState | None:
    """The stored rhythm (refreshed first when the rule says so) when the state kept on write
    holds the records as of ``as_of``: no touch lies after it. None: a look back, counted
    afresh with the rhythm of the records up to then."""
    state = tie_state.fresh(conn, ws)
    return state if state.holds(seconds(as_of)) else None


class EgoState(NamedTuple):
    """``ego``'s part of the state kept on write (:func:`stored_ego`)."""

    histories: dict[tuple[int, int], PairHistory]
    """The history of each of ego's pairs."""
    direct: dict[tuple[int, int], float]
    """The direct strength of every pair among ego's circle."""
    rhythm: Rhythm
    circle: list[int]
    """Ego and everyone they have touched (:func:`netweave.storage.tie_circle.circle`)."""


def stored_ego(
    conn: Tx, ws: int, ego: int, as_of: datetime, *, grow: Grower = fresh_growth
) -> EgoState | None:
    """``ego``'s part of the state kept on write as of ``as_of``, under the stored rhythm
    (refreshed first when the rule says so); None when a touch lies after ``as_of`` (a look
    back counts afresh, :func:`histories_in`).

    The histories are :func:`weigh` over ego's own touches (their trend and reasons need the
    touches of the last half half-life); the pairs among the circle, for the embeddedness,
    are one stored row each; ``grow``: where the histories may be kept and weighed again
    for the pairs touched since (:func:`netweave.services.own_histories.own_histories`)."""
    state = stored_state(conn, ws, as_of)
    if state is None:
        return None
    at, rules = seconds(as_of), StrengthRules()
    circle = tie_circle.circle(conn, ws, ego)
    direct = _directs(tie_circle.circle_pair_rows(conn, circle), state, at, rules)
    histories = own_histories(conn, ws, ego, circle, at, state.rhythm, rules, grow=grow)
    return EgoState(histories, direct, state.rhythm, circle)


def stored_direct(
    conn: Tx, ws: int, as_of: datetime, rules: StrengthRules | None = None
) -> tuple[Ints, Ints, Floats, Rhythm] | None:
    """Every pair (``a``, ``b``) and its direct strength (reciprocity included) as of
    ``as_of`` from the state kept on write, under the stored rhythm (refreshed first when the
    rule says so); None when a touch lies after ``as_of`` (the state holds every touch: a look
    back counts afresh)."""
    from netweave.analytics.tie_arrays import direct_at

    state = stored_state(conn, ws, as_of)
    if state is None:
        return None
    rules = rules or StrengthRules()
    p = tie_state.pair_columns(conn, ws)
    half_lives = state.rhythm.half_life + (p.last - p.first)
    at = seconds(as_of)
    direct = direct_at(p.decayed, state.ref, at, half_lives, p.by_a, p.by_b, rules.reciprocity)
    return p.a, p.b, direct, state.rhythm


def _all_pairs(conn: Tx, ws: int, as_of: datetime) -> StrengthArrays | None:
    """Every pair's strength from the state kept on write (None: count afresh)."""
    from netweave.analytics.tie_arrays import strength_arrays

    found = stored_direct(conn, ws, as_of)
    if found is None:
        return None
    a, b, direct, _ = found
    contexts = analytics_db.group_contexts(conn, ws, on=as_of)
    return strength_arrays(a, b, direct, contexts=contexts)


def strengths_in(
    conn: Tx, ws: int, as_of: datetime, *, ego: int | None = None
) -> dict[tuple[int, int], PairStrength]:
    """The strength of every pair with a record up to ``as_of`` (with ``ego``, only theirs).

    As of a moment after the last touch: from the state kept on write (:func:`stored_direct`,
    :func:`stored_ego`); else counted afresh by the database."""
    if ego is None:
        found = _all_pairs(conn, ws, as_of)
        if found is not None:
            return found.by_pair()
    else:
        mine = stored_ego(conn, ws, ego, as_of)
        if mine is not None:
            contexts = analytics_db.group_contexts(conn, ws, on=as_of, people=mine.circle)
            return strengths_of(mine.direct, contexts=contexts, pairs=list(mine.histories))
    return _counted(conn, ws, as_of, ego=ego)


def _counted(
    conn: Tx, ws: int, as_of: datetime, *, ego: int | None
) -> dict[tuple[int, int], PairStrength]:
    """:func:`strengths_in` counted afresh by the database, for a look back: the state kept on
    write holds every touch, so it serves no moment before the last one."""
    contexts = analytics_db.group_contexts(conn, ws, on=as_of)
    histories, _ = histories_in(conn, ws, as_of, ego=ego)
    chosen = list(histories) if ego is None else [p for p in histories if ego in p]
    return pair_strengths(histories, contexts=contexts, pairs=chosen)


def pair_table(
    conn: Tx, ws: int, as_of: datetime, *, ego: int | None
) -> list[tuple[str, str, float]]:
    """``(a, b, strength)`` by name for every pair with a record up to ``as_of``, strongest
    first (then by the names), the strength rounded to 4 places.

    With ``ego``, only the pairs that include them (``ego`` first).
    """
    import numpy as np  # the all-pairs table: arrays, not a row object per pair

    found = _all_pairs(conn, ws, as_of) if ego is None else None
    if found is not None:
        a, b, strength = found.a, found.b, found.strength
    else:
        # Every pair's, looking back (counted afresh); one person's, from the state if it can.
        if ego is None:
            strengths = _counted(conn, ws, as_of, ego=None)
        else:
            strengths = strengths_in(conn, ws, as_of, ego=ego)
        ends = np.array(list(strengths), dtype=np.int64).reshape(-1, 2)
        a, b = ends[:, 0], ends[:, 1]
        strength = np.fromiter((s.strength for s in strengths.values()), np.float64, len(ends))
        if ego is not None:
            a, b = np.where(b == ego, b, a), np.where(b == ego, a, b)
    names = people_db.all_names(conn, ws)  # one scan (loaded at start-up anyway)
    ids = np.fromiter(names, np.int64, len(names))
    by_id = np.argsort(ids)
    ids = ids[by_id]
    named = np.array(list(names.values()), dtype=object)[by_id]
    # Each person's place among the names in order (equal names, equal places).
    _, place = np.unique(named, return_inverse=True)
    at_a, at_b = np.searchsorted(ids, a), np.searchsorted(ids, b)
    rounded = np.round(strength, 4)
    order = np.lexsort((place[at_b], place[at_a], -rounded))  # stable: ties keep their order
    return list(
        zip(
            named[at_a[order]].tolist(),
            named[at_b[order]].tolist(),
            rounded[order].tolist(),
            strict=True,
        )
    )


def tie_table(
    store: Store, ws: int, as_of: datetime, *, all_pairs: bool = False
) -> list[tuple[str, str, float]]:
    """``(a, b, strength)`` by name: the owner's ties, or every pair's with ``all_pairs``."""
    with store.transaction() as conn:
        return pair_table(conn, ws, as_of, ego=None if all_pairs else owner_of(conn, ws))


__all__ = [
    "EgoParts",
    "EgoState",
    "EgoTies",
    "ego_parts_in",
    "ego_ties_in",
    "histories_in",
    "owner_of",
    "owner_or_none",
    "pair_table",
    "shown_ties",
    "stored_direct",
    "stored_ego",
    "stored_state",
    "strengths_in",
    "tie_table",
]
