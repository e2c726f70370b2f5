"""The limits of one import file: size, line length, records, and expanding recurrences.

Issue 13. Each limit refuses early, with the file and (where there is one) the line;
docs/security.md ("Files") lists them and these tests.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

import pytest

from netweave.errors import InvalidInput
from netweave.importers import ParseOptions, limits, parse_bytes, recurrence

RULE = (
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1@example.com\r\nSUMMARY:Standup\r\n"
    "DTSTART:{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


class Counting(io.BytesIO):
    """A file that counts how much of it was read."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        piece = super().read(size)
        self.taken += len(piece)
        return piece


def test_a_long_line_is_refused_without_reading_the_rest() -> None:
    stream = Counting(b"a,b\n" + b"x" * (50 * 1024 * 1024))
    with pytest.raises(InvalidInput, match=r"^big\.csv, line 2 is longer than 4 MB") as caught:
        limits.read_stream("big.csv", stream)
    assert stream.taken <= limits.MAX_LINE_BYTES + 2 * limits.CHUNK_BYTES
    assert caught.value.code == "line-too-long"


def test_a_file_too_large_is_refused_from_its_size_before_reading() -> None:
    stream = Counting(b"")
    with pytest.raises(InvalidInput, match=r"^x\.vcf is 200 MB; netweave imports files up to 100"):
        limits.read_stream("x.vcf", stream, size=200 * 1024 * 1024)
    assert stream.taken == 0


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_lines_just_under_the_limit_pass_whatever_their_ends(end: bytes) -> None:
    line = b"y" * (limits.MAX_LINE_BYTES - 1)
    limits.check_lines("ok.csv", (line + end) * 3)
    with pytest.raises(InvalidInput, match=r"ok\.csv, line 3 is longer"):
        limits.check_lines("ok.csv", (line + end) * 2 + line + b"yy" + end)


def test_a_line_longer_than_the_limit_is_found_on_its_line_in_bytes_in_memory() -> None:
    data = b"a\n" * 10 + b"z" * (limits.MAX_LINE_BYTES + 1) + b"\n"
    with pytest.raises(InvalidInput, match=r"^f\.ics, line 11 is longer than 4 MB"):
        parse_bytes(data, "f.ics")


def test_too_many_events_are_refused_before_they_are_parsed() -> None:
    event = "BEGIN:VEVENT\r\nUID:{n}\r\nDTSTART:20260101T090000Z\r\nEND:VEVENT\r\n"
    text = "BEGIN:VCALENDAR\r\n" + "".join(event.format(n=n) for n in range(100_001))
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match=r"holds more than 100,000 events \(.* line 400002\)"):
        parse_bytes((text + "END:VCALENDAR\r\n").encode(), "many.ics")
    assert time.perf_counter() - started < 5  # counted, not parsed (that takes a minute)


@pytest.mark.parametrize(
    ("rule", "start", "reason"),
    [
        ("FREQ=SECONDLY", "20260105T090000Z", "repeats every second (FREQ=SECONDLY)"),
        ("FREQ=MINUTELY;COUNT=10000000", "20260105T090000Z", "repeats every minute"),
        ("FREQ=HOURLY;COUNT=3", "20260105T090000Z", "repeats every hour"),
        (
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "20260105T090000Z",
            "has a rule that gives no date at all",
        ),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "20260105T090000Z", "gives no date at all"),
        ("FREQ=WEEKLY;BYWEEKNO=53;BYMONTH=6", "20260105T090000Z", "gives no date at all"),
        ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "20260105T090000Z", "gives no date at all"),
    ],
)
def test_a_series_past_a_bound_is_left_out_by_name_and_uid(
    rule: str, start: str, reason: str
) -> None:
    started = time.perf_counter()
    parsed = parse_bytes(RULE.format(rule=rule, start=start).encode(), "cal.ics")
    assert time.perf_counter() - started < 2
    assert parsed.events == ()
    (problem,) = parsed.problems
    assert problem.reason.startswith("the recurring event 'Standup' (UID u1@example.com) ")
    assert reason in problem.reason
    assert problem.reason.endswith("; left out")
    assert str(problem.source) == "cal.ics, event 1 (line 2)"


@pytest.mark.parametrize(
    ("rule", "count"),
    [
        ("FREQ=DAILY", 365),
        ("FREQ=DAILY;COUNT=5000", 365),  # the window bounds it
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 261),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", 53),
        ("FREQ=WEEKLY;BYDAY=MO,WE", 105),
        ("FREQ=MONTHLY;BYDAY=2TU", 13),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", 1),  # the first start; 29 Feb 2028 is past
    ],
)
def test_real_series_still_expand(rule: str, count: int) -> None:
    parsed = parse_bytes(RULE.format(rule=rule, start="20260105T090000Z").encode(), "cal.ics")
    assert len(parsed.events) == count
    assert parsed.problems == ()


def test_more_than_1000_occurrences_in_the_window_are_left_out() -> None:
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2029, 12, 31, tzinfo=UTC))
    data = RULE.format(rule="FREQ=DAILY", start="20260105T090000Z").encode()
    parsed = parse_bytes(data, "cal.ics", options=ParseOptions(window=window))
    (problem,) = parsed.problems
    assert "repeats more than 1,000 times between 2026-01-01 and 2029-12-31" in problem.reason
    assert "--from and --until" in problem.reason
    two_years = (window[0], datetime(2028, 9, 1, tzinfo=UTC))
    assert len(parse_bytes(data, "cal.ics", options=ParseOptions(window=two_years)).events) == 970


def test_a_file_of_many_hostile_series_stays_within_its_budget() -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:s{n}\r\nSUMMARY:S{n}\r\nDTSTART:20260105T090000Z\r\n"
        f"RRULE:FREQ=DAILY;INTERVAL={n + 2};BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"
        for n in range(40)
    )
    data = f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode()
    started = time.perf_counter()
    parsed = parse_bytes(data, "many.ics")
    assert time.perf_counter() - started < 10
    assert len(parsed.problems) == 40
    assert parsed.events == ()


def test_the_default_window_of_a_series_at_the_end_of_time_does_not_overflow() -> None:
    low, high = recurrence.default_window(
        datetime(9999, 12, 31, 9, tzinfo=UTC), UTC, timedelta(days=365)
    )
    assert (low.year, high) == (9999, datetime.max.replace(tzinfo=UTC))
