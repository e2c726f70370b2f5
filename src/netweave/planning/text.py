"""Matching what people look for to what others offer, on free text.

A *need* ("realtors", "owners who do their own books") is matched against each
person's *profile*: their business category, title, company and tags. Both are
read by the business vocabulary (:mod:`netweave.planning.vocabulary`): whole
words made singular, and the phrases that name a line of business turned into
that category, so "contractors" finds a construction owner, "CPAs" a
bookkeeper, "lawyers" an attorney, and "offices" never finds a "Loan Officer".
A need may carry a typo ("acountants"); a profile is read as written.

A need that names a line of business matches the people in it, and only them
("bookkeeping help" finds every accountant; "marketing directors" is no
"Operations Director"). A need that names none matches on its words: each
counts by its inverse document frequency over all profiles (a word every
profile has, like "owner", says little), a profile must have at least half of
the need's weight, and at least one word that at most a tenth of the profiles
have: "owners over 55" says too little to pick anyone out of a room of owners.
Either way a profile's score, for ranking, is the weighted share of the need's
terms it has, from 0 to 1. This is the one matcher: referral ideas, introductions and the openers
of event plans all use it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from netweave.domain.person import Person
from netweave.planning.vocabulary import PREFIX, terms

LEAST_SCORE = 0.5
"""Least share of a need's weight a profile must match to be suggested."""
COMMON_SHARE = 0.1
"""A term more than this share of profiles have ("owner") cannot make a match on its own."""
COMMON_LEAST = 3
"""...unless it is in three profiles or fewer: in a small index every term tells."""


def profile(person: Person) -> str:
    """What a person is, as one text to match needs against: category, title, company, tags.

    What they offer is left out: it describes their clients as often as
    themselves ("site selection for growing firms" is no growing firm).
    """
    parts = [person.category, person.title, person.company, *person.tags]
    return "; ".join(filter(None, parts))  # a phrase never runs from one field into the next


def who(person: Person) -> str:
    """A person's line in a few words: title and company, else their category."""
    return ", ".join(filter(None, [person.title, person.company])) or person.category or "?"


@dataclass(frozen=True, slots=True)
class Match:
    person_id: int
    score: float
    """Weighted share of the need's terms the profile has, 0–1."""
    words: tuple[str, ...]
    """The terms that matched (``category:…`` for a line of business)."""


class Matcher:
    """An index of profiles (person → text) to match needs against."""

    def __init__(self, profiles: Mapping[int, str]) -> None:
        holders: dict[str, set[int]] = defaultdict(set)
        for person, text in profiles.items():
            for term in terms(text):
                holders[term].add(person)
        self._holders = {term: frozenset(people) for term, people in holders.items()}
        count = max(1, len(profiles))
        self._rarity = {
            term: math.log((1 + count) / (1 + len(people))) + 1
            for term, people in self._holders.items()
        }
        self._unknown = math.log(1 + count) + 1
        common = max(COMMON_SHARE * count, COMMON_LEAST)
        self._common = {t for t, people in self._holders.items() if len(people) > common}

    def matches(
        self, need: str | None, *, least: float = LEAST_SCORE, among: frozenset[int] | None = None
    ) -> list[Match]:
        """Profiles that match ``need``, best first (ties by person id)."""
        need_terms = terms(need, typos=True)
        if not need_terms:
            return []
        total = 0.0
        credit: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        telling: set[int] = set()
        lines = {term for term in need_terms if term.startswith(PREFIX)}
        for term in need_terms:
            weight = self._rarity.get(term, self._unknown)
            total += weight
            for person in self._holders.get(term, frozenset()):
                if among is not None and person not in among:
                    continue
                credit[person] += weight
                matched[person].append(term)
                if term not in self._common:
                    telling.add(person)
        if lines:  # a named line of business decides
            fit = {p for p, terms_of in matched.items() if lines.intersection(terms_of)}
        else:
            fit = {p for p, value in credit.items() if value / total >= least} & telling
        found = [Match(p, round(credit[p] / total, 4), tuple(matched[p])) for p in fit]
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
    "Match",
    "Matcher",
    "profile",
    "who",
]
