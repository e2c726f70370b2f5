"""The rhythm of a network: how often its pairs usually meet, and what follows.

The decay of tie strength is not a setting tuned per data set: it follows
from the records. The *usual gap* is the mean time between two successive
touches of the same pair, over every pair with two touches or more:

    usual gap = Σ_pairs (last − first) / Σ_pairs (touches − 1)

and the half-life of a touch is ``GAPS_PER_HALF_LIFE`` (8) usual gaps, after
Navarro et al. (2017): a tie silent for more than about eight times its usual
gap is likely decaying. A conference (contacts minutes apart) then decays in
hours, an office in days, a business network in months, with the same rule.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import DAY, Touch

GAPS_PER_HALF_LIFE = 8.0
"""Navarro et al. 2017: silence beyond ~8 usual gaps signals decay."""

FALLBACK_HALF_LIFE = 90 * DAY
"""When no pair has met twice yet there is no rhythm to read: about a quarter."""


@dataclass(frozen=True, slots=True)
class Rhythm:
    """What the records say about their own pace."""

    usual_gap: float | None
    """Mean seconds between successive touches of a pair; None without repeat contact."""
    half_life: float
    """Seconds after which a touch counts half."""
    typical_minutes: dict[InteractionKind, float]
    """The median length of each kind of touch that has lengths recorded."""

    def describe(self) -> str:
        if self.usual_gap is None:
            return f"no pair has met twice yet; touches halve in {span(self.half_life)}"
        return (
            f"pairs usually meet every {span(self.usual_gap)}; "
            f"a touch counts half after {span(self.half_life)}"
        )


def span(secs: float) -> str:
    if secs >= 2 * DAY:
        return f"{secs / DAY:.0f} days"
    if secs >= 2 * 3600:
        return f"{secs / 3600:.0f} hours"
    minutes = round(secs / 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def usual_gap(touches: Iterable[Touch], *, until: float | None = None) -> float | None:
    """The mean gap between successive touches of the same pair (see the module)."""
    first: dict[tuple[int, int], float] = {}
    last: dict[tuple[int, int], float] = {}
    count: dict[tuple[int, int], int] = defaultdict(int)
    for touch in touches:
        if until is not None and touch.at > until:
            continue
        pair = (touch.a, touch.b)
        if pair in first:
            first[pair] = min(first[pair], touch.at)
            last[pair] = max(last[pair], touch.at)
        else:
            first[pair] = last[pair] = touch.at
        count[pair] += 1
    spans = sum(last[p] - first[p] for p in first)
    gaps = sum(n - 1 for n in count.values())
    return gap_of(spans, gaps)


def gap_of(spans: float, gaps: int) -> float | None:
    """The usual gap from Σ (last − first) and Σ (touches − 1) over the pairs."""
    return spans / gaps if gaps and spans > 0 else None


def median_of_counts(counts: list[tuple[float, int]]) -> float:
    """The median of values given as (value, how many times), in increasing order of value:
    what :func:`statistics.median` gives of the values listed out."""
    n = sum(count for _, count in counts)
    if n == 0:
        raise ValueError("no values")
    wanted = [(n - 1) // 2, n // 2]  # the middle one, or the middle two
    found: list[float] = []
    seen = 0
    for value, count in counts:
        while wanted and wanted[0] < seen + count:
            found.append(value)
            wanted.pop(0)
        seen += count
    return found[0] if n % 2 else (found[0] + found[1]) / 2


def rhythm_of(gap: float | None, typical_minutes: dict[InteractionKind, float]) -> Rhythm:
    """The rhythm of a usual gap (None: no repeat contact) and the median length of each kind.

    The database adds the sums up for a workspace (:mod:`netweave.storage.pair_sums`);
    :func:`read_rhythm` does the same over touches in memory.
    """
    return Rhythm(
        usual_gap=gap,
        half_life=FALLBACK_HALF_LIFE if gap is None else GAPS_PER_HALF_LIFE * gap,
        typical_minutes=typical_minutes,
    )


def read_rhythm(touches: Iterable[Touch], *, until: float | None = None) -> Rhythm:
    """The usual gap, the half-life it implies and the typical length of each kind."""
    seen = [t for t in touches if until is None or t.at <= until]
    gap = usual_gap(seen)
    lengths: dict[InteractionKind, list[float]] = defaultdict(list)
    for touch in seen:
        if touch.minutes:
            lengths[touch.kind].append(touch.minutes)
    return rhythm_of(gap, {kind: _median(sorted(m)) for kind, m in lengths.items()})


def rhythms_until(touches: Iterable[Touch], moments: Sequence[float]) -> list[Rhythm]:
    """:func:`read_rhythm` of ``touches`` until each of ``moments`` (seconds), in one pass.

    The touches in time order: a pair's span grows by each touch's gap to the one before
    it (``last − first`` is the sum of its gaps), and each kind's lengths are kept sorted
    as they come, so each moment reads its usual gap and medians where the pass stands.
    No moment: nothing is read (not even put in order: the strength backdrop after a touch
    logged asks for none, over the circle's 18,665 touches at 10,000 people).
    """
    if not moments:
        return []
    order = sorted(range(len(moments)), key=lambda k: moments[k])
    found: list[Rhythm | None] = [None] * len(moments)
    last: dict[tuple[int, int], float] = {}
    spans, gaps = 0.0, 0
    lengths: dict[InteractionKind, list[float]] = defaultdict(list)

    def rhythm() -> Rhythm:
        return rhythm_of(gap_of(spans, gaps), {k: _median(m) for k, m in lengths.items()})

    upcoming = iter(order)
    wanted = next(upcoming, None)
    for touch in sorted(touches, key=lambda t: t.at):
        while wanted is not None and touch.at > moments[wanted]:
            found[wanted] = rhythm()
            wanted = next(upcoming, None)
        if wanted is None:
            break
        pair = (touch.a, touch.b)
        before = last.get(pair)
        if before is not None:
            spans += touch.at - before
            gaps += 1
        last[pair] = touch.at
        if touch.minutes:
            insort(lengths[touch.kind], touch.minutes)
    while wanted is not None:
        found[wanted] = rhythm()
        wanted = next(upcoming, None)
    return [r for r in found if r is not None]


def _median(ordered: list[float]) -> float:
    """:func:`statistics.median` of values already in order."""
    n = len(ordered)
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


__all__ = [
    "FALLBACK_HALF_LIFE",
    "GAPS_PER_HALF_LIFE",
    "Rhythm",
    "gap_of",
    "median_of_counts",
    "read_rhythm",
    "rhythm_of",
    "rhythms_until",
    "span",
    "usual_gap",
]
