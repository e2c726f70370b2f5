"""Interactions: touchpoints between two or more people."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field, field_validator, model_validator

from netweave.domain.base import Id, Record, Stored, Text, UtcDateTime
from netweave.domain.kinds import InteractionKind
from netweave.errors import InvalidInput

FUTURE_TOUCH_TOLERANCE = timedelta(minutes=5)
"""How far ahead of now a touch may be logged: clocks disagree by a minute or two."""


class InteractionDraft(Record):
    """A touchpoint. Participants include everyone involved, "me" too when I was there.

    A touch before it is stored: every field but the id."""

    kind: InteractionKind
    occurred_at: UtcDateTime
    participant_ids: list[Id] = Field(min_length=2)
    in_person: bool = False
    duration_minutes: float | None = Field(default=None, ge=0, le=7 * 24 * 60)
    """Fractions count: a 20-second contact is a third of a minute."""
    initiated_by_id: Id | None = None
    event_id: Id | None = None
    notes: Text = None

    @property
    def minutes_shown(self) -> str | None:
        """The length as people read it: "45", "0.3" (a 20-second contact); None if unknown."""
        if self.duration_minutes is None:
            return None
        return f"{round(self.duration_minutes, 1):g}"

    @model_validator(mode="before")
    @classmethod
    def _default_in_person(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("in_person") is None and "kind" in data:
            try:
                kind = InteractionKind(data["kind"])
            except ValueError:
                return data  # the field validator reports the bad kind
            data = {**data, "in_person": kind.usually_in_person}
        return data

    @field_validator("participant_ids")
    @classmethod
    def _distinct(cls, ids: list[int]) -> list[int]:
        unique = sorted(set(ids))
        if len(unique) < 2:
            raise ValueError("an interaction needs at least two different people")
        return unique

    @model_validator(mode="after")
    def _rules(self) -> InteractionDraft:
        if self.initiated_by_id is not None and self.initiated_by_id not in self.participant_ids:
            raise ValueError("whoever started it must be one of the participants")
        return self


class Interaction(InteractionDraft, Stored):
    """A touch, stored: it has its id."""


def refuse_future_touch(
    moment: datetime,
    now: datetime,
    *,
    field: str = "occurred_at",
    tolerance: timedelta = FUTURE_TOUCH_TOLERANCE,
) -> None:
    """Refuse a touch logged at ``moment`` when that is later than ``now`` (aware both).

    A touch is something that happened; what is to come is a follow-up. ``tolerance``
    lets a clock that runs a little fast log "now".
    """
    ahead = moment - now
    if ahead <= tolerance:
        return
    raise InvalidInput(
        f"a touch is something that happened, and this one is {_how_far(ahead)} from now; "
        "what is to come is a follow-up",
        field=field,
        # What to do instead (a follow-up) is worded by each interface, from the code.
        code="touch-in-future",
        facts={"at": moment.isoformat(), "now": now.isoformat()},
    )


def refuse_future(
    moment: datetime,
    now: datetime,
    *,
    what: str,
    field: str,
    tolerance: timedelta = FUTURE_TOUCH_TOLERANCE,
) -> None:
    """Refuse a record of something that happened (a referral given, an ask made or
    answered, a follow-up done) dated later than ``now``: ``what`` names it."""
    ahead = moment - now
    if ahead <= tolerance:
        return
    raise InvalidInput(
        f"{what} is recorded once it happened, and this one is {_how_far(ahead)} from now",
        field=field,
        code="in-future",
        facts={"at": moment.isoformat(), "now": now.isoformat()},
    )


def _how_far(ahead: timedelta) -> str:
    """ "7 minutes", "3 hours", "1 day": the largest unit that counts at least 2, but days."""
    minutes = int(ahead.total_seconds() // 60)
    for size, unit in ((24 * 60, "day"), (60, "hour")):
        if minutes >= 2 * size or (unit == "day" and minutes >= size):
            count = minutes // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


__all__ = [
    "FUTURE_TOUCH_TOLERANCE",
    "Interaction",
    "InteractionDraft",
    "refuse_future",
    "refuse_future_touch",
]
