"""Identity keys (email, E.164 phone, LinkedIn slug) and name normalization."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.domain.identity import (
    IdentityKey,
    KeyKind,
    e164,
    e164_by_phonenumbers,
    email_key,
    fold,
    formal_given_name,
    identity_keys,
    linkedin_slug,
    name_key,
    name_similarity,
    name_tokens,
    phone_key,
)


def test_email_keys_are_lowercased_addresses() -> None:
    assert email_key("  Ann.Lee@Example.COM ") == IdentityKey(KeyKind.EMAIL, "ann.lee@example.com")
    assert email_key("mailto:ann@example.com") == IdentityKey(KeyKind.EMAIL, "ann@example.com")
    assert email_key("eve(at)example.com") is None
    assert str(email_key("ann@example.com")) == "email:ann@example.com"


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("905-555-1234", "US", "+19055551234"),
        ("(905) 555-1234", "CA", "+19055551234"),
        ("+1 (212) 555-0150", "FR", "+12125550150"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "US", "+33612345678"),
        ("0711 5550100", "DE", "+497115550100"),
        ("tel:+1-418-656-9254;ext=102", "US", "+14186569254;ext=102"),
        ("+1-418-656-9254 ext. 102", "US", "+14186569254;ext=102"),
        ("BusinessPhone", "US", None),
        ("12", "US", None),
        ("123456", "US", None),
    ],
)
def test_phones_become_e164_in_a_default_region(
    raw: str, region: str, expected: str | None
) -> None:
    assert e164(raw, region) == expected


def test_phone_key() -> None:
    assert phone_key("415 555 0100") == IdentityKey(KeyKind.PHONE, "+14155550100")
    assert phone_key("020 7946 0958", "gb") == IdentityKey(KeyKind.PHONE, "+442079460958")
    assert phone_key("not a number") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ann-lee-4b2a1c9",
        "https://www.linkedin.com/in/ann-lee-4b2a1c9/",
        "http://linkedin.com/in/Ann-Lee-4b2a1c9",
        "www.linkedin.com/in/ann-lee-4b2a1c9?trk=public_profile",
        "linkedin.com/in/ann-lee-4b2a1c9/details/experience/",
        "https://uk.linkedin.com/in/ann-lee-4b2a1c9",
        "https://www.linkedin.com/mwlite/in/ann-lee-4b2a1c9",
        "https://m.linkedin.com/in/ann-lee-4b2a1c9#about",
    ],
)
def test_linkedin_slug_from_any_url_form(url: str) -> None:
    assert linkedin_slug(url) == "ann-lee-4b2a1c9"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/company/northwind",
        "https://www.linkedin.com/feed/",
        "https://example.com/in/ann-lee",
        "https://notlinkedin.com/in/ann-lee",
        "",
    ],
)
def test_linkedin_slug_only_for_member_profiles(url: str) -> None:
    assert linkedin_slug(url) is None


def test_linkedin_slug_decodes_non_ascii() -> None:
    assert (
        linkedin_slug("https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m") == "zoë-ångström"
    )


def test_identity_keys_of_a_contact() -> None:
    keys = identity_keys(
        emails=["Ann@Example.com", "ann@example.com", "bad"],
        phones=["415-555-0100", "+1 415 555 0100", "x"],
        linkedin="https://www.linkedin.com/in/ann-lee/",
    )
    assert [str(k) for k in keys] == [
        "email:ann@example.com",
        "phone:+14155550100",
        "linkedin:ann-lee",
    ]
    assert identity_keys(linkedin="Ann-Lee") == (IdentityKey(KeyKind.LINKEDIN, "ann-lee"),)
    assert identity_keys(linkedin="https://example.com/ann") == ()


def test_names_fold_to_plain_lowercase_words() -> None:
    assert fold("  José  MÜLLER-Lüdenscheidt ") == "jose muller ludenscheidt"
    assert name_tokens("Dr. Priya Raman, PhD") == ("priya", "raman")
    assert name_tokens("Mr. John Richter James Doe Sr.") == ("john", "richter", "james", "doe")


def test_digits_stay_in_a_name() -> None:
    # Issue 13: "User1 Test" and "User2 Test" folded to one name and became one person.
    assert fold("User1 Test") == "user1 test"
    assert name_key("User1 Test") != name_key("User2 Test")
    assert name_similarity("User1 Test", "User1  test") == 1.0
    assert name_similarity("User1 Test", "User2 Test") < 1.0


@pytest.mark.parametrize(
    ("nickname", "formal"),
    [("Bob", "robert"), ("bill", "william"), ("Liz", "elizabeth"), ("Peggy", "margaret")],
)
def test_nicknames(nickname: str, formal: str) -> None:
    assert formal_given_name(nickname) == formal
    assert formal_given_name(formal) == formal


def test_name_keys_and_similarity() -> None:
    assert name_key("Bob Smith") == name_key("Robert  Smith") == "robert smith"
    assert name_similarity("Bob Smith", "Robert Smith") == 1.0
    assert name_similarity("Liz Taylor", "Dr. Elizabeth Taylor") == 1.0
    assert name_similarity("Ann Lee", "Ann Marie Lee") >= 0.9
    assert name_similarity("Smith, Bob", "Bob Smith") >= 0.9
    assert name_similarity("Jon Smyth", "John Smith") > name_similarity("Jon Smyth", "Carla Diaz")
    assert name_similarity("Ann Lee", "Carla Diaz") < 0.5
    assert name_similarity("", "Ann") == 0.0


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == name_similarity(b, a)


@pytest.mark.parametrize("region", ["US", "CA", "GB", "FR", "DE"])
def test_the_quick_north_american_reading_agrees_with_phonenumbers(region: str) -> None:
    forms = (
        "+1 {a} {b} {c}",
        "+1 ({a}) {b}-{c}",
        "+1-{a}-{b}-{c}",
        "+1{a}{b}{c}",
        "+1.{a}.{b}.{c}",
        "({a}) {b}-{c}",
        "({a}){b}{c}",
        "{a}-{b}-{c}",
        "{a}.{b}.{c}",
        "{a} {b} {c}",
        "{a}{b}{c}",
        "+1 ({a} {b} {c}",
        "({a}) {b}-{c} x12",
    )
    for a in ("312", "773", "555", "200", "099", "911"):
        for b in ("555", "201", "099"):
            for c in ("0101", "0000", "9999"):
                for form in forms:
                    text = form.format(a=a, b=b, c=c)
                    assert e164(text, region) == e164_by_phonenumbers(text, region), (text, region)
