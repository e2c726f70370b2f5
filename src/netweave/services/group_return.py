"""Group return for the owner's groups: read in one transaction, judged by the analytics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time

from netweave.analytics.fit import FitShare, Profile, fit_of, names_anything, share_of
from netweave.analytics.group_return import GroupReturn, Quarter, judge, quarters_until
from netweave.analytics.layers import Layer
from netweave.domain.kinds import ReferralStatus
from netweave.domain.workspace import Settings, TargetMarket
from netweave.services.keeping import Keeper, fresh
from netweave.services.tie_views import TieView
from netweave.services.ties import ego_ties_in, owner_of
from netweave.storage import Store, Tx
from netweave.storage import group_return as activity_db
from netweave.storage import workspaces as workspaces_db
from netweave.storage.first_met import FirstMeeting, first_meetings
from netweave.storage.group_return import GroupActivity, GroupRow

CLOSE = frozenset({Layer.INNER.value, Layer.CLOSE.value})
YEAR_DAYS = 365


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _overlap(row: GroupRow, first: date, last: date) -> int:
    start = max(first, row.joined_on or first)
    end = min(last, row.left_on or last)
    return max(0, (end - start).days + 1)


def _shares(activity: GroupActivity) -> dict[tuple[int, bool], int]:
    """How many of my groups each referral is credited to: it is shared among them."""
    counts: dict[tuple[int, bool], int] = defaultdict(int)
    for row in activity.exchanges:
        counts[(row.referral_id, row.to_me)] += 1
    return counts


def _first_met(activity: GroupActivity, close: frozenset[int]) -> dict[tuple[int, int], date]:
    """(group, person now close) → the day I first met them, at one of its meetings in the
    window: each relationship counts once, in the quarter it started, and only where it
    started (someone I knew before is no relationship formed there; storage/first_met.py)."""
    first: dict[tuple[int, int], date] = {}
    for group_id, person, at in activity.met:
        if person in close:
            key = (group_id, person)
            first[key] = min(first.get(key, at.date()), at.date())
    return first


def _quarter(
    row: GroupRow,
    label: str,
    first: date,
    last: date,
    activity: GroupActivity,
    shares: dict[tuple[int, bool], int],
    met: dict[tuple[int, int], date],
    settings: Settings,
) -> Quarter:
    def inside(at: datetime) -> bool:
        return first <= at.date() <= last

    def member_on(day: date) -> bool:
        return (row.joined_on is None or row.joined_on <= day) and (
            row.left_on is None or day <= row.left_on
        )

    days = _overlap(row, first, last)
    # The meetings held while I was a member are the ones I could attend (and pay for).
    meetings = [
        m
        for m in activity.meetings
        if m.group_id == row.group_id and inside(m.starts_at) and member_on(m.starts_at.date())
    ]
    mine = [m for m in meetings if m.attended]
    exchanged = [
        (x, 1 / shares[(x.referral_id, x.to_me)])
        for x in activity.exchanges
        if x.group_id == row.group_id and inside(x.given_at)
    ]
    won = ReferralStatus.WON.value
    return Quarter(
        label=label,
        dues_cents=round(row.dues_cents * days / YEAR_DAYS),
        hours=sum(
            row.hours_per_meeting if row.hours_per_meeting > 0 else (m.hours or 0.0) for m in mine
        ),
        fees_cents=sum(m.cost_cents for m in mine),
        hourly_value_cents=settings.hourly_value_cents,
        meetings=len(meetings),
        attended=len(mine),
        referrals_in=sum(share for x, share in exchanged if x.to_me),
        won_cents=sum(
            share * (x.value_cents or 0) for x, share in exchanged if x.to_me and x.status == won
        ),
        referrals_out=sum(share for x, share in exchanged if not x.to_me),
        relationships=sum(
            1 for (g, _), day in met.items() if g == row.group_id and first <= day <= last
        ),
    )


def member_fit(market: TargetMarket, activity: GroupActivity) -> dict[int, FitShare]:
    """Group → the fit of its members on the last day."""
    fits: dict[int, list[Profile]] = defaultdict(list)
    for m in activity.members:
        fits[m.group_id].append(Profile(m.category, m.title, m.location, m.company))
    judged = names_anything(market)
    return {
        g: share_of((fit_of(market, p) for p in people), judged=judged)
        for g, people in fits.items()
    }


def close_of(ties: Iterable[TieView]) -> frozenset[int]:
    """The people of the inner and close ties among ``ties``."""
    return frozenset(t.person_id for t in ties if t.layer in CLOSE)


FIT_READS = frozenset({"membership", "person", "network_group", "target_market"})
"""What the members' fit is read from (:func:`member_fit`: the members on the day, their
fields, the target market)."""


def first_met_in(
    conn: Tx, ws: int, ego: int, as_of: datetime, *, keep: Keeper = fresh
) -> list[FirstMeeting]:
    """Whom ``ego`` first met at an event over the groups' quarters up to ``as_of``
    (:func:`netweave.storage.first_met.first_meetings`): the group return's and, from a
    later start, the spread's (the rule does not depend on the window); ``keep``: where
    it may be kept until a touch, an event or an attendance is written (read once for both)."""
    start = _midnight(quarters_until(as_of.date())[0][1])
    return keep(
        ("first met", ws, ego, start, as_of),
        activity_db.MET_READS,
        lambda: first_meetings(conn, ws, ego, start, as_of),
    )


def group_returns_in(
    conn: Tx,
    ws: int,
    as_of: datetime,
    ego: int,
    close: Collection[int],
    *,
    keep: Keeper = fresh,
) -> list[GroupReturn]:
    """Verdicts on the groups ``ego`` (the owner) belongs to on ``as_of``, best first;
    ``close``: the people of their inner and close ties (:func:`close_of`); ``keep``: where
    the members' fit may be kept until a member, a group or the target market changes."""
    workspace = workspaces_db.get_workspace(conn, ws=ws)
    assert workspace is not None
    settings = workspace.settings
    market = workspaces_db.get_target_market(conn, ws)
    periods = quarters_until(as_of.date())
    start = _midnight(periods[0][1])
    # Kept apart (the web app): a touch logged reaches only whom I first met, not the rest.
    records = keep(
        ("group records", ws, ego, start, as_of),
        activity_db.RECORD_READS,
        lambda: activity_db.group_records(conn, ws, ego, start, as_of),
    )
    ids = sorted({row.group_id for row in records.groups})
    met_there = [
        (f.group_id, f.person_id, f.at)
        for f in first_met_in(conn, ws, ego, as_of, keep=keep)
        if f.group_id in ids
    ]
    activity = replace(records, met=met_there)
    shares, met = _shares(activity), _first_met(activity, frozenset(close))
    # The fit of every member of every group: a tenth of a second at 3,000 members.
    groups = tuple(sorted({row.group_id for row in activity.groups}))
    fits = keep(
        ("member fit", ws, as_of, ego, groups), FIT_READS, lambda: member_fit(market, activity)
    )
    today = as_of.date()
    latest: dict[int, GroupRow] = {}
    for row in activity.groups:
        latest[row.group_id] = row  # ordered by joined day: the last membership counts
    found = []
    for row in latest.values():
        if row.left_on is not None and row.left_on < today:
            continue  # a group I have left is not judged again
        quarters = tuple(
            _quarter(row, label, first, last, activity, shares, met, settings)
            for label, first, last in periods
        )
        found.append(
            judge(
                row.group_id,
                row.name,
                row.role,
                kind=row.kind,
                purpose=row.purpose,
                quarters=quarters,
                member_days=sum(_overlap(row, f, la) for _, f, la in periods),
                member_fit=fits.get(row.group_id, FitShare(0, 0, 0.0, names_anything(market))),
                currency=settings.currency,
            )
        )
    found.sort(key=lambda r: (-r.verdict.rank, r.cost_cents - r.won_cents, r.name))
    return found


def group_returns(store: Store, ws: int, as_of: datetime) -> list[GroupReturn]:
    """Cost, return and a verdict for each of the owner's groups over the last four quarters."""
    with store.transaction() as conn:
        ties, _ = ego_ties_in(conn, ws, owner_of(conn, ws), as_of)
        return group_returns_in(conn, ws, as_of, ties.ego_id, close_of(ties.ties))


__all__ = ["FIT_READS", "close_of", "group_returns", "group_returns_in", "member_fit"]
