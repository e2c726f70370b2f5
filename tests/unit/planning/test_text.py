"""Free-text matching of needs to profiles."""

from __future__ import annotations

from netweave.domain import Person
from netweave.planning.text import Matcher, alike, profile, stem, words

PROFILES = {
    1: "residential real estate Realtor Lakeside Realty",
    2: "event planning Event Planner Keystone Events",
    3: "construction Owner Northstar Builders",
    4: "plumbing Owner Brooks Plumbing",
    5: "accounting CPA Metro Tax & Accounting",
    **{n: f"landscaping Owner Crew {n}" for n in range(6, 20)},
}


def test_words_drop_common_words_and_trim_endings() -> None:
    assert words("Owners who do their own books") == ["owner", "book"]
    assert stem("planners") == stem("planning") == "plann"
    assert words(None) == []


def test_similar_words_match_and_short_lookalikes_do_not() -> None:
    assert alike("realtor", "realty") >= 90
    assert alike("architect", "architectur") >= 90
    assert alike("book", "brook") < 90


def test_a_need_finds_the_profiles_that_fit_it_best_first() -> None:
    matcher = Matcher(PROFILES)
    assert [m.person_id for m in matcher.matches("realtors")] == [1]
    assert matcher.matches("event planners")[0].person_id == 2
    assert [m.person_id for m in matcher.matches("accountants")] == [5]
    assert matcher.matches("builders")[0].person_id == 3


def test_a_typo_still_matches() -> None:
    assert [m.person_id for m in Matcher(PROFILES).matches("acountants")] == [5]


def test_a_word_most_profiles_share_cannot_match_on_its_own() -> None:
    matcher = Matcher(PROFILES)
    # "owner" is in 16 of 19 profiles: it picks no one out.
    assert matcher.matches("owners over 55") == []
    assert matcher.score("owners who do their own books", 4) < 0.5


def test_the_profile_is_what_someone_is_not_what_they_sell() -> None:
    person = Person(
        id=1,
        name="Ann Lee",
        category="commercial real estate",
        title="Broker",
        company="Summit Realty",
        offers="site selection for growing firms",
        tags=["startup"],
    )
    assert "growing" not in profile(person)
    assert "startup" in profile(person)
