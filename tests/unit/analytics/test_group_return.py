"""Group return verdicts on hand-built quarters."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from netweave.analytics.fit import FitShare
from netweave.analytics.group_return import (
    Direction,
    GroupReturn,
    Quarter,
    Verdict,
    judge,
    quarters_until,
)

GOOD_FIT = FitShare(10, 8, 0.7)
POOR_FIT = FitShare(10, 1, 0.2)


def _q(
    label: str = "q",
    *,
    dues: int = 10_000,
    hours: float = 6.0,
    fees: int = 0,
    referrals_in: float = 0.0,
    won: float = 0.0,
    out: float = 0.0,
    close: int = 0,
) -> Quarter:
    return Quarter(label, dues, hours, fees, 10_000, 3, 3, referrals_in, won, out, close)


def _judge(quarters: list[Quarter], *, fit: FitShare = GOOD_FIT, role: str = "member",
           purpose: str = "prospects", member: int = 306) -> GroupReturn:  # fmt: skip
    return judge(
        1,
        "Chamber",
        role,
        kind="chamber",
        purpose=purpose,
        quarters=tuple(quarters),
        member_days=member,
        member_fit=fit,
        currency="USD",
    )


def test_cost_is_dues_fees_and_hours_at_my_hourly_value() -> None:
    # 100.00 dues + 20.00 fees + 6 h x 100.00
    assert _q(fees=2_000).cost_cents == 10_000 + 2_000 + 60_000


def test_a_group_that_pays_for_a_plain_member_is_worth_more_involvement() -> None:
    found = _judge([_q(), _q(), _q(referrals_in=2, won=400_000), _q(referrals_in=1)])
    assert found.cost_cents == 4 * 70_000
    assert found.won_cents == 400_000
    assert found.verdict is Verdict.GET_MORE_INVOLVED
    assert found.reasons[0] == "it pays off; you could do more there"
    assert "3 referrals from members, closed business 4,000.00 USD" in found.reasons


def test_a_paying_group_where_i_already_lead_and_give_is_kept() -> None:
    found = _judge([_q(won=300_000, referrals_in=1, out=2)] * 4, role="leader")
    assert found.verdict is Verdict.KEEP


def test_nothing_back_for_a_year_means_move_on() -> None:
    found = _judge([_q()] * 4)
    assert found.verdict is Verdict.MOVE_ON
    assert found.trend is Direction.STEADY


def test_costly_with_wrong_members_is_reconsidered_even_with_some_referrals() -> None:
    found = _judge([_q(referrals_in=1), _q(referrals_in=2), _q(close=1), _q()], fit=POOR_FIT)
    assert found.verdict is Verdict.RECONSIDER
    assert "few members are your market" in found.reasons[0]
    # Among peers, fit does not decide: referrals and relationships keep it.
    peers = _judge([_q(referrals_in=1), _q(referrals_in=2), _q(close=1), _q()],
                   fit=POOR_FIT, purpose="peers")  # fmt: skip
    assert peers.verdict is Verdict.KEEP


def test_without_a_target_market_no_group_is_the_wrong_pond() -> None:
    """A market that names nothing fits nobody; that is no verdict on the members."""
    unjudged = FitShare(10, 0, 0.0, judged=False)
    found = _judge([_q(referrals_in=1), _q(referrals_in=2), _q(close=1), _q()], fit=unjudged)
    assert found.verdict is Verdict.KEEP
    assert "no target market set to judge the members by" in found.reasons


def test_a_new_group_is_too_early_to_judge() -> None:
    found = _judge([_q(dues=0, hours=0)] * 3 + [_q()], member=60)
    assert found.verdict is Verdict.KEEP
    assert found.reasons[0] == "joined recently (a member for 60 days): too early to judge"
    # Two quarters' days (182) are enough to judge, wherever they fall.
    assert _judge([_q()] * 4, member=182).verdict is Verdict.MOVE_ON


def test_a_free_group_pays_with_two_referrals_or_relationships() -> None:
    free = [_q(dues=0, hours=0), _q(dues=0, hours=0, close=1), _q(dues=0, hours=0, referrals_in=1)]
    assert _judge(free).verdict is Verdict.GET_MORE_INVOLVED


def test_trend_compares_the_later_half_with_the_earlier() -> None:
    assert _judge([_q(), _q(), _q(referrals_in=1), _q(close=1)]).trend is Direction.RISING
    assert _judge([_q(referrals_in=3), _q(), _q(), _q()]).trend is Direction.FALLING


def test_verdicts_rank_from_move_on_to_more_involvement() -> None:
    ranks = [v.rank for v in (Verdict.MOVE_ON, Verdict.RECONSIDER, Verdict.KEEP)]
    assert ranks == [0, 1, 2]
    assert Verdict.GET_MORE_INVOLVED.rank == 3


@pytest.mark.parametrize(
    ("day", "labels"),
    [
        (date(2026, 11, 2), ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]),
        (date(2026, 2, 10), ["2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1"]),
    ],
)
def test_quarters_until_a_day(day: date, labels: list[str]) -> None:
    found = quarters_until(day)
    assert [label for label, _, _ in found] == labels
    assert found[-1][2] == day
    assert found[-1][1] == date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    assert found[0][2] < found[1][1]
    assert all((b[1] - a[2]).days == 1 for a, b in pairwise(found))


def test_business_exactly_equal_to_the_cost_pays() -> None:
    # Four quarters of 70,000 cost; exactly 280,000 of closed business: it pays (>=).
    even = _judge([_q(), _q(), _q(referrals_in=1, won=280_000), _q()])
    assert even.verdict is Verdict.GET_MORE_INVOLVED
    short = _judge([_q(), _q(), _q(referrals_in=1, won=279_999), _q()])
    assert short.verdict is not Verdict.GET_MORE_INVOLVED


def test_an_empty_history_after_a_year_means_move_on_but_thin_membership_waits() -> None:
    assert _judge([_q()] * 4).verdict is Verdict.MOVE_ON
    assert _judge([_q()] * 4, member=181).verdict is Verdict.KEEP
