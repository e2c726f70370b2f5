"""Matching what people look for to what others offer, on free text.

A *need* ("realtors", "owners who do their own books") is matched against each
person's *profile*: their business category, title, company and what they
offer. Both are cut into words, common words dropped and endings trimmed
("planners" and "planning" both become "plann"); two words match when
rapidfuzz's similarity of their stems is at least 90 (a typo still
matches), or when they share a beginning of five letters or more that is most
of the shorter one ("realtor" and "realty"). Each word of the need counts by its
inverse document frequency over all profiles (a word every profile has, like
"owner", says little), and a profile's score is the weighted share of the
need's words it matches, from 0 to 1. A match needs at least one word that
at most a tenth of the profiles have: "owners over 55" says too little to pick
anyone out of a room of owners.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from netweave.domain.person import Person

SIMILAR = 90.0
"""Least rapidfuzz ratio (0–100) between two stems that counts as the same word."""
SHARED_BEGINNING = 5
LEAST_SCORE = 0.5
"""Least share of a need's weight a profile must match to be suggested."""
COMMON_SHARE = 0.1
"""A word more than this share of profiles have ("owner") cannot make a match on its own."""
COMMON_LEAST = 3
"""...unless it is in three profiles or fewer: in a small index every word tells."""
COMMON_LEAST = 3
"""...unless it is in three profiles or fewer: in a small index every word tells."""

_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_STOP = frozenset((
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "by", "can", "do", "does", "for", "from", "get", "had", "has", "have", "in",
    "into", "is", "it", "its", "just", "like", "more", "most", "need", "needs", "new", "no",
    "not", "of", "on", "one", "or", "our", "out", "over", "own", "so", "some", "than", "that",
    "the", "their", "them", "they", "this", "to", "up", "us", "want", "wants", "was", "we",
    "were", "what", "when", "where", "which", "who", "whose", "will", "with", "within",
    "without", "you", "your",
))  # fmt: skip
_ENDINGS = ("ations", "ation", "ings", "ing", "ers", "ure", "ants", "ant", "ies", "er", "es", "s")


def stem(word: str) -> str:
    """A word without a common English ending, kept at least four letters long."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(text: str | None) -> list[str]:
    """The telling words of a text, stemmed, in order, each once."""
    if not text:
        return []
    found = (w.strip("'-") for w in _WORD.findall(text.lower()))
    return list(dict.fromkeys(stem(w) for w in found if len(w) > 2 and w not in _STOP))


def alike(a: str, b: str, *, score_cutoff: float | None = None, **_: object) -> float:
    """How alike two stems are, 0–100: rapidfuzz's ratio, or 90 for a long shared beginning."""
    ratio = fuzz.ratio(a, b)
    shared = Prefix.similarity(a, b)
    if shared >= SHARED_BEGINNING and shared >= 0.7 * min(len(a), len(b)):
        ratio = max(ratio, SIMILAR)
    return ratio if score_cutoff is None or ratio >= score_cutoff else 0.0


def profile(person: Person) -> str:
    """What a person is, as one text to match needs against: category, title, company, tags.

    What they offer is left out: it describes their clients as often as
    themselves ("site selection for growing firms" is no growing firm).
    """
    parts = [person.category, person.title, person.company, *person.tags]
    return " ".join(filter(None, parts))


def who(person: Person) -> str:
    """A person's line in a few words: title and company, else their category."""
    return ", ".join(filter(None, [person.title, person.company])) or person.category or "?"


@dataclass(frozen=True, slots=True)
class Match:
    person_id: int
    score: float
    """Weighted share of the need's words the profile matches, 0–1."""
    words: tuple[str, ...]
    """The profile's words that matched (stems)."""


class Matcher:
    """An index of profiles (person → text) to match needs against."""

    def __init__(self, profiles: Mapping[int, str]) -> None:
        self._words = {person: frozenset(words(text)) for person, text in profiles.items()}
        holders: dict[str, set[int]] = defaultdict(set)
        for person, found in self._words.items():
            for word in found:
                holders[word].add(person)
        self._holders = {word: frozenset(people) for word, people in holders.items()}
        self._vocabulary = sorted(self._holders)
        count = max(1, len(self._words))
        self._rarity = {
            word: math.log((1 + count) / (1 + len(people))) + 1
            for word, people in self._holders.items()
        }
        self._unknown = math.log(1 + count) + 1
        common = max(COMMON_SHARE * count, COMMON_LEAST)
        self._common = {w for w, people in self._holders.items() if len(people) > common}
        self._similar: dict[str, dict[str, float]] = {}

    def similar(self, word: str) -> dict[str, float]:
        """Profile words like ``word``, with their similarity (0–1)."""
        known = self._similar.get(word)
        if known is None:
            found = process.extract(
                word, self._vocabulary, scorer=alike, score_cutoff=SIMILAR, limit=None
            )
            known = self._similar[word] = {choice: score / 100 for choice, score, _ in found}
        return known

    def matches(
        self, need: str | None, *, least: float = LEAST_SCORE, among: frozenset[int] | None = None
    ) -> list[Match]:
        """Profiles that match ``need``, best first (ties by person id)."""
        need_words = words(need)
        if not need_words:
            return []
        total = 0.0
        credit: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        telling: set[int] = set()
        for word in need_words:
            alike = self.similar(word)
            weight = max((self._rarity[w] for w in alike), default=self._unknown)
            total += weight
            best: dict[int, tuple[float, str]] = {}
            for other, similarity in alike.items():
                for person in self._holders[other]:
                    if among is not None and person not in among:
                        continue
                    if similarity > best.get(person, (0.0, ""))[0]:
                        best[person] = (similarity, other)
            for person, (similarity, other) in best.items():
                credit[person] += weight * similarity
                matched[person].append(other)
                if other not in self._common:
                    telling.add(person)
        found = [
            Match(person, round(value / total, 4), tuple(matched[person]))
            for person, value in credit.items()
            if value / total >= least and person in telling
        ]
        found.sort(key=lambda m: (-m.score, m.person_id))
        return found

    def score(self, need: str | None, person_id: int) -> float:
        """How well one profile matches ``need`` (0 when it is not indexed)."""
        for match in self.matches(need, least=0.0, among=frozenset([person_id])):
            return match.score
        return 0.0


__all__ = [
    "COMMON_LEAST",
    "COMMON_SHARE",
    "LEAST_SCORE",
    "SHARED_BEGINNING",
    "SIMILAR",
    "Match",
    "Matcher",
    "alike",
    "profile",
    "stem",
    "who",
    "words",
]
