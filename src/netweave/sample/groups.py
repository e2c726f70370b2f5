"""Groups of uneven value and who belongs to them.

The owner's groups tell the sample's story: a chamber that pays off (its
members are the owner's target market and send referrals), a chamber that
does not (high dues, long lunches, members who only take), a weekly referral
group with one member per business category, an online community, and an
association the owner left. Larger samples add groups the owner is not in, so
that the network has more than one centre.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from netweave.domain import Cadence, Group, GroupKind, GroupPurpose, Membership, Role
from netweave.sample import vocabulary as words
from netweave.sample.clock import HISTORY_DAYS, day_of
from netweave.sample.network import CoreGroups, Profile
from netweave.sample.people import OWNER_ID, Cast


@dataclass
class GroupPlan:
    """A group and how its meetings go."""

    name: str
    kind: GroupKind
    cadence: Cadence
    dues_cents: int
    hours: float
    purpose: GroupPurpose
    meeting: str
    """What a meeting is called: "After Hours mixer"."""
    place: str
    weekday: int
    week_of_month: int
    start_minute: int
    cost_cents: int = 0
    my_attendance: float = 0.0
    website: str | None = None
    notes: str | None = None
    members: list[tuple[int, int | None, int | None]] = field(default_factory=list)
    """(person, joined day, left day) of everyone who belonged, the owner included."""


@dataclass
class Roster:
    """The groups, their memberships, and each person's groups."""

    plans: list[GroupPlan]
    core: CoreGroups
    rows: list[tuple[int, int, Role, int | None, int | None]]
    """Memberships: (group, person, role, joined day, left day)."""
    groups_of: list[list[int]]
    """Each person's groups, by provisional person id."""


_EXTRA_KINDS = (
    ("Rotary Club", GroupKind.CLUB, Cadence.WEEKLY, 18_000, 1.25, "weekly lunch"),
    ("Business Association", GroupKind.ASSOCIATION, Cadence.MONTHLY, 25_000, 2.0, "meeting"),
    ("Toastmasters", GroupKind.CLUB, Cadence.BIWEEKLY, 9_000, 1.5, "meeting"),
    ("Young Professionals", GroupKind.ASSOCIATION, Cadence.MONTHLY, 6_000, 2.0, "social"),
    ("Women in Business", GroupKind.ASSOCIATION, Cadence.MONTHLY, 15_000, 2.0, "luncheon"),
    ("Manufacturers Roundtable", GroupKind.ASSOCIATION, Cadence.QUARTERLY, 40_000, 3.0, "forum"),
    ("Referral Network", GroupKind.REFERRAL_GROUP, Cadence.WEEKLY, 45_000, 1.5, "meeting"),
    ("Chamber of Commerce", GroupKind.CHAMBER, Cadence.MONTHLY, 35_000, 2.0, "mixer"),
    ("Entrepreneurs Circle", GroupKind.CLUB, Cadence.MONTHLY, 12_000, 2.0, "dinner"),
    ("Tech Meetup", GroupKind.OTHER, Cadence.MONTHLY, 0, 2.5, "meetup"),
)


def _core_plans() -> list[GroupPlan]:
    return [
        GroupPlan(
            "Northside Business Chamber", GroupKind.CHAMBER, Cadence.MONTHLY, 45_000, 2.0,
            GroupPurpose.PROSPECTS, "After Hours mixer", "a member's business, Northside",
            weekday=3, week_of_month=2, start_minute=17 * 60, my_attendance=0.85,
            website="https://northsidechamber.example",
            notes="Owner-run firms; the ambassadors committee meets before each mixer.",
        ),
        GroupPlan(
            "Metro Chamber of Commerce", GroupKind.CHAMBER, Cadence.MONTHLY, 95_000, 2.5,
            GroupPurpose.PROSPECTS, "Business Luncheon", "Grand Hotel ballroom, Minneapolis",
            weekday=1, week_of_month=3, start_minute=11 * 60 + 30, cost_cents=4_500,
            my_attendance=0.75, website="https://metrochamber.example",
            notes="Big-company crowd; joined for visibility.",
        ),
        GroupPlan(
            "BNI Northstar Chapter", GroupKind.REFERRAL_GROUP, Cadence.WEEKLY, 69_900, 1.5,
            GroupPurpose.PEERS, "weekly meeting", "Lakeside Grill, Roseville",
            weekday=2, week_of_month=0, start_minute=7 * 60, cost_cents=1_500,
            my_attendance=0.9, website="https://bninorthstar.example",
        ),
        GroupPlan(
            "Twin Cities Founders Online", GroupKind.ONLINE_COMMUNITY, Cadence.MONTHLY, 0, 1.0,
            GroupPurpose.PEERS, "virtual coffee", "online (video call)",
            weekday=4, week_of_month=1, start_minute=9 * 60, my_attendance=0.35,
        ),
        GroupPlan(
            "Professional Services Association of Minnesota", GroupKind.ASSOCIATION,
            Cadence.MONTHLY, 30_000, 2.0, GroupPurpose.PEERS, "monthly program",
            "University Club, St. Paul", weekday=0, week_of_month=1, start_minute=18 * 60,
            cost_cents=2_500, my_attendance=0.6,
        ),
    ]  # fmt: skip


def _weighted_sample(
    rng: random.Random, pool: list[int], k: int, weight: Callable[[int], float]
) -> list[int]:
    """``k`` of ``pool`` without replacement, each drawn in proportion to its weight."""
    keyed = ((rng.random() ** (1.0 / weight(pid)), pid) for pid in pool)
    return [pid for _, pid in heapq.nlargest(k, keyed)]


def _tenure(rng: random.Random) -> tuple[int | None, int | None]:
    """A member's joined and left days: most joined before the history, some left."""
    if rng.random() < 0.7:
        joined: int | None = rng.randrange(-2500, -1) if rng.random() < 0.9 else None
    else:
        joined = rng.randrange(0, HISTORY_DAYS - 30)
    left = None
    if rng.random() < 0.1:
        start = max(joined or 0, 0) + 60
        if start < HISTORY_DAYS - 1:
            left = rng.randrange(start, HISTORY_DAYS)
    return joined, left


def _fill(plan: GroupPlan, rng: random.Random, members: list[int]) -> None:
    for pid in members:
        plan.members.append((pid, *_tenure(rng)))


def _paying_weight(cast: Cast) -> Callable[[int], float]:
    bonus = {Profile.GIVER: 1.5, Profile.MATCHER: 1.0, Profile.TAKER: 0.6}
    return lambda pid: (8.0 if cast.in_target(pid) else 1.0) * bonus[cast.profile[pid]]


def _costly_weight(cast: Cast) -> Callable[[int], float]:
    bonus = {Profile.GIVER: 0.4, Profile.MATCHER: 1.0, Profile.TAKER: 3.0}
    return lambda pid: (0.2 if cast.in_target(pid) else 1.0) * bonus[cast.profile[pid]]


def _one_per_category(rng: random.Random, cast: Cast, pool: list[int], k: int) -> list[int]:
    by_category: dict[str, list[int]] = {}
    for pid in pool:
        by_category.setdefault(cast.line[pid].category, []).append(pid)
    categories = sorted(by_category)
    rng.shuffle(categories)
    return [rng.choice(by_category[category]) for category in categories[:k]]


def _extra_plans(rng: random.Random, cast: Cast, count: int, taken: set[str]) -> list[GroupPlan]:
    plans = []
    n = cast.count
    for _ in range(count):
        place = rng.choice(words.PLACES)
        kind_name, kind, cadence, dues, hours, meeting = rng.choice(_EXTRA_KINDS)
        name = base = f"{place} {kind_name}"
        number = 2
        while name in taken:
            name = f"{base} {number}"
            number += 1
        taken.add(name)
        plan = GroupPlan(
            name, kind, cadence, dues, hours, GroupPurpose.PROSPECTS, meeting, place,
            weekday=rng.randrange(5), week_of_month=rng.randrange(1, 5),
            start_minute=rng.choice((7 * 60, 12 * 60, 17 * 60 + 30)),
        )  # fmt: skip
        # Members live near each other in the id space: groups form neighbourhoods.
        k = rng.randint(12, 50)
        centre = rng.randrange(2, n + 1)
        low, high = max(2, centre - 150), min(n, centre + 150)
        _fill(plan, rng, rng.sample(range(low, high + 1), min(k, high - low + 1)))
        plans.append(plan)
    return plans


def _size(people: int, share: float, cap: int, least: int = 3) -> int:
    return max(least, min(cap, round(people * share)))


def build_roster(rng: random.Random, cast: Cast) -> Roster:
    """The groups, with members chosen to tell the story (see the module's docstring)."""
    plans = _core_plans()
    paying, costly, referral, online, former = plans
    others = list(range(2, cast.count + 1))
    n = len(others)
    paying_members = _weighted_sample(rng, others, _size(n, 0.15, 120, 5), _paying_weight(cast))
    chosen = set(paying_members)
    rest = [pid for pid in others if pid not in chosen]
    costly_members = _weighted_sample(rng, rest, _size(n, 0.15, 150, 5), _costly_weight(cast))
    # Nobody in the costly chamber belongs to the owner's better groups: each group's
    # return can then be told apart.
    costly_set = set(costly_members)
    not_costly = [pid for pid in others if pid not in costly_set]
    _fill(paying, rng, paying_members)
    _fill(costly, rng, costly_members)
    _fill(referral, rng, _one_per_category(rng, cast, not_costly, _size(n, 0.1, 38)))
    _fill(online, rng, rng.sample(others, _size(n, 0.3, 3000)))
    _fill(former, rng, rng.sample(not_costly, _size(n, 0.1, 80)))
    paying.members.append((OWNER_ID, -900, None))
    costly.members.append((OWNER_ID, 35, None))
    referral.members.append((OWNER_ID, -120, None))
    online.members.append((OWNER_ID, -500, None))
    former.members.append((OWNER_ID, -800, HISTORY_DAYS - 215))
    taken = {plan.name for plan in plans}
    plans.extend(_extra_plans(rng, cast, cast.count // 150, taken))
    return _memberships(rng, plans, cast.count)


def _memberships(rng: random.Random, plans: list[GroupPlan], people: int) -> Roster:
    rows: list[tuple[int, int, Role, int | None, int | None]] = []
    groups_of: list[list[int]] = [[] for _ in range(people + 1)]
    my_roles = (Role.COMMITTEE, Role.MEMBER, Role.MEMBER, Role.MEMBER, Role.MEMBER)
    for group_id, plan in enumerate(plans, start=1):
        plan.members.sort(key=lambda member: member[0])
        leader_done = False
        for pid, joined, left in plan.members:
            if pid == OWNER_ID:
                role = my_roles[group_id - 1]
            elif not leader_done and left is None:
                role, leader_done = Role.LEADER, True
            else:
                roll = rng.random()
                role = Role.COMMITTEE if roll < 0.06 else Role.MEMBER
                if roll > 0.95 and joined is not None and joined >= 0 and left is None:
                    role, left = Role.VISITOR, min(joined + rng.randrange(0, 30), HISTORY_DAYS)
            if plan.kind is GroupKind.ONLINE_COMMUNITY and role is Role.LEADER:
                role = Role.ORGANIZER
            rows.append((group_id, pid, role, joined, left))
            groups_of[pid].append(group_id)
    core = CoreGroups(1, 2, 3, 4, 5)
    return Roster(plans, core, rows, groups_of)


def group_record(plans: list[GroupPlan], number: int) -> Group:
    plan = plans[number - 1]
    return Group.model_validate(
        {
            "id": number,
            "name": plan.name,
            "kind": plan.kind,
            "cadence": plan.cadence,
            "dues_cents": plan.dues_cents,
            "hours_per_meeting": plan.hours,
            "purpose": plan.purpose,
            "website": plan.website,
            "notes": plan.notes,
        }
    )


def membership_record(roster: Roster, number: int) -> Membership:
    group_id, pid, role, joined, left = roster.rows[number - 1]
    return Membership.model_validate(
        {
            "id": number,
            "group_id": group_id,
            "person_id": pid,
            "role": role,
            "joined_on": day_of(joined) if joined is not None else None,
            "left_on": day_of(left) if left is not None else None,
        }
    )


__all__ = ["GroupPlan", "Roster", "build_roster", "group_record", "membership_record"]
