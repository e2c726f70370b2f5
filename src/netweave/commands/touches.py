"""Logging a touch: a one-on-one, a call, a meal, a message, a conversation at an event."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from netweave.commands.base import Command, Edit, Minutes, Moment, RecordId
from netweave.domain.base import Text
from netweave.domain.interaction import Interaction
from netweave.domain.kinds import InteractionKind


class LogTouch(Command):
    """A touch with ``with_ids`` (and me, unless ``without_me``).

    Defaults: now; in person when the kind usually is. A touch in the future is refused
    (:func:`netweave.domain.interaction.refuse_future_touch`). A touch typed by a person closes
    the open follow-ups of the people in it (``close_follow_ups``); a synced or imported
    one never does (an email is not the one-on-one a follow-up asks for).
    """

    log_name: ClassVar[str] = "log-touch"

    kind: InteractionKind
    with_ids: list[RecordId] = Field(min_length=1, max_length=500)
    at: Moment | None = None
    minutes: Minutes = None
    started_by_id: RecordId | None = None
    event_id: RecordId | None = None
    in_person: bool | None = None
    without_me: bool = False
    notes: Text = None
    close_follow_ups: bool = True


class EditTouch(Edit):
    """Change a logged touch: ``set`` gives fields new values as :class:`Interaction`
    names them (``occurred_at``, ``duration_minutes``, ``participant_ids``, ...), ``clear``
    empties optional ones. The rules of logging one hold: the length is read as
    :class:`LogTouch` reads it ("1.5 h", at most a week), a moment carries its offset, and
    a touch moved into the future is refused (by the service, which knows when now is)."""

    log_name: ClassVar[str] = "edit-touch"
    edits: ClassVar[type[BaseModel]] = Interaction
    reads: ClassVar[dict[str, Any]] = {"occurred_at": Moment, "duration_minutes": Minutes}

    touch_id: RecordId


class RemoveTouch(Command):
    """Remove a logged touch (the follow-ups it closed stay done)."""

    log_name: ClassVar[str] = "remove-touch"

    touch_id: RecordId


__all__ = ["EditTouch", "LogTouch", "RemoveTouch"]
