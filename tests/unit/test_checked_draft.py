"""A person built from checked values (``checked_draft``) is the one pydantic validates."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import field_validator

from netweave.domain import PersonDraft, build
from netweave.domain.base import Text, name_value, shared_fields_set, text_value
from netweave.domain.checked import _plain_texts, checked_draft, checked_values
from netweave.domain.matching import offered_fields, packed_sourced_fields, sourced_fields
from netweave.domain.packed import held_values, packed, packed_values, unpacked
from netweave.domain.person import email_list, phone_list, tag_list
from netweave.errors import InvalidInput
from netweave.importers._contact import ContactParts, finish
from netweave.importers.model import RULED, Source
from netweave.services.imports.plan import Plan, lenient, lenient_person

_AWKWARD = st.sampled_from(
    [
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\x07",
        "\x1c",
        "\x1f",
        "\x85",
        "\xa0",
        "\u2028",
        "\u3000",
        "\u200b",
        "\x7f",
        "a",
        "B",
        "é",
        ".",
        "-",
        "@",
        "/",
        ":",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=30),
    st.lists(_AWKWARD, max_size=12).map("".join),
    st.builds(
        lambda n, pad: pad + "x" * n + pad,
        st.sampled_from([199, 200, 201, 9_999, 10_000, 10_001]),
        st.sampled_from(["", " ", "\u3000"]),
    ),
)


def _pydantic(fields: dict[str, Any]) -> PersonDraft | None:
    try:
        return build(PersonDraft, fields)
    except InvalidInput:
        return None


def _checked(fields: dict[str, Any]) -> PersonDraft | None:
    try:
        return checked_draft(fields)
    except ValueError:
        return None


_FIELDS = st.fixed_dictionaries(
    {"name": _TEXT},
    optional={
        "given_name": st.one_of(st.none(), _TEXT),
        "company": _TEXT,
        "notes": _TEXT,
        "how_met": _TEXT,
        "emails": st.lists(
            st.sampled_from(
                ["ann@example.com", "ANN@Example.com ", "x", "b@test", "bø@example.com", " "]
            ),
            max_size=3,
        ),
        "phones": st.lists(
            st.sampled_from(["+1 312 555 0100", "(312) 555-0100", "12", "abc", ""]), max_size=3
        ),
        "tags": st.lists(
            st.sampled_from(["Client", "client", " x ", "-bad", "ok tag", "É"]), max_size=3
        ),
        "urls": st.lists(
            st.sampled_from(["example.com", "https://example.com", "javascript:x", " "]), max_size=3
        ),
        "linkedin": st.sampled_from(
            ["ann-lee", "https://www.linkedin.com/in/Ann-Lee/", "linkedin.fan", "x", "", " "]
        ),
        "birthday": st.sampled_from(
            ["1980-02-29", "--02-29", "1981-02-29", "0005-01-01", " 1980-01-01 ", ""]
        ),
        "met_on": st.dates(min_value=date(1, 1, 1)),
        "address": st.fixed_dictionaries({}, optional={"street": _TEXT, "country": _TEXT}),
    },
)


@settings(max_examples=400, deadline=None)
@given(_FIELDS)
def test_checked_values_make_the_person_pydantic_makes(fields: dict[str, Any]) -> None:
    made = _checked(fields)
    expected = _pydantic(fields)
    if made is None:
        return  # refused here: the import validates with pydantic, for its messages
    assert expected is not None, fields
    assert made == expected
    assert made.model_dump() == expected.model_dump()
    assert made.model_fields_set == expected.model_fields_set
    assert list(made.__dict__) == list(expected.__dict__)


@settings(max_examples=400, deadline=None)
@given(_FIELDS)
def test_a_person_packed_from_its_checked_values_is_the_record_packed(
    fields: dict[str, Any],
) -> None:
    """An import keeps a new person packed from its checked values, never making the record
    (issue 16): that is the record checked_draft (and pydantic) makes, packed."""
    try:
        values = checked_values(fields)
    except ValueError:
        assert _checked(fields) is None  # the same refusals: pydantic then reads them
        return
    made = checked_draft(fields)
    assert list(values) == list(fields)  # each field set, and only those
    assert all(made.__dict__[name] == value for name, value in values.items())
    quick = packed_values(PersonDraft, values, shared_fields_set(fields))
    assert quick == packed(made)
    assert unpacked(PersonDraft, quick) == made == build(PersonDraft, fields)


@settings(max_examples=400, deadline=None)
@given(_FIELDS, st.booleans())
def test_the_fields_a_packed_person_offers_are_read_in_place(
    fields: dict[str, Any], emails_cleared: bool
) -> None:
    """A new person's sourced fields, read from its packed values in place, are those read
    from the dictionary of its values (offered_fields, sourced_fields), in the same order."""
    person = _pydantic(fields)
    if person is None:
        return
    if emails_cleared:  # as the import leaves a person another's emails are taken from
        person = person.model_copy(update={"emails": []})
    record = packed(person)
    expected = sourced_fields(offered_fields(held_values(record)))
    assert packed_sourced_fields(record) == expected


@settings(max_examples=300, deadline=None)
@given(_FIELDS)
def test_lenient_person_gives_the_values_of_the_lenient_record(fields: dict[str, Any]) -> None:
    """Refused values or not, the values lenient_person gives are those of the record
    ``lenient`` makes (refused values left out), and it reports the same problems."""
    source = Source("f.csv", "line 2", 2)
    quick_plan, slow_plan = Plan(), Plan()
    found = lenient_person(fields, source, quick_plan)
    record = lenient(PersonDraft, fields, source, slow_plan)
    if record is None:
        assert found is None
    else:
        assert found is not None
        values, fields_set = found
        assert fields_set == record.model_fields_set
        assert unpacked(PersonDraft, packed_values(PersonDraft, values, fields_set)) == record
    assert (quick_plan.failures, quick_plan.warnings) == (slow_plan.failures, slow_plan.warnings)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_text_rules_refuse_what_pydantic_refuses(text: str) -> None:
    for rule, field in ((name_value, "name"), (text_value, "company")):
        fields = {"name": "Ann", field: text}
        try:
            kept = rule(text)
        except ValueError:
            assert _pydantic(fields) is None
            continue
        person = _pydantic(fields)
        assert person is not None
        assert getattr(person, field) == kept


_RAW_EMAILS = st.lists(
    st.sampled_from(["ann@example.com", "ANN@Example.com ", "x", "b@test", "bø@example.com", " "]),
    max_size=3,
)
_RAW_PHONES = st.lists(
    st.sampled_from(
        ["+1 312 555 0100", "(312)  555-0100", "12", "abc", "", "+44 20 7946 0000 x12"]
    ),
    max_size=3,
)
_RAW_TAGS = st.lists(
    st.sampled_from(["Client", "client", " x ", "-bad", "ok  tag", "É"]), max_size=3
)


@settings(max_examples=200, deadline=None)
@given(_RAW_EMAILS, _RAW_PHONES, _RAW_TAGS)
def test_what_a_file_reader_keeps_is_as_the_rules_give_it(
    emails: list[str], phones: list[str], tags: list[str]
) -> None:
    """``finish`` puts each value of a contact through the person's rules, leaving out those
    refused: what it keeps is what the rules give (RULED), so the draft is built from it as
    it is and equals pydantic's record of the same values."""
    parts = ContactParts(source=Source("f.csv", "line 2", 2), ref="line 2", full_name="Ann")
    for value in emails:
        parts.email(value)
    for value in phones:
        parts.phone(value)
    parts.tags.extend(tags)
    draft, _ = finish(parts)
    assert draft is not None
    assert list(draft.emails) == email_list(list(draft.emails))
    assert list(draft.phones) == phone_list(list(draft.phones))
    assert list(draft.tags) == tag_list(list(draft.tags))
    fields = draft.person_fields()
    assert checked_draft(fields, ruled=RULED) == build(PersonDraft, fields)


_RAW_TEXT = st.one_of(
    st.none(),
    _TEXT,
    st.builds(
        lambda n, end: "x" * n + end,
        st.sampled_from([9_998, 9_999, 10_000]),
        st.sampled_from([" ", "\t", "\n", " \x00 y", "\u3000z", "\r\n"]),
    ),
)


@settings(max_examples=300, deadline=None)
@given(_RAW_TEXT, _RAW_TEXT, _RAW_TEXT, _RAW_TEXT, st.lists(_RAW_TEXT, max_size=2))
def test_the_texts_a_file_reader_keeps_are_as_the_rules_give_them(
    given_name: str | None,
    family_name: str | None,
    company: str | None,
    title: str | None,
    notes: list[str | None],
) -> None:
    """The texts ``finish`` keeps (read by domain/file_text.py, cut to their length) are
    what the text rule keeps of them (RULED): the person built of them as they are is the
    one built with the rule applied again, and pydantic's."""
    parts = ContactParts(source=Source("f.csv", "line 2", 2), ref="line 2", full_name="Ann")
    parts.given_name, parts.family_name = given_name, family_name
    parts.company, parts.title, parts.location = company, title, company
    for note in notes:
        parts.note(note)
    draft, _ = finish(parts)
    assert draft is not None
    fields = draft.person_fields()
    for name in ("given_name", "family_name", "company", "title", "location", "notes"):
        if name in fields:
            assert text_value(fields[name]) == fields[name], name
    made = checked_draft(fields, ruled=RULED)
    assert made == checked_draft(fields) == build(PersonDraft, fields)


def test_a_value_it_does_not_read_goes_to_pydantic() -> None:
    for fields in (
        {"name": "Ann", "category": "Client"},
        {"name": 3},
        {"company": "X"},
        {"name": "Ann", "emails": "ann@example.com"},
    ):
        try:
            checked_draft(fields)
        except ValueError:
            continue
        raise AssertionError(fields)


def test_each_checked_person_has_its_own_lists() -> None:
    one, two = checked_draft({"name": "Ann"}), checked_draft({"name": "Bo"})
    assert one.emails is not two.emails
    assert one.tags is not two.tags
    assert one.model_fields_set is two.model_fields_set == {"name"}


def test_the_plain_text_fields_are_read_off_the_model() -> None:
    """A field typed Text is put through text_value alone, unless it has a validator of its
    own (then pydantic reads it): a field added to the model is known at once."""

    class WithMore(PersonDraft):
        motto: Text = None
        slogan: Text = None

        @field_validator("slogan")
        @classmethod
        def _slogan(cls, value: str | None) -> str | None:
            return value.upper() if value else value

    found = _plain_texts(WithMore)
    assert {"motto", "notes", "company"} <= found
    assert not {"slogan", "category", "name", "emails"} & found
