"""Dates and times as users type them, and the UTC rule for storage.

Accepted: ISO 8601 (``2026-03-05``, ``2026-03-05T18:30``, with or without an
offset), ``today``, ``yesterday``, ``tomorrow``, ``now``, ``N days|weeks|months
ago`` and ``in N days|weeks|months``. A time without an offset is read in the
workspace's time zone. Everything is stored as timezone-aware UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

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
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _relative_day(text: str, today: date) -> date | None:
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


def parse_date(text: str, *, field: str = "date", today: date | None = None) -> date:
    """A calendar date from what a user typed."""
    cleaned = " ".join(text.strip().lower().split())
    today = today or datetime.now(UTC).date()
    relative = _relative_day(cleaned, today)
    if relative is not None:
        return relative
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(cleaned).date()
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
    day = _relative_day(cleaned, local_today)
    if day is None and len(cleaned) == 10:
        try:
            day = date.fromisoformat(cleaned)
        except ValueError:
            day = None
    if day is not None:
        return ensure_utc(datetime.combine(day, time(12, 0)), zone)
    try:
        moment = datetime.fromisoformat(cleaned.replace(" ", "T").upper())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date or time", field=field, hint=_FORMS) from None
    return ensure_utc(moment, zone)


__all__ = ["ensure_utc", "parse_date", "parse_datetime", "utc_now"]
