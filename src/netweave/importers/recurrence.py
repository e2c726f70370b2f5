"""How far a recurring event is expanded, checked before it is (docs/security.md, "Files").

A recurring series (``RRULE``, ``RDATE``) is expanded into one event per
occurrence over a window: the ``--from``/``--until`` given, else the year after
the series' first start. Before anything is expanded, each series is checked
against these bounds; a series past one is left out and reported by name and
UID, and the rest of the file imports:

- it repeats at most daily: ``FREQ=HOURLY``, ``MINUTELY`` and ``SECONDLY`` are
  no meetings a calendar program writes, and expanding them is what made a
  158-byte file run without end;
- at most :data:`MAX_OCCURRENCES` occurrences fall in the window (``RDATE``
  dates included);
- reaching the window's end takes its rule at most :data:`MAX_RULE_STEPS`
  steps (days for a daily rule: a series that starts in the year 1);
- its rule gives a date at all (``BYMONTH=2;BYMONTHDAY=30`` never does, and
  the expander would search until the year 9999 for one);
- the whole file's series together take at most :data:`MAX_FILE_STEPS` steps.

The rules are walked with dateutil (what the expander uses); a step is one
period of the rule's frequency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.rrule import rrule, rrulestr

MAX_OCCURRENCES = 1_000
"""Occurrences of one series in the window: a daily meeting for almost three years."""

MAX_RULE_STEPS = 100_000
"""Steps of one rule from its first start to the window's end (a daily rule: 273 years)."""

MAX_FILE_STEPS = 1_000_000
"""Steps of all the rules of one file together (a few seconds of work at most)."""

_SECONDS = {"DAILY": 86_400, "WEEKLY": 7 * 86_400, "MONTHLY": 28 * 86_400, "YEARLY": 365 * 86_400}
_TOO_OFTEN = {"HOURLY": "hour", "MINUTELY": "minute", "SECONDLY": "second"}
# Rule parts that can leave a period without any date, so the walk goes on.
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYDAY")
# A shift of the first start by whole 400-year cycles keeps every date's weekday; in the
# rule's own periods a cycle is this many.
_CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": 400}
_LAST_YEAR = 9999
_END = datetime(_LAST_YEAR, 12, 31)
_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass
class Budget:
    """The steps a file's series may still take (:data:`MAX_FILE_STEPS`)."""

    left: int = MAX_FILE_STEPS


def _naive(moment: date | datetime, zone: tzinfo, reference: tzinfo | None) -> datetime:
    """``moment`` as wall time in the series' own zone (``reference``, else ``zone``)."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time(0, 0))
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(reference or zone).replace(tzinfo=None)


def _rules(master: Any) -> list[Any]:
    found = master.get("RRULE")
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


def _rdates(master: Any) -> list[datetime | date]:
    found = master.get("RDATE")
    if found is None:
        return []
    values = found if isinstance(found, list) else [found]
    moments: list[datetime | date] = []
    for value in values:
        for period in value.dts:
            moment = period.dt
            moments.append(moment[0] if isinstance(moment, tuple) else moment)
    return moments


def _text(rule: Any) -> str:
    """The rule without COUNT and UNTIL (walked without them; they are applied here)."""
    kept = {k: v for k, v in rule.items() if k not in ("COUNT", "UNTIL")}
    text: str = type(rule)(kept).to_ical().decode("ascii")
    return text


def _probe(rule: Any, walker: rrule, start: datetime, freq: str, interval: int) -> tuple[bool, int]:
    """Whether the rule gives any date at all, and the steps it took to find out.

    dateutil walks until the year 9999 for a rule that never matches, so the
    question is asked of the same rule moved near that year by whole 400-year
    cycles (which keep weekdays and leap days), where the walk is short. A daily
    or weekly rule is first asked as a yearly one with the same day filters,
    which walks a year at a time: it gives every day the rule can give (all of
    them when the rule is every day or every week).
    """
    steps = 0
    if freq in ("DAILY", "WEEKLY") and "BYSETPOS" not in rule:
        near = start.replace(year=start.year + 400 * ((_LAST_YEAR - start.year) // 400))
        found = _yearly(rule, near, freq).after(near, inc=True)
        steps = _steps(near, found or _END, "YEARLY", 1)
        if found is None or interval == 1:  # no such day at all; or every one is a date
            return found is not None, steps
    cycles = interval // math.gcd(interval, _CYCLE[freq])  # keeps the rule's phase too
    shift = (_LAST_YEAR - start.year) // (400 * cycles)
    moved = start.replace(year=start.year + 400 * cycles * shift)
    # With no shift (a rule every 20 days or more), the walk to 9999 is short anyway.
    probe = walker.replace(dtstart=moved) if shift else walker
    found = probe.after(moved, inc=True)
    return found is not None, steps + _steps(moved, found or _END, freq, interval)


def _yearly(rule: Any, start: datetime, freq: str) -> rrule:
    """A yearly rule giving the days a daily or weekly ``rule`` (every day or week) gives."""
    parts = {k: v for k, v in rule.items() if k in _DAY_FILTERS or k.startswith("BYHOUR")}
    if "BYDAY" not in parts:
        parts["BYDAY"] = _WEEKDAYS if freq == "DAILY" else [_WEEKDAYS[start.weekday()]]
    text = type(rule)({"FREQ": ["YEARLY"], **parts}).to_ical().decode("ascii")
    made = rrulestr(text, dtstart=start)
    assert isinstance(made, rrule)
    return made


def _steps(start: datetime, end: datetime, freq: str, interval: int) -> int:
    """Periods of a rule between two moments: the walk dateutil takes from one to the other."""
    return max(0, int((end - start).total_seconds() // (_SECONDS[freq] * interval)))


def why_not(
    master: Any, window: tuple[datetime, datetime], zone: tzinfo, budget: Budget
) -> str | None:
    """Why the series whose master is ``master`` is not expanded over ``window``, or None.

    ``window`` is in UTC; ``zone`` reads floating times and dates.
    """
    first = master["DTSTART"].dt
    reference = first.tzinfo if isinstance(first, datetime) else None
    start = _naive(first, zone, reference)
    low, high = (_naive(moment, zone, reference) for moment in window)
    span = f"between {window[0].date().isoformat()} and {window[1].date().isoformat()}"
    count = sum(1 for moment in _rdates(master) if low <= _naive(moment, zone, reference) <= high)
    for rule in _rules(master):
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        if freq in _TOO_OFTEN:
            return (
                f"repeats every {_TOO_OFTEN[freq]} (FREQ={freq}); netweave expands events "
                "that repeat daily at most"
            )
        if freq not in _SECONDS:
            return f"has a rule without a frequency netweave knows (FREQ={freq or 'missing'})"
        interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
        until = rule.get("UNTIL")
        end = min(high, _naive(until[0], zone, reference)) if until else high
        steps = _steps(start, end, freq, interval)
        if steps > MAX_RULE_STEPS:
            return (
                f"starts on {start.date().isoformat()}, too long before the window ({span}) "
                f"to expand (more than {MAX_RULE_STEPS:,} steps of its rule)"
            )
        walker = rrulestr(_text(rule), dtstart=start)
        assert isinstance(walker, rrule)
        if any(part in rule for part in _DAY_FILTERS):
            happens, probed = _probe(rule, walker, start, freq, interval)
            steps += probed
            if not happens:
                return "has a rule that gives no date at all (such as the 30th of February)"
        budget.left -= steps
        if budget.left < 0:
            return (
                f"the file's recurring events take more than {MAX_FILE_STEPS:,} steps to "
                "expand, and this one is past that"
            )
        limit = int((rule.get("COUNT") or [0])[0]) or None
        for number, moment in enumerate(walker, 1):
            if (limit and number > limit) or moment > end:
                break
            if moment >= low:
                count += 1
                if count > MAX_OCCURRENCES:
                    break
    if count > MAX_OCCURRENCES:
        return (
            f"repeats more than {MAX_OCCURRENCES:,} times {span}; import a shorter window "
            "with --from and --until"
        )
    return None


def default_window(
    first: date | datetime, zone: tzinfo, span: timedelta
) -> tuple[datetime, datetime]:
    """The window of a series without one given: ``span`` from its first start (UTC)."""
    if not isinstance(first, datetime):
        first = datetime.combine(first, time(0, 0))
    if first.tzinfo is None:
        first = first.replace(tzinfo=zone)
    low = first.astimezone(UTC)
    try:
        return low, low + span
    except OverflowError:
        return low, datetime.max.replace(tzinfo=UTC)


__all__ = [
    "MAX_FILE_STEPS",
    "MAX_OCCURRENCES",
    "MAX_RULE_STEPS",
    "Budget",
    "default_window",
    "why_not",
]
