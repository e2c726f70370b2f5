"""MECARD (NTT DoCoMo's QR contact format) read into contact drafts."""

from __future__ import annotations

import pytest

from netweave.errors import InvalidInput
from netweave.importers.mecard import is_mecard, parse_mecard
from netweave.importers.model import PartialDate


def test_every_docomo_field_is_read() -> None:
    draft = parse_mecard(
        "MECARD:N:Lee,Ann;SOUND:li,an;TEL:+1 415 555 0100;TEL-AV:+1 415 555 0199;"
        "EMAIL:Ann@Example.com;NOTE:met at the expo;BDAY:19800322;"
        "ADR:,,1 Main St,Springfield,IL,62701,USA;URL:https://acme.example;"
        "NICKNAME:Annie;;"
    )
    assert draft.name == "Ann Lee"
    assert (draft.given_name, draft.family_name) == ("Ann", "Lee")
    assert draft.phones == ("+1 415 555 0100", "+1 415 555 0199")
    assert draft.emails == ("ann@example.com",)
    assert draft.notes == "met at the expo"
    assert draft.birthday == PartialDate(3, 22, 1980)
    assert dict(draft.address) == {
        "street": "1 Main St",
        "locality": "Springfield",
        "region": "IL",
        "postcode": "62701",
        "country": "USA",
    }
    assert draft.location == "Springfield, IL, USA"
    assert draft.urls == ("https://acme.example",)
    assert draft.nickname == "Annie"


def test_escapes_and_the_common_org_and_title() -> None:
    draft = parse_mecard(
        r"MECARD:N:O\:Brien,Pat;ORG:Smith\; Sons\, Ltd;TITLE:Head\\Chief;"
        r"URL:https\://x.example/a;;"
    )
    assert draft.name == "Pat O:Brien"
    assert draft.company == "Smith; Sons, Ltd"
    assert draft.title == "Head\\Chief"
    assert draft.urls == ("https://x.example/a",)


def test_a_card_without_its_end_or_in_lower_case_is_read() -> None:
    assert is_mecard("  mecard:N:Lee,Ann")
    draft = parse_mecard("mecard:N:Lee,Ann;EMAIL:ann@example.com")
    assert draft.name == "Ann Lee"
    assert draft.emails == ("ann@example.com",)


def test_bad_values_are_left_out_and_the_rest_kept() -> None:
    draft = parse_mecard("MECARD:N:Lee,Ann;EMAIL:not an email;BDAY:19801345;TEL:+1 415 555 0100;;")
    assert draft.emails == ()
    assert draft.birthday is None
    assert draft.phones == ("+1 415 555 0100",)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("BEGIN:VCARD", "not a MECARD"),
        ("MECARD:NOTE:just a note;;", "no name, email or phone"),
        ("MECARD:N:Lee,Ann;garbage;;", "'garbage' is not a MECARD field"),
        ("MECARD:N:" + "x" * 9000 + ";;", "at most 8000"),
    ],
)
def test_what_is_no_card_is_refused_saying_why(text: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says) as refused:
        parse_mecard(text)
    assert refused.value.field == "card"
