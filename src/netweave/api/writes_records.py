"""The Python API's edits and removals of touches, referrals, asks and follow-ups: each
builds one command (``EditTouch``, ``RemoveTouch``, ...) and hands it to the one service
function that carries it out, as the command line and the web app do.

An edit takes the fields to change as the record names them (``occurred_at``,
``duration_minutes``, ``receiver_id``, ``due_on``), with values read as the other calls read
them: a person or an event by reference (``receiver_id="Anna Smith"``), a moment as
:data:`~netweave.api.base.When`, a due day as a date or a text ("in 3 days"), a length as
``"1.5 h"``. ``clear`` empties optional fields; ``None`` as a value does too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, get_args

from pydantic import BaseModel

from netweave.api.base import Base, refs_of
from netweave.commands import (
    EditAsk,
    EditFollowUp,
    EditReferral,
    EditTouch,
    RemoveAsk,
    RemoveFollowUp,
    RemoveReferral,
    RemoveTouch,
)
from netweave.domain import Ask, FollowUp, Interaction, Referral, build
from netweave.services import asks, followups, interactions, referrals


class RecordWrites(Base):
    """Changing and removing the records of what happened: touches, referrals, asks and
    follow-ups. A removal returns the record as it was (None when the same
    ``idempotency_key`` removed it already)."""

    def edit_touch(
        self,
        touch_id: int,
        *,
        clear: Sequence[str] = (),
        idempotency_key: str | None = None,
        **changes: object,
    ) -> Interaction:
        """Change a logged touch, e.g. ``duration_minutes="1.5 h"``; a touch moved into the
        future is refused as logging one is (``netweave log edit``)."""
        command = build(
            EditTouch,
            {
                "touch_id": touch_id,
                "set": self._fields(Interaction, changes),
                "clear": list(clear),
                "idempotency_key": idempotency_key,
            },
        )
        return interactions.edit_interaction(self.store, self.ws, command, now=self.now())

    def remove_touch(
        self, touch_id: int, *, idempotency_key: str | None = None
    ) -> Interaction | None:
        """Remove a logged touch (``netweave log remove``)."""
        command = build(RemoveTouch, {"touch_id": touch_id, "idempotency_key": idempotency_key})
        return interactions.remove_interaction(self.store, self.ws, command, now=self.now())

    def edit_referral(
        self,
        referral_id: int,
        *,
        force: bool = False,
        clear: Sequence[str] = (),
        idempotency_key: str | None = None,
        **changes: object,
    ) -> Referral:
        """Change a referral's details (``netweave referral edit``); its status moves with
        :meth:`move_referral`. A changed lead that a competitor of the receiver already has
        raises :class:`~netweave.errors.Conflict` unless ``force``."""
        command = build(
            EditReferral,
            {
                "referral_id": referral_id,
                "set": self._fields(Referral, changes),
                "clear": list(clear),
                "force": force,
                "idempotency_key": idempotency_key,
            },
        )
        return referrals.edit_referral(self.store, self.ws, command, now=self.now())

    def remove_referral(
        self, referral_id: int, *, idempotency_key: str | None = None
    ) -> Referral | None:
        """Remove a referral and its history (``netweave referral remove``)."""
        command = build(
            RemoveReferral, {"referral_id": referral_id, "idempotency_key": idempotency_key}
        )
        return referrals.remove_referral(self.store, self.ws, command, now=self.now())

    def edit_ask(
        self,
        ask_id: int,
        *,
        clear: Sequence[str] = (),
        idempotency_key: str | None = None,
        **changes: object,
    ) -> Ask:
        """Change an ask (``netweave ask edit``); how it went is :meth:`answer_ask`'s."""
        command = build(
            EditAsk,
            {
                "ask_id": ask_id,
                "set": self._fields(Ask, changes),
                "clear": list(clear),
                "idempotency_key": idempotency_key,
            },
        )
        return asks.edit_ask(self.store, self.ws, command, now=self.now())

    def remove_ask(self, ask_id: int, *, idempotency_key: str | None = None) -> Ask | None:
        """Remove an ask (``netweave ask remove``)."""
        command = build(RemoveAsk, {"ask_id": ask_id, "idempotency_key": idempotency_key})
        return asks.remove_ask(self.store, self.ws, command, now=self.now())

    def edit_follow_up(
        self,
        follow_up_id: int,
        *,
        clear: Sequence[str] = (),
        idempotency_key: str | None = None,
        **changes: object,
    ) -> FollowUp:
        """Change a follow-up, e.g. ``due_on="in 3 days"`` (``netweave followup edit``);
        clearing ``done_at`` opens it again."""
        command = build(
            EditFollowUp,
            {
                "follow_up_id": follow_up_id,
                "set": self._fields(FollowUp, changes),
                "clear": list(clear),
                "idempotency_key": idempotency_key,
            },
        )
        return followups.edit_follow_up(self.store, self.ws, command, now=self.now())

    def remove_follow_up(
        self, follow_up_id: int, *, idempotency_key: str | None = None
    ) -> FollowUp | None:
        """Remove a follow-up (``netweave followup remove``)."""
        command = build(
            RemoveFollowUp, {"follow_up_id": follow_up_id, "idempotency_key": idempotency_key}
        )
        return followups.remove_follow_up(self.store, self.ws, command, now=self.now())

    def _fields(self, record: type[BaseModel], changes: Mapping[str, object]) -> dict[str, Any]:
        """``changes`` with people, events, moments and days read as references and texts
        are read everywhere in this API; a name the record lacks is left for the command
        to refuse."""
        known = record.model_fields
        return {
            name: value
            if value is None or name not in known
            else self._read(name, known[name].annotation, value)
            for name, value in changes.items()
        }

    def _read(self, name: str, annotation: object, value: Any) -> Any:
        kinds = {annotation, *get_args(annotation)}
        if name == "event_id":
            return self.event(value).id
        if name.endswith("_ids"):
            return [self._id(ref) for ref in refs_of(value)]
        if name.endswith("_id"):
            return self._id(value)
        if datetime in kinds:
            return self.moment(value, name)
        if date in kinds:
            return self.day(value, name)
        return value


__all__ = ["RecordWrites"]
