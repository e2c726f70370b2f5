"""Free-text matching of needs to profiles: whole words and the business vocabulary."""

from __future__ import annotations

import pytest

from netweave.domain import Person
from netweave.planning.text import Matcher, profile
from netweave.planning.vocabulary import CATEGORIES, categories_in, correct, singular, terms

PROFILES = {
    1: "residential real estate; Realtor; Lakeside Realty",
    2: "event planning; Event Planner; Keystone Events",
    3: "construction; Owner; Northstar Builders",
    4: "plumbing; Owner; Brooks Plumbing",
    5: "accounting; CPA; Metro Tax & Accounting",
    **{n: f"landscaping; Owner; Crew {n}" for n in range(6, 20)},
}

# One profile for each trap and each synonym: (need, profile, matches?)
CASES = [
    # Lines of business by their other names, singular or plural.
    ("contractors", "construction; Owner; Granite Builders LLC", True),
    ("general contractors", "construction; Estimator; Summit Builders Group", True),
    ("a general contractor", "Builder; Harbor Homes", True),
    ("builders", "construction; President; Harbor Builders LLC", True),
    ("accountant", "CPA; Metro Tax Services", True),
    ("CPAs", "accounting; Bookkeeper; Schmidt & Co.", True),
    ("bookkeeping help", "accounting; Partner; Schmidt Tax & Accounting", True),
    ("accountants", "Bookkeeper", True),
    ("lawyer", "business law; Attorney; Ironwood Law Group", True),
    ("attorneys", "Paralegal; Cedar Legal", True),
    ("law firms", "estate planning; Attorney; Estate Law", True),
    ("realtors", "residential real estate; Broker; Zhang Realty", True),
    ("IT providers", "it services; President; Pinnacle IT Solutions Group", True),
    ("financial planners", "financial planning; CFP", True),
    ("coaches", "business coaching; Business Coach", True),
    ("agencies for marketing", "marketing; Founder; Eriksson Marketing", True),
    ("marketing agencies", "marketing; Account Director; Northstar Marketing", True),
    ("startups", "Owner; Crew 1; startup", True),
    ("acountants", "accounting; CPA", True),  # a typo
    # Fragments are not words.
    ("offices", "banking; Loan Officer; Community Bank", False),
    ("offices that just lost their IT person", "mortgage; Loan Officer; Home Lending", False),
    ("associations", "logistics; Owner; Northstar Logistics & Associates", False),
    ("accountants", "it services; Account Manager; Maple IT Solutions", False),
    ("building owners", "construction; Owner; Granite Builders LLC", False),
    ("realtors", "commercial real estate; Broker; Lakeside Commercial Realty", False),
    ("marketing directors", "logistics; Operations Director; Northstar Logistics", False),
    ("office managers", "banking; Loan Officer; Ito Community Bank", False),
    ("lawyers", "Lawson Printing; Owner", False),
    ("it", "it services; Owner", False),
    ("rental properties", "dentistry; Dentist; Granite Dental", False),  # no typo: r is not d
    ("office space", "Officer", False),
    ("builders", "Building Supplies; Owner", False),
]


@pytest.mark.parametrize(("need", "text", "fits"), CASES)
def test_a_need_matches_whole_words_and_named_lines_of_business(
    need: str, text: str, fits: bool
) -> None:
    matcher = Matcher({1: text, **{n: f"landscaping; Crew Lead; Crew {n}" for n in range(2, 12)}})
    assert bool(matcher.matches(need, among=frozenset([1]))) is fits


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("agencies", "agency"),
        ("coaches", "coach"),
        ("businesses", "business"),
        ("offices", "office"),
        ("associates", "associate"),
        ("attorneys", "attorney"),
        ("cpas", "cpa"),
        ("people", "person"),
        ("business", "business"),
        ("owner's", "owner"),
    ],
)
def test_plurals_are_made_singular(word: str, one: str) -> None:
    assert singular(word) == one


def test_a_text_names_its_lines_of_business_and_keeps_its_other_words() -> None:
    assert categories_in("CPAs and lawyers") == ["accounting", "law"]
    assert categories_in("commercial real estate brokers") == ["commercial real estate"]
    assert categories_in("real estate") == ["commercial real estate", "residential real estate"]
    assert terms("owners who do their own books") == ["owner", "book"]
    assert terms("Loan Officer") == ["category:mortgage"]
    assert terms("Northstar & Associates") == ["northstar", "associate"]
    assert terms(None) == []


def test_typos_are_read_only_as_vocabulary_words_with_the_same_start_and_no_ending() -> None:
    assert correct("acountant") == "accountant"
    assert correct("office") == "office"  # "officer" is another word, not a typo
    assert correct("rental") == "rental"  # "dental" starts otherwise
    assert terms("acountants") == ["acountant"]  # a profile is read as written
    assert terms("acountants", typos=True) == ["category:accounting"]


def test_every_category_names_itself() -> None:
    for category in CATEGORIES:
        assert category in categories_in(category), category


def test_a_need_finds_the_profiles_that_fit_it_best_first() -> None:
    matcher = Matcher(PROFILES)
    assert [m.person_id for m in matcher.matches("realtors")] == [1]
    assert matcher.matches("event planners")[0].person_id == 2
    assert [m.person_id for m in matcher.matches("accountants")] == [5]
    assert [m.person_id for m in matcher.matches("contractors")] == [3]


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
    # Fields are kept apart: a phrase never runs from one into the next.
    apart = Person(id=2, name="Bo Ek", title="Lead Web", company="Design Hub")
    assert "category:web design" not in terms(profile(apart))
