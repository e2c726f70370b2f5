"""Spread on hand-built funnels and counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netweave.analytics.spread import Funnel, funnel_of, spread_of

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)


def _days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_the_funnel_from_met_to_referral() -> None:
    met = {1: _days_ago(30), 2: _days_ago(30), 3: _days_ago(20), 4: _days_ago(3)}
    touches = [
        (1, _days_ago(27), "call", False),  # within the week: followed up
        (1, _days_ago(10), "one-on-one", False),
        (2, _days_ago(30), "event-conversation", True),  # at the event: not a follow-up
        (2, _days_ago(15), "email", False),  # too late to count as a follow-up
        (3, _days_ago(19), "meal", False),  # followed up, and a meal is a one-on-one
        (4, _days_ago(2), "email", False),  # met 3 days ago: not judged yet
        (9, _days_ago(2), "one-on-one", False),  # never met at an event
    ]
    referrals = [(1, _days_ago(5)), (2, _days_ago(40)), (9, _days_ago(1))]
    found = funnel_of(met, touches, referrals, NOW)
    assert found == Funnel(met=4, judged=3, followed_up=2, one_on_one=2, referral=1)


def test_empty_history_is_not_thin() -> None:
    found = spread_of(groups=0, events=0, weeks=13, funnel=Funnel(0, 0, 0, 0, 0),
                      follow_ups=[], returns=[])  # fmt: skip
    assert not found.thin
    assert found.warnings == ()
    assert found.keep == ()
    assert found.advice == ""
    assert found.reasons[0] == "0 active groups"


def test_many_groups_and_few_relationships_warn() -> None:
    # Which groups to keep: tests/unit/analytics/test_keep.py.
    found = spread_of(groups=5, events=39, weeks=13, funnel=Funnel(20, 18, 4, 3, 0),
                      follow_ups=[], returns=[])  # fmt: skip
    assert found.thin
    assert found.events_per_week == 3.0
    [warning] = found.warnings
    assert "5 groups" in warning
    assert "3.0 events a week" in warning
    assert "only 3 of 20 (15%) people met became a one-on-one" in warning
    assert "only 4 of 18 (22%) heard from you within a week" in warning


def test_many_groups_with_deep_relationships_is_fine() -> None:
    found = spread_of(groups=5, events=20, weeks=13, funnel=Funnel(10, 10, 8, 5, 1),
                      follow_ups=[], returns=[])  # fmt: skip
    assert not found.thin


def test_follow_ups_on_time() -> None:
    due = date(2026, 6, 1)
    follow_ups = [
        (due, datetime(2026, 6, 1, 23, tzinfo=UTC)),
        (due, datetime(2026, 6, 3, tzinfo=UTC)),
        (due, None),
    ]
    found = spread_of(groups=1, events=1, weeks=13, funnel=Funnel(0, 0, 0, 0, 0),
                      follow_ups=follow_ups, returns=[])  # fmt: skip
    assert (found.follow_ups_due, found.follow_ups_on_time) == (3, 1)
    assert "follow-ups done on time: 1 of 3 (33%)" in found.reasons


def test_records_after_the_moment_and_people_met_in_the_future_do_not_count() -> None:
    met = {1: _days_ago(30), 2: NOW + timedelta(days=1)}
    touches = [
        (1, NOW + timedelta(days=2), "one-on-one", False),  # in the future
        (2, NOW + timedelta(days=2), "call", False),
    ]
    referrals = [(1, NOW + timedelta(days=3))]
    found = funnel_of(met, touches, referrals, NOW)
    assert found == Funnel(met=2, judged=1, followed_up=0, one_on_one=0, referral=0)


def test_a_follow_up_exactly_seven_days_later_is_in_time() -> None:
    met = {1: _days_ago(30)}
    on_the_day = [(1, _days_ago(23), "call", False)]
    a_minute_late = [(1, _days_ago(23) + timedelta(minutes=1), "call", False)]
    assert funnel_of(met, on_the_day, [], NOW).followed_up == 1
    assert funnel_of(met, a_minute_late, [], NOW).followed_up == 0
