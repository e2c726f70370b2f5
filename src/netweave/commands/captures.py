"""Captures: what the event screen writes standing in the room, often offline and sent again
later. A quick add is a name plus one free field (:mod:`netweave.domain.quick_add` reads it);
the rest are the ordinary commands (``MarkAttendance``, ``LogTouch``, ``AddFollowUp``) with
``source=captured`` and the outbox's idempotency key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netweave.commands.base import Source
from netweave.commands.people import AddPerson, add_person
from netweave.domain.identity import DEFAULT_REGION
from netweave.domain.quick_add import read_anything
from netweave.errors import InvalidInput

ANYTHING_FIELD = "anything"
"""The quick add's free field, as the page and the API name it."""


def quick_add(
    name: str,
    anything: str = "",
    *,
    region: str = DEFAULT_REGION,
    met_at: str | None = None,
    met_on: date | None = None,
    **meta: Any,
) -> AddPerson:
    """The command adding ``name`` with what ``anything`` says (read in ``region``), met
    at the event ``met_at`` on ``met_on``; ``meta``: the idempotency key, the actor. Its
    source is ``captured`` unless ``meta`` says otherwise."""
    try:
        fields = read_anything(anything, region)
    except ValueError as error:
        raise InvalidInput(str(error), field=ANYTHING_FIELD) from None
    if met_at:
        fields["how_met"] = f"Met at {met_at}"
    if met_on is not None:
        fields["met_on"] = met_on
    meta.setdefault("source", Source.CAPTURED)
    return add_person({"name": name, **fields}, **meta)


def room_follow_up_reason(event_name: str) -> str:
    """What a follow-up tapped on the event screen says."""
    return f"Follow up after {event_name}"


__all__ = ["ANYTHING_FIELD", "quick_add", "room_follow_up_reason"]
