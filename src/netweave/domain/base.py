"""What every record shares: strict validation with messages for people."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo

from netweave.controls import CONTROL, CONTROL_BUT_LINES, visible
from netweave.domain.dates import in_calendar
from netweave.domain.deferred import Deferred
from netweave.domain.messages import describe_error, spoken
from netweave.errors import InvalidInput

READ_BACK = {"read_back": True}
"""The validation context of a row read back from the database (``model_validate(row,
context=READ_BACK)``): the rules on what may be written (no control characters, the
calendar netweave keeps, web addresses) are not applied again, so that data stored
before a rule, or by another program, still reads and is shown (visibly) rather than
making every screen that lists it fail."""

T = TypeVar("T")


def _when_written(check: Callable[[T], T]) -> Callable[[T, ValidationInfo], T]:
    """``check`` as a validator that leaves values read back (:data:`READ_BACK`) alone."""

    def validate(value: T, info: ValidationInfo) -> T:
        if info.context is not None and info.context.get("read_back"):
            return value
        return check(value)

    return validate


def _to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_CONTROL = CONTROL
_CONTROL_BUT_LINES = CONTROL_BUT_LINES


def _no_control(text: str, pattern: re.Pattern[str], why: str) -> str:
    found = pattern.search(text)
    if found is not None:
        raise ValueError(f"holds the control character \\x{ord(found[0]):02x}: {why}")
    return text


def fold_spaces(text: str) -> str:
    """``text`` on one line: runs of spaces, tabs and line breaks one space, none at the ends
    (the rule of a :data:`Name`)."""
    return " ".join(text.split())


def _one_line(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _no_control(text, _CONTROL_BUT_LINES, "a name is plain text")
    folded = fold_spaces(text)
    if not folded:
        raise ValueError("must not be empty")
    return folded


def _lines(text: str) -> str:
    # Windows and old Mac line ends become plain ones; tabs and line breaks stay.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _no_control(text, _CONTROL_BUT_LINES, "text keeps tabs and line breaks, nothing else")


def on_one_line(text: str) -> bool:
    """Whether non-empty ``text`` is already on one line as :func:`fold_spaces` of
    :func:`without_control` keeps it: printable (no control character, and no white space
    but the plain space: ``str.isprintable``), with no space at an end and none doubled.
    Most values are, and are then kept at once."""
    return text.isprintable() and text[0] != " " and text[-1] != " " and "  " not in text


def without_control(text: str) -> str:
    """``text`` with its control characters (but tabs and line breaks) left out: for values
    read from other programs' files, where refusing a whole record would lose it."""
    return _CONTROL_BUT_LINES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_text(text: str | None) -> str | None:
    if text is None:
        return None
    text = _lines(text).strip()
    return text or None


NAME_MAX = 200
"""The longest name (:data:`Name`), in characters."""
TEXT_MAX = 10_000
"""The longest free text (:data:`Text`), in characters."""


_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""What pydantic strips from a text (``str_strip_whitespace``: Unicode's White_Space), which
is not quite what ``str.strip()`` does (it strips \\x1c to \\x1f as well)."""


def name_value(text: str) -> str:
    """What a :data:`Name` field keeps of ``text`` (stripped, its limits, on one line), or
    ValueError: the same rule without pydantic, for a record built from checked values
    (:func:`trusted`). A test holds the two to the same answers."""
    if 1 <= len(text) <= NAME_MAX and on_one_line(text):
        return text  # nothing to strip or fold (most names)
    text = text.strip(_WHITE_SPACE)
    if not 1 <= len(text) <= NAME_MAX:
        raise ValueError(f"a name is 1 to {NAME_MAX} characters")
    return _one_line(text)


def text_value(text: str | None) -> str | None:
    """What a :data:`Text` field keeps of ``text``, or ValueError (see :func:`name_value`)."""
    return None if text is None else _text_value(text)


@lru_cache(maxsize=1_024)
def _text_value(text: str) -> str | None:
    # A file repeats its texts (titles, companies, "how met"): the most recent are read once.
    text = text.strip(_WHITE_SPACE)
    if len(text) > TEXT_MAX:
        raise ValueError(f"a text is at most {TEXT_MAX:,} characters")
    return _clean_text(text)


UtcDateTime = Annotated[
    datetime, AfterValidator(_to_utc), AfterValidator(_when_written(in_calendar))
]
"""A moment in UTC; a naive value is taken as UTC already. It lies in the calendar
netweave keeps (:data:`netweave.domain.dates.FIRST_DAY` to ``LAST_DAY``)."""

Day = Annotated[date, AfterValidator(_when_written(in_calendar))]
"""A calendar day (met on, joined on, due on) in the calendar netweave keeps."""

Text = Annotated[
    Annotated[str, Field(max_length=TEXT_MAX)] | None, AfterValidator(_when_written(_clean_text))
]
"""Optional free text: blank becomes None. Tabs and line breaks are kept (Windows line
ends become plain ones); any other control character is refused."""

Phrase = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_when_written(_lines))]
"""Required short text (what was asked, why to follow up): the rules of :data:`Text`."""

Name = Annotated[
    str, Field(min_length=1, max_length=NAME_MAX), AfterValidator(_when_written(_one_line))
]
"""A name: one line of plain text. Tabs, line breaks and runs of spaces become single
spaces; any other control character is refused."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.?$|^[0-9a-f:.]+$")
WEB_SCHEMES = ("http", "https")
MAX_URL = 2048
"""The longest web address kept (what browsers and servers commonly take)."""


def normalize_url(raw: str) -> str:
    """A web address with its scheme (``https://`` added when it has none); ValueError
    for anything else: only http and https are kept, so a ``javascript:``, ``data:`` or
    ``vbscript:`` address never becomes a link."""
    text = _no_control(raw.strip(), _CONTROL, "a web address is one line of plain text")
    if len(text) > MAX_URL:
        raise ValueError(f"a web address is at most {MAX_URL:,} characters")
    scheme = _SCHEME.match(text)
    if scheme is not None and scheme[1].lower() not in WEB_SCHEMES:
        raise ValueError(
            f"'{raw}' is not a web address: only http:// and https:// addresses are kept"
        )
    if scheme is None:
        text = "https://" + text
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise ValueError(f"'{raw}' is not a web address") from None
    if not _URL.match(text) or not _HOST.match(parts.hostname or ""):
        raise ValueError(f"'{raw}' is not a web address")
    return text


def _optional_url(text: str | None) -> str | None:
    return normalize_url(text) if text is not None and text.strip() else None


WebAddress = Annotated[str | None, AfterValidator(_when_written(_optional_url))]
"""An optional web page (http or https; ``https://`` is added when none is given)."""


MAX_ID = 2**31 - 1
"""Ids are 32-bit INTEGER columns on every backend; a larger number names no record."""

Id = Annotated[int, Field(gt=0, le=MAX_ID)]
Cents = Annotated[int, Field(ge=0, le=10**13)]
KeepInTouchDays = Annotated[int, Field(ge=1, le=3650)] | None
"""A keep-in-touch cadence in days (up to ten years); None: no rule of its own."""


def no_items() -> list[Any]:
    """A new empty list: the default of a list field (``Field(default_factory=no_items)``).

    Not ``default_factory=list``: pydantic reads the signature of each factory, and that of
    a built-in type only exists as text, which Python's tokenizer reads (compiling its
    expressions first: about 1% of a simple command's start-up, issue 16)."""
    return []


class Record(Deferred):
    """Base of every domain record. Extra fields are errors, text is stripped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )


class Stored(Record):
    """What a stored record has beyond its draft: its id.

    A stored record is ``class X(XDraft, Stored)``: the id comes first among its
    fields, as it did when drafts and stored records were one type.
    """

    id: Id


def storable_id(number: int) -> bool:
    """Whether ``number`` can be an id at all (PostgreSQL refuses to compare others)."""
    return 0 < number <= MAX_ID


def at_most(limit: int) -> int:
    """How many rows a list asks the database for: a limit past the largest id (more than
    a workspace can hold, and more than SQLite can bind) is all of them."""
    return min(limit, MAX_ID)


R = TypeVar("R", bound=BaseModel)


def build(model: type[R], data: dict[str, Any]) -> R:
    """``model`` from ``data``, or InvalidInput naming the first bad field and why."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        field, message = describe_error(error.errors()[0])
        raise InvalidInput(message, field=field, label=spoken(field) if field else None) from None


def trusted(
    model: type[R],
    values: dict[str, Any],
    fields_set: set[str] | None = None,
    *,
    every_field: bool = False,
) -> R:
    """``model`` from ``values`` that are already valid and name every field: no validation.

    What ``model_construct`` gives for such values, without its per-field work for
    aliases and defaults (reading 30,000 stored people spent most of its time there).
    Values that lack a field, or a model with aliases or a post-init hook, take
    ``model_construct`` itself. ``fields_set`` may be shared between records.
    ``every_field``: the caller knows that ``values`` name every field and nothing else.
    """
    if not _plain(model) or (not every_field and values.keys() != model.__pydantic_fields__.keys()):
        return model.model_construct(fields_set, **values)
    record = model.__new__(model)
    _set(record, "__dict__", values)
    _set_fields_set(record, fields_set or set(values))
    _set_extra(record, None)
    _set_private(record, None)
    return record


_set = object.__setattr__
# BaseModel's slots, set through their descriptors (object.__setattr__ looks them up first).
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


_SHARED_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def with_shared_fields_set(record: R) -> R:
    """``record`` holding the one set of set-field names that all records with the same
    names share, as :func:`trusted` records may: the set pydantic gives each record (728
    bytes from five names on) weighs more than a small record's values, and an import
    holds one record per row of its file. Nothing in netweave changes such a set in place
    (``model_copy`` copies it first); assigning a field of a shared record would."""
    object.__setattr__(
        record, "__pydantic_fields_set__", shared_fields_set(record.__pydantic_fields_set__)
    )
    return record


def shared_fields_set(names: Iterable[str]) -> set[str]:
    """The one set of these field names that records share (:func:`with_shared_fields_set`)."""
    key = frozenset(names)
    shared = _SHARED_FIELDS_SETS.get(key)
    if shared is None:
        shared = _SHARED_FIELDS_SETS.setdefault(key, set(key))
    return shared


S = TypeVar("S", bound=Stored)


def with_id(model: type[S], draft: Record, record_id: int) -> S:
    """The stored ``model`` of ``draft`` once it has its id: no validation again (the
    draft was validated when it was built); its values are shared, not copied."""
    return trusted(model, {"id": record_id, **draft.__dict__}, draft.model_fields_set | {"id"})


@lru_cache(maxsize=64)
def _plain(model: type[BaseModel]) -> bool:
    """Whether ``model_construct`` of ``model`` does nothing beyond setting the values."""
    return (
        not model.__pydantic_post_init__
        and not model.__pydantic_root_model__
        and model.model_config.get("extra") != "allow"
        and all(
            f.alias is None and f.validation_alias is None
            for f in model.__pydantic_fields__.values()
        )
    )


def change(record: R, updates: dict[str, Any]) -> R:
    """A copy of ``record`` with ``updates`` applied and the whole validated again.

    A stored record's id is what it is; an edit that would change it is refused
    (saving it would overwrite another record).
    """
    current_id = getattr(record, "id", None)
    if current_id is not None and updates.get("id", current_id) != current_id:
        raise InvalidInput(f"the id is #{current_id} and cannot be changed", field="id")
    return build(type(record), {**record.model_dump(), **updates})


__all__ = [
    "MAX_ID",
    "MAX_URL",
    "NAME_MAX",
    "READ_BACK",
    "TEXT_MAX",
    "WEB_SCHEMES",
    "Cents",
    "Day",
    "Id",
    "KeepInTouchDays",
    "Name",
    "Phrase",
    "Record",
    "Stored",
    "Text",
    "UtcDateTime",
    "WebAddress",
    "at_most",
    "build",
    "change",
    "fold_spaces",
    "name_value",
    "no_items",
    "normalize_url",
    "on_one_line",
    "shared_fields_set",
    "storable_id",
    "text_value",
    "trusted",
    "visible",
    "with_id",
    "with_shared_fields_set",
    "without_control",
]
