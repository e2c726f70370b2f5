"""The one target-market fit rule, on a table of plain cases.

Every reader of fit must agree on each case: the score (``fit_of``), the plan's
*discover* targets, and the share of a group's members or an event's attendees
(``share_of``). tests/integration/test_fit_everywhere.py runs the same table
through the services on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from netweave.analytics.fit import Profile, fit_of, share_of
from netweave.domain import Person, TargetMarket
from netweave.domain.plan import TargetKind
from netweave.planning.plans import Context, plan_targets

RESTAURANTS = TargetMarket(categories=["restaurant"], roles=["owner"], regions=["edina"])
KEYWORD = TargetMarket(keywords=["restaurant"])


@dataclass(frozen=True)
class Case:
    name: str
    market: TargetMarket
    person: dict[str, Any]
    fits: bool
    words: tuple[str, ...] = field(default=())
    """What the plan says makes them fit."""


CASES = [
    Case(
        "a restaurant owner in the region",
        RESTAURANTS,
        {"category": "restaurant", "title": "Owner", "location": "Edina, MN"},
        True,
        ("restaurant", "an owner", "in Edina, MN"),
    ),
    Case(
        "a restaurant in the region, no title on record",
        RESTAURANTS,
        {"category": "restaurant", "location": "Edina"},
        True,
        ("restaurant", "in Edina"),
    ),
    Case(
        "a restaurant owner outside the region",
        RESTAURANTS,
        {"category": "restaurant", "title": "Owner", "location": "Duluth"},
        True,
        ("restaurant", "an owner"),
    ),
    Case(
        "a restaurant outside the region, no title: the category alone is not enough",
        RESTAURANTS,
        {"category": "restaurant", "location": "Duluth"},
        False,
    ),
    Case(
        "a CPA who owns a firm in the region is no restaurant",
        RESTAURANTS,
        {"category": "accounting", "title": "Owner", "location": "Edina"},
        False,
    ),
    Case(
        "an owner in the region with no category on record",
        RESTAURANTS,
        {"title": "Owner", "location": "Edina"},
        False,
    ),
    Case(
        "Edinburgh is not Edina",
        RESTAURANTS,
        {"category": "restaurant", "location": "Edinburgh"},
        False,
    ),
    Case(
        "what they are looking for describes their clients, not them",
        KEYWORD,
        {"title": "Bookkeeper", "looking_for": "restaurant owners"},
        False,
    ),
    Case(
        "what they offer describes their clients as often as them",
        KEYWORD,
        {"title": "Bookkeeper", "offers": "bookkeeping for restaurant owners"},
        False,
    ),
    Case(
        "my notes are not who they are",
        KEYWORD,
        {"title": "Bookkeeper", "notes": "wants restaurant clients"},
        False,
    ),
    Case(
        "a keyword in the company name",
        KEYWORD,
        {"company": "Luigi's Restaurant"},
        True,
        ("'restaurant'",),
    ),
    Case("an empty market fits nobody", TargetMarket(), {"category": "restaurant"}, False),
]
IDS = [case.name for case in CASES]


def person_of(case: Case, pid: int = 1) -> Person:
    return Person.model_validate({"id": pid, "name": "Pat Case", **case.person})


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_score_says_whether_they_fit(case: Case) -> None:
    found = fit_of(case.market, Profile.of(person_of(case)))
    assert found.fits is case.fits
    if case.fits:
        assert found.reasons == case.words


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_plan_discovers_exactly_those_who_fit(case: Case) -> None:
    chosen = plan_targets([person_of(case)], {}, Context(market=case.market))
    discovered = [s for s in chosen if s.kind is TargetKind.DISCOVER]
    assert bool(discovered) is case.fits
    if case.fits:
        assert discovered[0].reason == (
            f"new to you: fits your target market ({', '.join(case.words)})"
        )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_group_or_an_event_of_them_counts_them_by_the_same_rule(case: Case) -> None:
    found = share_of([fit_of(case.market, Profile.of(person_of(case)))])
    assert (found.people, found.fitting) == (1, int(case.fits))


def test_a_person_short_of_the_category_is_told_why() -> None:
    cpa = fit_of(RESTAURANTS, Profile("accounting", "Owner", "Edina"))
    assert cpa.describe() == (
        "does not fit (56%): role owner; region edina; but accounting is not one of your categories"
    )
    unknown = fit_of(RESTAURANTS, Profile(None, "Owner", "Edina"))
    assert unknown.describe().endswith("but no business category is recorded")
