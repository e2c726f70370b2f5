"""A person built from values put through the person's rules, without pydantic's machinery.

An import builds a :class:`PersonDraft` for every contact of a file (30,000 for a
LinkedIn export); pydantic's validation of each was a seventh of the import's time, after
the file's reader had already put most values through the same rules (issue 16).
:func:`checked_draft` applies to each value the function its field's validator calls
(:func:`netweave.domain.base.name_value`, :func:`~netweave.domain.base.text_value`,
:func:`netweave.domain.person.email_list`, ...: the rules stay where they are) and makes
the record of the results (:func:`netweave.domain.base.trusted`). A Hypothesis test holds
it to the records pydantic makes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from functools import cache
from typing import Any, get_type_hints

from netweave.domain.base import Text, name_value, shared_fields_set, text_value, trusted
from netweave.domain.dates import in_calendar
from netweave.domain.person import (
    PersonDraft,
    PostalAddress,
    birthday_value,
    email_list,
    linkedin_value,
    phone_list,
    tag_list,
    url_list,
)

_LISTS: dict[str, Callable[[list[str]], list[str]]] = {
    "emails": email_list,
    "phones": phone_list,
    "tags": tag_list,
    "urls": url_list,
}
_OPTIONAL: dict[str, Callable[[str | None], str | None]] = {
    "birthday": birthday_value,
    "linkedin": linkedin_value,
}


def _plain_texts(model: type[PersonDraft]) -> frozenset[str]:
    """The fields typed :data:`~netweave.domain.base.Text` with no validator of their own:
    :func:`~netweave.domain.base.text_value` is their whole rule (``category`` has one more,
    and goes to pydantic)."""
    hints = get_type_hints(model, include_extras=True)
    own = {
        field
        for decorator in model.__pydantic_decorators__.field_validators.values()
        for field in decorator.info.fields
    }
    return frozenset(
        name for name in model.__pydantic_fields__ if hints.get(name) == Text and name not in own
    )


_TEXTS = _plain_texts(PersonDraft)


@cache
def _defaults(model: type[PersonDraft] | type[PostalAddress]) -> dict[str, Any]:
    """Every field's default (a list field's is set apart for each record)."""
    return {n: f.get_default() for n, f in model.__pydantic_fields__.items()}


def checked_draft(fields: dict[str, Any], *, ruled: Collection[str] = ()) -> PersonDraft:
    """``build(PersonDraft, fields)`` by the same rules without pydantic (see the module
    doc), its set of set-field names shared with its likes. ``ruled`` names the list fields
    and the texts whose values are already what their rule gives (each email from
    :func:`~netweave.domain.person.normalize_email`, once, in order; tags sorted; a text
    from :mod:`netweave.domain.file_text`, cut to its length), taken as they are: a file's
    reader checked each value to leave out those refused, one by one.

    ValueError when a value is refused, or is one this does not read (another type, a
    field such as ``category``): the caller then validates ``fields`` with pydantic, for
    its messages."""
    values = _defaults(PersonDraft).copy()
    values["emails"], values["phones"], values["tags"], values["urls"] = [], [], [], []
    values.update(checked_values(fields, ruled=ruled))
    return trusted(PersonDraft, values, shared_fields_set(fields), every_field=True)


def checked_values(fields: dict[str, Any], *, ruled: Collection[str] = ()) -> dict[str, Any]:
    """The values of the fields ``fields`` sets in the record :func:`checked_draft` makes,
    by name, without making it (the fields left out hold their defaults): what an import
    reads of a contact that becomes a new person, which it keeps packed
    (:func:`netweave.domain.packed.packed_values`) until it is written (issue 16).
    ValueError as :func:`checked_draft`."""
    if type(fields.get("name")) is not str:
        raise ValueError("a person needs a name")
    values: dict[str, Any] = {}
    for name, value in fields.items():
        kind = type(value)
        if name in _TEXTS and (kind is str or value is None):
            values[name] = value if name in ruled else text_value(value)
        elif name == "name":
            values[name] = name_value(value)
        elif name in _LISTS and (kind is list or kind is tuple):
            if not all(type(item) is str for item in value):
                raise ValueError(f"{name}: not all texts")
            values[name] = list(value) if name in ruled else _LISTS[name](value)
        elif name in _OPTIONAL and (kind is str or value is None):
            values[name] = _OPTIONAL[name](value.strip() if value else value)
        elif name == "met_on" and (kind is date or value is None):
            values[name] = in_calendar(value) if value is not None else None
        elif name == "address" and kind is dict:
            values[name] = _address(value)
        else:
            raise ValueError(f"{name}: not read without pydantic")
    return values


def _address(parts: dict[str, Any]) -> PostalAddress:
    """``PostalAddress`` of ``parts`` by its rules (:func:`checked_draft`)."""
    values = _defaults(PostalAddress).copy()
    for name, value in parts.items():
        if name not in values or not (value is None or type(value) is str):
            raise ValueError(f"address: {name} is not read without pydantic")
        values[name] = text_value(value)
    address = trusted(PostalAddress, values, shared_fields_set(parts), every_field=True)
    return address.with_a_part()


__all__ = ["checked_draft", "checked_values"]
