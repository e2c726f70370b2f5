"""The histories of one person's own pairs, grown by the touches added since they were weighed.

A person's ties (the owner's network view) need the history of each of their pairs: every
touch of the pair weighed as of the moment (:func:`netweave.analytics.weigh`). At 10,000
people and 1M touches the owner has some 14,000 touches; reading and weighing them is most
of the view's cost. Two values are kept apart by the web app's grower
(:class:`netweave.services.keeping.Grower`):

- the person's touches, by pair (:class:`OwnTouches`), kept across minutes; while the writes
  since only added interactions (:mod:`netweave.storage.growth`: SQLite), the pairs with a
  touch added are read again (by their keys, each with all its touches), the rest kept;
- their histories as of a minute under the stored rhythm (:class:`OwnHistories`), made from
  those touches: a new minute weighs every pair again without reading one; a touch logged
  weighs again only the pairs whose touches changed.

Each pair is weighed from all its touches, so the numbers are a fresh weighing's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netweave.analytics import PairHistory, Rhythm, weigh
from netweave.analytics.ties import StrengthRules
from netweave.services.keeping import Grower, fresh_growth
from netweave.storage import Tx, growth, tie_circle

GROWN_READS = ("interaction", "interaction_participant", "workspace")
"""What the touches are made from: while writes only add rows to these, the touches read
before still stand and the added ones are read (the owner's here; the circle's of
:func:`netweave.services.strength_history.strength_backdrop`)."""
GROWN_MOST = 200
"""The most pairs read again by growing; more (an import) are all read afresh."""


@dataclass(frozen=True, slots=True)
class OwnTouches:
    """``person``'s touches by pair, with the marks of the rows they were read to (0: none,
    nothing grows from them). ``version`` counts the growths of one first reading
    (``lineage``); ``changed`` gives the version at which each pair's touches last changed.
    The touches are kept as their rows (:data:`netweave.storage.tie_circle.TouchRow`: the
    cycle collector does not walk them) and made touches when weighed."""

    person: int
    by_pair: dict[tuple[int, int], list[tie_circle.TouchRow]]
    mark: int = 0
    interactions: int = 0
    lineage: object = field(default_factory=object)
    version: int = 0
    changed: dict[tuple[int, int], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwnHistories:
    """The histories of the pairs of ``touches`` as of ``at`` under ``rhythm`` and ``rules``."""

    touches: OwnTouches
    at: float
    rhythm: Rhythm
    rules: StrengthRules
    histories: dict[tuple[int, int], PairHistory]


def own_histories(
    conn: Tx,
    ws: int,
    person: int,
    circle: list[int],
    at: float,
    rhythm: Rhythm,
    rules: StrengthRules,
    *,
    grow: Grower = fresh_growth,
) -> dict[tuple[int, int], PairHistory]:
    """:func:`weigh` of every touch of ``person``'s pairs (``circle``: theirs) as of ``at``;
    ``grow``: where the touches and histories may be kept and grown (see the module)."""
    touches = grow(
        ("own touches", ws, person),
        GROWN_READS,
        lambda before: own_touches(conn, person, circle, before),
    )

    def make(before: OwnHistories | None) -> OwnHistories:
        same = (
            before is not None
            and before.touches.lineage is touches.lineage
            and before.rhythm == rhythm
            and before.rules == rules
        )
        if not same or before is None:
            every = [row for rows in touches.by_pair.values() for row in rows]
            weighed = weigh(tie_circle.touches_of(every), at, rhythm, rules)
            return OwnHistories(touches, at, rhythm, rules, weighed)
        since = before.touches.version
        again = [
            row for pair, v in touches.changed.items() if v > since for row in touches.by_pair[pair]
        ]
        histories = {**before.histories, **weigh(tie_circle.touches_of(again), at, rhythm, rules)}
        return OwnHistories(touches, at, rhythm, rules, histories)

    return grow(("own histories", ws, person, at), GROWN_READS, make).histories


def own_touches(
    conn: Tx, person: int, circle: list[int], before: OwnTouches | None = None
) -> OwnTouches:
    """``person``'s touches by pair (``circle``: theirs); ``before``: those read before, when
    every write since only added rows (:data:`GROWN_READS`): grown by the pairs touched."""
    # SQLite reads each statement at its own moment: the marks before and after the rows
    # hold them only when no touch was committed in between (else no marks).
    marks = growth.marks_now(conn)
    found = _grown(conn, person, before)
    if found is None:
        found = OwnTouches(person, _by_pair(tie_circle.own_touch_rows(conn, person, circle)))
    if growth.marks_now(conn) == marks:
        mark, interactions = marks
    else:
        mark, interactions = 0, 0
    return OwnTouches(
        person, found.by_pair, mark, interactions, found.lineage, found.version, found.changed
    )


def _by_pair(rows: list[tie_circle.TouchRow]) -> dict[tuple[int, int], list[tie_circle.TouchRow]]:
    """``rows`` by pair, each pair's in the order read."""
    by_pair: dict[tuple[int, int], list[tie_circle.TouchRow]] = {}
    for row in rows:
        by_pair.setdefault((row[0], row[1]), []).append(row)
    return by_pair


def _grown(conn: Tx, person: int, before: OwnTouches | None) -> OwnTouches | None:
    """``before`` with the pairs touched since read again; None when it cannot be grown:
    none, no marks, touches added to an interaction that was there, or too many pairs."""
    if (
        before is None
        or not before.mark
        or before.person != person
        or not growth.only_new_interactions(conn, before.mark, before.interactions)
    ):
        return None
    others = tie_circle.others_added(conn, person, before.mark)
    if len(others) > GROWN_MOST:
        return None
    if not others:
        return before
    read = _by_pair(tie_circle.own_touch_rows(conn, person, others, only=others))
    version = before.version + 1
    return OwnTouches(
        person,
        {**before.by_pair, **read},
        lineage=before.lineage,
        version=version,
        changed={**before.changed, **dict.fromkeys(read, version)},
    )


__all__ = ["GROWN_MOST", "GROWN_READS", "OwnHistories", "OwnTouches", "own_histories"]
