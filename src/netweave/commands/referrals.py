"""Giving a referral and moving it along."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from netweave.commands.base import Command, Edit, Moment, RecordId
from netweave.domain.base import Cents, Text
from netweave.domain.kinds import ReferralScope, ReferralStatus
from netweave.domain.referral import Referral


def _upper(code: object) -> object:
    return code.strip().upper() if isinstance(code, str) else code


Currency = Annotated[Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None, BeforeValidator(_upper)]
"""An ISO 4217 code, in any case as typed ("usd" is USD)."""


class GiveReferral(Command):
    """Pass a lead to ``receiver_id``.

    Defaults: the giver is me; the category is the receiver's business category (the
    category is what makes one lead for two competitors a conflict); given now. A lead
    the giver already passed to someone in the same category is refused unless
    ``force``.
    """

    log_name: ClassVar[str] = "give-referral"

    receiver_id: RecordId
    giver_id: RecordId | None = None
    prospect_id: RecordId | None = None
    prospect_name: Text = None
    category: Text = None
    scope: ReferralScope = ReferralScope.OUTSIDE
    given_at: Moment | None = None
    notes: Text = None
    force: bool = Field(
        default=False,
        description="Give it even though the same lead already went to a competitor.",
    )

    @model_validator(mode="after")
    def _prospect(self) -> GiveReferral:
        if self.prospect_id is None and self.prospect_name is None:
            raise ValueError("name the prospect: a person in the network or a free-text name")
        return self


class MoveReferral(Command):
    """Move a referral forward; a won one may carry the value of the business closed."""

    log_name: ClassVar[str] = "move-referral"

    referral_id: RecordId
    status: ReferralStatus
    at: Moment | None = None
    value_cents: Cents | None = None
    currency: Currency = None


MOVES = (
    "move-instead",
    "a referral moves from status to status, and its history keeps each move: "
    "move it rather than edit it",
)
"""Why an edit does not set a referral's status (or history): the error's code and sentence."""


class EditReferral(Edit):
    """Change a referral's details as :class:`Referral` names them (receiver, prospect,
    category, scope, given at, notes, the value of a won one), never its status, which
    moves (:class:`MoveReferral`). The rules of giving one hold: a new receiver brings
    their category unless the edit names one, it is not given in the future, and a lead
    the giver already passed to a competitor is refused unless ``force``."""

    log_name: ClassVar[str] = "edit-referral"
    edits: ClassVar[type[BaseModel]] = Referral
    reads: ClassVar[dict[str, Any]] = {"given_at": Moment, "currency": Currency}
    elsewhere: ClassVar[dict[str, tuple[str, str]]] = {"status": MOVES, "history": MOVES}

    referral_id: RecordId
    force: bool = Field(
        default=False,
        description="Change it even though the lead then went to competitors.",
    )


class RemoveReferral(Command):
    """Remove a referral and its history."""

    log_name: ClassVar[str] = "remove-referral"

    referral_id: RecordId


__all__ = ["MOVES", "Currency", "EditReferral", "GiveReferral", "MoveReferral", "RemoveReferral"]
