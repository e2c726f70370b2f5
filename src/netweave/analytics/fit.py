"""Target-market fit: the one rule for how well a person matches the ideal-client profile.

Every reader of fit calls :func:`fit_of`: a person's scores, the plan's *discover*
targets, a group's members, an event's attendees and the referrals I received
("wrong fish"). It gives the score, whether the person fits, and the words both
the scores and the plans show. Pure functions over plain text fields;
docs/analytics.md gives the rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netweave.domain.categories import category_key
from netweave.domain.person import Person
from netweave.domain.workspace import TargetMarket

WEIGHTS = {"category": 0.4, "role": 0.25, "region": 0.25, "keyword": 0.1}
"""How much each criterion of the profile counts; the business category counts most."""
FITS_FROM = 0.5
"""A person fits the market when their score reaches this (and the category gate holds)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What a person *is*, the only fields fit is read from (all optional, any case).

    What they are looking for, what they offer and my notes are left out on
    purpose: they describe their clients as often as themselves ("bookkeeping
    for restaurants" is no restaurant).
    """

    category: str | None = None
    title: str | None = None
    location: str | None = None
    company: str | None = None

    @classmethod
    def of(cls, person: Person) -> Profile:
        return cls(person.category, person.title, person.location, person.company)


@dataclass(frozen=True, slots=True)
class Fit:
    score: float
    """0 (nothing matches) to 1 (every criterion the market names matches)."""
    fits: bool
    matched: tuple[str, ...]
    """By criterion: "category construction", "role owner", "region edina"."""
    reasons: tuple[str, ...] = ()
    """The same matches in plain words: "construction", "an owner", "in Edina, MN"."""
    short_of: str = ""
    """Why a person with a score of 0.5 or more still does not fit, in words."""

    def describe(self) -> str:
        """'fits (100%): category construction; role owner' — for a person's scores."""
        said = "fits" if self.fits else "does not fit"
        why = "; ".join(self.matched) or "nothing matches"
        return f"{said} ({self.score:.0%}): {why}" + (f"; {self.short_of}" if self.short_of else "")


NO_FIT = Fit(0.0, False, ())


@dataclass(frozen=True, slots=True)
class FitShare:
    """Fit of a set of people: how many fit, and the mean score."""

    people: int
    fitting: int
    mean: float
    judged: bool = True
    """False when the target market names nothing: then nobody fits, and that says nothing
    about the people (a group is no wrong pond for a market never named)."""

    @property
    def share(self) -> float:
        return self.fitting / self.people if self.people else 0.0

    def describe(self, who: str) -> str:
        if not self.judged:
            return f"no target market set to judge the {who} by"
        if not self.people:
            return f"no {who} to judge fit by"
        return f"{self.fitting} of {self.people} {who} fit your target market ({self.share:.0%})"


@functools.lru_cache(maxsize=1024)
def _words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _has_words(text: str, phrase: str) -> bool:
    return _words(phrase).search(text) is not None


@functools.lru_cache(maxsize=256)
def _any_words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whether any of ``phrases`` is there, in one pass (most texts have none)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, phrases))})(?!\w)")


def _first(phrases: Iterable[str], text: str | None) -> str | None:
    if not text:
        return None
    folded = " ".join(text.lower().split())
    listed = tuple(phrases)
    if not listed or _any_words(listed).search(folded) is None:
        return None
    return next((p for p in listed if _has_words(folded, p)), None)


def _in_words(criterion: str, hit: str, person: Profile) -> str:
    """A match as the plans say it: "construction", "an owner", "in Edina, MN", "'growth'"."""
    if criterion == "role":
        return f"a{'n' if hit[:1] in 'aeiou' else ''} {hit}"
    if criterion == "region":
        return f"in {' '.join((person.location or '').split())}"
    if criterion == "keyword":
        return f"'{hit}'"
    return hit


def fit_of(market: TargetMarket, person: Profile) -> Fit:
    """A person's fit: the weights of the matching criteria over those the market names.

    * category: the person's business category is one of the market's;
    * role: a market role, as whole words of the title;
    * region: a market region, as whole words of the location;
    * keyword: a market keyword, as whole words of the title or the company.

    A person fits when the score reaches ``FITS_FROM`` **and**, when the market
    names categories, their category is one of them: an owner in the region is
    no restaurant. Company sizes are refused when the market is set (people
    have none on record). A market that names nothing fits nobody (score 0).
    """
    named = {
        "category": market.categories,
        "role": market.roles,
        "region": market.regions,
        "keyword": market.keywords,
    }
    total = sum(WEIGHTS[name] for name, values in named.items() if values)
    if total == 0:
        return NO_FIT
    category = " ".join((person.category or "").split())
    key = category_key(category)
    hits = {
        "category": next((c for c in market.categories if key and category_key(c) == key), None),
        "role": _first(market.roles, person.title),
        "region": _first(market.regions, person.location),
        "keyword": _first(market.keywords, " ".join(filter(None, (person.title, person.company)))),
    }
    score = 0.0
    matched: list[str] = []
    reasons: list[str] = []
    for name, hit in hits.items():
        if named[name] and hit:
            score += WEIGHTS[name]
            matched.append(f"{name} {hit}")
            reasons.append(_in_words(name, hit, person))
    score = round(score / total, 4)
    gated = bool(market.categories) and hits["category"] is None
    short_of = ""
    if gated and score >= FITS_FROM:
        short_of = (
            f"but {category} is not one of your categories"
            if category
            else "but no business category is recorded"
        )
    return Fit(score, score >= FITS_FROM and not gated, tuple(matched), tuple(reasons), short_of)


def names_anything(market: TargetMarket) -> bool:
    """Whether the market names a criterion fit is read from (company sizes never count)."""
    return bool(market.categories or market.roles or market.regions or market.keywords)


def share_of(fits: Iterable[Fit], *, judged: bool = True) -> FitShare:
    """How many of these people fit, and their mean score; ``judged`` False when the market
    names nothing (see :func:`names_anything`)."""
    scores = [(f.score, f.fits) for f in fits]
    if not scores:
        return FitShare(0, 0, 0.0, judged)
    return FitShare(
        len(scores),
        sum(1 for _, fits in scores if fits),
        round(sum(s for s, _ in scores) / len(scores), 4),
        judged,
    )


__all__ = [
    "FITS_FROM",
    "NO_FIT",
    "WEIGHTS",
    "Fit",
    "FitShare",
    "Profile",
    "fit_of",
    "names_anything",
    "share_of",
]
