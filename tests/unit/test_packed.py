"""A waiting record kept packed (domain/packed.py) comes back equal, nested records too."""

from __future__ import annotations

from netweave.domain import PersonDraft, PostalAddress, build
from netweave.domain.matching import COMPARED_FIELDS, LIST_FIELDS, offered_fields, sourced_fields
from netweave.domain.packed import held_values, packed, packed_fields, unpacked
from netweave.storage import tables as t
from netweave.storage.rows import field_row_values, packed_row_values, row_values


def _person(street: str, **more: object) -> PersonDraft:
    return build(
        PersonDraft,
        {
            "name": "Ann Example",
            "emails": ["ann@example.com"],
            "address": {"street": street, "locality": "Chicago", "country": "USA"},
            **more,
        },
    )


def test_a_packed_person_comes_back_equal_with_its_address() -> None:
    for person in (
        _person("1 Main St"),
        _person("2 Main St", company="Example Ltd", tags=["client"]),
        build(PersonDraft, {"name": "Bo"}),
    ):
        back = unpacked(PersonDraft, packed(person))
        assert back == person
        assert back.model_dump() == person.model_dump()
        assert back.model_fields_set == person.model_fields_set
        if person.address is not None:
            assert isinstance(back.address, PostalAddress)
            assert back.address == person.address
            assert back.address.model_fields_set == person.address.model_fields_set


def test_a_packed_address_is_no_record_of_its_own() -> None:
    """The address waits as values (no dictionary and set per person), its field names
    shared by every address that sets the same fields."""
    first, second = packed(_person("1 Main St")), packed(_person("2 Main St"))
    at = first[0].index("address")
    one, two = first[1][at], second[1][at]
    assert not isinstance(one, PostalAddress)
    assert one[0] is PostalAddress
    assert one[1] is two[1]  # the names of the fields it sets
    assert one[3] is two[3]  # the set of fields given
    # Each unpacked person has its own lists (a default list is never shared).
    a, b = unpacked(PersonDraft, first), unpacked(PersonDraft, second)
    assert a.tags is not b.tags


def test_a_person_changed_after_validation_comes_back_equal() -> None:
    """Packing reads the fields set only: a field changed since (``model_copy``) is one."""
    person = _person("1 Main St").model_copy(update={"emails": [], "title": "CEO"})
    back = unpacked(PersonDraft, packed(person))
    assert back == person
    assert back.title == "CEO"
    assert back.emails == []


def test_the_fields_of_a_packed_person_are_those_of_the_person() -> None:
    """A new person is written from its packed values (``packed_fields``), never unpacked:
    the values, the row written and the fields offered are those of the record."""
    for person in (
        _person("1 Main St"),
        _person("2 Main St", company="Example Ltd", tags=["client", "vip"], title="CEO"),
        build(PersonDraft, {"name": "Bo", "met_on": "2024-03-05", "admired": True}),
        build(PersonDraft, {"name": "Cy", "category": "Client", "urls": ["example.com"]}),
    ):
        fields = packed_fields(PersonDraft, packed(person))
        assert fields == person.__dict__
        assert field_row_values(PersonDraft, fields, t.person) == row_values(person, t.person)
        row = packed_row_values(PersonDraft, packed(person), t.person, ("created_at",))
        assert row == row_values(person, t.person, ("created_at",))
        assert offered_fields(fields) == offered_fields(person)
        names = sourced_fields(offered_fields(held_values(packed(person))))
        assert names == sourced_fields(offered_fields(person))


def test_the_fields_offered_are_empty_by_default() -> None:
    """A packed record's values give the fields it offers (``held_values``) because every
    field offered is empty unless set."""
    for name in (*COMPARED_FIELDS, *LIST_FIELDS):
        default = PersonDraft.model_fields[name].get_default(call_default_factory=True)
        assert name == "name" or default in (None, []), name
