"""The forms people type besides ISO: a day with a time, a month and a day, a time alone,
and the direction (past, future, nearest) that fills in a missing year or day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from netweave.domain.dates import Direction, parse_date, parse_datetime
from netweave.errors import InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
# 17:45 on Tuesday 31 March 2026 in Berlin (summer time since the 29th, UTC+2).
NOW = datetime(2026, 3, 31, 15, 45, tzinfo=UTC)
TODAY = date(2026, 3, 31)
PAST, FUTURE, NEAREST = Direction.PAST, Direction.FUTURE, Direction.NEAREST


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


def read(text: str, direction: Direction = PAST, now: datetime = NOW) -> datetime:
    return parse_datetime(text, now=now, zone=BERLIN, direction=direction)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 08:15", berlin(2026, 3, 31, 8, 15)),
        ("Today 8:15", berlin(2026, 3, 31, 8, 15)),
        ("yesterday 14:00", berlin(2026, 3, 30, 14, 0)),
        ("yesterday at 2pm", berlin(2026, 3, 30, 14, 0)),
        ("14:00 yesterday", berlin(2026, 3, 30, 14, 0)),
        ("tomorrow 9am", berlin(2026, 4, 1, 9, 0)),
        ("tomorrow 09:00", berlin(2026, 4, 1, 9, 0)),
        ("tomorrow at 9 AM", berlin(2026, 4, 1, 9, 0)),
        ("9am tomorrow", berlin(2026, 4, 1, 9, 0)),
        ("tomorrow 12am", berlin(2026, 4, 1, 0, 0)),
        ("tomorrow 12pm", berlin(2026, 4, 1, 12, 0)),
        ("tomorrow 9:30 pm", berlin(2026, 4, 1, 21, 30)),
        ("3 days ago 14:00", berlin(2026, 3, 28, 14, 0)),
        ("in 2 weeks 9am", berlin(2026, 4, 14, 9, 0)),
        ("2026-03-05 9am", berlin(2026, 3, 5, 9, 0)),
        # Last November is winter time, UTC+1.
        ("Nov 3 18:30", berlin(2025, 11, 3, 18, 30)),
        ("3 Nov 18:30", berlin(2025, 11, 3, 18, 30)),
        ("November 3 at 6:30pm", berlin(2025, 11, 3, 18, 30)),
    ],
)
def test_a_day_with_a_time_is_that_time_in_the_zone(text: str, expected: datetime) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text", ["Nov 3", "3 Nov", "November 3", "november 3", "NOV 3", "nov. 3", "3rd November"]
)
def test_a_month_and_a_day_in_either_order(text: str) -> None:
    assert read(text) == berlin(2025, 11, 3, 12, 0)
    assert parse_date(text, today=TODAY) == date(2025, 11, 3)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        # The latest such day on or before today, or the first on or after it.
        ("Nov 3", PAST, date(2025, 11, 3)),
        ("Nov 3", FUTURE, date(2026, 11, 3)),
        ("Nov 3", NEAREST, date(2025, 11, 3)),
        ("Apr 1", PAST, date(2025, 4, 1)),
        ("Apr 1", FUTURE, date(2026, 4, 1)),
        ("Apr 1", NEAREST, date(2026, 4, 1)),
        ("Mar 30", FUTURE, date(2027, 3, 30)),
        ("Mar 30", NEAREST, date(2026, 3, 30)),
        # Today is both the latest and the first.
        ("Mar 31", PAST, TODAY),
        ("31 March", FUTURE, TODAY),
        # 29 February only in leap years.
        ("Feb 29", PAST, date(2024, 2, 29)),
        ("Feb 29", FUTURE, date(2028, 2, 29)),
        # A year typed wins over the direction.
        ("Nov 3 2026", PAST, date(2026, 11, 3)),
        ("November 3, 2024", FUTURE, date(2024, 11, 3)),
        ("3 Nov 2025", FUTURE, date(2025, 11, 3)),
        # The relative forms mean what they say in any direction.
        ("yesterday", FUTURE, date(2026, 3, 30)),
        ("in 1 week", PAST, date(2026, 4, 7)),
    ],
)
def test_the_direction_fills_in_the_year(text: str, direction: Direction, expected: date) -> None:
    assert parse_date(text, today=TODAY, direction=direction) == expected
    assert read(text, direction).astimezone(BERLIN).date() == expected


def test_nearest_prefers_the_future_when_both_are_as_near() -> None:
    # 1 July 2026: 1 January 2026 is 181 days back, 1 January 2027 184 ahead.
    assert parse_date("Jan 1", today=date(2026, 7, 1), direction=NEAREST) == date(2026, 1, 1)
    # 2 July 2024 (a leap year): 1 January 2024 and 1 January 2025 are both 183 days away.
    assert parse_date("Jan 1", today=date(2024, 7, 2), direction=NEAREST) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        # 17:45 local now: the latest 14:00 is today's, the latest 18:00 yesterday's.
        ("14:00", PAST, berlin(2026, 3, 31, 14, 0)),
        ("18:00", PAST, berlin(2026, 3, 30, 18, 0)),
        ("at 6pm", FUTURE, berlin(2026, 3, 31, 18, 0)),
        ("14:00", FUTURE, berlin(2026, 4, 1, 14, 0)),
        ("18:00", NEAREST, berlin(2026, 3, 31, 18, 0)),
        ("8am", NEAREST, berlin(2026, 3, 31, 8, 0)),
        ("3am", NEAREST, berlin(2026, 4, 1, 3, 0)),
        ("17:45", PAST, berlin(2026, 3, 31, 17, 45)),
    ],
)
def test_a_time_alone_is_on_the_day_the_direction_means(
    text: str, direction: Direction, expected: datetime
) -> None:
    assert read(text, direction) == expected


def test_today_in_the_past_is_never_later_than_now() -> None:
    morning = berlin(2026, 3, 31, 9, 10)
    assert read("today", PAST, now=morning) == morning
    assert read("0 days ago", PAST, now=morning) == morning
    assert read("today", FUTURE, now=morning) == berlin(2026, 3, 31, 12, 0)
    assert read("today", PAST) == berlin(2026, 3, 31, 12, 0)


def test_a_day_field_keeps_the_day_of_a_day_with_a_time_and_refuses_a_time_alone() -> None:
    assert parse_date("tomorrow 9am", today=TODAY) == date(2026, 4, 1)
    assert parse_date("Nov 3 18:30", today=TODAY, direction=FUTURE) == date(2026, 11, 3)
    with pytest.raises(InvalidInput, match="'14:00' is not a date"):
        parse_date("14:00", today=TODAY, field="due")


@pytest.mark.parametrize(
    "text",
    [
        "Nov 31",
        "Feb 30",
        "Smarch 3",
        "3",
        "nov",
        "tomorrow 25:00",
        "tomorrow 13pm",
        "0am",
        "yesterday 14:60",
        "soon",
        "next week",
        "tomorrow morning",
        "Nov 3 at",
        "11/03",
    ],
)
def test_garbage_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read(text)
    assert str(caught.value).startswith(f"time: '{text}' is not a date or time (use ")
    assert "yesterday 14:00" in str(caught.value)
    assert "Nov 3" in str(caught.value)
