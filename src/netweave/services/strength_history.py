"""The strength of the owner's ties as of past moments: :func:`strength_history` gives one
tie's, the same number ``netweave ties --as-of`` gives for each; :class:`StrengthBackdrop`
holds what every tie's history shares, read once (the web app keeps it with its view).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from netweave.analytics import Rhythm, pair_strengths, seconds, weigh
from netweave.analytics.rhythm import rhythms_until
from netweave.domain.touch import Touch
from netweave.services.own_histories import GROWN_READS
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx, growth, tie_circle, tie_state
from netweave.storage import analytics as analytics_db


@dataclass(frozen=True, slots=True)
class StrengthBackdrop:
    """What the strength history of every tie of the owner shares, read once.

    The touches of the owner's circle up to the last moment, indexed by person
    and by pair, and the rhythm as of each moment (the stored one after the last touch,
    as ``ego_ties`` has it; before, read from the circle's touches up to the moment).
    Reading and weighing these is most of a history's cost; the web app keeps
    one backdrop with its network view, so a person page weighs only its tie.

    ``points`` holds each history's strengths as they are computed; a backdrop made
    ``after`` another for the same moments takes over those of the moments whose touches
    and rhythm are the same in both (a write dated today changes none of the past ones), and
    at the other moments under the same rhythm (the stored one, today's), the points of the
    ties the touches added since do not reach.
    """

    owner: int
    moments: tuple[datetime, ...]
    rhythms: tuple[Rhythm, ...]
    by_person: dict[int, list[tie_circle.TouchRow]]
    by_pair: dict[tuple[int, int], list[tie_circle.TouchRow]]
    rows: list[tie_circle.TouchRow] = field(default_factory=list)
    """The circle's touches as read, in time order (kept as rows, made touches when weighed:
    the cycle collector does not walk rows, :data:`netweave.storage.tie_circle.TouchRow`)."""
    counted: frozenset[datetime] = frozenset()
    """The moments whose rhythm was read from the touches up to them (not the stored one)."""
    points: dict[tuple[int, datetime], tuple[object, float]] = field(default_factory=dict)
    """(person, moment) → (what else the strength was computed from, the strength)."""
    people: tuple[int, ...] = ()
    """The circle whose touches were read."""
    generation: int = 0
    """The store's write generation before they were read."""
    mark: int = 0
    """The highest participant row when they were read (SQLite; 0: none or PostgreSQL):
    a backdrop made after it, while writes only added touches, reads only theirs."""
    interactions: int = 0
    """The highest interaction id when they were read (SQLite)."""


def monthly_moments(as_of: datetime, points: int) -> list[datetime]:
    """``as_of`` and every 30 days before it, ``points`` moments in all, oldest first."""
    return [as_of - timedelta(days=30 * k) for k in range(points - 1, -1, -1)]


def strength_backdrop(
    store: Store, ws: int, moments: Sequence[datetime], *, after: StrengthBackdrop | None = None
) -> StrengthBackdrop:
    """The backdrop of :func:`strength_history` for these moments (one transaction);
    ``after``: the backdrop made before for the same moments, whose points still hold are
    taken over (see :class:`StrengthBackdrop`)."""
    generation = store.generation
    with store.transaction() as conn:
        owner = owner_of(conn, ws)
        people = tie_circle.circle(conn, ws, owner) if moments else []
        # SQLite reads each statement at its own moment: the marks before and after the rows
        # hold them only when no touch was committed in between (else no mark: read again).
        marks = growth.marks_now(conn)
        rows = _circle_rows(conn, store, owner, moments, people, after)
        mark, interactions = marks if growth.marks_now(conn) == marks else (0, 0)
        state = tie_state.fresh(conn, ws)
        stored = {m: state.rhythm for m in moments if state.holds(seconds(m))}
    # Writes dated after every touch read before (a touch logged now) leave those in front.
    begun = after is not None and after.rows == rows[: len(after.rows)]
    by_person, by_pair = _indexed(rows, after if begun else None)
    same = _unchanged(owner, moments, rows, after, begun=begun)
    # The moments before the last touch: the circle's rhythm until each, in one pass.
    earlier = [m for m in moments if m not in stored and m not in same]
    touches = tie_circle.touches_of(rows) if earlier else []
    read = dict(zip(earlier, rhythms_until(touches, [seconds(m) for m in earlier]), strict=True))
    rhythms = tuple(stored.get(m) or read.get(m) or same[m] for m in moments)
    points = {}
    if after is not None:
        held = {m for m, rhythm in zip(moments, rhythms, strict=True) if same.get(m) == rhythm}
        points = {key: point for key, point in after.points.items() if key[1] in held}
        if begun and after.owner == owner and after.moments == tuple(moments):
            points.update(_untouched(owner, moments, rhythms, rows, after, held))
    return StrengthBackdrop(
        owner=owner,
        moments=tuple(moments),
        rhythms=rhythms,
        by_person=by_person,
        by_pair=by_pair,
        rows=rows,
        counted=frozenset(m for m in moments if m not in stored),
        points=points,
        people=tuple(people),
        generation=generation,
        mark=mark,
        interactions=interactions,
    )


def _circle_rows(
    conn: Tx,
    store: Store,
    owner: int,
    moments: Sequence[datetime],
    people: list[int],
    after: StrengthBackdrop | None,
) -> list[tie_circle.TouchRow]:
    """The circle's touches up to the last moment: those of ``after`` and the ones added
    since, when the writes since only added touches (the same owner, circle and moments)
    that come after all of its in order (a touch logged now); else all of them, read
    again."""
    if not moments:
        return []
    until = seconds(max(moments))
    if (
        after is not None
        and after.mark
        and after.owner == owner
        and after.moments == tuple(moments)
        and after.people == tuple(people)
        and store.only_added(after.generation, GROWN_READS)
    ):
        added = tie_circle.circle_touch_rows(conn, people, until=until, added_after=after.mark)
        # In time order, then by interaction: those added come last when they are later
        # than every touch before, or as late and all of interactions added since.
        if (
            not added
            or not after.rows
            or added[0][2] > after.rows[-1][2]
            or (
                added[0][2] == after.rows[-1][2]
                and growth.only_new_interactions(conn, after.mark, after.interactions)
            )
        ):
            return [*after.rows, *added]
    return tie_circle.circle_touch_rows(conn, people, until=until)


_Indexes = tuple[
    dict[int, list[tie_circle.TouchRow]], dict[tuple[int, int], list[tie_circle.TouchRow]]
]


def _indexed(rows: list[tie_circle.TouchRow], after: StrengthBackdrop | None) -> _Indexes:
    """``rows`` by person and by pair; ``after``: a backdrop whose rows begin them, whose
    indexes are taken (only the new rows are added)."""
    start = 0
    by_person: dict[int, list[tie_circle.TouchRow]] = {}
    by_pair: dict[tuple[int, int], list[tie_circle.TouchRow]] = {}
    if after is not None:
        start = len(after.rows)
        by_person = {p: list(found) for p, found in after.by_person.items()}
        by_pair = {pair: list(found) for pair, found in after.by_pair.items()}
    for row in rows[start:]:
        by_person.setdefault(row[0], []).append(row)
        by_person.setdefault(row[1], []).append(row)
        by_pair.setdefault((row[0], row[1]), []).append(row)
    return by_person, by_pair


def _unchanged(
    owner: int,
    moments: Sequence[datetime],
    rows: list[tie_circle.TouchRow],
    after: StrengthBackdrop | None,
    *,
    begun: bool,
) -> dict[datetime, Rhythm]:
    """The moments at which ``after`` read the same touches up to them as ``rows`` (the same
    owner and moments) and its rhythm from them, with that rhythm; ``begun``: its rows begin
    ``rows``."""
    if after is None or after.owner != owner or after.moments != tuple(moments):
        return {}
    secs = [row[2] for row in rows]
    before = [row[2] for row in after.rows]
    found = {}
    for moment, rhythm in zip(moments, after.rhythms, strict=True):
        if moment not in after.counted:
            continue  # the stored rhythm then: it may have been refreshed since
        at = seconds(moment)
        upto, upto_before = bisect_right(secs, at), bisect_right(before, at)
        if upto == upto_before and (begun or rows[:upto] == after.rows[:upto]):
            found[moment] = rhythm
    return found


def _untouched(
    owner: int,
    moments: Sequence[datetime],
    rhythms: Sequence[Rhythm],
    rows: list[tie_circle.TouchRow],
    after: StrengthBackdrop,
    held: set[datetime],
) -> dict[tuple[int, datetime], tuple[object, float]]:
    """The points of ``after`` at the other moments under the same rhythm (the last one's is
    the stored rhythm) that the touches added since (``rows`` after ``after``'s) do not reach:
    a tie's strength is made of the two people's pair, the person's pairs and the owner's
    with the person's contacts (a point's inputs hold them), nothing else."""
    touched = {(row[0], row[1]) for row in rows[len(after.rows) :]}
    alike = {
        m
        for m, rhythm, was in zip(moments, rhythms, after.rhythms, strict=True)
        if m not in held and rhythm == was
    }
    reached = {a for a, b in touched} | {b for a, b in touched}
    mine = {a + b - owner for a, b in touched if owner in (a, b)}
    return {
        (person, moment): point
        for (person, moment), point in after.points.items()
        if moment in alike and person not in reached and not mine & point[0][0]  # type: ignore[index]
    }


def strength_history(
    store: Store,
    ws: int,
    person_id: int,
    moments: Sequence[datetime],
    *,
    backdrop: StrengthBackdrop | None = None,
) -> list[tuple[datetime, float]]:
    """The strength of the owner's tie with ``person_id`` as of each moment (0: no tie yet).

    Each value is the one ``ego_ties`` gives as of that moment: the stored rhythm after the
    last touch, else the one read from the records up to the moment; and only the pairs
    that make up the tie are weighed: the two people's own, and the owner's with each of
    the person's contacts (the mutual contacts of the embeddedness are among those).
    ``backdrop``: one made for the same moments, to share between histories (the points it
    holds already are not weighed again).
    """
    if not moments:
        return []
    if backdrop is None or backdrop.moments != tuple(moments):
        backdrop = strength_backdrop(store, ws, moments)
    owner = backdrop.owner
    with store.transaction() as conn:
        spans = analytics_db.group_spans(conn, ws, [owner, person_id])
    pair = (min(owner, person_id), max(owner, person_id))
    theirs = backdrop.by_person.get(person_id, []) if person_id != owner else []
    contacts = {row[0] if row[1] == person_id else row[1] for row in theirs} - {owner}
    rows = list(theirs)
    for other in sorted(contacts):
        rows.extend(backdrop.by_pair.get((min(owner, other), max(owner, other)), ()))
    near: list[Touch] | None = None  # made touches once a point is weighed
    found = []
    for moment, rhythm in zip(moments, backdrop.rhythms, strict=True):
        at, day = seconds(moment), moment.date()
        # The groups each of the two belonged to that day (as group_contexts reads them).
        groups = {
            p: frozenset(
                g
                for who, g, joined, left in spans
                if who == p and (joined is None or joined <= day) and (left is None or left >= day)
            )
            for p in pair
        }
        # Besides the touches up to the moment (the same while the point is kept): whom the
        # person has touched (the pairs weighed) and the groups.
        inputs = (frozenset(contacts), tuple(sorted(groups.items())))
        kept = backdrop.points.get((person_id, moment))
        if kept is not None and kept[0] == inputs:
            found.append((moment, kept[1]))
            continue
        if near is None:
            near = tie_circle.touches_of(rows)
        histories = weigh(near, at, rhythm)
        strength = pair_strengths(histories, contexts=groups, pairs=[pair]).get(pair)
        value = round(strength.strength, 3) if strength else 0.0
        backdrop.points[(person_id, moment)] = (inputs, value)
        found.append((moment, value))
    return found


__all__ = ["StrengthBackdrop", "monthly_moments", "strength_backdrop", "strength_history"]
