"""Evidence, reciprocity, ask reliability and cadence on hand-computed cases."""

from __future__ import annotations

import pytest

from netweave.analytics.cadence import CadenceDefaults, cadence_of, overdue
from netweave.analytics.evidence import beta_cdf, beta_quantile, estimate
from netweave.analytics.layers import Layer, Tie, Trend
from netweave.analytics.reciprocity import (
    AskRecord,
    Help,
    Reliability,
    Standing,
    ask_reliability,
    reciprocity,
    reciprocity_of,
    referral_help,
    reliability_of,
)
from netweave.domain.kinds import AskOutcome, ReferralStatus
from netweave.domain.touch import DAY


def test_beta_cdf_matches_the_closed_form() -> None:
    # Beta(2, 3): F(x) = 6x^2/2 - 8x^3/3 + 3x^4 ... = 1 - (1-x)^3 (1 + 3x)
    for x in (0.1, 0.3, 0.5, 0.9):
        assert beta_cdf(x, 2, 3) == pytest.approx(1 - (1 - x) ** 3 * (1 + 3 * x))
    assert beta_cdf(0.0, 2, 3) == 0.0
    assert beta_cdf(1.0, 2, 3) == 1.0
    assert beta_quantile(0.5, 4, 4) == pytest.approx(0.5)


def test_the_interval_narrows_with_evidence() -> None:
    thin, thick = estimate(1, 1), estimate(20, 20)
    assert thin.mean == thick.mean == pytest.approx(0.5)
    assert thick.high - thick.low < thin.high - thin.low
    with pytest.raises(ValueError, match="negative"):
        estimate(-1, 0)


def _given(n: int, giver: int = 1, receiver: int = 2) -> list[Help]:
    return [referral_help(giver, receiver, float(i), ReferralStatus.NEW) for i in range(n)]


def test_one_referral_labels_no_one() -> None:
    assert reciprocity(1, _given(1)).standing is Standing.UNKNOWN
    assert reciprocity(1, []).standing is Standing.UNKNOWN
    assert "too little evidence for a label" in reciprocity(1, []).reasons


def test_givers_takers_and_matchers_need_enough_evidence() -> None:
    assert reciprocity(1, _given(6)).standing is Standing.GIVER
    assert reciprocity(2, _given(6)).standing is Standing.TAKER
    balanced = _given(10) + _given(10, giver=2, receiver=1)
    assert reciprocity(1, balanced).standing is Standing.MATCHER
    # 2 and 2 is balanced too, but not yet enough to say so.
    assert reciprocity(1, _given(2) + _given(2, 2, 1)).standing is Standing.UNKNOWN


def test_closed_business_counts_double_for_the_giver() -> None:
    won = [referral_help(1, 2, 0.0, ReferralStatus.WON)] * 3
    found = reciprocity(1, won)
    assert found.given == 6
    assert found.standing is Standing.GIVER
    assert "3 referrals closed business" in found.reasons


def test_reciprocity_inside_a_circle_and_before_a_moment() -> None:
    helps = _given(6, 1, 2) + _given(6, 3, 1)
    assert reciprocity(1, helps, among=[2]).standing is Standing.GIVER
    assert reciprocity(1, helps, among=[3]).standing is Standing.TAKER
    assert reciprocity(1, helps, as_of=-1).given == 0


def test_thin_evidence_shortcut_agrees_with_the_maths() -> None:
    for given in (0, 0.5, 1, 2, 2.5):
        for received in (0, 0.5):
            assert reciprocity_of(1, given, received).standing is Standing.UNKNOWN


def _asks(*outcomes: AskOutcome | None, at: float = 0.0) -> list[AskRecord]:
    return [AskRecord(9, 1, at, outcome) for outcome in outcomes]


def test_ask_reliability() -> None:
    now = 100 * DAY
    assert ask_reliability(1, [], now).verdict is Reliability.UNKNOWN
    assert ask_reliability(1, _asks(AskOutcome.HELPED), now).verdict is Reliability.UNKNOWN
    assert ask_reliability(1, _asks(*[AskOutcome.HELPED] * 5), now).verdict is Reliability.RELIABLE
    gone = _asks(AskOutcome.DECLINED, AskOutcome.TOO_BUSY, None, None, None)
    assert ask_reliability(1, gone, now).verdict is Reliability.UNRELIABLE
    # Open asks younger than 30 days wait; partly counts half.
    recent = ask_reliability(1, _asks(None, at=now - DAY) + _asks(AskOutcome.PARTLY), now)
    assert (recent.asked, recent.pending, recent.share.successes) == (1, 1, 0.5)
    assert ask_reliability(1, _asks(AskOutcome.HELPED, at=now + DAY), now).asked == 0


def _tie(other: int, layer: Layer, last_days: float) -> Tie:
    return Tie(other, 1.0, layer, Trend.STEADY, last_days * DAY, 3, ())


def test_overdue_is_sorted_by_lateness_relative_to_the_cadence() -> None:
    now = 400 * DAY
    ties = [
        _tie(1, Layer.INNER, 386),  # weekly, 14 days silent: 1 cadence late
        _tie(2, Layer.ACQUAINTANCE, 0),  # yearly, 400 days: 35 days late
        _tie(3, Layer.CLOSE, 395),  # monthly, 5 days: not due
        _tie(4, Layer.DORMANT, 0),  # no cadence
    ]
    found = overdue(ties, now)
    assert [o.person for o in found] == [1, 2]
    assert found[0].late == pytest.approx(7 * DAY)
    assert found[0].reason == "last touch 14 days ago; due every 7 days, as an inner tie"


def test_cadence_prefers_person_then_tag_then_group_then_layer() -> None:
    defaults = CadenceDefaults(
        people={1: 3 * DAY},
        tags={"vip": 14 * DAY},
        groups={5: 21 * DAY},
        group_names={5: "BNI Northstar"},
    )
    assert cadence_of(1, Layer.ACTIVE, tags=["vip"], defaults=defaults) == (3 * DAY, "set for them")
    assert cadence_of(2, Layer.ACTIVE, tags=["vip"], groups=[5], defaults=defaults) == (
        14 * DAY,
        "for people tagged vip",
    )
    assert cadence_of(2, Layer.ACTIVE, groups=[5], defaults=defaults) == (
        21 * DAY,
        "as a member of BNI Northstar",
    )
    assert cadence_of(2, Layer.CLOSE) == (30 * DAY, "as a close tie")
    assert cadence_of(2, Layer.DORMANT) is None
    # A person's own cadence applies even to a dormant tie (the user asked for it).
    assert cadence_of(1, Layer.DORMANT, defaults=defaults) == (3 * DAY, "set for them")


def test_within_one_level_the_shortest_cadence_wins_and_exact_ties_go_by_name() -> None:
    defaults = CadenceDefaults(
        tags={"client": 30 * DAY, "vip": 14 * DAY, "board": 14 * DAY},
        groups={5: 60 * DAY, 6: 60 * DAY},
        group_names={5: "Rotary", 6: "BNI Northstar"},
    )
    assert cadence_of(2, Layer.INNER, tags=["client", "vip", "board"], defaults=defaults) == (
        14 * DAY,
        "for people tagged board",
    )
    assert cadence_of(2, Layer.INNER, groups=[5, 6], defaults=defaults) == (
        60 * DAY,
        "as a member of BNI Northstar",
    )
    # A rule for a tag or group the person does not have does not apply.
    assert cadence_of(2, Layer.INNER, tags=["other"], groups=[7], defaults=defaults) == (
        7 * DAY,
        "as an inner tie",
    )


def test_overdue_resets_with_any_touch_and_ignores_a_future_last_touch() -> None:
    now = 100 * DAY
    defaults = CadenceDefaults(groups={5: 30 * DAY}, group_names={5: "BNI Northstar"})
    exactly_due = _tie(1, Layer.ACTIVE, 70)  # due at 100 days: not late yet
    late = _tie(2, Layer.ACTIVE, 69)
    ahead = _tie(3, Layer.ACTIVE, 120)  # a touch logged in the future: nothing due
    found = overdue([exactly_due, late, ahead], now, groups={1: [5], 2: [5]}, defaults=defaults)
    assert [o.person for o in found] == [2]
    assert found[0].reason == (
        "last touch 31 days ago; due every 30 days, as a member of BNI Northstar"
    )
    assert found[0].lateness == pytest.approx(1 / 30)
    assert overdue([], now) == []


def test_hand_computed_intervals_and_an_empty_history() -> None:
    # Beta(2 + 6, 2 + 0): mean 0.8, central 80 % interval 63 %–94 %.
    six = reciprocity_of(1, 6, 0)
    assert six.share.mean == pytest.approx(0.8)
    assert six.reasons[1] == "share given 80% (80% interval 63%–94%)"
    nothing = reciprocity(1, [])
    assert (nothing.given, nothing.received, nothing.standing) == (0, 0, Standing.UNKNOWN)
    # 5 of 5 asks: Beta(1 + 5, 1 + 0), P(X < x) = x^6, so the low end is 0.1^(1/6) = 0.681.
    five = reliability_of(1, 5, 5, 0)
    assert five.share.low == pytest.approx(0.1 ** (1 / 6), abs=1e-6)
    assert five.verdict is Reliability.RELIABLE


def test_help_after_the_moment_does_not_count() -> None:
    helps = [referral_help(1, 2, 10.0, ReferralStatus.WON)] * 6
    assert reciprocity(1, helps, as_of=9.0).given == 0
    assert reciprocity(1, helps, as_of=10.0).standing is Standing.GIVER
