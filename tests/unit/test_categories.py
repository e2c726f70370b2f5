"""Business categories keep their case and compare ignoring it, through one function
(issue 12, "Words"): the domain's key, then every rule that compares categories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netweave.analytics.conflicts import conflicts_among, conflicts_of, lead_of
from netweave.analytics.fit import Profile, fit_of
from netweave.domain import Person, PersonDraft, Referral, ReferralDraft
from netweave.domain.categories import category_key, clean_category, same_category
from netweave.domain.workspace import TargetMarket
from netweave.planning.introductions import suggest_introductions
from netweave.planning.referrals import Known, Lead, suggest_referrals

DAY0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Managed IT", "managed it"),
        ("  managed   it ", "managed it"),
        ("MANAGED\tIT", "managed it"),
        ("Straße", "strasse"),  # case folded, not only lowered
        ("ÄRZTE", "ärzte"),  # accents are kept: only the case goes
        ("", ""),
        (None, ""),
    ],
)
def test_the_key_folds_case_and_collapses_spaces(typed: str | None, key: str) -> None:
    assert category_key(typed) == key


def test_a_category_is_kept_as_typed_spaces_collapsed() -> None:
    assert clean_category("  Managed   IT ") == "Managed IT"
    assert clean_category("   ") is None
    assert PersonDraft(name="Dana Wu", category=" Managed  IT").category == "Managed IT"
    referral = ReferralDraft(giver_id=1, receiver_id=2, prospect_name="Zed", category="Tax  Law",
                        given_at=DAY0)  # fmt: skip
    assert referral.category == "Tax Law"


def test_two_categories_are_one_when_their_keys_are() -> None:
    assert same_category("Tax Law", "tax  law")
    assert not same_category("Tax Law", "law")
    assert not same_category(None, None)  # no category is no line of business
    assert not same_category("", " ")


def _ref(ref_id: int | None, receiver: int, category: str, day: int = 0) -> ReferralDraft:
    draft = ReferralDraft(
        giver_id=1, receiver_id=receiver, prospect_name="Acme Corp",
        category=category, given_at=DAY0 + timedelta(days=day),
    )  # fmt: skip
    return draft if ref_id is None else Referral(id=ref_id, **draft.model_dump())


def test_a_lead_in_tax_law_then_in_tax_law_lowercase_is_one_lead() -> None:
    first = _ref(1, 2, "Tax Law")
    again = _ref(2, 3, "tax law", day=1)
    assert lead_of(first) == lead_of(again) == (1, "tax law")
    assert conflicts_of(_ref(None, 3, "TAX LAW"), [first]) == [first]
    [found] = conflicts_among([first, again])
    assert (found.earlier.id, found.later.id) == (1, 2)
    assert conflicts_of(_ref(None, 3, "Law"), [first]) == []


def _known(pid: int, name: str, category: str, title: str, **more: object) -> Known:
    fields = {k: more.pop(k) for k in ("looking_for",) if k in more}
    person = Person(id=pid, name=name, category=category, title=title, **fields)
    return Known(person=person, **{"strength": 2.0, "layer": "active", **more})


def test_referral_ideas_see_competitors_and_passed_leads_in_any_case() -> None:
    people = {
        k.id: k
        for k in [
            _known(1, "Jordan Avery", "Financial Consulting", "Fractional CFO"),
            _known(2, "Ana Ruiz", "Mortgage", "Loan Officer", looking_for="realtors"),
            _known(3, "Ben Cole", "mortgage", "Mortgage Broker", looking_for="mortgage brokers"),
            _known(4, "Cy Dunn", "Residential Real Estate", "Realtor"),
        ]
    }
    ideas = {(i.prospect_id, i.receiver_id) for i in suggest_referrals(1, people, [])}
    # Ben wants mortgage brokers, but Ana is one of his line ("Mortgage" = "mortgage").
    assert (2, 3) not in ideas
    assert (4, 2) in ideas
    # Cy was passed to someone in "MORTGAGE" already: not again to Ana ("Mortgage").
    passed = [Lead(receiver_id=9, category="MORTGAGE", prospect_id=4)]
    assert (4, 2) not in {
        (i.prospect_id, i.receiver_id) for i in suggest_referrals(1, people, passed)
    }


def test_no_introduction_between_one_line_of_business_in_two_cases() -> None:
    people = {
        k.id: k
        for k in [
            _known(1, "Jordan Avery", "Financial Consulting", "Fractional CFO"),
            _known(2, "Ed Fox", "Catering", "Chef", looking_for="caterers"),
            _known(3, "Flo Gale", "catering", "Caterer", looking_for="chefs"),
        ]
    }
    assert suggest_introductions(1, people, {}) == []


def test_a_market_category_fits_a_category_typed_in_another_case() -> None:
    market = TargetMarket(categories=["managed it"], roles=["owner"])
    found = fit_of(market, Profile("Managed IT", "Owner"))
    assert (found.score, found.fits, found.matched) == (
        1.0,
        True,
        ("category managed it", "role owner"),
    )
    # Short of the category gate, the category is named as typed: 0.25 / 0.65 < 0.5 here,
    # so a market with a region too: role 0.25 + region 0.25 of 0.9 = 0.56 reaches it.
    market = TargetMarket(categories=["managed it"], roles=["owner"], regions=["edina"])
    short = fit_of(market, Profile("Tax Law", "Owner", "Edina"))
    assert (short.fits, short.short_of) == (False, "but Tax Law is not one of your categories")
