"""Amounts of money: stored as whole minor units (cents), typed as decimals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from netweave.errors import InvalidInput
from netweave.lazy import pattern

_amount = pattern(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_currency = pattern(r"^[A-Z]{3}$")


def parse_amount(text: str, *, field: str = "amount") -> int:
    """Cents from an amount such as ``1200``, ``1,200.50`` or ``0.99``."""
    cleaned = text.strip().replace(" ", "")
    if not _amount().match(cleaned):
        raise InvalidInput(
            f"'{text}' is not an amount", field=field, hint="use digits, e.g. 1200 or 1,200.50"
        )
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        raise InvalidInput(f"'{text}' is not an amount", field=field) from None
    cents = value * 100
    if cents != cents.to_integral_value():
        raise InvalidInput(f"'{text}' has more than two decimals", field=field)
    return int(cents)


def format_amount(cents: int, currency: str) -> str:
    """``1,200.50 EUR`` from 120050 cents."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{part:02d} {currency}"


def currency_code(text: str) -> str:
    """``text`` as a currency code: three letters (ISO 4217), upper-cased; else ValueError
    saying so (a workspace's currency, a referral's)."""
    code = text.strip().upper()
    if not _currency().match(code):
        if not code:
            raise ValueError("cannot be empty (give its three letters, ISO 4217, e.g. EUR)")
        raise ValueError(
            f"'{text.strip()}' is not a currency code: give its three letters (ISO 4217), e.g. EUR"
        )
    return code


def check_currency(code: str) -> str:
    """An ISO 4217 code, upper-cased (:func:`currency_code`), or InvalidInput."""
    try:
        return currency_code(code)
    except ValueError as error:
        raise InvalidInput(str(error), field="currency") from None


__all__ = ["check_currency", "currency_code", "format_amount", "parse_amount"]
