"""Probable duplicates of people not yet known: whom a newcomer of an import may be.

The rule is :mod:`netweave.domain.duplicates`' (its blocks, evidence, scores and threshold),
asked of one newcomer at a time against the people already known, rather than of every pair
among them: its parts are that module's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from netweave.domain.duplicates import (
    Named,
    _block_words,
    _blocks,
    _name_words,
    _searched,
    _words_beside_the_name,
    score_pair,
)
from netweave.domain.identity import NICKNAMES, fold
from netweave.domain.match_features import Matchable, features, public_domains


@dataclass(frozen=True, slots=True)
class Resemblance:
    """A known person someone new may be: their id, the score and the reasons."""

    person_id: int
    score: float
    reasons: tuple[str, ...]


class Resemblances:
    """Probable duplicates of people not yet known, among ``people``, one newcomer at a time.

    The rule is :func:`find_duplicates`'s (the same blocks, evidence and
    threshold): an import asks it about each person it is about to create, so a
    LinkedIn connection that is someone added by hand is reported at once.
    """

    def __init__(self, people: Sequence[Matchable], *, min_score: float = 0.5) -> None:
        self.min_score = min_score
        self._public = public_domains(people)
        self._known = [f for f in (features(p, self._public) for p in people) if f is not None]
        self._blocks: dict[str, list[int]] = defaultdict(list)
        for index, person in enumerate(self._known):
            for key in set(_blocks(person)):
                self._blocks[key].append(index)
        self._namesakes = Counter(f.sorted_key for f in self._known)
        self._words = frozenset(word for p in people for word in _block_words(p))
        # With the nicknames whose formal form is a block word (:meth:`_near`).
        self._near_words = self._words | {n for n, f in NICKNAMES.items() if f in self._words}

    def may_resemble(self, person: Named) -> bool:
        """Whether ``person`` shares a word a block is made of with someone known: when
        not, :meth:`of` finds no one (most newcomers), and the caller need not build the
        record it reads."""
        words = self._words
        # Someone none of whose words is a block's (most newcomers) is known so at once.
        return self._near(person) and not words.isdisjoint(_block_words(person))

    def _near(self, person: Named) -> bool:
        """``not self._words.isdisjoint(_name_words(person))``; of a name folded to ASCII
        (most), each word is its own fold, so its formal form is a block word exactly when
        it is in ``_near_words`` (a Hypothesis test holds the two to the same answers)."""
        folded = fold(person.name)
        if not folded.isascii():
            return not self._words.isdisjoint(_name_words(person))
        return not self._near_words.isdisjoint(folded.split()) or not self._words.isdisjoint(
            _words_beside_the_name(person)
        )

    def of(self, person: Matchable) -> list[Resemblance]:
        """The known people ``person`` may be, best first (``person.id`` is any placeholder)."""
        if not self.may_resemble(person):
            return []  # no block in common with anyone: most newcomers, at a fraction of the cost
        new = features(person, self._public)
        if new is None:
            return []
        candidates: set[int] = set()
        for key in set(_blocks(new)):
            members = self._blocks.get(key, ())
            if key.startswith("fi:"):
                initial = len(new.raw_given) == 1
                members = [i for i in members if initial or len(self._known[i].raw_given) == 1]
            if members and _searched(key, len(members) + 1):
                candidates.update(members)
        found = []
        for index in candidates:
            known = self._known[index]
            score, reasons = score_pair(known, new, self._namesakes[new.sorted_key] + 1)
            if score >= self.min_score:
                found.append(Resemblance(known.id, score, tuple(reasons)))
        return sorted(found, key=lambda r: (-r.score, r.person_id))


__all__ = ["Resemblance", "Resemblances"]
