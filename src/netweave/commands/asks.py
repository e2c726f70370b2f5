"""Making an ask and recording how it was answered."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel

from netweave.commands.base import Command, Edit, Moment, RecordId
from netweave.domain.ask import Ask
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


ANSWERS = (
    "answer-instead",
    "how an ask went is recorded by answering it (again, to correct the answer)",
)
"""Why an edit does not set an ask's outcome or answer time: the error's code and sentence."""


class EditAsk(Edit):
    """Change an ask as :class:`Ask` names its fields (what, who asked whom, when, notes);
    how it went is :class:`AnswerAsk`'s (a "no response" has no answer time). An ask is
    not made in the future."""

    log_name: ClassVar[str] = "edit-ask"
    edits: ClassVar[type[BaseModel]] = Ask
    reads: ClassVar[dict[str, Any]] = {"asked_at": Moment}
    elsewhere: ClassVar[dict[str, tuple[str, str]]] = {
        "outcome": ANSWERS,
        "answered_at": ANSWERS,
    }

    ask_id: RecordId


class RemoveAsk(Command):
    log_name: ClassVar[str] = "remove-ask"

    ask_id: RecordId


__all__ = ["ANSWERS", "AnswerAsk", "EditAsk", "MakeAsk", "RemoveAsk"]
