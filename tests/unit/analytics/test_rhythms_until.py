"""The rhythm until several moments in one pass equals the rhythm read until each one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.analytics import Touch, read_rhythm
from netweave.analytics.rhythm import rhythms_until
from netweave.domain.kinds import InteractionKind as K
from netweave.domain.touch import DAY

KINDS = (K.ONE_ON_ONE, K.CALL, K.EMAIL)

touches = st.lists(
    st.builds(
        lambda pair, at, kind, minutes: Touch(pair[0], pair[1], at, kind, minutes),
        st.sampled_from([(1, 2), (1, 3), (2, 3), (3, 4)]),
        st.one_of(st.integers(0, 400).map(lambda d: d * DAY), st.floats(0, 400 * DAY)),
        st.sampled_from(KINDS),
        st.one_of(st.none(), st.just(0.0), st.sampled_from([15.0, 30.0, 45.0, 60.0, 90.0])),
    ),
    max_size=40,
)
moments = st.lists(
    st.one_of(st.integers(-1, 401).map(lambda d: d * DAY), st.floats(0, 400 * DAY)), max_size=8
)


@settings(max_examples=200, deadline=None)
@given(touches, moments)
def test_each_moment_reads_the_rhythm_read_until_it(found: list[Touch], at: list[float]) -> None:
    together = rhythms_until(found, at)
    assert len(together) == len(at)
    for moment, rhythm in zip(at, together, strict=True):
        alone = read_rhythm(found, until=moment)
        assert rhythm.typical_minutes == alone.typical_minutes
        if alone.usual_gap is None:
            assert rhythm.usual_gap is None
        else:  # the same sums, added in another order
            assert rhythm.usual_gap == pytest.approx(alone.usual_gap, rel=1e-9)
        assert rhythm.half_life == pytest.approx(alone.half_life, rel=1e-9)


def test_a_touch_at_the_moment_counts_and_whole_seconds_add_up_exactly() -> None:
    found = [Touch(1, 2, 0.0), Touch(1, 2, 10 * DAY, K.CALL, 30), Touch(1, 2, 30 * DAY)]
    assert rhythms_until(found, [30 * DAY, 10 * DAY, 5 * DAY]) == [
        read_rhythm(found, until=30 * DAY),
        read_rhythm(found, until=10 * DAY),
        read_rhythm(found, until=5 * DAY),
    ]


def test_no_moment_reads_no_touch() -> None:
    """Asked for no moment (the strength backdrop after a touch logged today), the touches
    are not read at all: not even put in time order."""

    def unread() -> Iterator[Touch]:
        raise AssertionError("the touches were read")
        yield  # pragma: no cover

    assert rhythms_until(unread(), []) == []
