"""Debriefing an event: whom I met, whom to follow up."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from netweave.commands.base import Command, RecordId
from netweave.domain.base import Day, Text

Refs = list[str]


class DebriefEvent(Command):
    """After ``event_id``: the people met (as named by the user: a name, an email, #id),
    new contacts ("Name <email>", "Name, phone", or a name; a known person is found
    first), whom to follow up (due within a week, or ``due_on``), and notes.

    Each person met gets an event-conversation touch with me at the event (once, however
    often the event is debriefed).
    """

    log_name: ClassVar[str] = "debrief-event"

    event_id: RecordId
    met: Refs = Field(default_factory=list, max_length=500)
    new: Refs = Field(default_factory=list, max_length=500)
    follow_up: Refs = Field(default_factory=list, max_length=500)
    follow_up_new: bool = False
    due_on: Day | None = None
    notes: Text = None


__all__ = ["DebriefEvent"]
