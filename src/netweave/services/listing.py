"""What screens show: pages of records with totals, and everything about one person.

Each function reads in one transaction with a fixed number of queries, however
many records it returns (the web tests pin those numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from netweave.domain import Ask, FollowUp, Group, Interaction, Membership, Person, Referral
from netweave.errors import NotFound
from netweave.services.keeping import Grower, fresh_growth
from netweave.services.refs import require_filtered
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from netweave.storage import asks as asks_db
from netweave.storage import followups as followups_db
from netweave.storage import groups as groups_db
from netweave.storage import interactions as interactions_db
from netweave.storage import listing as listing_db
from netweave.storage import people as people_db
from netweave.storage import people_listing as people_listing_db
from netweave.storage import referrals as referrals_db
from netweave.storage.people_listing import PeopleQuery, PeopleSort

MAX_PAGE = 200
R = TypeVar("R")
C = TypeVar("C")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class PeoplePage:
    people: list[Person]
    total: int
    last_touch: dict[int, datetime]


@dataclass(frozen=True)
class AttendedEvent:
    event_id: int
    name: str
    starts_at: datetime
    met: bool


@dataclass(frozen=True)
class Profile:
    """A person with everything their page shows; ``names`` names every person mentioned."""

    person: Person
    memberships: list[tuple[Membership, Group]]
    timeline: list[Interaction]
    referrals: list[Referral]
    asks: list[Ask]
    follow_ups: list[FollowUp]
    events: list[AttendedEvent]
    names: dict[int, str] = field(default_factory=dict)
    last_touch: datetime | None = None
    owner_id: int | None = None
    """The owner, as the caller named them (``person_profile(owner_id=)``)."""

    def with_whom(self, touch: Interaction) -> list[tuple[int, str]]:
        """Who else took part in ``touch``: (id, name), the owner first as "you".

        A touch of this person without the owner names the other party instead.
        """
        others = [p for p in touch.participant_ids if p != self.person.id]
        others.sort(key=lambda p: (p != self.owner_id, self.names.get(p, ""), p))
        return [(p, "you" if p == self.owner_id else self.names.get(p, f"#{p}")) for p in others]


def people_page(
    store: Store, ws: int, query: PeopleQuery | None = None, *, limit: int = 50, offset: int = 0
) -> PeoplePage:
    """One page of the people ``query`` matches (everyone by name without one; at most
    :data:`MAX_PAGE`), the total, and when each was last touched."""
    query = query or PeopleQuery()
    limit = max(1, min(limit, MAX_PAGE))
    with store.transaction() as conn:
        require_filtered(conn, ws, group_id=query.group_id)
        found, total = people_listing_db.people_page(
            conn, ws, query, limit=limit, offset=max(0, offset)
        )
        touches = people_listing_db.last_touches(conn, ws, [p.id for p in found])
    return PeoplePage(found, total, touches)


def referral_totals(store: Store, ws: int) -> dict[str, tuple[int, int]]:
    """Referrals by status: (how many, value of the business won, in minor units)."""
    with store.transaction() as conn:
        return listing_db.referral_totals(conn, ws)


def referral_balance(
    store: Store, ws: int, owner_id: int, *, limit: int = 8
) -> list[tuple[int, str, int, int]]:
    """The people the owner trades referrals with most: (id, name, given them, got from them)."""
    with store.transaction() as conn:
        return listing_db.referral_balance(conn, ws, owner_id, limit=limit)


def person_profile(
    store: Store, ws: int, person_id: int, *, timeline: int = 25, owner_id: int | None = None
) -> Profile:
    """Everything a person's page shows, in one transaction.

    ``owner_id``: the workspace's owner, whom :meth:`Profile.with_whom` calls "you".
    """
    with store.transaction() as conn:
        person = people_db.get_person(conn, ws, person_id)
        if person is None:
            raise NotFound(f"there is no person #{person_id}")
        memberships = groups_db.memberships_with_groups(conn, ws, person_id)
        touches = interactions_db.list_interactions(conn, ws, person_id=person_id, limit=timeline)
        referrals = referrals_db.list_referrals(conn, ws, person_id=person_id)
        asks = asks_db.list_asks(conn, ws, person_id=person_id)
        follow_ups = followups_db.list_follow_ups(conn, ws, person_id=person_id)
        events = [
            AttendedEvent(*row) for row in listing_db.events_attended(conn, ws, person_id, 10)
        ]
        mentioned: list[int] = [i for x in touches for i in x.participant_ids]
        mentioned += [i for r in referrals for i in (r.giver_id, r.receiver_id, r.prospect_id) if i]
        mentioned += [i for a in asks for i in (a.asker_id, a.asked_id)]
        if person.introduced_by_id:
            mentioned.append(person.introduced_by_id)
        names = analytics_db.names(conn, ws, mentioned)
        last = people_listing_db.last_touches(conn, ws, [person_id]).get(person_id)
    return Profile(
        person=person,
        memberships=memberships,
        timeline=touches,
        referrals=referrals,
        asks=asks,
        follow_ups=follow_ups,
        events=events,
        names=names,
        last_touch=last,
        owner_id=owner_id,
    )


def interactions_page(
    store: Store,
    ws: int,
    *,
    person_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    total: Callable[[], int] | None = None,
) -> tuple[list[Interaction], int]:
    """One page of interactions, newest first, and how many there are in all.

    ``total`` gives the count when the caller keeps one (the web app keeps the count of
    every interaction, a scan of them all, with its network view); else it is counted.
    """
    limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)
    with store.transaction() as conn:
        require_filtered(conn, ws, person_id=person_id)
        found = interactions_db.list_interactions(
            conn, ws, person_id=person_id, limit=limit, offset=offset
        )
        if total is None:
            return found, listing_db.count_interactions(conn, ws, person_id)
    return found, total()


def count_interactions(store: Store, ws: int) -> int:
    """How many interactions the workspace holds."""
    with store.transaction() as conn:
        return listing_db.count_interactions(conn, ws)


def _paged(
    store: Store,
    read: Callable[..., tuple[list[R], C]],
    ws: int,
    limit: int,
    offset: int,
    **filters: Any,
) -> tuple[list[R], C]:
    """``read``'s page of records and their count(s), in one transaction, the window bounded;
    NotFound when a filter names a person or a group that is not there."""
    with store.transaction() as conn:
        require_filtered(
            conn, ws, person_id=filters.get("person_id"), group_id=filters.get("group_id")
        )
        window = {"limit": max(1, min(limit, MAX_PAGE)), "offset": max(0, offset)}
        return read(conn, ws, **window, **filters)


def referrals_page(
    store: Store,
    ws: int,
    *,
    limit: int = 50,
    offset: int = 0,
    person_id: int | None = None,
    category: str | None = None,
    status: str | None = None,
) -> tuple[list[Referral], int]:
    """One page of referrals, newest first, and how many pass the filters in all."""
    return _paged(
        store,
        listing_db.referrals_page,
        ws,
        limit,
        offset,
        person_id=person_id,
        category=category,
        status=status,
    )


def referral_board(
    store: Store, ws: int, *, per_status: int
) -> tuple[list[Referral], dict[str, int]]:
    """The newest ``per_status`` referrals of each status, and how many each status holds."""
    with store.transaction() as conn:
        return listing_db.referral_board(conn, ws, per_status=max(1, min(per_status, MAX_PAGE)))


def referral_status_page(
    store: Store, ws: int, status: str, *, limit: int = 50, offset: int = 0
) -> tuple[list[Referral], dict[str, int]]:
    """A page of one status's referrals, newest first, and how many each status holds."""
    return _paged(store, listing_db.referral_status_page, ws, limit, offset, status=status)


def asks_page(
    store: Store,
    ws: int,
    *,
    limit: int = 50,
    offset: int = 0,
    person_id: int | None = None,
    open_only: bool = False,
    answered_only: bool = False,
) -> tuple[list[Ask], int]:
    """One page of asks, newest first, and how many pass the filters in all."""
    return _paged(
        store,
        listing_db.asks_page,
        ws,
        limit,
        offset,
        person_id=person_id,
        open_only=open_only,
        answered_only=answered_only,
    )


def follow_ups_page(
    store: Store,
    ws: int,
    *,
    limit: int = 50,
    offset: int = 0,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
) -> tuple[list[FollowUp], int]:
    """One page of follow-ups by due day, and how many pass the filters in all."""
    return _paged(
        store,
        listing_db.follow_ups_page,
        ws,
        limit,
        offset,
        person_id=person_id,
        open_only=open_only,
        due_by=due_by,
    )


def groups_page(
    store: Store, ws: int, *, limit: int = 50, offset: int = 0
) -> tuple[list[Group], int]:
    """One page of groups, in the order they were added, and how many there are."""
    return _paged(store, listing_db.groups_page, ws, limit, offset)


def members_page(
    store: Store, ws: int, group_id: int, *, limit: int = 50, offset: int = 0
) -> tuple[list[tuple[Membership, Person]], int]:
    """One page of a group's memberships with their people, and how many there are."""
    return _paged(store, listing_db.members_page, ws, limit, offset, group_id=group_id)


def names_of(store: Store, ws: int, person_ids: list[int]) -> dict[int, str]:
    """Names of these people, by id (unknown ids are left out)."""
    with store.transaction() as conn:
        return analytics_db.names(conn, ws, person_ids)


MONTHS_READS = frozenset({"interaction", "interaction_participant"})
"""What :func:`monthly_touches` counts from."""


def monthly_touches(
    store: Store, ws: int, person_id: int, *, now: datetime, grow: Grower = fresh_growth
) -> list[tuple[str, int]]:
    """("Nov 25", interactions of a person) per month over the last year, empty months as
    zero. ``grow``: where the counts may be kept and grown by the touches added since."""
    first = (now - timedelta(days=365)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = [first]
    while starts[-1] <= now:
        year, month = starts[-1].year, starts[-1].month
        starts.append(starts[-1].replace(year=year + month // 12, month=month % 12 + 1))

    def count(before: listing_db.PeriodCounts | None) -> listing_db.PeriodCounts:
        with store.transaction() as conn:
            return listing_db.touches_in_periods(conn, ws, person_id, starts, before)

    counts = grow(("months", ws, person_id, tuple(starts)), MONTHS_READS, count).counts
    return [
        (f"{_MONTHS[start.month - 1]} {start.year % 100:02d}", n)
        for start, n in zip(starts, counts, strict=False)
    ]


__all__ = [
    "MAX_PAGE",
    "AttendedEvent",
    "PeoplePage",
    "PeopleQuery",
    "PeopleSort",
    "Profile",
    "asks_page",
    "count_interactions",
    "follow_ups_page",
    "groups_page",
    "interactions_page",
    "members_page",
    "monthly_touches",
    "names_of",
    "people_page",
    "person_profile",
    "referral_balance",
    "referral_board",
    "referral_status_page",
    "referral_totals",
    "referrals_page",
]
