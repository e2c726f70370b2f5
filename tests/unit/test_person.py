"""A person's validation rules: names, emails, phones, tags, introductions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from netweave.domain import Person, PersonDraft, build, change
from netweave.domain.base import trusted
from netweave.domain.person import normalize_email, normalize_phone, normalize_tag
from netweave.errors import InvalidInput


def person(**fields: Any) -> PersonDraft:
    """A stored person when ``fields`` give an id, else a draft."""
    return build(Person if "id" in fields else PersonDraft, {"name": "Ann Lee", **fields})


def test_name_is_one_line_and_stripped() -> None:
    assert person(name="  Ann \n  Lee\t").name == "Ann Lee"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person(name=name)
    assert caught.value.field == "name"


def test_blank_text_becomes_none() -> None:
    ann = person(company="   ", title=" CFO ", notes="")
    assert ann.company is None
    assert ann.title == "CFO"
    assert ann.notes is None


def test_category_keeps_its_case_single_spaced() -> None:
    assert person(category="  Real   Estate ").category == "Real Estate"
    assert person(category="").category is None


def test_emails_are_normalized_deduplicated_and_keep_their_order() -> None:
    ann = person(emails=["Ann@Example.COM", " ann.lee@work.example ", "ann@example.com", "  "])
    assert ann.emails == ["ann@example.com", "ann.lee@work.example"]
    assert ann.primary_email == "ann@example.com"
    assert person().primary_email is None


@pytest.mark.parametrize("raw", ["not-an-email", "ann@", "@example.com", "ann example.com"])
def test_invalid_emails_are_refused_naming_the_address(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person(emails=["ok@example.com", raw])
    assert caught.value.field == "emails"
    assert f"'{raw}' is not an email address" in str(caught.value)


def test_normalize_email_raises_value_error() -> None:
    assert normalize_email("  Bob@Example.org ") == "bob@example.org"
    with pytest.raises(ValueError, match="is not an email address"):
        normalize_email("bob")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("+1 415 555 0100", "+1 415 555 0100"),
        ("  (030)   1234-567 ", "(030) 1234-567"),
        ("030/123.456", "030/123.456"),
        ("+44 20 7946 0958 ext. 12", "+44 20 7946 0958 ext. 12"),
        ("555-0100 x7", "555-0100 x7"),
    ],
)
def test_phones_keep_their_shape_with_spaces_collapsed(raw: str, normalized: str) -> None:
    assert normalize_phone(raw) == normalized


@pytest.mark.parametrize("raw", ["12", "call me", "+", "++1 555", "12ab34", "1" * 41])
def test_what_is_not_a_phone_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person(phones=[raw])
    assert caught.value.field == "phones"
    assert f"'{raw}' is not a phone number" in str(caught.value)


def test_phones_are_deduplicated_in_order() -> None:
    assert person(phones=["555 0100", "555  0100", "", "555 0199"]).phones == [
        "555 0100",
        "555 0199",
    ]


def test_tags_are_lower_case_sorted_and_unique() -> None:
    assert person(tags=["VIP", " bni ", "Chamber  of Commerce", "vip", ""]).tags == [
        "bni",
        "chamber of commerce",
        "vip",
    ]


@pytest.mark.parametrize("raw", ["-leading-dash", "a" * 51, "semi;colon", "#hash"])
def test_bad_tags_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person(tags=[raw])
    assert caught.value.field == "tags"
    assert "is not a tag" in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("हिन्दी", "हिन्दी"),
        ("東京", "東京"),
        ("Café", "café"),
        # Typed decomposed (e and a combining accent), stored composed.
        ("E\u0301cole", "\u00e9cole"),
        ("İzmir", "i\u0307zmir"),
    ],
)
def test_tags_in_any_script(raw: str, tag: str) -> None:
    assert normalize_tag(raw) == tag
    assert person(tags=[raw, tag]).tags == [tag]


tag_text = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "Zs", "Pd"]) | st.sampled_from("&/+"),
    min_size=1,
    max_size=60,
)


@given(tag_text)
def test_tag_normalization_is_idempotent(raw: str) -> None:
    try:
        once = normalize_tag(raw)
    except ValueError:
        assume(False)
        return
    assert normalize_tag(once) == once
    assert once == once.strip().lower()
    assert "  " not in once


@given(st.lists(tag_text, max_size=6))
def test_a_persons_tags_normalize_to_a_fixed_point(raw: list[str]) -> None:
    try:
        first = person(tags=raw)
    except InvalidInput:
        assume(False)
        return
    assert person(tags=first.tags).tags == first.tags
    assert first.tags == sorted(set(first.tags))


def test_a_person_cannot_introduce_themself() -> None:
    with pytest.raises(InvalidInput, match="cannot be introduced by themself"):
        person(id=3, introduced_by_id=3)
    assert person(id=3, introduced_by_id=4).introduced_by_id == 4


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(InvalidInput) as caught:
        person(nick_name="Annie")
    assert caught.value.field == "nick_name"


def test_ids_are_positive() -> None:
    with pytest.raises(InvalidInput) as caught:
        person(id=0)
    assert caught.value.field == "id"


def test_label_shows_name_id_and_company_or_email() -> None:
    assert person().label() == "Ann Lee"
    assert person(id=4).label() == "Ann Lee #4"
    assert person(id=4, emails=["ann@example.com"]).label() == "Ann Lee #4 (ann@example.com)"
    assert person(id=4, company="Acme", emails=["a@b.example"]).label() == "Ann Lee #4 (Acme)"


def test_change_validates_the_whole_record_again() -> None:
    ann = person(id=2, emails=["ann@example.com"])
    changed = change(ann, {"emails": ["ANN@example.com", "lee@example.com"], "company": "Acme"})
    assert changed.emails == ["ann@example.com", "lee@example.com"]
    assert changed.company == "Acme"
    assert ann.company is None
    with pytest.raises(InvalidInput, match="emails"):
        change(ann, {"emails": ["nope"]})
    with pytest.raises(InvalidInput, match="themself"):
        change(ann, {"introduced_by_id": 2})


def test_change_refuses_to_change_a_records_id() -> None:
    ann = person(id=2)
    with pytest.raises(InvalidInput) as caught:
        change(ann, {"id": 3})
    assert caught.value.field == "id"
    assert change(ann, {"id": 2, "name": "Ann Ray"}).name == "Ann Ray"


def test_linkedin_is_kept_as_the_profile_slug() -> None:
    assert person(linkedin="https://www.linkedin.com/in/Ann-Lee-42/").linkedin == "ann-lee-42"
    assert person(linkedin="ann-lee-42").linkedin == "ann-lee-42"
    with pytest.raises(InvalidInput) as caught:
        person(linkedin="https://www.linkedin.com/company/acme")
    assert caught.value.field == "linkedin"


@pytest.mark.parametrize("birthday", ["1980-02-29", "--02-29", "2001-12-31"])
def test_birthdays_may_lack_the_year(birthday: str) -> None:
    assert person(birthday=birthday).birthday == birthday


@pytest.mark.parametrize("birthday", ["1981-02-29", "--13-01", "22 March", "1980-3-2"])
def test_impossible_birthdays_are_refused(birthday: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        person(birthday=birthday)
    assert caught.value.field == "birthday"


def test_urls_get_a_scheme_and_are_not_repeated() -> None:
    found = person(urls=["example.com/ann", "https://example.com/ann", " "])
    assert found.urls == ["https://example.com/ann"]
    with pytest.raises(InvalidInput):
        person(urls=["not a url"])


@pytest.mark.parametrize(
    "address",
    [
        "a@example.com",
        "A.B@Example.COM",
        "a+tag@x.io",
        "o'brien@shop.co.uk",
        "a..b@x.com",
        ".a@x.com",
        "a.@x.com",
        "a@x",
        "a@x.test",
        "a@sub.x.local",
        "a@-x.com",
        "a@x-.com",
        "a@1.2.3.4",
        "a@x.c0m",
        "x" * 65 + "@x.com",
        "a@" + "b" * 64 + ".com",
        "jürgen@café.example",
        '"quoted"@x.com',
    ],
)
def test_the_quick_email_check_agrees_with_email_validator(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        found: str | None = normalize_email(address)
    except ValueError:
        found = None
    assert found == (expected.lower() if expected else None)


def test_a_trusted_person_is_what_model_construct_gives() -> None:
    checked = Person(id=1, name="Ann Lee", emails=["ann@example.com"], tags=["golf"], admired=True)
    values = dict(checked.__dict__)
    fast = trusted(Person, dict(values))
    slow = Person.model_construct(None, **values)
    assert fast == slow == checked
    assert fast.model_dump() == slow.model_dump()
    assert repr(fast) == repr(slow)
    assert fast.model_fields_set == slow.model_fields_set
    # Edits still validate, as on any Person.
    with pytest.raises(ValidationError):
        fast.emails = ["not an address"]


def test_trusted_values_that_lack_a_field_get_its_default() -> None:
    made = trusted(PersonDraft, {"name": "Ann Lee", "company": "Acme"})
    assert made == PersonDraft(name="Ann Lee", company="Acme")
    assert made.tags == []
