"""What a validation error says to a person: the field in their words and why it is refused."""

from __future__ import annotations

import re
from typing import Any

_SPOKEN = {
    "occurred_at": "when",
    "duration_minutes": "minutes",
    "due_on": "due",
    "given_at": "given on",
    "asked_at": "asked on",
    "starts_at": "starts",
    "ends_at": "ends",
}
_CODE_SUFFIX = re.compile(r"_(cents|ids|id)$")


def spoken(location: str) -> str:
    """A record field as people name it: "hourly value" for settings.hourly_value_cents,
    "receiver" for receiver_id, "participants" for participant_ids, "minutes"."""
    words = []
    for part in location.split("."):
        if part.isdigit():
            continue  # the n-th item of a list: the list's name says enough
        word = _SPOKEN.get(part) or _CODE_SUFFIX.sub(
            lambda found: "s" if found[1] == "ids" else "", part
        )
        words.append(word.replace("_", " "))
    return " ".join(words[-1:]) or "value"


_DATE = "must be a date such as 2026-11-02"
_MOMENT = "must be a date and time such as 2026-11-02T18:30:00Z"
_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a field this takes",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_parsing": _MOMENT,
    "datetime_type": _MOMENT,
    "datetime_from_date_parsing": _MOMENT,
    "list_type": "must be a list",
    "string_type": "must be text",
}


def plain_message(error: Any) -> str:
    """What a pydantic error says, in the words netweave uses with people ("must be at
    most 336", not "Input should be less than or equal to 336"); money in its units."""
    kind, context = str(error.get("type", "")), error.get("ctx") or {}
    location = [str(part) for part in error.get("loc", ())]
    money = bool(location) and location[-1].endswith("_cents")

    def amount(value: Any) -> str:
        return f"{value / 100:,.2f}" if money else f"{value}"

    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "string_too_short":
        least = context.get("min_length", 1)
        return "must not be empty" if least == 1 else f"must be at least {least} characters"
    if kind == "string_too_long":
        return f"must be at most {context.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {context.get('min_length')}"
    if kind == "too_long":
        return f"takes at most {context.get('max_length')}"
    bounds = {
        "less_than_equal": ("must be at most", "le"),
        "less_than": ("must be less than", "lt"),
        "greater_than_equal": ("must be at least", "ge"),
        "greater_than": ("must be more than", "gt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{words} {amount(context.get(key))}"
    message = str(error.get("msg", "does not fit")).removeprefix("Value error, ")
    return message.replace("Input should be ", "must be ")


def describe_error(error: Any) -> tuple[str | None, str]:
    """The field a pydantic error is about (None: the record as a whole) and why."""
    location = ".".join(str(part) for part in error.get("loc", ()))
    return location or None, plain_message(error)


__all__ = ["describe_error", "plain_message", "spoken"]
