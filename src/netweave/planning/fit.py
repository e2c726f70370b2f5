"""How a person fits the target market, in words."""

from __future__ import annotations

from netweave.domain.person import Person
from netweave.domain.workspace import TargetMarket


def fit_reasons(person: Person, market: TargetMarket) -> tuple[str, ...]:
    """What makes ``person`` look like an ideal client: category, role, region, keywords."""
    found: list[str] = []
    if person.category and person.category in market.categories:
        found.append(person.category)
    title = (person.title or "").lower()
    role = next((r for r in market.roles if r and r in title), None)
    if role:
        found.append(f"a{'n' if role[0] in 'aeiou' else ''} {role}")
    place = (person.location or "").lower()
    region = next((r for r in market.regions if r and r in place), None)
    if region:
        found.append(f"in {person.location}")
    text = " ".join(filter(None, [person.offers, person.looking_for, person.notes])).lower()
    found.extend(f"'{k}'" for k in market.keywords if k and k in text)
    return tuple(found)


def fits(person: Person, market: TargetMarket) -> bool:
    """In the target market: the right category, or at least two other signs."""
    reasons = fit_reasons(person, market)
    in_category = bool(person.category and person.category in market.categories)
    return in_category or len(reasons) >= 2


__all__ = ["fit_reasons", "fits"]
