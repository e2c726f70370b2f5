"""Dates and times as users type them: ISO, relative forms, time zones, and clear refusals."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.domain.dates import (
    FIRST_DAY,
    LAST_DAY,
    ensure_utc,
    in_calendar,
    parse_date,
    parse_datetime,
    utc_now,
)
from netweave.errors import InvalidInput

TODAY = date(2026, 3, 31)
NOW = datetime(2026, 3, 31, 15, 45, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("  2026-03-05 ", date(2026, 3, 5)),
        ("2026-03-05T18:30", date(2026, 3, 5)),
        ("2026-03-05 18:30", date(2026, 3, 5)),
        ("2026-03-05T23:30+01:00", date(2026, 3, 5)),
        ("2026-03-05T18:30Z", date(2026, 3, 5)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_iso_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 3, 30)),
        ("tomorrow", date(2026, 4, 1)),
        ("0 days ago", TODAY),
        ("1 day ago", date(2026, 3, 30)),
        ("3 days ago", date(2026, 3, 28)),
        ("3  Days   Ago", date(2026, 3, 28)),
        ("2 weeks ago", date(2026, 3, 17)),
        ("in 1 week", date(2026, 4, 7)),
        ("in 10 days", date(2026, 4, 10)),
        ("1 year ago", date(2025, 3, 31)),
        ("in 2 years", date(2028, 3, 31)),
    ],
)
def test_relative_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # A month later than the 31st is the last day of the shorter month.
        (date(2026, 3, 31), "1 month ago", date(2026, 2, 28)),
        (date(2024, 3, 31), "1 month ago", date(2024, 2, 29)),
        (date(2026, 1, 31), "in 1 month", date(2026, 2, 28)),
        (date(2026, 1, 31), "in 3 months", date(2026, 4, 30)),
        (date(2026, 5, 31), "in 1 month", date(2026, 6, 30)),
        (date(2026, 1, 15), "2 months ago", date(2025, 11, 15)),
        (date(2026, 12, 31), "in 1 month", date(2027, 1, 31)),
        (date(2026, 1, 1), "13 months ago", date(2024, 12, 1)),
        # Leap day: a year on, February has 28 days.
        (date(2024, 2, 29), "in 1 year", date(2025, 2, 28)),
        (date(2024, 2, 29), "4 years ago", date(2020, 2, 29)),
    ],
)
def test_month_and_year_shifts_stay_inside_the_month(
    today: date, text: str, expected: date
) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "2026-02-30",
        "2026-13-01",
        "05/03/2026",
        "3 fortnights ago",
        "-3 days ago",
        "in -1 days",
        "3 days",
        "days ago",
    ],
)
def test_what_is_not_a_date_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, field="met on", today=TODAY)
    assert caught.value.field == "met on"
    message = str(caught.value)
    assert message.startswith(f"met on: '{text}' is not a date")
    assert "YYYY-MM-DD" in message
    assert "3 days ago" in message


@pytest.mark.parametrize(
    "text",
    [
        "100000 months ago",
        "in 999999999 days",
        "in 99999999999999999999 days",
        "9999 years ago",
        "in 1000 years",
        "0001-01-01",
        "1899-12-31",
        "3000-01-01",
        "9999-12-31",
        "9999-12-31T23:00-05:00",
        "Dec 31 9999",
    ],
)
def test_dates_out_of_the_calendar_are_invalid_input_not_a_crash(text: str) -> None:
    outside = "outside the calendar netweave keeps (1900-01-01 to 2999-12-31)"
    with pytest.raises(InvalidInput, match=re.escape(outside)):
        parse_date(text, today=TODAY)
    with pytest.raises(InvalidInput, match=re.escape(outside)):
        parse_datetime(text, now=NOW)


def test_the_calendar_netweave_keeps_has_its_first_and_last_day_in_any_zone() -> None:
    assert parse_date("1900-01-01", today=TODAY) == FIRST_DAY
    assert parse_date("2999-12-31", today=TODAY) == LAST_DAY
    for zone in (ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")):
        first = parse_datetime("1900-01-01 00:00", zone=zone, now=NOW)
        last = parse_datetime("2999-12-31 23:59", zone=zone, now=NOW)
        assert first.astimezone(zone).date() == FIRST_DAY
        assert last.astimezone(zone).date() == LAST_DAY
    assert in_calendar(datetime(2999, 12, 31, 12)) == datetime(2999, 12, 31, 12)
    with pytest.raises(ValueError, match="outside the calendar"):
        in_calendar(date(1899, 12, 31))
    with pytest.raises(ValueError, match="outside the calendar"):
        in_calendar(datetime(3000, 1, 3, tzinfo=UTC))


def test_now_is_the_given_moment() -> None:
    assert parse_datetime("now", now=NOW) == NOW
    assert parse_datetime(" NOW ", now=NOW, zone=BERLIN) == NOW


def test_bare_dates_mean_local_noon() -> None:
    # Noon in Berlin (CET, UTC+1 in early March) is 11:00 UTC.
    assert parse_datetime("2026-03-05", zone=BERLIN, now=NOW) == datetime(
        2026, 3, 5, 11, tzinfo=UTC
    )
    # After the switch to summer time, UTC+2.
    assert parse_datetime("2026-04-05", zone=BERLIN, now=NOW) == datetime(
        2026, 4, 5, 10, tzinfo=UTC
    )
    assert parse_datetime("2026-03-05", now=NOW) == datetime(2026, 3, 5, 12, tzinfo=UTC)
    # The basic ISO form is the same date, and the same noon.
    assert parse_datetime("20260305", zone=BERLIN, now=NOW) == parse_datetime(
        "2026-03-05", zone=BERLIN, now=NOW
    )


@pytest.mark.parametrize("zone", [UTC, BERLIN, LOS_ANGELES, ZoneInfo("Pacific/Kiritimati")])
def test_a_bare_date_stays_that_date_in_its_zone(zone: ZoneInfo) -> None:
    moment = parse_datetime("2026-07-01", zone=zone, now=NOW)
    assert moment.tzinfo is UTC
    assert moment.astimezone(zone).date() == date(2026, 7, 1)


def test_relative_days_count_from_the_local_day() -> None:
    # 02:00 UTC on 1 April is still 31 March in Los Angeles.
    now = datetime(2026, 4, 1, 2, 0, tzinfo=UTC)
    local = parse_datetime("today", zone=LOS_ANGELES, now=now)
    assert local.astimezone(LOS_ANGELES).date() == date(2026, 3, 31)
    assert parse_datetime("yesterday", zone=LOS_ANGELES, now=now).astimezone(
        LOS_ANGELES
    ).date() == date(2026, 3, 30)
    assert parse_datetime("today", now=now).date() == date(2026, 4, 1)
    assert parse_datetime("2 weeks ago", zone=LOS_ANGELES, now=now).astimezone(
        LOS_ANGELES
    ).date() == date(2026, 3, 17)


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2026-03-05T18:30", BERLIN, datetime(2026, 3, 5, 17, 30, tzinfo=UTC)),
        ("2026-03-05 18:30", BERLIN, datetime(2026, 3, 5, 17, 30, tzinfo=UTC)),
        ("2026-03-05t18:30", UTC, datetime(2026, 3, 5, 18, 30, tzinfo=UTC)),
        ("2026-07-05T18:30", LOS_ANGELES, datetime(2026, 7, 6, 1, 30, tzinfo=UTC)),
        # An explicit offset wins over the zone.
        ("2026-03-05T18:30+05:30", BERLIN, datetime(2026, 3, 5, 13, 0, tzinfo=UTC)),
        ("2026-03-05T18:30Z", LOS_ANGELES, datetime(2026, 3, 5, 18, 30, tzinfo=UTC)),
        ("2026-03-05T18:30z", LOS_ANGELES, datetime(2026, 3, 5, 18, 30, tzinfo=UTC)),
        ("2026-03-05T18:30:15", UTC, datetime(2026, 3, 5, 18, 30, 15, tzinfo=UTC)),
    ],
)
def test_times_are_read_in_the_zone_and_stored_in_utc(
    text: str, zone: ZoneInfo, expected: datetime
) -> None:
    parsed = parse_datetime(text, zone=zone, now=NOW)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text", ["", "noon", "2026-03-05T25:00", "18:61", "2026-02-30", "13pm", "Nov 31", "soon 9am"]
)
def test_what_is_not_a_time_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_datetime(text, field="when", now=NOW)
    assert caught.value.field == "when"
    assert str(caught.value).startswith(f"when: '{text}' is not a date or time")
    assert caught.value.hint is not None
    for form in ("YYYY-MM-DD HH:MM", "yesterday 14:00", "tomorrow 9am", "Nov 3", "3 days ago"):
        assert form in caught.value.hint


def test_ensure_utc_reads_naive_times_in_the_zone() -> None:
    assert ensure_utc(datetime(2026, 1, 1, 12), BERLIN) == datetime(2026, 1, 1, 11, tzinfo=UTC)
    assert ensure_utc(datetime(2026, 1, 1, 12)) == datetime(2026, 1, 1, 12, tzinfo=UTC)
    aware = datetime(2026, 1, 1, 12, tzinfo=LOS_ANGELES)
    assert ensure_utc(aware, BERLIN) == datetime(2026, 1, 1, 20, tzinfo=UTC)


def test_utc_now_is_aware_and_whole_seconds() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert now.microsecond == 0
    assert abs(datetime.now(UTC) - now) < timedelta(seconds=5)


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_an_iso_date_parses_to_itself(day: date) -> None:
    assert parse_date(day.isoformat(), today=TODAY) == day


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]),
)
def test_a_bare_date_round_trips_through_its_zone(day: date, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    assert parse_datetime(day.isoformat(), zone=zone, now=NOW).astimezone(zone).date() == day


@given(
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.just(UTC),
    ).map(lambda moment: moment.replace(microsecond=0))
)
def test_an_iso_moment_with_an_offset_parses_to_itself(moment: datetime) -> None:
    assert parse_datetime(moment.isoformat(), zone=BERLIN, now=NOW) == moment


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2950, 12, 31)),
    st.integers(min_value=0, max_value=500),
)
def test_months_ago_and_in_months_stay_inside_the_target_month(day: date, months: int) -> None:
    back = parse_date(f"{months} months ago", today=day)
    forward = parse_date(f"in {months} months", today=day)
    assert (day.year * 12 + day.month) - (back.year * 12 + back.month) == months
    assert (forward.year * 12 + forward.month) - (day.year * 12 + day.month) == months
    for shifted in (back, forward):
        assert shifted.day <= day.day
        # Only a day that the target month lacks moves, and then to that month's end.
        if shifted.day < day.day:
            assert (shifted + timedelta(days=1)).day == 1
