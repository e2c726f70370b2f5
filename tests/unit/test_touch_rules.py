"""A touch is something that happened: one logged in the future is refused, with the way
to plan it instead (a follow-up); a clock a little fast is forgiven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netweave.domain.interaction import FUTURE_TOUCH_TOLERANCE, refuse_future_touch
from netweave.errors import InvalidInput

NOW = datetime(2026, 3, 31, 15, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    "ahead",
    [timedelta(days=-400), timedelta(0), timedelta(minutes=3), FUTURE_TOUCH_TOLERANCE],
)
def test_a_touch_up_to_now_and_a_clock_skew_is_allowed(ahead: timedelta) -> None:
    refuse_future_touch(NOW + ahead, NOW)


@pytest.mark.parametrize(
    ("ahead", "words"),
    [
        (timedelta(minutes=5, seconds=1), "5 minutes"),
        (timedelta(minutes=61), "61 minutes"),
        (timedelta(hours=2, minutes=5), "2 hours"),
        (timedelta(hours=25), "1 day"),
        (timedelta(days=3, hours=4), "3 days"),
    ],
)
def test_a_touch_in_the_future_is_refused_with_the_way_to_plan_it(
    ahead: timedelta, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        refuse_future_touch(NOW + ahead, NOW, field="at")
    assert caught.value.field == "at"
    assert caught.value.reason == (
        f"a touch is something that happened, and this one is {words} from now; "
        "what is to come is a follow-up"
    )
    # What to do instead is worded by each interface from the code (cli/hints.py, web/hints.py).
    assert caught.value.code == "touch-in-future"
    assert caught.value.hint is None


def test_the_field_defaults_to_the_record_field() -> None:
    with pytest.raises(InvalidInput, match=r"^occurred_at: a touch is something that happened"):
        refuse_future_touch(NOW + timedelta(days=1), NOW)


def test_moments_in_other_zones_compare_as_moments() -> None:
    berlin_now = NOW.astimezone(ZoneInfo("Europe/Berlin"))
    refuse_future_touch(NOW, berlin_now)
    with pytest.raises(InvalidInput):
        refuse_future_touch(berlin_now + timedelta(hours=1), NOW)
