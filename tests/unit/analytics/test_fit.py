"""Target-market fit on hand-built people and markets."""

from __future__ import annotations

import pytest

from netweave.analytics.fit import Fit, Profile, fit_of, share_of
from netweave.domain.workspace import TargetMarket

MARKET = TargetMarket(
    categories=["construction", "dentistry"],
    roles=["owner", "founder"],
    regions=["edina", "st. paul"],
    keywords=["growth"],
)


def test_a_person_who_matches_everything_scores_one() -> None:
    found = fit_of(
        MARKET,
        Profile("construction", "Practice Owner", "St. Paul, MN", "Growth Builders"),
    )
    assert found == Fit(
        1.0,
        True,
        ("category construction", "role owner", "region st. paul", "keyword growth"),
        ("construction", "an owner", "in St. Paul, MN", "'growth'"),
    )


def test_category_and_region_fit_role_alone_does_not() -> None:
    # 0.4 + 0.25 of 1.0
    assert fit_of(MARKET, Profile("dentistry", "Hygienist", "Edina")).score == pytest.approx(0.65)
    alone = fit_of(MARKET, Profile("banking", "Owner", "Bloomington"))
    assert alone.score == pytest.approx(0.25)
    assert not alone.fits


def test_words_match_whole_words_only() -> None:
    # "owner" is not in "co-ownership"'s letters as a word; "Edinburgh" is not Edina.
    found = fit_of(MARKET, Profile(None, "Co-ownerships manager", "Edinburgh", "growths"))
    assert found.score == 0
    assert found.matched == ()


def test_only_the_criteria_the_market_names_count() -> None:
    regions_only = TargetMarket(regions=["edina"])
    assert fit_of(regions_only, Profile(location="Edina")).fits
    assert fit_of(TargetMarket(), Profile("construction", "Owner", "Edina")) == Fit(0.0, False, ())


def test_share_of_people_and_empty_sets() -> None:
    fits = [fit_of(MARKET, Profile("construction")), fit_of(MARKET, Profile("dentistry", "Owner"))]
    found = share_of(fits)
    assert (found.people, found.fitting) == (2, 1)
    assert found.mean == pytest.approx((0.4 + 0.65) / 2)
    assert found.share == 0.5
    assert "1 of 2 members fit" in found.describe("members")
    empty = share_of([])
    assert empty.share == 0.0
    assert empty.describe("attendees") == "no attendees to judge fit by"


def test_fit_starts_exactly_at_one_half() -> None:
    market = TargetMarket(
        categories=["construction"], roles=["owner"], regions=["edina"], keywords=["remodel"]
    )
    # Category 0.4 + keyword 0.1 = 0.5 of the weight: exactly the threshold, so it fits.
    half = fit_of(market, Profile("construction", company="Remodel Pros"))
    assert (half.score, half.fits) == (0.5, True)
    # Role 0.25 + keyword 0.1 = 0.35 does not; an empty profile fits nothing.
    under = fit_of(market, Profile(title="Owner", company="Remodel Pros"))
    assert (under.score, under.fits) == (0.35, False)
    assert fit_of(market, Profile()) == Fit(0.0, False, ())
