"""Dates and times as users type them, and the UTC rule for storage.

One reader serves the command line, the web forms and the Python API. It reads:

- ISO 8601: ``2026-03-05``, ``2026-03-05T18:30`` or ``2026-03-05 18:30``, with or
  without an offset (``Z``, ``+01:00``);
- ``now``, ``today``, ``yesterday``, ``tomorrow``;
- ``N days|weeks|months|years ago`` and ``in N days|weeks|months|years``;
- a month and a day, in either order, the month named or abbreviated, with or without
  a year: ``Nov 3``, ``3 Nov``, ``November 3``, ``Nov 3rd``, ``3 Nov 2026``;
- any of these days followed (or preceded) by a time: ``18:30``, ``8:15``, ``9am``,
  ``9:30 pm``, optionally after ``at`` (``yesterday at 14:00``); or a time alone.

A time without an offset is read in the workspace's time zone; everything is stored
as timezone-aware UTC. A day without a time means noon, so that a date typed in any
zone stays that date.

What is missing is filled in by the **direction** (:class:`Direction`), which says
whether the user speaks of what happened or of what is to come:

- ``past`` (touches, referrals, asks, as-of moments: the default): a day without a
  year is the latest such day on or before today ("Nov 3" typed on 1 March 2026 is
  3 November 2025); a time without a day is the latest such time at or before now;
  and "today" (a bare date that is today) is never later than now;
- ``future`` (a follow-up's due date): the first such day on or after today, the next
  such time at or after now;
- ``nearest`` (an event's start, which is logged afterwards or planned ahead): the
  nearer of the two, the future one when both are as near.

A day typed with its year, and the relative forms, mean what they say in any direction.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import TypeVar

from netweave.errors import InvalidInput
from netweave.lazy import pattern

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The calendar netweave keeps: every day and moment it stores or reads lies in it.

Wide enough for any networking record (met in 1962, a follow-up due in 2031), and far
enough inside Python's years 1 to 9999 that the arithmetic of a review or a calendar
feed (a week ahead, a year back, a local time zone) never falls off the calendar.
"""
_FIRST_MOMENT = datetime.combine(FIRST_DAY, time(), UTC) - timedelta(days=1)
_LAST_MOMENT = datetime.combine(LAST_DAY, time(), UTC) + timedelta(days=2)
"""A day's margin each way: a local day inside the calendar is inside in any zone."""
OUTSIDE = f"is outside the calendar netweave keeps ({FIRST_DAY} to {LAST_DAY})"

D = TypeVar("D", date, datetime)


def in_calendar(value: D) -> D:
    """``value`` (a day, or a moment: a naive one taken as UTC) when it lies in the
    calendar netweave keeps; ValueError otherwise."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        inside = _FIRST_MOMENT <= moment < _LAST_MOMENT
    else:
        inside = FIRST_DAY <= value <= LAST_DAY
    if not inside:
        raise ValueError(f"{value.isoformat()} {OUTSIDE}")
    return value


class Direction(StrEnum):
    """Where a date typed without its year (or a time without its day) falls."""

    PAST = "past"
    FUTURE = "future"
    NEAREST = "nearest"


_relative = pattern(
    r"^(?:(?P<n1>\d+)\s+(?P<u1>day|week|month|year)s?\s+ago"
    r"|in\s+(?P<n2>\d+)\s+(?P<u2>day|week|month|year)s?)$"
)
_UNIT_DAYS = {"day": 1, "week": 7}
_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ORDINAL = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>\d{4}))?"
_MONTH_DAY = (
    pattern(rf"^(?P<m>[a-z]+)\.?\s+{_ORDINAL}{_YEAR}$"),
    pattern(rf"^{_ORDINAL}\s+(?P<m>[a-z]+)\.?{_YEAR}$"),
)
_CLOCK = r"(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<half>am|pm)?"
_time_after = pattern(rf"^(?P<rest>.*?)(?:^|\s+)(?:at\s+)?{_CLOCK}$")
_time_before = pattern(rf"^(?:at\s+)?{_CLOCK}(?:\s+(?P<rest>.*))?$")
_FORMS = (
    "use YYYY-MM-DD or YYYY-MM-DD HH:MM, today, yesterday 14:00, tomorrow 9am, "
    "Nov 3, 3 Nov 18:30, 3 days ago or in 2 weeks"
)


def utc_now() -> datetime:
    """The current moment, timezone-aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def ensure_utc(moment: datetime, zone: tzinfo = UTC) -> datetime:
    """``moment`` in UTC; a naive one is read in ``zone``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


class _NotTyped(ValueError):
    """The text is none of the accepted forms."""


@dataclass(frozen=True, slots=True)
class _Typed:
    """What a text says: a day (None: a time alone), a time of day, or an exact moment."""

    day: date | None = None
    clock: time | None = None
    exact: datetime | None = None
    """An ISO moment with its own offset: nothing left to fill in."""


def _shift_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), or the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    if not MINYEAR <= year <= MAXYEAR:
        raise OverflowError("date value out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _relative_day(text: str, today: date) -> date | None:
    """The day ``text`` names relative to ``today``; None when it is no relative form.

    OverflowError when that day falls outside the calendar (years 1 to 9999).
    """
    if text in _WORDS:
        return today + timedelta(days=_WORDS[text])
    match = _relative().match(text)
    if not match:
        return None
    ago = match["n1"] is not None
    count = int(match["n1"] or match["n2"])
    unit = match["u1"] or match["u2"]
    sign = -1 if ago else 1
    if unit in _UNIT_DAYS:
        return today + timedelta(days=sign * count * _UNIT_DAYS[unit])
    months = count * (12 if unit == "year" else 1)
    return _shift_months(today, sign * months)


def _pick(candidates: list[date], today: date, direction: Direction) -> date:
    """The candidate day the direction means (``candidates`` sorted, not empty)."""
    before = [day for day in candidates if day <= today]
    after = [day for day in candidates if day >= today]
    if direction is Direction.PAST and before:
        return before[-1]
    if direction is Direction.FUTURE and after:
        return after[0]
    if not before or not after:
        return (before or after)[-1 if before else 0]
    latest, first = before[-1], after[0]
    return latest if (today - latest) < (first - today) else first


def _month_day(text: str, today: date, direction: Direction) -> date | None:
    """``Nov 3``, ``3 November 2026``: the day, its year filled in by the direction."""
    for form in _MONTH_DAY:
        match = form().match(text)
        if match and match["m"] in _MONTHS:
            break
    else:
        return None
    month, day = _MONTHS[match["m"]], int(match["d"])
    years = [int(match["y"])] if match["y"] else range(today.year - 8, today.year + 9)
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year, 31 April in any year
    if not candidates:
        raise _NotTyped(text)
    return _pick(candidates, today, direction)


def _clock(match: re.Match[str]) -> time:
    hour, minute, half = int(match["h"]), int(match["min"] or 0), match["half"]
    if half is None and match["min"] is None:
        raise _NotTyped(match.string)  # "3" alone is no time: "Nov 3" is a day
    if half is not None:
        if not 1 <= hour <= 12:
            raise _NotTyped(match.string)
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise _NotTyped(match.string)
    return time(hour, minute)


def _day(text: str, today: date, direction: Direction) -> date:
    """The day part of a text (no time in it); _NotTyped when it is no day."""
    relative = _relative_day(text, today)
    if relative is not None:
        return relative
    found = _month_day(text, today, direction)
    if found is not None:
        return found
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _NotTyped(text) from None


def _iso_moment(text: str) -> _Typed | None:
    """``2026-03-05T18:30`` (a space for the T, an offset or not); None when it is not one."""
    try:
        # Upper case again: Python 3.11 reads "Z" as UTC but not "z".
        moment = datetime.fromisoformat(text.replace(" ", "T", 1).upper())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return _Typed(exact=moment)
    return _Typed(day=moment.date(), clock=moment.time())


def _read(text: str, today: date, direction: Direction) -> _Typed:
    """What ``text`` (cleaned) says, its missing year filled in; _NotTyped when nothing.

    OverflowError when a relative day falls outside the calendar.
    """
    try:
        return _Typed(day=_day(text, today, direction))
    except _NotTyped:
        pass
    iso = _iso_moment(text)
    if iso is not None:
        return iso
    for form in (_time_after(), _time_before()):
        match = form.match(text)
        if match is None:
            continue
        try:
            clock = _clock(match)
        except _NotTyped:
            continue
        rest = match["rest"] or ""
        return _Typed(day=_day(rest, today, direction) if rest else None, clock=clock)
    raise _NotTyped(text)


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _outside_calendar(text: str, field: str) -> InvalidInput:
    return InvalidInput(f"'{text}' {OUTSIDE}", field=field)


def _kept(value: D, text: str, field: str) -> D:
    try:
        return in_calendar(value)
    except ValueError:
        raise _outside_calendar(text, field) from None


def parse_date(
    text: str, *, today: date, direction: Direction = Direction.PAST, field: str = "date"
) -> date:
    """The calendar day a user typed, ``today`` being the user's local day.

    A time typed with the day is ignored; a time alone is no day and is refused.
    """
    try:
        typed = _read(_clean(text), today, direction)
    except OverflowError:
        raise _outside_calendar(text, field) from None
    except _NotTyped:
        typed = _Typed()
    if typed.exact is not None:
        return _kept(typed.exact.date(), text, field)  # the day as written, in its offset
    if typed.day is None:
        raise InvalidInput(f"'{text}' is not a date", field=field, hint=_FORMS)
    return _kept(typed.day, text, field)


def _time_alone(clock: time, now: datetime, direction: Direction) -> datetime:
    """A time typed without its day, on the day the direction means (``now`` is local)."""
    today = datetime.combine(now.date(), clock, now.tzinfo)
    before = today if today <= now else today - timedelta(days=1)
    after = today if today >= now else today + timedelta(days=1)
    if direction is Direction.PAST:
        return before
    if direction is Direction.FUTURE:
        return after
    return before if now - before < after - now else after


def parse_datetime(
    text: str,
    *,
    now: datetime,
    zone: tzinfo = UTC,
    direction: Direction = Direction.PAST,
    field: str = "time",
) -> datetime:
    """The moment (UTC) a user typed, ``now`` being the current moment (aware).

    A day without a time means local noon, except that in the past direction today
    means now until noon has come.
    """
    cleaned = _clean(text)
    now = now.astimezone(UTC)
    if cleaned == "now":
        return now
    local_now = now.astimezone(zone)
    try:
        typed = _read(cleaned, local_now.date(), direction)
        if typed.exact is not None:
            _kept(typed.exact.date(), text, field)  # the day as written, in its offset
            return _kept(typed.exact.astimezone(UTC), text, field)
        if typed.day is None:
            assert typed.clock is not None
            return _time_alone(typed.clock, local_now, direction).astimezone(UTC)
        moment = ensure_utc(datetime.combine(typed.day, typed.clock or time(12, 0)), zone)
    except OverflowError:  # e.g. 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        raise _outside_calendar(text, field) from None
    except _NotTyped:
        raise InvalidInput(f"'{text}' is not a date or time", field=field, hint=_FORMS) from None
    moment = _kept(moment, text, field)
    _kept(typed.day, text, field)
    if typed.clock is None and direction is Direction.PAST and typed.day == local_now.date():
        return min(moment, now)
    return moment


__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "OUTSIDE",
    "Direction",
    "ensure_utc",
    "in_calendar",
    "parse_date",
    "parse_datetime",
    "utc_now",
]
