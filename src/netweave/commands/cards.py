"""Card photos waiting to be confirmed: one received (read when it arrives, often sent
later by the phone's outbox), confirmed into a person, or dismissed (docs/cards.md)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator

from netweave.commands.base import Command, RecordId, Source


class ReceiveCardPhoto(Command):
    """Read the card photo ``content`` and keep it, with what was read, until the user
    confirms the person or dismisses it. Its limits (kind, bytes, megapixels) are the
    card reader's (netweave.cards), checked as it is read. The idempotency key makes
    the outbox's resend harmless: one card waits, however often it is sent."""

    log_name: ClassVar[str] = "receive-card-photo"

    content: bytes
    source: Source = Source.CAPTURED

    @field_validator("content")
    @classmethod
    def _not_empty(cls, content: bytes) -> bytes:
        if not content:
            raise ValueError("the photo is empty")
        return content


class ConfirmCardPhoto(Command):
    """The waiting card ``card_id`` is person ``person_id``: its photo is kept with them
    and it waits no more."""

    log_name: ClassVar[str] = "confirm-card-photo"

    card_id: RecordId
    person_id: RecordId


class DismissCardPhoto(Command):
    """The waiting card ``card_id`` is not wanted: it and its photo are deleted."""

    log_name: ClassVar[str] = "dismiss-card-photo"

    card_id: RecordId


__all__ = ["ConfirmCardPhoto", "DismissCardPhoto", "ReceiveCardPhoto"]
