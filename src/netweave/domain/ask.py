"""Asks: a request for help from one person to another, and its outcome."""

from __future__ import annotations

from pydantic import model_validator

from netweave.domain.base import Id, Phrase, Record, Stored, Text, UtcDateTime
from netweave.domain.kinds import AskOutcome


class AskDraft(Record):
    """An ask before it is stored: every field but the id."""

    asker_id: Id
    asked_id: Id
    what: Phrase
    asked_at: UtcDateTime
    outcome: AskOutcome | None = None
    answered_at: UtcDateTime | None = None
    notes: Text = None

    @model_validator(mode="after")
    def _rules(self) -> AskDraft:
        if self.asker_id == self.asked_id:
            raise ValueError("asker and asked must be different people")
        if self.answered_at is not None:
            if self.outcome is None:
                raise ValueError("an answered ask needs its outcome")
            if self.answered_at < self.asked_at:
                raise ValueError("the answer comes before the ask")
        return self


class Ask(AskDraft, Stored):
    """An ask, stored: it has its id."""


__all__ = ["Ask", "AskDraft"]
