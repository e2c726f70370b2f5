"""The histories of one person's own pairs, grown by the touches added since they were weighed.

A person's ties (the owner's network view) need the history of each of their pairs: every
touch of the pair weighed as of the moment (:func:`netweave.analytics.weigh`). At 10,000
people and 1M touches the owner has some 14,000 touches; reading and weighing them is most
of the view's cost. A touch logged changes the history of its own pairs only, so while the
writes since the histories were weighed only added interactions (:mod:`netweave.storage.
growth`: SQLite), under the same rhythm and as of the same moment, the web app's grower
(:class:`netweave.services.keeping.Grower`) gets them weighed again for those pairs alone,
each from all its touches: the same numbers a fresh weighing gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from netweave.analytics import PairHistory, Rhythm, weigh
from netweave.analytics.ties import StrengthRules
from netweave.services.keeping import Grower, fresh_growth
from netweave.storage import Tx, growth, tie_circle

GROWN_READS = ("interaction", "interaction_participant", "workspace")
"""What the touches are made from: while writes only add rows to these, the pairs they did
not reach keep their histories (the stored rhythm is compared apart)."""
GROWN_MOST = 200
"""The most pairs weighed again by growing; more (an import) are all weighed afresh."""


@dataclass(frozen=True, slots=True)
class OwnHistories:
    """The histories of ``person``'s pairs as of ``at`` under ``rhythm``, with the marks of
    the rows they were read to (0: none, nothing grows from them)."""

    person: int
    at: float
    rhythm: Rhythm
    rules: StrengthRules
    histories: dict[tuple[int, int], PairHistory]
    mark: int = 0
    interactions: int = 0


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
    ``grow``: where they may be kept and weighed again for the pairs touched since."""

    def make(before: OwnHistories | None) -> OwnHistories:
        # SQLite reads each statement at its own moment: the marks before and after the
        # rows hold them only when no touch was committed in between (else no marks).
        marks = growth.marks_now(conn)
        histories = _grown(conn, person, at, rhythm, rules, before)
        if histories is None:
            histories = weigh(tie_circle.own_touches(conn, person, circle), at, rhythm, rules)
        mark, interactions = marks if growth.marks_now(conn) == marks else (0, 0)
        return OwnHistories(person, at, rhythm, rules, histories, mark, interactions)

    return grow(("own histories", ws, person, at), GROWN_READS, make).histories


def _grown(
    conn: Tx,
    person: int,
    at: float,
    rhythm: Rhythm,
    rules: StrengthRules,
    before: OwnHistories | None,
) -> dict[tuple[int, int], PairHistory] | None:
    """``before``'s histories with the pairs touched since weighed again; None when they
    cannot be grown: none, no marks, another rhythm, touches added to an interaction that
    was there, or too many pairs touched."""
    if (
        before is None
        or not before.mark
        or before.person != person
        or before.at != at
        or before.rhythm != rhythm
        or before.rules != rules
        or not growth.only_new_interactions(conn, before.mark, before.interactions)
    ):
        return None
    others = tie_circle.others_added(conn, person, before.mark)
    if len(others) > GROWN_MOST:
        return None
    touches = tie_circle.own_touches(conn, person, others, only=others) if others else []
    return {**before.histories, **weigh(touches, at, rhythm, rules)}


__all__ = ["GROWN_MOST", "GROWN_READS", "OwnHistories", "own_histories"]
