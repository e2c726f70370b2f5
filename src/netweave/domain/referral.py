"""Referrals: a lead passed from a giver to a receiver, and how it went."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from netweave.domain.base import Cents, Id, Record, Stored, Text, UtcDateTime, no_items
from netweave.domain.categories import clean_category
from netweave.domain.kinds import ReferralScope, ReferralStatus


class StatusChange(Record):
    status: ReferralStatus
    changed_at: UtcDateTime


class ReferralDraft(Record):
    """The value of closed business is credited to the giver.

    A referral before it is stored: every field but the id."""

    giver_id: Id
    receiver_id: Id
    prospect_id: Id | None = None
    prospect_name: Text = None
    scope: ReferralScope = ReferralScope.OUTSIDE
    category: Text = None
    given_at: UtcDateTime
    status: ReferralStatus = ReferralStatus.NEW
    history: list[StatusChange] = Field(default_factory=no_items)
    value_cents: Cents | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    notes: Text = None

    @field_validator("category")
    @classmethod
    def _category(cls, category: str | None) -> str | None:
        return clean_category(category)

    @model_validator(mode="after")
    def _rules(self) -> ReferralDraft:
        if self.giver_id == self.receiver_id:
            raise ValueError("giver and receiver must be different people")
        if self.prospect_id is not None and self.prospect_id in (self.giver_id, self.receiver_id):
            raise ValueError("the prospect cannot be the giver or the receiver")
        if self.prospect_id is None and self.prospect_name is None:
            raise ValueError("name the prospect: a person in the network or a free-text name")
        if self.value_cents is not None and self.status is not ReferralStatus.WON:
            raise ValueError("only a won referral has a value of closed business")
        return self


class Referral(ReferralDraft, Stored):
    """A referral, stored: it has its id."""


def check_transition(current: ReferralStatus, new: ReferralStatus) -> None:
    """ValueError unless a referral may move from ``current`` to ``new``.

    Status moves forward (new → contacted → meeting → won | lost, steps may be
    skipped); a closed referral stays closed.
    """
    if current.is_closed:
        raise ValueError(f"the referral is already {current.value}; it cannot become {new.value}")
    if new.rank <= current.rank and new is not ReferralStatus.LOST:
        raise ValueError(f"a referral that is {current.value} cannot go back to {new.value}")


__all__ = ["Referral", "ReferralDraft", "StatusChange", "check_transition"]
