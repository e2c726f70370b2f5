"""The sample's calendar: a fixed "today", 18 months of history, local business hours.

Nothing here reads the wall clock, so the sample is the same on every run.
Inside the generator a day is an integer (0 is the first day of the history,
``HISTORY_DAYS`` is today) and a moment is an integer of seconds since the
Unix epoch, UTC: compact enough for a million interactions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SAMPLE_TODAY = date(2026, 11, 2)
"""The day the sample network is "as of"; all history lies before it."""

HISTORY_START = date(2025, 5, 2)
"""Eighteen months before :data:`SAMPLE_TODAY`."""

HISTORY_DAYS = (SAMPLE_TODAY - HISTORY_START).days
TIME_ZONE = "America/Chicago"

_ZONE = ZoneInfo(TIME_ZONE)
_EPOCH_DAY = HISTORY_START.toordinal()
_START_SECONDS = int(datetime(2025, 5, 2, tzinfo=UTC).timestamp())
_FIRST, _LAST = -3700, HISTORY_DAYS + 120
# The zone's offset at local noon, per day: DST changes at night, so noon is safe.
_OFFSETS = [
    int(
        datetime.combine(HISTORY_START + timedelta(days=d), datetime.min.time(), _ZONE)
        .replace(hour=12)
        .utcoffset()
        .total_seconds()  # type: ignore[union-attr]
    )
    for d in range(_FIRST, _LAST + 1)
]


def day_of(day: int) -> date:
    """The calendar date of a history day."""
    return date.fromordinal(_EPOCH_DAY + day)


def weekday(day: int) -> int:
    """Monday is 0, as in :meth:`date.weekday`."""
    return (_EPOCH_DAY + day - 1) % 7


def moment(day: int, minute: int) -> int:
    """Seconds since the epoch (UTC) of ``minute`` after local midnight on ``day``."""
    offset = _OFFSETS[min(max(day, _FIRST), _LAST) - _FIRST]
    return _START_SECONDS + day * 86_400 + minute * 60 - offset


def as_datetime(seconds: int) -> datetime:
    """A timezone-aware UTC datetime from seconds since the epoch."""
    return datetime.fromtimestamp(seconds, UTC)


TODAY_SECONDS = moment(HISTORY_DAYS, 0)
"""Local midnight at the start of :data:`SAMPLE_TODAY`: nothing in the past happens after it."""

__all__ = [
    "HISTORY_DAYS",
    "HISTORY_START",
    "SAMPLE_TODAY",
    "TIME_ZONE",
    "TODAY_SECONDS",
    "as_datetime",
    "day_of",
    "moment",
    "weekday",
]
