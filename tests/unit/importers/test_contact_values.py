"""Values as contact exports write them: dates in every form, email addresses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.domain.person import normalize_email
from netweave.importers import PartialDate
from netweave.importers._contact import email_address, parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 Mar 2024", PartialDate(3, 5, 2024)),  # LinkedIn
        ("5 March 2024", PartialDate(3, 5, 2024)),
        ("Mar 5, 2024", PartialDate(3, 5, 2024)),
        ("2024-03-05", PartialDate(3, 5, 2024)),
        ("20240305", PartialDate(3, 5, 2024)),
        ("1980-03-22T00:00:00Z", PartialDate(3, 22, 1980)),
        ("--03-05", PartialDate(3, 5)),  # Google, vCard 3.0
        ("--0305", PartialDate(3, 5)),  # vCard 4.0
        ("3/5/2024", PartialDate(3, 5, 2024)),  # US Outlook: month first
        ("22/3/1980", PartialDate(3, 22, 1980)),  # can only be day first
        ("3/5/99", PartialDate(3, 5, 1999)),
        ("3/5/07", PartialDate(3, 5, 2007)),
        ("0/0/00", None),  # Outlook's "no date"
        ("", None),
        (None, None),
    ],
)
def test_dates_in_the_forms_exports_use(text: str | None, expected: PartialDate | None) -> None:
    assert parse_day(text) == expected


def test_day_first_when_asked() -> None:
    assert parse_day("3/5/2024", month_first=False) == PartialDate(5, 3, 2024)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 Feb 2024", "not a real day"),
        ("--02-30", "not a real day"),
        ("05 Foo 2024", "not a month"),
        ("next tuesday", "not a date"),
        ("05.03.2024", "not a date"),
    ],
)
def test_what_is_not_a_date(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_day(text)


def test_email_addresses_are_stored_lowercased() -> None:
    assert email_address(" mailto:Ann.Lee@Example.COM ") == "ann.lee@example.com"
    assert email_address("josé@café.example") == normalize_email("josé@café.example")
    with pytest.raises(ValueError, match="is not an email address"):
        email_address("ann(at)example.com")


_ADDRESS_PART = st.text(alphabet="abcXYZ019._%+-", min_size=1, max_size=70)
_LABEL = st.text(alphabet="abcxyz019-", min_size=1, max_size=70)


@given(
    local=_ADDRESS_PART,
    labels=st.lists(_LABEL, min_size=1, max_size=5),
    top=st.sampled_from(["com", "Example", "test", "co", "x", "local", "123", "xn--p1ai", "ARPA"]),
)
def test_quick_email_check_agrees_with_person(local: str, labels: list[str], top: str) -> None:
    raw = f"{local}@{'.'.join(labels)}.{top}"
    try:
        expected: str | None = normalize_email(raw)
    except ValueError:
        expected = None
    try:
        found: str | None = email_address(raw)
    except ValueError:
        found = None
    assert found == expected
