"""Target-market fit: how well a person, a group's members or an event's attendees match
the ideal-client profile, and how many received referrals fit it ("wrong fish").

Pure functions over plain text fields; docs/analytics.md gives the rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netweave.domain.workspace import TargetMarket

WEIGHTS = {"category": 0.4, "role": 0.25, "region": 0.25, "keyword": 0.1}
"""How much each criterion of the profile counts; the business category counts most."""
FITS_FROM = 0.5
"""A person fits the market when their score reaches this."""


@dataclass(frozen=True, slots=True)
class Profile:
    """The fields of a person that fit is read from (all optional, any case)."""

    category: str | None = None
    title: str | None = None
    location: str | None = None
    text: str = ""
    """Company, offers, looking for and notes, for keywords."""


@dataclass(frozen=True, slots=True)
class Fit:
    score: float
    """0 (nothing matches) to 1 (every criterion the market names matches)."""
    fits: bool
    matched: tuple[str, ...]
    """In words: "category construction", "role owner", "region edina"."""


@dataclass(frozen=True, slots=True)
class FitShare:
    """Fit of a set of people: how many fit, and the mean score."""

    people: int
    fitting: int
    mean: float

    @property
    def share(self) -> float:
        return self.fitting / self.people if self.people else 0.0

    def describe(self, who: str) -> str:
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


def fit_of(market: TargetMarket, person: Profile) -> Fit:
    """A person's fit: the weights of the matching criteria over those the market names.

    Company sizes are not recorded for people, so they do not count. A market
    that names nothing fits nobody (score 0), so an empty profile never flatters.
    """
    named = {
        "category": market.categories,
        "role": market.roles,
        "region": market.regions,
        "keyword": market.keywords,
    }
    fields = {
        "category": person.category,
        "role": person.title,
        "region": person.location,
        "keyword": " ".join(filter(None, (person.text, person.title))),
    }
    total = sum(WEIGHTS[name] for name, values in named.items() if values)
    if total == 0:
        return Fit(0.0, False, ())
    matched: list[str] = []
    score = 0.0
    for name, values in named.items():
        if not values:
            continue
        if name == "category":
            category = (person.category or "").lower()
            hit = category if category in values else None
        else:
            hit = _first(values, fields[name])
        if hit:
            score += WEIGHTS[name]
            matched.append(f"{name} {hit}")
    score = round(score / total, 4)
    return Fit(score, score >= FITS_FROM, tuple(matched))


def share_of(fits: Iterable[Fit]) -> FitShare:
    """How many of these people fit, and their mean score."""
    scores = [(f.score, f.fits) for f in fits]
    if not scores:
        return FitShare(0, 0, 0.0)
    return FitShare(
        len(scores),
        sum(1 for _, fits in scores if fits),
        round(sum(s for s, _ in scores) / len(scores), 4),
    )


__all__ = ["FITS_FROM", "WEIGHTS", "Fit", "FitShare", "Profile", "fit_of", "share_of"]
