"""Giving a referral and moving it along."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from netweave.commands.base import Command, Moment, RecordId
from netweave.domain.base import Cents, Text
from netweave.domain.kinds import ReferralScope, ReferralStatus


def _upper(code: object) -> object:
    return code.strip().upper() if isinstance(code, str) else code


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
    currency: Annotated[str | None, BeforeValidator(_upper)] = Field(
        default=None, pattern=r"^[A-Z]{3}$"
    )


__all__ = ["GiveReferral", "MoveReferral"]
