"""Whom to cherish and whom to stop counting on: one list for every interface.

PRODUCT.md principle 4: givers and takers look alike at first; only a record
of what people do when asked tells them apart. :func:`standings_in` builds both
lists once, from the Bayesian rules of :mod:`netweave.analytics.reciprocity`
(a label only with enough evidence, with its 80 % credible interval):

- *cherish*: proven givers (share given surely above ½) and people who come
  through when asked (reliable);
- *stop counting on*: proven takers (share given surely below ½) and people
  who rarely come through when asked (unreliable): move on, without letting
  them sour you on networking.

The owner is on neither list: the lists are about the people in their network
(their own standing is told apart, as "you"). The review, ``netweave givers``,
the dashboard, the JSON API and the Python API all render these lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from netweave.analytics.reciprocity import (
    ANSWER_WITHIN,
    AskReliability,
    Reciprocity,
    Reliability,
    Standing,
    reciprocity_of,
    reliability_of,
)
from netweave.storage import Tx
from netweave.storage import analytics as analytics_db


@dataclass(frozen=True, slots=True)
class Judgement:
    """One measure that put a person on a list: the estimate, its interval and evidence."""

    measure: str
    """"share given" (of help given and received) or "came through when asked"."""
    verdict: str
    """giver or taker; reliable or unreliable."""
    mean: float
    low: float
    high: float
    """The central 80 % credible interval of the share."""
    evidence: float
    """Units of help given and received, or asks counted."""


@dataclass(frozen=True, slots=True)
class PersonNote:
    """A person on a list, with why (and, on the standings lists, the judgements behind it)."""

    person_id: int
    name: str
    label: str
    reasons: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()


@dataclass(frozen=True, slots=True)
class Standings:
    cherish: tuple[PersonNote, ...]
    """Proven givers and the reliable when asked, surest first."""
    stop_counting_on: tuple[PersonNote, ...]
    """Proven takers and those who rarely come through when asked, surest first."""


Verdict = Reciprocity | AskReliability

RECIPROCITY_READS = frozenset({"referral", "ask"})
"""The tables everyone's reciprocity is read from (:func:`reciprocity_in`)."""


@dataclass(frozen=True, slots=True)
class Reciprocities:
    """Everyone's reciprocity as of a moment (:func:`reciprocity_in`)."""

    as_of: datetime
    people: Mapping[int, Reciprocity]
    """Person → their reciprocity (everyone with help given or received)."""
    labels: Mapping[int, str] = field(default_factory=dict)
    """Person → giver, matcher or taker (:data:`LABELS`): those of ``people`` with enough
    evidence, read once with them (the network view filters by it: a new view after a
    write takes it as kept, not 9,000 verdicts read again at 10,000 people)."""


LABELS = (Standing.GIVER.value, Standing.MATCHER.value, Standing.TAKER.value)
"""The reciprocity labels a list can filter by (the others mean: not enough evidence)."""


def reciprocity_in(conn: Tx, ws: int, as_of: datetime) -> Reciprocities:
    """Everyone's reciprocity as of ``as_of``: the one reading of the help totals into
    verdicts, for the standings and the network view (which keeps it for the review)."""
    helps = analytics_db.help_totals(conn, ws, until=as_of)
    people = {p: reciprocity_of(p, given, got) for p, (given, got) in helps.items()}
    labels = {}
    for person, verdict in people.items():
        label = verdict.standing.value
        if label in LABELS:
            labels[person] = label
    return Reciprocities(as_of, people, labels)


def _judgement(verdict: Verdict) -> Judgement:
    share = verdict.share
    if isinstance(verdict, Reciprocity):
        measure, label = "share given", verdict.standing.value
    else:
        measure, label = "came through when asked", verdict.verdict.value
    return Judgement(measure, label, share.mean, share.low, share.high, share.evidence)


def _note(person: int, name: str, labels: list[str], verdicts: list[Verdict]) -> PersonNote:
    reasons = tuple(reason for verdict in verdicts for reason in verdict.reasons)
    judgements = tuple(_judgement(verdict) for verdict in verdicts)
    return PersonNote(person, name, "; ".join(labels), reasons, judgements)


def standings_in(
    conn: Tx,
    ws: int,
    as_of: datetime,
    *,
    owner: int,
    limit: int | None = None,
    reciprocity: Reciprocities | None = None,
) -> Standings:
    """Both lists as of ``as_of`` (at most ``limit`` people on each), surest first;
    ``owner`` (the workspace's) is on neither. ``reciprocity``: everyone's, when the caller
    has it (the web app's network view); read here unless it is as of ``as_of``."""
    if reciprocity is None or reciprocity.as_of != as_of:
        reciprocity = reciprocity_in(conn, ws, as_of)
    asks = analytics_db.ask_totals(
        conn, ws, until=as_of, unanswered_before=as_of - timedelta(seconds=ANSWER_WITHIN)
    )
    # person → (how sure, labels, verdicts): sureness is the mean share, or 1 − it.
    good: dict[int, tuple[float, list[str], list[Verdict]]] = {}
    bad: dict[int, tuple[float, list[str], list[Verdict]]] = {}

    def add(
        found: dict[int, tuple[float, list[str], list[Verdict]]],
        person: int,
        sure: float,
        label: str,
        verdict: Verdict,
    ) -> None:
        before, labels, verdicts = found.get(person, (0.0, [], []))
        found[person] = (max(before, sure), [*labels, label], [*verdicts, verdict])

    for person, standing in reciprocity.people.items():
        if person == owner:
            continue
        if standing.standing is Standing.GIVER:
            add(good, person, standing.share.mean, "giver", standing)
        elif standing.standing is Standing.TAKER:
            add(bad, person, 1 - standing.share.mean, "taker", standing)
    for person, (came_through, asked, pending) in asks.items():
        if person == owner:
            continue
        verdict = reliability_of(person, came_through, asked, pending)
        if verdict.verdict is Reliability.RELIABLE and person not in good:
            add(good, person, verdict.share.mean, "comes through when asked", verdict)
        elif verdict.verdict is Reliability.UNRELIABLE:
            add(bad, person, 1 - verdict.share.mean, "rarely comes through", verdict)

    chosen = {
        key: sorted(found, key=lambda p: (-found[p][0], p))[:limit]
        for key, found in (("good", good), ("bad", bad))
    }
    names = analytics_db.names(conn, ws, [*chosen["good"], *chosen["bad"]])

    def listed(
        order: list[int], found: dict[int, tuple[float, list[str], list[Verdict]]]
    ) -> tuple[PersonNote, ...]:
        # Reasons and intervals only for the people shown (each interval is a bisection).
        return tuple(_note(p, names.get(p, f"#{p}"), found[p][1], found[p][2]) for p in order)

    return Standings(listed(chosen["good"], good), listed(chosen["bad"], bad))


__all__ = [
    "LABELS",
    "RECIPROCITY_READS",
    "Judgement",
    "PersonNote",
    "Reciprocities",
    "Standings",
    "reciprocity_in",
    "standings_in",
]
