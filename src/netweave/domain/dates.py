"""Dates and times as users type them, and the UTC rule for storage.

Accepted: ISO 8601 (``2026-03-05``, ``2026-03-05T18:30``, with or without an
offset), ``today``, ``yesterday``, ``tomorrow``, ``now``, ``N days|weeks|months|years
ago`` and ``in N days|weeks|months|years``. A time without an offset is read in the
workspace's time zone. Everything is stored as timezone-aware UTC.
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta, tzinfo

from netweave.errors import InvalidInput

_RELATIVE = re.compile(
    r"^(?:(?P<n1>\d+)\s+(?P<u1>day|week|month|year)s?\s+ago"
    r"|in\s+(?P<n2>\d+)\s+(?P<u2>day|week|month|year)s?)$"
)
_UNIT_DAYS = {"day": 1, "week": 7}
_FORMS = "use YYYY-MM-DD, YYYY-MM-DDTHH:MM, 'today', 'yesterday' or '3 days ago'"


def utc_now() -> datetime:
    """The current moment, timezone-aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def ensure_utc(moment: datetime, zone: tzinfo = UTC) -> datetime:
    """``moment`` in UTC; a naive one is read in ``zone``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


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
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if text in words:
        return today + timedelta(days=words[text])
    match = _RELATIVE.match(text)
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


def _outside_calendar(text: str, field: str) -> InvalidInput:
    return InvalidInput(
        f"'{text}' is not a date: it falls outside the years 1 to 9999", field=field, hint=_FORMS
    )


def parse_date(text: str, *, field: str = "date", today: date | None = None) -> date:
    """A calendar date from what a user typed."""
    cleaned = " ".join(text.strip().lower().split())
    today = today or datetime.now(UTC).date()
    try:
        relative = _relative_day(cleaned, today)
    except OverflowError:
        raise _outside_calendar(text, field) from None
    if relative is not None:
        return relative
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        # Upper case again: Python 3.11 reads "Z" as UTC but not "z".
        return datetime.fromisoformat(cleaned.upper()).date()
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date", field=field, hint=_FORMS) from None


def parse_datetime(
    text: str,
    *,
    field: str = "time",
    zone: tzinfo = UTC,
    now: datetime | None = None,
) -> datetime:
    """A moment (UTC) from what a user typed; a bare date means noon local time.

    Noon, not midnight, so that a date typed in any zone stays that date.
    """
    cleaned = " ".join(text.strip().lower().split())
    now = now or utc_now()
    if cleaned == "now":
        return now
    local_today = now.astimezone(zone).date()
    try:
        day = _relative_day(cleaned, local_today)
    except OverflowError:
        raise _outside_calendar(text, field) from None
    if day is None:
        try:
            day = date.fromisoformat(cleaned)
        except ValueError:
            day = None
    if day is not None:
        moment = datetime.combine(day, time(12, 0))
    else:
        try:
            moment = datetime.fromisoformat(cleaned.replace(" ", "T").upper())
        except ValueError:
            raise InvalidInput(
                f"'{text}' is not a date or time", field=field, hint=_FORMS
            ) from None
    try:
        return ensure_utc(moment, zone)
    except OverflowError:  # e.g. 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        raise _outside_calendar(text, field) from None


__all__ = ["ensure_utc", "parse_date", "parse_datetime", "utc_now"]
