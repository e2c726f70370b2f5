"""Logging a touch: a one-on-one, a call, a meal, a message, a conversation at an event."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from pydantic import Field

from netweave.commands.base import Command, Minutes, RecordId
from netweave.domain.base import Text, UtcDateTime
from netweave.domain.kinds import InteractionKind
from netweave.errors import InvalidInput

CLOCK_SKEW = timedelta(minutes=5)
"""A touch this little ahead of the clock is taken as now (a phone's clock runs ahead)."""


class LogTouch(Command):
    """A touch with ``with_ids`` (and me, unless ``without_me``).

    Defaults: now; in person when the kind usually is. A touch typed by a person closes
    the open follow-ups of the people in it (``close_follow_ups``); a synced or imported
    one never does (an email is not the one-on-one a follow-up asks for).
    """

    log_name: ClassVar[str] = "log-touch"

    kind: InteractionKind
    with_ids: list[RecordId] = Field(min_length=1, max_length=500)
    at: UtcDateTime | None = None
    minutes: Minutes = None
    started_by_id: RecordId | None = None
    event_id: RecordId | None = None
    in_person: bool | None = None
    without_me: bool = False
    notes: Text = None
    close_follow_ups: bool = True


def check_not_future(at: datetime, now: datetime) -> None:
    """A touch is something that happened: one in the future is refused."""
    if at > now + CLOCK_SKEW:
        raise InvalidInput(
            f"{at:%Y-%m-%d %H:%M} UTC is in the future: a touch is logged once it happened",
            field="at",
            code="touch-in-future",
        )


__all__ = ["CLOCK_SKEW", "LogTouch", "check_not_future"]
