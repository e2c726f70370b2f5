"""The probable-duplicate scorer: who may be one person, how sure, and why."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from netweave.domain import Person
from netweave.domain.duplicates import DuplicatePair, candidate_pairs, find_duplicates
from netweave.domain.match_features import company_key, features, phone_digits

_ids = itertools.count(1)


def person(name: str, **fields: Any) -> Person:
    return Person(id=fields.pop("id", None) or next(_ids), name=name, **fields)


def pair(a: Person, b: Person, **options: Any) -> DuplicatePair | None:
    """The one pair found among ``a`` and ``b``, or None."""
    found = find_duplicates([a, b], min_score=options.pop("min_score", 0.0), **options)
    assert len(found) <= 1
    return found[0] if found else None


def score(a: Person, b: Person) -> float:
    found = pair(a, b)
    return found.score if found else 0.0


def test_a_nickname_at_the_same_company_is_a_likely_duplicate() -> None:
    bob = person("Bob Smith", company="Acme Inc.")
    robert = person("Robert Smith", company="ACME")
    found = pair(bob, robert)
    assert found is not None
    assert found.score >= 0.85
    assert found.reasons == (
        "same name key 'robert smith' (Bob is a nickname of Robert)",
        "same company Acme Inc.",
    )
    assert (found.first_id, found.second_id) == (bob.id, robert.id)
    assert found.shared_key is None


def test_accents_case_and_order_do_not_matter() -> None:
    plain = person("Jose Muller")
    accented = person("JOSÉ MÜLLER")
    comma = person("Müller, José")
    assert score(plain, accented) == score(plain, comma) == score(accented, comma)
    found = pair(plain, comma)
    assert found is not None
    assert found.reasons[0] == "same name key 'jose muller'"
    # A name alone: even odds, shown at the default threshold of 0.5.
    assert found.score == 0.5
    assert find_duplicates([plain, comma]) == [found]


def test_smith_comma_bob_is_bob_smith() -> None:
    found = pair(person("Smith, Bob", company="Acme"), person("Robert Smith", company="Acme"))
    assert found is not None
    assert found.reasons[0] == "same name key 'robert smith' (Bob is a nickname of Robert)"


def test_the_same_company_raises_and_a_different_one_lowers_the_score() -> None:
    base = person("Ann Lee")
    same = score(person("Ann Lee", company="Acme"), person("Ann Lee", company="Acme LLC"))
    other = pair(person("Ann Lee", company="Acme"), person("Ann Lee", company="Globex"))
    assert other is not None
    assert same > score(base, person("Ann Lee")) > other.score
    assert "different companies: Acme and Globex" in other.reasons
    assert other.score < 0.5


def test_a_shared_given_name_alone_pairs_no_one() -> None:
    people = [
        person("John Smith", company="Acme"),
        person("John Brown", company="Acme"),
        person("John Miller"),
        person("Maria Garcia", company="Acme"),
        person("Maria Lopez"),
    ]
    assert find_duplicates(people) == []
    # Even with every score shown, the colleagues called John are judged two people.
    ids = {people[0].id, people[1].id}
    johns = [p for p in find_duplicates(people, min_score=0.0) if {p.first_id, p.second_id} == ids]
    assert all(p.score < 0.2 for p in johns)


def test_different_given_names_in_one_family_are_two_people() -> None:
    office = {"company": "Lee & Lee", "phones": ["+1 612 555 0100"]}
    found = pair(person("Ann Lee", **office), person("Bob Lee", **office))
    # Partners sharing an office line: not even compared, a phone blocks only one given name.
    assert found is None
    spouses = pair(person("Ann Lee", **office), person("Bob Lee", company="Lee & Lee", id=900))
    assert spouses is None
    both = pair(person("Anne Lee", company="Acme"), person("Anna Lee", company="Acme"))
    assert both is not None
    assert both.score < 0.7


def test_the_same_phone_in_two_forms_is_a_shared_key() -> None:
    found = pair(
        person("Ann Lee", phones=["+1 612 555 0100"]),
        person("Ann Lee-Park", phones=["(612) 555-0100"]),
        region="US",
    )
    assert found is not None
    assert found.shared_key == "phone:+16125550100"
    assert found.reasons[0] == "same phone digits"
    assert found.reasons[1:] == ("different family names 'Lee' and 'Park'",)


def test_initials_typos_and_middle_names_are_probable() -> None:
    full = person("John Smith", company="Acme")
    for other, reason in [
        ("J. Smith", "'J.' may be the initial of 'John'"),
        ("Jon Smith", "same family name; 'John' and 'Jon' differ by one letter"),
        ("John Smyth", "same given name; 'Smith' and 'Smyth' differ by one letter"),
        ("John Q. Smith", "same name apart from a middle name"),
    ]:
        found = pair(full, person(other, company="Acme"))
        assert found is not None, other
        assert reason in found.reasons, (other, found.reasons)
        assert 0.5 <= found.score < 0.95, (other, found.score)


def test_shared_identity_keys_come_first_whatever_the_score() -> None:
    people = [
        person("Ann Lee", company="Acme"),
        person("Ann Lee", company="Acme"),
        person("Dana Kim", linkedin="dana-kim-42"),
        person("Dana Kimura", linkedin="https://www.linkedin.com/in/dana-kim-42/"),
    ]
    found = find_duplicates(people)
    assert [(p.first_id, p.second_id) for p in found] == [
        (people[2].id, people[3].id),
        (people[0].id, people[1].id),
    ]
    assert found[0].shared_key == "linkedin:dana-kim-42"
    assert "same LinkedIn profile 'dana-kim-42'" in found[0].reasons


def test_pairs_said_to_be_distinct_never_show() -> None:
    a, b = person("Ann Lee", company="Acme"), person("Ann Lee", company="Acme")
    assert find_duplicates([a, b])
    assert a.id is not None
    assert b.id is not None
    assert find_duplicates([a, b], distinct=[(b.id, a.id)]) == []


def test_an_email_local_part_that_is_not_the_name_is_evidence() -> None:
    ann = person("Ann Lee", emails=["annie77@gmail.com"])
    ann_work = person("Ann Lee", emails=["annie77@acme.example"])
    found = pair(ann, ann_work)
    assert found is not None
    assert "same email local part 'annie77'" in found.reasons
    named = pair(
        person("Ann Lee", emails=["ann.lee@a.example"]),
        person("Ann Lee", emails=["ann.lee@b.example"]),
    )
    assert named is not None
    assert not any("local part" in r for r in named.reasons)


def test_a_common_name_is_weaker_evidence() -> None:
    twins = [person("Sam Park", company="Acme"), person("Sam Park", company="Acme")]
    many = [*twins, *(person("Sam Park") for _ in range(4))]
    alone = pair(*twins)
    assert alone is not None
    [crowded] = [
        p
        for p in find_duplicates(many, min_score=0.0)
        if {p.first_id, p.second_id} == {twins[0].id, twins[1].id}
    ]
    assert crowded.score < alone.score
    assert "6 people here are called 'samuel park'" in crowded.reasons


def test_blocking_never_compares_people_who_share_nothing() -> None:
    people = [person(f"Person{i} Family{i}", company=f"Company {i}") for i in range(300)]
    found = [f for f in map(features, people) if f is not None]
    assert candidate_pairs(found) == set()


def test_a_nameless_person_is_skipped() -> None:
    assert features(person("123")) is None
    assert find_duplicates([person("123"), person("123")]) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Acme, Inc.", "acme"),
        ("The ACME Corporation", "acme"),
        ("Müller GmbH", "muller"),
        (None, ""),
    ],
)
def test_company_keys(raw: str | None, expected: str) -> None:
    assert company_key(raw) == expected


def test_phone_digits_ignore_form_and_extension() -> None:
    assert phone_digits("+1 (612) 555-0100 ext. 12") == phone_digits("612.555.0100") == "6125550100"
