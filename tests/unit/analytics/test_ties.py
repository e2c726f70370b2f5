"""Tie strength, rhythm, layers and trends on hand-computed cases."""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter

import pytest

from netweave.analytics import StrengthRules, Touch, pair_strengths, read_rhythm, usual_gap, weigh
from netweave.analytics.layers import Layer, Trend, layers_by_rank, ties_of, trend_of
from netweave.analytics.rhythm import FALLBACK_HALF_LIFE, Rhythm, median_of_counts
from netweave.domain.kinds import InteractionKind as K
from netweave.domain.touch import DAY

ONE = K.ONE_ON_ONE


def rhythm(half_life: float = 10 * DAY, **minutes: float) -> Rhythm:
    return Rhythm(usual_gap=None, half_life=half_life, typical_minutes={})


def test_usual_gap_is_total_span_over_total_gaps() -> None:
    touches = [Touch(1, 2, t * DAY) for t in (0, 10, 30)] + [Touch(1, 3, t * DAY) for t in (0, 5)]
    # (30 + 5) days over (2 + 1) gaps
    assert usual_gap(touches) == pytest.approx(35 / 3 * DAY)


def test_no_repeat_contact_means_no_rhythm_and_the_fallback_half_life() -> None:
    found = read_rhythm([Touch(1, 2, 0.0), Touch(1, 3, DAY)])
    assert found.usual_gap is None
    assert found.half_life == FALLBACK_HALF_LIFE
    assert read_rhythm([]).half_life == FALLBACK_HALF_LIFE


def test_the_half_life_is_eight_usual_gaps_whatever_the_pace() -> None:
    conference = read_rhythm([Touch(1, 2, t * 60.0) for t in (0, 5, 10)])
    business = read_rhythm([Touch(1, 2, t * DAY) for t in (0, 30, 60)])
    assert conference.half_life == pytest.approx(8 * 5 * 60)
    assert business.half_life == pytest.approx(8 * 30 * DAY)


def test_touches_after_the_moment_are_ignored() -> None:
    found = read_rhythm([Touch(1, 2, 0.0), Touch(1, 2, 100 * DAY)], until=50 * DAY)
    assert found.usual_gap is None


def test_a_touch_one_half_life_old_counts_half_and_future_ones_nothing() -> None:
    touches = [Touch(1, 2, 0.0, ONE), Touch(1, 2, 20 * DAY, ONE)]
    histories = weigh(touches, 10 * DAY, rhythm())
    assert histories[(1, 2)].direct == pytest.approx(0.5)
    assert histories[(1, 2)].touches == 1
    assert weigh([], 0.0, rhythm()) == {}


def test_kind_and_length_weigh_a_touch() -> None:
    typical = Rhythm(usual_gap=None, half_life=10 * DAY, typical_minutes={K.CALL: 30.0})
    touches = [Touch(1, 2, 0.0, K.CALL, 90), Touch(1, 3, 0.0, K.EMAIL)]
    found = weigh(touches, 0.0, typical)
    assert found[(1, 2)].direct == pytest.approx(0.7 * math.log2(1 + 90 / 30))  # 1.4
    assert found[(1, 3)].direct == pytest.approx(0.3)


def test_both_sides_starting_counts_more_than_one_side() -> None:
    both = [Touch(1, 2, 0.0, ONE, initiator=1), Touch(1, 2, 0.0, ONE, initiator=2)]
    one = [Touch(1, 2, 0.0, ONE, initiator=1), Touch(1, 2, 0.0, ONE, initiator=1)]
    unknown = [Touch(1, 2, 0.0, ONE), Touch(1, 2, 0.0, ONE)]
    score = {
        name: pair_strengths(weigh(ts, 0.0, rhythm()))[(1, 2)].strength
        for name, ts in (("both", both), ("one", one), ("unknown", unknown))
    }
    assert score == pytest.approx({"both": 2.5, "one": 1.5, "unknown": 2.0})


def test_mutual_contacts_and_shared_groups_add_to_a_tie() -> None:
    # 1-2, 1-3 and 2-3 each one fresh one-on-one; 1 and 2 share group 7.
    touches = [Touch(1, 2, 0.0, ONE), Touch(1, 3, 0.0, ONE), Touch(2, 3, 0.0, ONE)]
    contexts = {1: frozenset({7}), 2: frozenset({7, 8}), 3: frozenset()}
    found = pair_strengths(weigh(touches, 0.0, rhythm()), contexts=contexts)
    rules = StrengthRules()
    assert found[(1, 2)].mutual == 1
    assert found[(1, 2)].shared == 1
    assert found[(1, 2)].strength == pytest.approx(
        1 + rules.embeddedness * 1 + rules.shared_context
    )
    assert found[(1, 3)].strength == pytest.approx(1 + rules.embeddedness)


def test_a_shared_group_alone_makes_no_tie() -> None:
    contexts = {1: frozenset({7}), 2: frozenset({7})}
    assert pair_strengths(weigh([Touch(1, 3, 0.0)], 0.0, rhythm()), contexts=contexts).keys() == {
        (1, 3)
    }


def test_layers_follow_rank_and_need_a_least_strength() -> None:
    strengths = {n: 10.0 - n * 0.1 for n in range(1, 21)}  # 20 ties, all strong
    strengths[99] = 0.1
    found = layers_by_rank(strengths)
    assert [found[n] for n in (1, 5, 6, 15, 16, 20, 99)] == [
        Layer.INNER,
        Layer.INNER,
        Layer.CLOSE,
        Layer.CLOSE,
        Layer.ACTIVE,
        Layer.ACTIVE,
        Layer.DORMANT,
    ]
    # A thin network has no inner circle: rank 1 with strength 1.5 is only active.
    assert layers_by_rank({1: 1.5, 2: 0.3}) == {1: Layer.ACTIVE, 2: Layer.ACQUAINTANCE}
    assert layers_by_rank({}) == {}


def test_silence_fades_a_tie_and_steady_contact_keeps_it() -> None:
    pace = rhythm(half_life=40 * DAY)
    steady = [Touch(1, 2, t * DAY, ONE) for t in range(0, 200, 5)]
    silent = [Touch(1, 2, t * DAY, ONE) for t in range(0, 100, 5)]
    new = [Touch(1, 2, 190 * DAY, ONE)]
    assert trend_of(weigh(steady, 200 * DAY, pace)[(1, 2)], 200 * DAY, pace) is Trend.STEADY
    # 95 days old, its half-life is 40 + 95 days: silence alone gives 2^(-20/135) = 0.90,
    # not below 0.85, but 105 silent days are 21 of its 5-day gaps (Navarro): fading.
    silent_history = weigh(silent, 200 * DAY, pace)[(1, 2)]
    assert silent_history.direct / silent_history.earlier == pytest.approx(2 ** (-20 / 135))
    assert trend_of(silent_history, 200 * DAY, pace) is Trend.FADING
    assert trend_of(weigh(new, 200 * DAY, pace)[(1, 2)], 200 * DAY, pace) is Trend.RISING


def test_a_burst_long_ago_then_a_long_silence_is_never_rising() -> None:
    # A slow network: pairs meet every 30 days, touches halve in 240 days, and the
    # trend looks back 120 days. Two one-on-ones a day apart, 100 and 99 days ago,
    # are all inside that window (nothing before them): the ratio alone says rising.
    pace = Rhythm(usual_gap=30 * DAY, half_life=240 * DAY, typical_minutes={})
    burst = [Touch(1, 2, 0.0, ONE), Touch(1, 2, DAY, ONE)]
    history = weigh(burst, 100 * DAY, pace)[(1, 2)]
    assert history.earlier == 0
    assert history.direct > 0
    # 99 silent days are over twice the usual gap (the network's 30 days, longer
    # than the pair's own 1 day): the burst is over, the tie is fading.
    assert trend_of(history, 100 * DAY, pace) is Trend.FADING
    [tie] = ties_of(1, {(1, 2): history}, pair_strengths({(1, 2): history}), pace, 100 * DAY)
    assert tie.trend is Trend.FADING
    assert "silent for over twice the usual 30 days between touches" in tie.reasons
    # The same burst 50 days ago (silent under 60 days) is still rising, and a single
    # touch 61 days ago is not.
    assert trend_of(weigh(burst, 51 * DAY, pace)[(1, 2)], 51 * DAY, pace) is Trend.RISING
    one = weigh([Touch(1, 2, 0.0, ONE)], 61 * DAY, pace)[(1, 2)]
    assert trend_of(one, 61 * DAY, pace) is Trend.FADING


def test_a_tie_that_rose_then_stopped_is_not_rising() -> None:
    # Network gap 5 days, the trend looks back 20. One touch long ago, then two a day
    # from day 47 to 54.5: the ratio says rising; at day 66 the pair has been silent
    # for 11.5 days, over twice the usual gap (the network's 5 days, longer than its own).
    pace = Rhythm(usual_gap=5 * DAY, half_life=40 * DAY, typical_minutes={})
    touches = [Touch(1, 2, 0.0, ONE)] + [Touch(1, 2, (47 + k / 2) * DAY, ONE) for k in range(16)]
    history = weigh(touches, 66 * DAY, pace)[(1, 2)]
    assert history.direct / history.earlier > 1.2
    assert trend_of(history, 66 * DAY, pace) is Trend.FADING
    # Three and a half days after the last touch it is rising: contact is going on.
    assert trend_of(weigh(touches, 58 * DAY, pace)[(1, 2)], 58 * DAY, pace) is Trend.RISING


def test_ties_of_explain_in_words() -> None:
    touches = [
        Touch(1, 2, 90 * DAY, ONE, 60, initiator=1),
        Touch(1, 2, 95 * DAY, ONE, 60, initiator=2),
        Touch(1, 3, 0.0, K.EMAIL, initiator=1),
    ]
    pace = rhythm(half_life=60 * DAY)
    histories = weigh(touches, 100 * DAY, pace)
    ties = ties_of(1, histories, pair_strengths(histories), pace, 100 * DAY)
    assert [t.other for t in ties] == [2, 3]
    assert ties[0].reasons[:3] == (
        "2 one-on-ones in the last 30 days",
        "last touch 5 days ago",
        "you both start conversations",
    )
    assert ties[1].reasons[0] == "no touch in the last 30 days"
    assert "you start most conversations" in ties[1].reasons
    assert ties[1].layer is Layer.DORMANT


def test_a_tie_kept_up_longer_decays_slower() -> None:
    # Network half-life 10 days; the pair met at day 0 and day 20: it is 20 days old,
    # so its touches halve in 10 + 20 = 30 days (Burt: old ties decay slower).
    old = [Touch(1, 2, 0.0, ONE), Touch(1, 2, 20 * DAY, ONE)]
    new = [Touch(1, 3, 20 * DAY, ONE)]
    found = weigh([*old, *new], 30 * DAY, rhythm())
    assert found[(1, 2)].direct == pytest.approx(2 ** (-30 / 30) + 2 ** (-10 / 30))  # 1.294
    assert found[(1, 3)].direct == pytest.approx(0.5)  # one touch: the network's pace
    # Touches on the same moment make no age: the network's half-life applies.
    same = weigh([Touch(1, 2, 0.0, ONE), Touch(1, 2, 0.0, ONE)], 10 * DAY, rhythm())
    assert same[(1, 2)].direct == pytest.approx(1.0)


def test_the_trend_of_an_old_silent_tie_is_measured_at_its_own_pace() -> None:
    # Two touches 30 days apart, then 15 silent days: half-life 10 + 30 = 40 days.
    touches = [Touch(1, 2, 0.0, ONE), Touch(1, 2, 30 * DAY, ONE)]
    history = weigh(touches, 45 * DAY, rhythm())[(1, 2)]
    # "Earlier" is half the network's half-life (5 days) before: silence alone
    # multiplies the strength by 2^(-5/40), not 2^(-1/2).
    assert history.direct / history.earlier == pytest.approx(2 ** (-5 / 40))
    assert trend_of(history, 45 * DAY, rhythm()) is Trend.STEADY


def test_equal_histories_give_exactly_equal_strengths() -> None:
    touches = [
        Touch(1, 2, 0.0, ONE, 30),
        Touch(1, 2, 5 * DAY, K.CALL),
        Touch(3, 4, 0.0, ONE, 30),
        Touch(3, 4, 5 * DAY, K.CALL),
    ]
    pace = Rhythm(usual_gap=5 * DAY, half_life=40 * DAY, typical_minutes={ONE: 30.0})
    found = pair_strengths(weigh(touches, 9 * DAY, pace))
    assert found[(1, 2)].strength == found[(3, 4)].strength


def test_thin_evidence_one_email_long_ago_is_a_dormant_tie() -> None:
    pace = rhythm(half_life=30 * DAY)
    histories = weigh([Touch(1, 2, 0.0, K.EMAIL)], 90 * DAY, pace)
    assert histories[(1, 2)].direct == pytest.approx(0.3 / 8)
    [tie] = ties_of(1, histories, pair_strengths(histories), pace, 90 * DAY)
    assert tie.layer is Layer.DORMANT


def test_the_median_of_counted_values_is_the_median_of_the_values() -> None:
    rng = random.Random(4)
    for _ in range(500):
        values = [rng.choice((0.5, 1.0, 2.5, 12.0, 30.0)) for _ in range(rng.randint(1, 9))]
        counted = sorted(Counter(values).items())
        assert median_of_counts(counted) == statistics.median(values), values
