"""The inputs of the edit forms (:mod:`netweave.web.pages.edits`): what each shows of a
stored record, and how what was typed in it is read into the record's fields.

Reading only turns text into values (a moment in the workspace's zone, a person named,
an amount); whether a value is allowed is the command's and the record's to say.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from netweave.domain.dates import Direction
from netweave.services import listing
from netweave.web.forms import hours_typed, optional, person_typed
from netweave.web.state import Web

Read = Callable[[Web, str, str], dict[str, Any]]
"""What was typed in an input (web, text, input name) as record fields; blank is None."""
Show = Callable[[Web, Any], str]
"""A record field's current value as its input shows it."""


# -- reading what was typed, and showing what is stored --------------------------------


def as_text(record_field: str) -> Read:
    return lambda _nw, text, _name: {record_field: optional(text)}


def as_moment(record_field: str, direction: Direction = Direction.PAST) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: nw.moment(text, name, direction) if text.strip() else None}

    return read


def as_day(record_field: str, direction: Direction = Direction.FUTURE) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: nw.day(text, name, direction) if text.strip() else None}

    return read


def as_money(record_field: str) -> Read:
    return lambda nw, text, name: {record_field: nw.cents(text, name)}


def as_hours(record_field: str) -> Read:
    return lambda _nw, text, name: {record_field: hours_typed(text, name)}


def as_person(record_field: str) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: person_typed(nw, text, name) if text.strip() else None}

    return read


def as_check(record_field: str) -> Read:
    return lambda _nw, text, _name: {record_field: bool(text)}


def shown_moment(nw: Web, moment: datetime | None) -> str:
    """A moment as a native ``datetime-local`` input shows it, in the workspace's zone."""
    return "" if moment is None else f"{moment.astimezone(nw.settings.zone):%Y-%m-%dT%H:%M}"


def shown_day(_nw: Web, day: date | None) -> str:
    return "" if day is None else day.isoformat()


def shown_money(_nw: Web, cents: int | None) -> str:
    return "" if cents is None else f"{cents / 100:.2f}"


def shown_person(nw: Web, person_id: int | None) -> str:
    if person_id is None:
        return ""
    return listing.names_of(nw.store, nw.ws, [person_id]).get(person_id, f"#{person_id}")


def shown_check(_nw: Web, value: bool) -> str:
    return "1" if value else ""


def shown(_nw: Web, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


@dataclass(frozen=True)
class Input:
    """One input of an edit form: the record field(s) it shows and how it is read."""

    name: str
    """The form field's name: the record field's, or what the other forms call it
    (:data:`netweave.web.forms._FORM_NAMES`), so that an error lands next to it."""
    label: str
    kind: str = "text"
    """An input type (text, date, datetime-local, number, email, url), or area, select,
    check."""
    of: str = ""
    """The record field shown (default: ``name``)."""
    read: Read | None = None
    """Default: the text as it was typed, blank is None."""
    show: Show = shown
    show_record: Callable[[Web, Any], str] | None = None
    """What it shows when that is more than one field (a referral's prospect: a person
    or a name typed): from the whole record."""
    options: Callable[[Web, Any], Sequence[tuple[Any, str]]] | None = None
    """For a select: (value, text) pairs, from the record being edited."""
    follows: str = ""
    """Another input whose change this one goes with: read again, changed or not (an
    event's hours when its start moves, so that it keeps its length)."""
    help: str = ""
    required: bool = False
    complete: str = ""
    """``people``: suggest people while typing (app.js)."""

    def shows(self, nw: Web, record: BaseModel) -> str:
        if self.show_record is not None:
            return self.show_record(nw, record)
        return self.show(nw, getattr(record, self.of or self.name))

    def reads(self, nw: Web, text: str) -> dict[str, Any]:
        reader = self.read or as_text(self.of or self.name)
        return reader(nw, text, self.name)


def person_input(name: str, label: str, of: str = "", **more: Any) -> Input:
    """An input naming a person (a name, an email, #id or me; suggested while typing)."""
    field_name = of or name
    return Input(
        name,
        label,
        of=field_name,
        read=as_person(field_name),
        show=shown_person,
        complete="people",
        required=True,
        **more,
    )


def moment_input(
    name: str, label: str, of: str = "", direction: Direction = Direction.PAST, **more: Any
) -> Input:
    """A native date-and-time input, in the workspace's zone."""
    field_name = of or name
    read = as_moment(field_name, direction)
    return Input(name, label, "datetime-local", of=field_name, read=read, show=shown_moment, **more)


def money_input(name: str, label: str, of: str = "", **more: Any) -> Input:
    """An amount typed as 25 or 25.00, in the workspace's currency."""
    field_name = of or name
    return Input(name, label, of=field_name, read=as_money(field_name), show=shown_money, **more)


__all__ = [
    "Input",
    "Read",
    "Show",
    "as_check",
    "as_day",
    "as_hours",
    "as_moment",
    "as_money",
    "as_person",
    "as_text",
    "moment_input",
    "money_input",
    "person_input",
    "shown",
    "shown_check",
    "shown_day",
    "shown_moment",
    "shown_money",
    "shown_person",
]
