"""Tie strength over many pairs at once, as arrays (numpy): the one home of the formula's
network parts, which :func:`netweave.analytics.ties.strengths_of` (and so ``pair_strengths``,
the plain reference) runs.

For pairs given as arrays ``a``, ``b`` (two different people, each pair once) with their
direct strengths (reciprocity included), :func:`strength_arrays` adds

- **embeddedness**: ``Σ_{m mutual} min(direct(a, m), direct(b, m))`` over every mutual contact
  m (a person with a pair of their own with a and with b). The mutual contacts of all pairs
  are the triangles of the graph of pairs, listed once each by orienting every pair from the
  person of lower degree to the one of higher degree (ties by number) and closing the wedges
  at each person: each person has at most √(2·pairs) pairs going out, so the work grows with
  pairs^1.5 at worst (Chiba & Nishizeki 1985; Latapy 2008, "Main-memory triangle
  computations for very large (sparse (power-law)) graphs"). Each triangle gives each of its
  three pairs the smaller of the two other pairs' strengths (``np.bincount``);
- **shared contexts**: the number of groups both belong to, by looking each group of the
  person in fewer groups up among the other's (sorted keys).

:func:`direct_at` moves the pairs' decayed sums kept at a reference moment to a moment T.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from netweave.analytics.ties import PairStrength, StrengthRules

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

WEDGES = 1_000_000
"""At most this many wedges are closed at once (the peak memory: about 100 bytes each)."""
_LN2 = math.log(2)


@dataclass(frozen=True, slots=True)
class StrengthArrays:
    """Each pair's strength and its parts, one entry per pair in the order given."""

    a: Ints
    b: Ints
    strength: Floats
    direct: Floats
    embedded: Floats
    mutual: Ints
    shared: Ints

    def by_pair(self) -> dict[tuple[int, int], PairStrength]:
        """The same, as a :class:`PairStrength` per pair."""
        parts = zip(
            self.a.tolist(),
            self.b.tolist(),
            self.strength.tolist(),
            self.direct.tolist(),
            self.embedded.tolist(),
            self.mutual.tolist(),
            self.shared.tolist(),
            strict=True,
        )
        return {(a, b): PairStrength(s, d, e, m, sh) for a, b, s, d, e, m, sh in parts}


def direct_at(
    decayed: Floats,
    ref: float,
    as_of: float,
    half_life: Floats,
    started_a: Ints,
    started_b: Ints,
    reciprocity: float,
) -> Floats:
    """The pairs' direct strengths as of ``as_of`` from their decayed sums kept at ``ref``
    (Σ value · 2^(−(ref − t) / h), each with its half-life h): each sum moved to ``as_of``
    (times 2^(−(as_of − ref) / h)), times reciprocity ``1 + reciprocity · (balance − ½)``,
    ``balance = 2 · min(started by a, by b) / (started by either)``, 1 when neither is known.
    What ``weigh`` and ``pair_strengths`` give."""
    with np.errstate(over="ignore", invalid="ignore"):
        moved = np.where(decayed != 0, decayed * np.exp((ref - as_of) * _LN2 / half_life), 0.0)
    result: Floats = moved * reciprocity_factors(started_a, started_b, reciprocity)
    return result


def reciprocity_factors(started_a: Ints, started_b: Ints, reciprocity: float) -> Floats:
    """``1 + reciprocity · (balance − ½)`` of each pair, ``balance = 2 · min(started by a,
    by b) / (started by either)`` (Gilbert & Karahalios 2009); 1 when neither is known."""
    total = started_a + started_b
    balance = 2 * np.minimum(started_a, started_b) / np.maximum(total, 1)
    factor: Floats = np.where(total > 0, 1 + reciprocity * (balance - 0.5), 1.0)
    return factor


def _offsets(owner: Ints, n: int) -> Ints:
    """Where each of ``n`` owners' entries start in an array sorted by owner (n + 1 numbers)."""
    found: Ints = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n), out=found[1:])
    return found


def _runs(counts: Ints) -> tuple[Ints, Ints]:
    """For entries each repeated ``counts`` times: the entry of each copy, and its number
    among the copies of that entry (0, 1, ...)."""
    entry = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    within = np.arange(len(entry), dtype=np.int64) - starts[entry]
    return entry, within


def embedded_sums(u: Ints, v: Ints, weight: Floats, n: int) -> tuple[Floats, Ints]:
    """For each pair (``u[i]``, ``v[i]``) of people numbered below ``n`` (each pair once, in
    either order) with strength ``weight[i]``: Σ min(weight(u, m), weight(v, m)) over their
    mutual contacts m, and how many there are (see the module: triangle listing)."""
    pairs = len(u)
    embedded: Floats = np.zeros(pairs)
    mutual: Ints = np.zeros(pairs, dtype=np.int64)
    if pairs < 3:
        return embedded, mutual
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(degree, kind="stable")] = np.arange(n, dtype=np.int64)
    ru, rv = rank[u], rank[v]
    low, high = np.minimum(ru, rv), np.maximum(ru, rv)
    del ru, rv, rank, degree  # a pair's arrays are many MB at millions of pairs
    order = np.argsort(low * n + high)
    # Pairs by (lower rank, higher rank): each person's pairs out lie together, ascending.
    source, target, w = low[order], high[order], weight[order]
    del low, high
    keys = source * n + target
    later = _offsets(source, n)[source + 1] - np.arange(pairs, dtype=np.int64) - 1
    del source  # later: the wedges each pair opens, with the pairs after it of its person
    reached = np.cumsum(later)
    sums: Floats = np.zeros(pairs)
    counts: Ints = np.zeros(pairs, dtype=np.int64)
    begin = 0
    while begin < pairs:
        done = reached[begin - 1] if begin else 0
        end = max(int(np.searchsorted(reached, done + WEDGES, side="right")), begin + 1)
        opened = later[begin:end]
        places = np.arange(begin, end, dtype=np.int64)
        # Wedge k of pair p (p's k-th later pair q = p + 1 + k): first = p, second = q.
        first = np.repeat(places, opened)
        second = np.arange(len(first), dtype=np.int64) + np.repeat(
            places + 1 - (np.cumsum(opened) - opened), opened
        )
        closing = np.repeat(target[begin:end] * n, opened)
        closing += target[second]
        at = np.searchsorted(keys, closing)
        np.minimum(at, pairs - 1, out=at)
        closed = np.flatnonzero(keys[at] == closing)
        del closing  # the wedges' arrays are the memory peak: only the triangles stay
        first, second, third = first[closed], second[closed], at[closed]
        del at, closed
        wf, ws, wt = w[first], w[second], w[third]
        for edge, share in (
            (first, np.minimum(ws, wt)),
            (second, np.minimum(wf, wt)),
            (third, np.minimum(wf, ws)),
        ):
            sums += np.bincount(edge, weights=share, minlength=pairs)
            counts += np.bincount(edge, minlength=pairs)
        begin = end
    embedded[order] = sums
    mutual[order] = counts
    return embedded, mutual


def shared_counts(u: Ints, v: Ints, n: int, member: Ints, group: Ints) -> Ints:
    """For each pair (``u[i]``, ``v[i]``) of people numbered below ``n``: how many groups
    both belong to, from the memberships (``member[j]`` in ``group[j]``, each once)."""
    found: Ints = np.zeros(len(u), dtype=np.int64)
    if len(u) == 0 or len(member) == 0:
        return found
    groups, number = np.unique(group, return_inverse=True)
    order = np.lexsort((number, member))
    member, number = member[order], number[order].astype(np.int64)
    keys = member * len(groups) + number
    starts = _offsets(member, n)
    held = starts[1:] - starts[:-1]
    # Look each group of the one in fewer groups up among the other's.
    few = held[u] <= held[v]
    small, large = np.where(few, u, v), np.where(few, v, u)
    pair, within = _runs(held[small])
    query = large[pair] * len(groups) + number[starts[small[pair]] + within]
    at = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.bincount(pair[keys[at] == query], minlength=len(u)).astype(np.int64)


def strength_arrays(
    a: Ints,
    b: Ints,
    direct: Floats,
    *,
    contexts: Mapping[int, frozenset[int]] | None = None,
    rules: StrengthRules | None = None,
    chosen: Ints | None = None,
) -> StrengthArrays:
    """Each pair's strength: ``direct + embeddedness · embedded + shared_context · shared``
    (see the module), for every pair given (or those at the places ``chosen``, in that
    order); the mutual contacts are counted over all of them."""
    rules = rules or StrengthRules()
    people, dense = np.unique(np.concatenate([a, b]), return_inverse=True)
    n = len(people)
    u, v = dense[: len(a)].astype(np.int64), dense[len(a) :].astype(np.int64)
    embedded, mutual = embedded_sums(u, v, direct, n)
    if chosen is not None:
        a, b, direct, u, v = a[chosen], b[chosen], direct[chosen], u[chosen], v[chosen]
        embedded, mutual = embedded[chosen], mutual[chosen]
    shared: Ints = np.zeros(len(a), dtype=np.int64)
    if contexts and n:
        held = [(person, g) for person, groups in contexts.items() for g in groups]
        if held:
            member, group = np.array(held, dtype=np.int64).reshape(-1, 2).T
            at = np.minimum(np.searchsorted(people, member), n - 1)
            known = people[at] == member
            shared = shared_counts(u, v, n, at[known], group[known])
    strength = direct + rules.embeddedness * embedded + rules.shared_context * shared
    return StrengthArrays(a, b, strength, direct, embedded, mutual, shared)


__all__ = [
    "WEDGES",
    "StrengthArrays",
    "direct_at",
    "embedded_sums",
    "reciprocity_factors",
    "shared_counts",
    "strength_arrays",
]
