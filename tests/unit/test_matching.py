"""Identity matching rules (domain/matching.py), on hand-made indexes."""

from __future__ import annotations

from netweave.domain import PersonDraft, build
from netweave.domain.matching import PersonIndex, combine, keys_of, offered_fields


def _index(*people: tuple[int, str, str | None, tuple[str, ...]]) -> PersonIndex:
    index = PersonIndex()
    for person_id, name, company, keys in people:
        index.add(person_id, name, company, keys)
    return index


def test_keys_are_tried_in_order_and_phones_are_read_as_numbers() -> None:
    keys = keys_of(
        emails=["Ann@X.org"], phones=["(312) 555-0100"], linkedin="ann-lee", external=["v:1"]
    )
    assert keys == ("id:v:1", "email:ann@x.org", "linkedin:ann-lee", "phone:+13125550100")
    assert keys_of(phones=["+1 312 555 0100"]) == ("phone:+13125550100",)


def test_an_email_decides_and_other_keys_are_reported() -> None:
    index = _index(
        (1, "Ann Lee", "Acme", ("email:ann@x.org",)), (2, "Bo Chen", None, ("linkedin:bo",))
    )
    found = index.find(("email:ann@x.org", "linkedin:bo"), "Ann Lee", None)
    assert (found.person_id, found.how) == (1, "same email ann@x.org")
    assert found.others == {2: "LinkedIn profile bo"}


def test_a_shared_phone_joins_only_people_whose_names_agree() -> None:
    index = _index((1, "Robert Smith", "Acme", ("phone:+13125550100",)))
    assert index.find(("phone:+13125550100",), "Bob Smith", None).person_id == 1
    office = index.find(("phone:+13125550100",), "Ann Lee", "Acme")
    assert office.person_id is None
    assert office.others == {1: "phone +13125550100 (a shared line?)"}
    # Once Ann is known by that line too, she is found again (a re-import changes nothing).
    index.add(-1, "Ann Lee", "Acme", ("phone:+13125550100",))
    assert index.find(("phone:+13125550100",), "Ann Lee", None).person_id == -1
    assert index.find(("phone:+13125550100",), "Bob Smith", None).person_id == 1


def test_a_contact_without_keys_is_found_by_a_unique_name() -> None:
    index = _index(
        (1, "José Núñez", "Acme", ()), (2, "Ann Lee", None, ()), (3, "Ann Lee", "Beta", ())
    )
    assert index.find((), "jose nunez", None).person_id == 1
    assert index.find((), "José Núñez", "Acme").person_id == 1
    assert index.find((), "José Núñez", "Other Co").person_id is None
    assert index.find((), "Ann Lee", None).ambiguous == (2, 3)
    # With a company, only people with that company or none are candidates.
    assert index.find((), "Ann Lee", "Gamma").person_id == 2
    assert index.find(("email:new@x.org",), "José Núñez", None).person_id is None


def test_combine_fills_adds_and_reports_but_never_overwrites() -> None:
    kept = build(
        PersonDraft,
        {
            "name": "Ann Lee",
            "company": "Acme",
            "phones": ["+1 312 555 0100"],
            "notes": "Met at BNI",
        },
    )
    offered = build(
        PersonDraft,
        {
            "name": "ANN  LEE",
            "company": "Acme Corp",
            "title": "CFO",
            "phones": ["(312) 555-0100", "312 555 0199"],
            "emails": ["ann@x.org"],
            "notes": "met at bni",
        },
    )
    combined = combine(kept, offered_fields(offered), region="US")
    assert combined.changes == {
        "title": "CFO",
        "emails": ["ann@x.org"],
        "phones": ["+1 312 555 0100", "312 555 0199"],
    }
    assert [str(c) for c in combined.conflicts] == [
        "company: kept 'Acme', the file says 'Acme Corp'"
    ]
    assert combined.filled == ("title", "email:ann@x.org", "phone:312 555 0199")
