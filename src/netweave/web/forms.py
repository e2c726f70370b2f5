"""HTML forms: reading their fields, and showing a failed one again as it was typed.

Reading: blank means absent, lists are typed one per line or comma.

Keeping what was typed (one mechanism for every form): a form names itself with
``{{ csrf("ev") }}`` (the id prefix its field macros use, ``id_prefix="ev"``) and
says which page it sits on with a hidden ``next``. When its post fails, the error
handler renders that page again (:func:`netweave.web.problems`), with
:class:`TypedForm` as ``typed``: the ``field``/``area``/``select`` macros then show
what was typed instead of their defaults, the field at fault says what is wrong
next to it, and ``csrf()`` says it on top when no field is to blame. A form
without a name (an upload, a one-button form) goes back to its page with the
message on top instead. The status is
422 (409 for a conflict, where a form may offer to go ahead anyway).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netweave.errors import Ambiguous, InvalidInput, NotFound

if TYPE_CHECKING:
    from netweave.web.state import Web

_SEPARATORS = re.compile(r"[\n,;]+")
FORM_FIELD = "form_id"
"""The hidden field naming a form on its page (its fields' id prefix)."""

# Services name record fields; a few forms call them otherwise.
_FORM_NAMES = {
    "emails": "email",
    "phones": "phone",
    "occurred_at": "when",
    "at": "when",
    "joined_on": "joined",
    "hours_per_meeting": "hours",
    "dues_cents": "dues",
    "duration_minutes": "minutes",
    "due_on": "due",
    "prospect_id": "prospect",
    "prospect_name": "prospect",
    "receiver_id": "receiver",
    "giver_id": "giver",
    "hourly_value_cents": "hourly_value",
}


def optional(text: str) -> str | None:
    """The stripped text, or None when the field was left blank."""
    return text.strip() or None


def lines(text: str) -> list[str]:
    """Values typed one per line (or separated by commas or semicolons)."""
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def words(text: str) -> list[str]:
    """Tags typed with commas between them (a tag may hold spaces)."""
    return [part.strip() for part in re.split(r"[,\n]+", text) if part.strip()]


def hours_typed(text: str, field: str) -> float | None:
    """Hours typed in form field ``field`` ("1.5", "2", "1,5") as a number; blank is None.
    How many hours are allowed is the command's to say (an event, a group's meetings)."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput(
            f"{text.strip()!r} is not a number of hours (such as 1.5)", field=field
        ) from None
    if not math.isfinite(value):
        raise InvalidInput(f"{text.strip()!r} is not a number of hours (such as 1.5)", field=field)
    return value


def person_typed(nw: Web, text: str, field: str) -> int:
    """The person typed in form field ``field``: nobody or several by that name is its error."""
    try:
        return nw.person_id(text)
    except (NotFound, Ambiguous) as error:
        raise InvalidInput(str(error), field=field) from None


@dataclass(frozen=True)
class TypedForm:
    """A form whose post failed: what was typed, and what was wrong with it."""

    form: str
    """The form's name (``form_id``); other forms on the page keep their defaults."""
    values: dict[str, str] = field(default_factory=dict)
    message: str = ""
    field: str | None = None
    """The form field at fault, if the error names one the form has."""
    conflict: bool = False
    """The post was refused as a conflict that the user may override."""

    @classmethod
    def of(
        cls,
        values: dict[str, str],
        message: str,
        field: str | None = None,
        *,
        reason: str | None = None,
        conflict: bool = False,
    ) -> TypedForm:
        """The form posted as ``values``; ``reason`` is ``message`` said next to ``field``.
        A password typed is never shown again."""
        if "password" in values:
            values = {**values, "password": ""}
        name = _FORM_NAMES.get(field or "", field)
        if name not in values:
            return cls(values.get(FORM_FIELD, ""), values, message, None, conflict)
        return cls(values.get(FORM_FIELD, ""), values, reason or message, name, conflict)

    def value(self, form: str, name: str, default: object) -> object:
        """What was typed in ``name`` if this is the form that failed, else ``default``."""
        if form == self.form and name in self.values:
            return self.values[name]
        return default

    def error(self, form: str, name: str) -> str:
        """The message to show next to ``name`` (empty when another field is at fault)."""
        return self.message if form == self.form and name == self.field else ""

    def problem(self, form: str) -> str:
        """The message to show on top of ``form`` when no one field is at fault."""
        return self.message if form == self.form and self.field is None else ""


__all__ = [
    "FORM_FIELD",
    "TypedForm",
    "hours_typed",
    "lines",
    "optional",
    "person_typed",
    "words",
]
