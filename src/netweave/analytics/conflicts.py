"""Referral conflict: the same lead passed to two people in one business category.

Pure code over referral records; docs/analytics.md gives the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from netweave.domain.categories import category_key
from netweave.domain.identity import fold
from netweave.domain.kinds import ReferralStatus
from netweave.domain.referral import Referral, ReferralDraft


@dataclass(frozen=True, slots=True)
class LeadConflict:
    """``later`` hands the lead of ``earlier`` to a competitor of its receiver."""

    earlier: Referral
    later: Referral


Names = Mapping[int, str]
"""Person id → name, for prospects who are people of the network."""


def lead_of(referral: ReferralDraft) -> tuple[int, str] | None:
    """(giver, category key): the leads a referral can clash with share both; None when no
    category is known (nothing can be checked). Categories compare ignoring case: "Tax
    Law" and "tax law" are one line of business."""
    if not referral.category:
        return None
    return referral.giver_id, category_key(referral.category)


def same_prospect(a: ReferralDraft, b: ReferralDraft, names: Names) -> bool:
    """Whether ``a`` and ``b`` pass on the same prospect: the same person of the network,
    or the same name folded (case, accents, punctuation and spacing ignored), where a
    person's name stands for them. A lead first typed as a name and given again once
    the prospect is in the network (or the other way round) is the same lead; two
    different people who happen to share a name are not."""
    if a.prospect_id is not None and b.prospect_id is not None:
        return a.prospect_id == b.prospect_id
    first, second = _prospect_name(a, names), _prospect_name(b, names)
    return first is not None and second is not None and fold(first) == fold(second)


def _prospect_name(referral: ReferralDraft, names: Names) -> str | None:
    if referral.prospect_id is not None:
        return names.get(referral.prospect_id)
    return referral.prospect_name


def conflicts_of(
    new: ReferralDraft, given: Iterable[Referral], names: Names | None = None
) -> list[Referral]:
    """The referrals ``new`` (a draft, or a stored referral) would conflict with: the same
    giver already passed the same prospect to someone else in the same business category,
    and that lead is not lost. ``names`` names the prospects who are people (see
    :func:`same_prospect`)."""
    lead = lead_of(new)
    if lead is None:
        return []
    own = new.id if isinstance(new, Referral) else None
    found = [
        old
        for old in given
        if old.id != own
        and old.receiver_id != new.receiver_id
        and old.status is not ReferralStatus.LOST
        and lead_of(old) == lead
        and same_prospect(old, new, names or {})
    ]
    return sorted(found, key=lambda r: (r.given_at, r.id))


def open_on(referral: ReferralDraft, moment: datetime) -> bool:
    """Whether the lead was still alive at ``moment``: not lost by then (a lost referral
    with no recorded date of loss counts as alive: the conflict is not ruled out)."""
    return not any(
        step.status is ReferralStatus.LOST and step.changed_at <= moment
        for step in referral.history
    )


def conflicts_among(
    referrals: Iterable[Referral], names: Names | None = None
) -> list[LeadConflict]:
    """Every conflict among ``referrals`` (with their history of losses): each referral
    with the first earlier one of its lead that went to someone else and was not lost by
    then; newest first. ``names`` names the prospects who are people."""
    leads: dict[tuple[int, str], list[Referral]] = defaultdict(list)
    for referral in referrals:
        lead = lead_of(referral)
        if lead is not None:
            leads[lead].append(referral)
    found = []
    for same in leads.values():
        same.sort(key=lambda r: (r.given_at, r.id))
        for index, later in enumerate(same):
            earlier = next(
                (
                    r
                    for r in same[:index]
                    if r.receiver_id != later.receiver_id
                    and same_prospect(r, later, names or {})
                    and open_on(r, later.given_at)
                ),
                None,
            )
            if earlier is not None:
                found.append(LeadConflict(earlier, later))
    found.sort(key=lambda c: (c.later.given_at, c.later.id), reverse=True)
    return found


__all__ = [
    "LeadConflict",
    "Names",
    "conflicts_among",
    "conflicts_of",
    "lead_of",
    "open_on",
    "same_prospect",
]
