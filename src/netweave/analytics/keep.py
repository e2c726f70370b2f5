"""Spread too thin: the one or two groups to keep, and what getting involved there means.

Pure code over the group return results; docs/analytics.md gives the rule. Depth beats
breadth (PRODUCT.md principle 1): be an active member of one or two groups, say one
chamber and one non-chamber group, rather than a face in many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netweave.analytics.group_return import GroupReturn, Verdict
from netweave.analytics.wording import counted
from netweave.domain.kinds import GroupKind, Role
from netweave.domain.money import format_amount

ROLE_POINTS = {Role.COMMITTEE.value: 1.0, Role.LEADER.value: 2.0, Role.ORGANIZER.value: 2.0}
"""Involvement already there: a role or a committee seat is worth keeping."""
PAYS_POINTS = 2.0
"""Closed business that covers the cost counts as two more referrals or close ties."""
FIT_POINTS = 2.0
"""All members fitting my market counts as two referrals or close ties."""
EVERY_MEETING = 0.75
"""Below this share of meetings attended, going to them is the first step."""


@dataclass(frozen=True, slots=True)
class Keep:
    """A group to keep, why, and what getting involved there means."""

    group_id: int
    name: str
    kind: str
    reasons: tuple[str, ...]
    involve: tuple[str, ...]


def _chamber(kind: str) -> bool:
    return kind == GroupKind.CHAMBER.value


def keep_score(r: GroupReturn) -> float:
    """Return (referrals and close ties, plus 2 when the business covers the cost), then
    involvement (1 for a committee seat, 2 for a leader's role, half a point a referral I
    gave there, up to 1) and fit (2 × the share of members in my market)."""
    return (
        r.came_back
        + (PAYS_POINTS if r.pays else 0.0)
        + ROLE_POINTS.get(r.role, 0.0)
        + min(r.referrals_out, 2.0) / 2
        + FIT_POINTS * r.member_fit.share
    )


def _why(r: GroupReturn) -> tuple[str, ...]:
    money = format_amount
    back = [counted(r.referrals_in, "referral") + " from members"] if r.referrals_in else []
    if r.relationships:
        back.append(f"{counted(r.relationships, 'person', 'people')} met there became close")
    if r.won_cents:
        back.append(
            f"closed business {money(r.won_cents, r.currency)} "
            f"for a cost of {money(r.cost_cents, r.currency)}"
        )
    reasons = [
        ("it pays off: " if r.pays else "return is coming: ") + ", ".join(back)
        if back
        else "nothing came back from any of your groups yet; this is the best pond"
    ]
    involved = f"your role: {r.role}"
    if r.referrals_out:
        involved += f"; you gave members {counted(r.referrals_out, 'referral')}"
    reasons += [involved, r.member_fit.describe("members")]
    return tuple(reasons)


def _involve(r: GroupReturn) -> tuple[str, ...]:
    steps = []
    meetings = sum(q.meetings for q in r.quarters)
    attended = sum(q.attended for q in r.quarters)
    if meetings and attended / meetings < EVERY_MEETING:
        steps.append(f"go to its meetings: you went to {attended} of {meetings}")
    if r.role == Role.VISITOR.value:
        steps.append("become a member, then take a role or join a committee")
    elif r.role == Role.MEMBER.value:
        steps.append("take a role or join a committee")
    elif r.role == Role.COMMITTEE.value:
        steps.append("stay on the committee and lead something there next")
    else:
        steps.append(f"keep your role as {r.role}: it is what members see")
    steps.append("book a one-on-one with one of its members every week or two")
    if r.referrals_out < 1:
        steps.append("give its members referrals: you gave none there yet")
    return tuple(steps)


def _keep(r: GroupReturn) -> Keep:
    return Keep(r.group_id, r.name, r.kind, _why(r), _involve(r))


def groups_to_keep(returns: Sequence[GroupReturn]) -> tuple[Keep, ...]:
    """The one or two groups to keep, best first.

    The first is the best-scoring group that brought something back (a referral, a close
    tie or business); the second, one of the other kind (chamber or not) that is worth
    keeping (verdict *keep* or *get more involved*, something back), else the next such
    group of the same kind. When nothing came back anywhere: the group whose members best
    fit my market, alone.
    """
    ranked = sorted(returns, key=lambda r: (-keep_score(r), r.cost_cents, r.name))
    returning = [r for r in ranked if r.came_back > 0 or r.won_cents > 0]
    if not returning:
        ponds = sorted(ranked, key=lambda r: (-r.member_fit.share, r.cost_cents, r.name))
        return tuple(_keep(r) for r in ponds[:1] if r.member_fit.fitting)
    first = returning[0]
    worth = [r for r in returning[1:] if r.verdict in (Verdict.KEEP, Verdict.GET_MORE_INVOLVED)]
    other_kind = [r for r in worth if _chamber(r.kind) != _chamber(first.kind)]
    second = (other_kind or worth)[:1]
    return tuple(_keep(r) for r in (first, *second))


def keep_advice(kept: Sequence[Keep], groups: int) -> str:
    """'Keep A and B, and leave the other 12 groups.'"""
    if not kept:
        return ""
    names = " and ".join(k.name for k in kept)
    others = groups - len(kept)
    leave = f", and leave the other {counted(others, 'group')}" if others > 0 else ""
    mix = ""
    if len(kept) == 2 and _chamber(kept[0].kind) != _chamber(kept[1].kind):
        mix = " (one chamber and one non-chamber group)"
    return f"Keep {names}{mix}{leave}: depth comes from one or two groups."


__all__ = ["Keep", "groups_to_keep", "keep_advice", "keep_score"]
