"""Making an ask and recording how it was answered."""

from __future__ import annotations

from typing import ClassVar

from netweave.commands.base import Command, Moment, RecordId
from netweave.domain.base import Phrase, Text
from netweave.domain.kinds import AskOutcome


class MakeAsk(Command):
    """``asker_id`` (default me) asks ``asked_id`` for ``what``, now unless ``asked_at``."""

    log_name: ClassVar[str] = "make-ask"

    what: Phrase
    asked_id: RecordId
    asker_id: RecordId | None = None
    asked_at: Moment | None = None
    outcome: AskOutcome | None = None
    """Known already: answered when asked (a "no response" has no answer time)."""
    notes: Text = None


class AnswerAsk(Command):
    """How an ask was answered; answered now unless ``answered_at`` (no response has none)."""

    log_name: ClassVar[str] = "answer-ask"

    ask_id: RecordId
    outcome: AskOutcome
    answered_at: Moment | None = None


__all__ = ["AnswerAsk", "MakeAsk"]
