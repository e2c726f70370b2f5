"""Referral conflict: the same lead passed to two people in one business category.

Pure code over referral records; docs/analytics.md gives the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from netweave.domain.categories import category_key
from netweave.domain.identity import fold
from netweave.domain.kinds import ReferralStatus
from netweave.domain.referral import Referral


@dataclass(frozen=True, slots=True)
class LeadConflict:
    """``later`` hands the lead of ``earlier`` to a competitor of its receiver."""

    earlier: Referral
    later: Referral


def lead_of(referral: Referral) -> tuple[int, str, str] | None:
    """(giver, category key, prospect) that identify a lead; None when no category is known.

    Categories compare ignoring case: "Tax Law" and "tax law" are one line of business."""
    if not referral.category:
        return None
    if referral.prospect_id is not None:
        prospect = f"#{referral.prospect_id}"
    else:
        prospect = fold(referral.prospect_name or "")
    return referral.giver_id, category_key(referral.category), prospect


def conflicts_of(new: Referral, given: Iterable[Referral]) -> list[Referral]:
    """The referrals ``new`` would conflict with: the same giver already passed the same
    prospect to someone else in the same business category, and that lead is not lost."""
    lead = lead_of(new)
    if lead is None:
        return []
    found = [
        old
        for old in given
        if old.id != new.id
        and old.receiver_id != new.receiver_id
        and old.status is not ReferralStatus.LOST
        and lead_of(old) == lead
    ]
    return sorted(found, key=lambda r: (r.given_at, r.id or 0))


def open_on(referral: Referral, moment: datetime) -> bool:
    """Whether the lead was still alive at ``moment``: not lost by then (a lost referral
    with no recorded date of loss counts as alive: the conflict is not ruled out)."""
    return not any(
        step.status is ReferralStatus.LOST and step.changed_at <= moment
        for step in referral.history
    )


def conflicts_among(referrals: Iterable[Referral]) -> list[LeadConflict]:
    """Every conflict among ``referrals`` (with their history of losses): each referral
    with the first earlier one of its lead that went to someone else and was not lost by
    then; newest first."""
    leads: dict[tuple[int, str, str], list[Referral]] = defaultdict(list)
    for referral in referrals:
        lead = lead_of(referral)
        if lead is not None:
            leads[lead].append(referral)
    found = []
    for same in leads.values():
        same.sort(key=lambda r: (r.given_at, r.id or 0))
        for index, later in enumerate(same):
            earlier = next(
                (
                    r
                    for r in same[:index]
                    if r.receiver_id != later.receiver_id and open_on(r, later.given_at)
                ),
                None,
            )
            if earlier is not None:
                found.append(LeadConflict(earlier, later))
    found.sort(key=lambda c: (c.later.given_at, c.later.id or 0), reverse=True)
    return found


__all__ = ["LeadConflict", "conflicts_among", "conflicts_of", "lead_of", "open_on"]
