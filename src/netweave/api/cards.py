"""The Python API's cards waiting: the card photos the phone sent, read and waiting for
the user, listed, confirmed or dismissed through the same service as ``netweave card
waiting|confirm|dismiss``, the ``/capture/cards`` pages and ``/api/v1/captures/card-photos``."""

from __future__ import annotations

from typing import Any

from netweave.api.base import Base
from netweave.commands import DismissCardPhoto
from netweave.domain import build
from netweave.services import cards_waiting
from netweave.services.capture import Captured
from netweave.services.cards_waiting import WaitingCard


class CardWrites(Base):
    """``cards_waiting``, ``confirm_card`` and ``dismiss_card``."""

    def cards_waiting(self) -> list[WaitingCard]:
        """The card photos waiting to be confirmed, oldest first."""
        return cards_waiting.waiting(self.store, self.ws)

    def confirm_card(self, card_id: int, **fields: Any) -> Captured:
        """Save the person waiting card ``card_id`` is: what was read, with ``fields``
        (``name``, ``company``, ``title``, ``emails``, ``phones``) given instead. A known
        person is completed, anyone else added; the photo is kept with them. Confirmed
        again, NotFound (code ``card-confirmed``) names the person it became."""
        draft = cards_waiting.card(self.store, self.ws, card_id).draft()
        draft.update(fields)
        given = {k: v for k, v in draft.items() if v not in (None, "", [])}
        done, _ = cards_waiting.confirm(self.store, self.ws, card_id, given, now=self.now())
        return done

    def dismiss_card(self, card_id: int, *, idempotency_key: str | None = None) -> bool:
        """Delete waiting card ``card_id`` and its photo. False when this key dismissed it
        already (sent again); NotFound for a card that is not waiting."""
        command = build(DismissCardPhoto, {"card_id": card_id, "idempotency_key": idempotency_key})
        return cards_waiting.dismiss(self.store, self.ws, command, now=self.now())


__all__ = ["CardWrites"]
