"""What every command shares: who sends it, from where, and the key that makes a retry
harmless.

A command is one write in the user's words (``GiveReferral``, ``LogTouch``). It holds
typed fields with their defaults, units and limits, and validates itself; every
interface (CLI, web forms, JSON API, Python API) builds one and hands it to the one
service function that carries it out in one transaction. No interface adds a default of
its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from netweave.domain.base import Id
from netweave.domain.dates import in_calendar
from netweave.domain.messages import plain_message, spoken
from netweave.errors import InvalidInput


class Source(StrEnum):
    """Where a command comes from: typed by a person, read from a file, synced from a
    mailbox or calendar, or captured on the phone (possibly sent again when offline)."""

    TYPED = "typed"
    IMPORTED = "imported"
    SYNCED = "synced"
    CAPTURED = "captured"


RecordId = Annotated[int, Field(gt=0)]
"""A record a command names by id. One that cannot exist (past the id columns' range) is
not found, like any other missing record, rather than malformed."""


def _key(text: str) -> str:
    if not 1 <= len(text) <= 200 or not all("!" <= ch <= "~" for ch in text):
        raise ValueError("an idempotency key is 1 to 200 printable ASCII characters, no spaces")
    return text


IdempotencyKey = Annotated[str, AfterValidator(_key)]
"""A client-made key (printable ASCII, no spaces): the same key twice is one write."""


class Command(BaseModel):
    """Base of every command. Extra fields are errors; text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    log_name: ClassVar[str] = "command"
    """The command's name in the command log ("give-referral")."""

    source: Source = Source.TYPED
    idempotency_key: IdempotencyKey | None = None
    actor_id: Id | None = None
    """Who acts (a person of the workspace); None: the workspace's owner. Accounts and
    their permissions will check it; today it is recorded in the command log."""


NOT_EDITED = frozenset({"id", "created_at", "updated_at"})
"""Fields no edit changes: the record's id and its bookkeeping times."""


class Edit(Command):
    """Base of the commands that change a stored record: ``set`` gives fields new values
    (named and checked as the record names and checks them), ``clear`` empties optional
    fields. Each subclass names its record type (``edits``) and the record's id field;
    the service applies :meth:`changes` to the record and validates the whole again, in
    one transaction."""

    edits: ClassVar[type[BaseModel]]
    """The stored record type this command changes."""
    lists: ClassVar[tuple[str, ...]] = ()
    """Fields holding several values, which clear to an empty list."""
    record_named: ClassVar[str] = ""
    """The record in words, with its article ("the settings"); default: "a <type name>"."""
    reads: ClassVar[Mapping[str, Any]] = {}
    """Fields whose new values are read as the other commands read them, before the record
    checks them: a length typed "1.5 h" (:data:`Minutes`), a moment with its offset
    (:data:`Moment`). One reading, one limit, whichever command a value comes in."""
    elsewhere: ClassVar[Mapping[str, tuple[str, str]]] = {}
    """Fields another command changes (a referral's status moves, keeping its history):
    each with the error's code and the sentence that says which."""

    set: dict[str, Any] = Field(default_factory=dict)
    clear: list[str] = Field(default_factory=list)

    @classmethod
    def editable(cls) -> frozenset[str]:
        return frozenset(cls.edits.model_fields) - NOT_EDITED - frozenset(cls.elsewhere)

    @classmethod
    def clearable(cls) -> frozenset[str]:
        fields = cls.edits.model_fields
        return frozenset(k for k in cls.editable() if fields[k].default is None or k in cls.lists)

    @model_validator(mode="before")
    @classmethod
    def _not_here(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        values, cleared = data.get("set"), data.get("clear")
        named = [
            *(values if isinstance(values, dict) else ()),
            *(cleared if isinstance(cleared, list) else ()),
        ]
        for name in named:
            if isinstance(name, str) and name in cls.elsewhere:
                code, says = cls.elsewhere[name]
                raise InvalidInput(says, field=name, code=code, facts={"field": name})
        return data

    @field_validator("set")
    @classmethod
    def _read(cls, values: dict[str, Any]) -> dict[str, Any]:
        return {
            name: _read_value(cls.reads[name], name, value) if name in cls.reads else value
            for name, value in values.items()
        }

    @model_validator(mode="after")
    def _names(self) -> Edit:
        named = self.edits.__name__.lower().removesuffix("draft")
        noun = self.record_named or (f"an {named}" if named[0] in "aeiou" else f"a {named}")
        editable = self.editable()
        for name in self.set:
            if name not in editable:
                raise ValueError(f"'{name}' is not a field of {noun} that can be changed")
        clearable = self.clearable()
        for name in self.clear:
            if name not in clearable:
                raise ValueError(
                    f"'{name}' cannot be cleared (choose from {', '.join(sorted(clearable))})"
                )
            if name in self.set:
                raise ValueError(f"'{name}' is both set and cleared")
        return self

    def changes(self) -> dict[str, Any]:
        """The fields to change on the record: those set, and those cleared."""
        cleared: dict[str, Any] = {name: [] if name in self.lists else None for name in self.clear}
        return {**self.set, **cleared}


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _read_value(kind: Any, name: str, value: Any) -> Any:
    """``value`` read as ``kind`` (the type a command gives the field), or InvalidInput
    naming the field as the record does ("minutes" for duration_minutes)."""
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError as error:
        raise InvalidInput(
            plain_message(error.errors()[0]), field=name, label=spoken(name)
        ) from None


_UNITS = {
    "m": 1.0,
    "min": 1.0,
    "mins": 1.0,
    "minute": 1.0,
    "minutes": 1.0,
    "h": 60.0,
    "hr": 60.0,
    "hrs": 60.0,
    "hour": 60.0,
    "hours": 60.0,
}
_WORDS = {"an hour": 60.0, "one hour": 60.0, "half an hour": 30.0, "a quarter hour": 15.0}
_AMOUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]+)?$")
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_PARTS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?\s*(\d+)\s*(?:m(?:in(?:ute)?s?)?)?$")
MOST_MINUTES = 7 * 24 * 60
"""A touch lasts at most a week."""


def read_minutes(value: Any) -> float | None:
    """A length typed as a person types it, in minutes: 45, "45", "1.5" (minutes), "1.5 h",
    "90 min", "1h30", "1:30", "an hour"; blank is None. Anything else is an error."""
    if value is None or isinstance(value, bool):
        return None if value is None else _refuse(value)
    if isinstance(value, int | float):
        return _bounded(_number(value), value)
    if not isinstance(value, str):
        return _refuse(value)
    text = " ".join(value.lower().split())
    if not text:
        return None
    if text in _WORDS:
        return _WORDS[text]
    if clock := _CLOCK.match(text):
        return _bounded(int(clock[1]) * 60 + int(clock[2]), value)
    if parts := _PARTS.match(text):
        return _bounded(_number(parts[1]) * 60 + _number(parts[2]), value)
    amount = _AMOUNT.match(text)
    if amount is None or (amount[2] is not None and amount[2] not in _UNITS):
        return _refuse(value)
    return _bounded(_number(amount[1]) * _UNITS[amount[2] or "min"], value)


def _number(value: float | str) -> float:
    """A finite number, or ValueError (a 400-digit length is no length)."""
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (OverflowError, ValueError):
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a length from 0 minutes to a week")
    return number


def _bounded(minutes: float, typed: Any) -> float:
    if not 0 <= minutes <= MOST_MINUTES:
        raise ValueError(f"{typed!r} is not a length from 0 minutes to a week")
    return minutes


def _refuse(typed: Any) -> float:
    raise ValueError(
        f"{typed!r} is not a length: give minutes (45), hours (1.5 h, 1h30, 1:30) or 'an hour'"
    )


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            "give the moment with its offset, e.g. 2026-11-02T18:30:00-06:00 or ...Z "
            "(a time without one could be anywhere)"
        )
    return in_calendar(moment.astimezone(UTC))


Moment = Annotated[datetime, AfterValidator(_aware)]
"""A moment a command names: timezone-aware (stored in UTC), in the calendar netweave
keeps (:func:`netweave.domain.dates.in_calendar`). Each interface reads what a person
typed in the workspace's zone before building the command; a program sends the offset.
A naive moment is refused rather than guessed."""

Minutes = Annotated[float | None, BeforeValidator(read_minutes)]
"""A length in minutes, read from a number or from text (see :func:`read_minutes`)."""


__all__ = [
    "MOST_MINUTES",
    "NOT_EDITED",
    "Command",
    "Edit",
    "IdempotencyKey",
    "Minutes",
    "Moment",
    "RecordId",
    "Source",
    "read_minutes",
]
