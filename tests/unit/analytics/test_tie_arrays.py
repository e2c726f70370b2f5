"""The strengths over all pairs at once (triangle listing, numpy) equal the definition:
for each pair, the sum over its mutual contacts of the smaller of the two strengths, and the
groups both belong to, written here plainly in Python, on random small graphs."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.analytics import tie_arrays
from netweave.analytics.ties import PairStrength, StrengthRules, strengths_of

Pair = tuple[int, int]


def plain(
    direct: Mapping[Pair, float],
    contexts: Mapping[int, frozenset[int]],
    pairs: Iterable[Pair] | None,
    rules: StrengthRules,
) -> dict[Pair, PairStrength]:
    """The formula as written in docs/analytics.md, one pair at a time."""
    around: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in direct.items():
        around[a][b] = around[b][a] = value
    found = {}
    for a, b in direct if pairs is None else pairs:
        if (a, b) not in direct:
            continue
        mutual = set(around[a]) & set(around[b])
        embedded = sum(min(around[a][m], around[b][m]) for m in mutual)
        shared = len(contexts.get(a, frozenset()) & contexts.get(b, frozenset()))
        strength = direct[(a, b)] + rules.embeddedness * embedded + rules.shared_context * shared
        found[(a, b)] = PairStrength(strength, direct[(a, b)], embedded, len(mutual), shared)
    return found


def assert_equal(got: dict[Pair, PairStrength], want: dict[Pair, PairStrength]) -> None:
    assert list(got) == list(want)  # the same pairs, in the same order
    for pair, mine in got.items():
        theirs = want[pair]
        assert (mine.mutual, mine.shared) == (theirs.mutual, theirs.shared), pair
        for x, y in ((mine.strength, theirs.strength), (mine.embedded, theirs.embedded)):
            assert math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12), (pair, x, y)
        assert mine.direct == theirs.direct


@st.composite
def networks(
    draw: st.DrawFn,
) -> tuple[dict[Pair, float], dict[int, frozenset[int]], list[Pair] | None]:
    """People with sparse ids; random pairs, a hub now and then, pairs on their own, equal
    and zero strengths; groups for some people (some without any pair); a subset of pairs."""
    count = draw(st.integers(2, 14))
    ids = sorted(draw(st.sets(st.integers(1, 10_000), min_size=count, max_size=count)))
    strength = st.one_of(st.just(0.0), st.just(1.0), st.floats(0.001, 50.0))
    direct: dict[Pair, float] = {}
    for i in range(count):
        for j in range(i + 1, count):
            if draw(st.integers(0, 9)) < draw(st.sampled_from([2, 5, 9])):
                direct[(ids[i], ids[j])] = draw(strength)
    if draw(st.booleans()):  # a hub: one person with a pair with everyone
        hub = draw(st.sampled_from(ids))
        for other in ids:
            if other != hub:
                direct.setdefault((min(hub, other), max(hub, other)), draw(strength))
    for k in range(draw(st.integers(0, 3))):  # pairs on their own, far from the rest
        direct[(20_000 + 2 * k, 20_001 + 2 * k)] = draw(strength)
    everyone = [*ids, *(p for pair in direct for p in pair), 99_999]
    contexts = {
        person: frozenset(draw(st.sets(st.integers(1, 4), max_size=3)))
        for person in draw(st.sets(st.sampled_from(everyone)))
    }
    pairs = None
    if direct and draw(st.booleans()):
        known = list(direct)
        pairs = draw(st.lists(st.sampled_from(known), max_size=len(known)))
        pairs += [(b, a) for a, b in known[:1]] + [(1, 10_001)]  # unknown pairs count nothing
    return direct, contexts, pairs


@settings(max_examples=300, deadline=None)
@given(networks(), st.sampled_from([tie_arrays.WEDGES, 1, 3]))
def test_all_pairs_at_once_equal_the_definition_pair_by_pair(
    network: tuple[dict[Pair, float], dict[int, frozenset[int]], list[Pair] | None],
    wedges: int,
) -> None:
    direct, contexts, pairs = network
    rules = StrengthRules()
    limit = tie_arrays.WEDGES
    tie_arrays.WEDGES = wedges  # closing a few wedges at a time gives the same sums
    try:
        got = strengths_of(direct, contexts=contexts, rules=rules, pairs=pairs)
    finally:
        tie_arrays.WEDGES = limit
    assert_equal(got, plain(direct, contexts, pairs, rules))


def test_a_triangle_and_a_square_by_hand() -> None:
    # 1-2-3 a triangle; 3-4-5-6-3 a square with no diagonal: no mutual contacts there.
    direct = {(1, 2): 1.0, (1, 3): 2.0, (2, 3): 4.0, (3, 4): 1.0, (4, 5): 1.0}
    direct |= {(5, 6): 1.0, (3, 6): 1.0}
    found = strengths_of(direct, contexts={1: frozenset({7}), 3: frozenset({7, 8})})
    assert found[(1, 2)].embedded == 2.0  # through 3: min(2, 4)
    assert found[(1, 3)].embedded == 1.0  # through 2: min(1, 4)
    assert found[(2, 3)].embedded == 1.0  # through 1: min(1, 2)
    assert found[(1, 3)].shared == 1
    assert found[(1, 3)].strength == pytest.approx(2.0 + 0.2 * 1.0 + 0.5)
    assert all(found[p].mutual == 0 for p in ((3, 4), (4, 5), (5, 6), (3, 6)))
    assert strengths_of({}) == {}


def test_no_pairs_but_groups_give_no_strengths() -> None:
    none = np.zeros(0, dtype=np.int64)
    found = tie_arrays.strength_arrays(none, none, np.zeros(0), contexts={1: frozenset({7})})
    assert found.by_pair() == {}


def test_sums_kept_at_a_reference_moment_move_to_any_later_one() -> None:
    # A sum of 8 kept at R, half-life 10: 4 at R + 10, 2 at R + 20; both sides started
    # once (x 1.25), one side only (x 0.75), unknown (x 1).
    found = tie_arrays.direct_at(
        np.array([8.0, 8.0, 8.0, 0.0]),
        100.0,
        120.0,
        np.array([10.0, 20.0, 20.0, 10.0]),
        np.array([1, 3, 0, 0]),
        np.array([1, 0, 0, 0]),
        StrengthRules().reciprocity,
    )
    assert found.tolist() == pytest.approx([2.0 * 1.25, 4.0 * 0.75, 4.0, 0.0])
