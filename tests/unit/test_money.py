"""Amounts: typed as decimals, stored as cents, shown with the currency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.domain.money import check_currency, format_amount, parse_amount
from netweave.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("0", 0),
        ("1200", 120_000),
        ("1,200", 120_000),
        ("1,200.50", 120_050),
        ("1,234,567.89", 123_456_789),
        ("0.99", 99),
        ("0.5", 50),
        ("12.30", 1230),
        ("12.300", 1230),
        (" 75 ", 7500),
        ("1 200.5", 120_050),
    ],
)
def test_amounts_become_cents(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    "text",
    ["", "abc", "-5", "+5", "1,20", "12,00.5", "1.2.3", ".5", "5.", "1e3", "€12", "12 EUR", "NaN"],
)
def test_what_is_not_an_amount_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount(text, field="dues")
    assert caught.value.field == "dues"
    assert (
        str(caught.value) == f"dues: '{text}' is not an amount (use digits, e.g. 1200 or 1,200.50)"
    )


@pytest.mark.parametrize("text", ["0.999", "1.001", "12.345"])
def test_fractions_of_a_cent_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="has more than two decimals"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("cents", "shown"),
    [
        (0, "0.00 EUR"),
        (5, "0.05 EUR"),
        (99, "0.99 EUR"),
        (120_050, "1,200.50 EUR"),
        (100_000_000, "1,000,000.00 EUR"),
        (-120_050, "-1,200.50 EUR"),
    ],
)
def test_format_amount(cents: int, shown: str) -> None:
    assert format_amount(cents, "EUR") == shown


@given(st.integers(min_value=0, max_value=10**13))
def test_format_then_parse_is_the_same_amount(cents: int) -> None:
    number, currency = format_amount(cents, "USD").split(" ")
    assert currency == "USD"
    assert parse_amount(number) == cents


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_plain_decimals_parse_to_their_cents(whole: int, part: int) -> None:
    assert parse_amount(f"{whole}.{part:02d}") == whole * 100 + part


@pytest.mark.parametrize(("code", "checked"), [("EUR", "EUR"), ("usd", "USD"), (" chf ", "CHF")])
def test_currency_codes_are_upper_cased(code: str, checked: str) -> None:
    assert check_currency(code) == checked


@pytest.mark.parametrize("code", ["", "EU", "EURO", "€", "E1R"])
def test_what_is_not_a_currency_code_is_refused(code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_currency(code)
    assert caught.value.field == "currency"
    said = "cannot be empty" if not code else f"'{code}' is not a currency code"
    assert said in str(caught.value)
    assert "three letters (ISO 4217" in str(caught.value) or "ISO 4217, e.g. EUR" in str(
        caught.value
    )
