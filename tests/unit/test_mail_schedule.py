"""When mail goes out: local wall-clock times in the workspace's zone, right across the
changes of daylight saving time (America/Chicago: 8 March and 1 November 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.domain.mailout import MailOut
from netweave.outbox.schedule import (
    at_local,
    digest_slot,
    next_digest,
    next_morning,
    next_reminders,
    reminder_slot,
    waking,
    week_of,
)

CHICAGO = ZoneInfo("America/Chicago")
MAIL = MailOut()  # Monday 07:30, reminders from 08:00


def utc(y: int, m: int, d: int, h: int, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


def test_the_digest_stays_at_0730_local_when_the_clocks_go_forward() -> None:
    before = utc(2026, 3, 2, 13, 30)  # Monday 07:30 CST (UTC-6)
    assert digest_slot(before, CHICAGO, MAIL) == before
    after = next_digest(before, CHICAGO, MAIL)
    assert after == utc(2026, 3, 9, 12, 30)  # Monday 07:30 CDT (UTC-5)
    assert after - before == timedelta(hours=167)
    assert after.astimezone(CHICAGO).time() == time(7, 30)
    # A minute before the new week's time, the slot is still last week's.
    assert digest_slot(utc(2026, 3, 9, 12, 29), CHICAGO, MAIL) == before
    assert digest_slot(utc(2026, 3, 9, 12, 30), CHICAGO, MAIL) == after


def test_the_digest_stays_at_0730_local_when_the_clocks_go_back() -> None:
    before = utc(2026, 10, 26, 12, 30)  # Monday 07:30 CDT
    after = next_digest(before, CHICAGO, MAIL)
    assert after == utc(2026, 11, 2, 13, 30)  # Monday 07:30 CST
    assert after - before == timedelta(hours=169)
    assert week_of(before, CHICAGO) == "2026-W44"
    assert week_of(after, CHICAGO) == "2026-W45"


def test_reminders_come_at_0800_local_on_the_days_the_clocks_change() -> None:
    saturday = utc(2026, 3, 7, 14)  # 08:00 CST
    assert reminder_slot(saturday, CHICAGO, MAIL) == saturday
    sunday = next_reminders(saturday, CHICAGO, MAIL)
    assert sunday == utc(2026, 3, 8, 13)  # 08:00 CDT: 23 hours later
    assert sunday - saturday == timedelta(hours=23)
    fall = next_reminders(utc(2026, 10, 31, 13), CHICAGO, MAIL)  # from Saturday 08:00 CDT
    assert fall == utc(2026, 11, 1, 14)  # Sunday 08:00 CST: 25 hours later
    assert reminder_slot(utc(2026, 11, 1, 13, 59), CHICAGO, MAIL) is None  # 07:59 CST
    assert reminder_slot(utc(2026, 11, 1, 14), CHICAGO, MAIL) == utc(2026, 11, 1, 14)


def test_no_reminders_at_night_and_the_morning_after() -> None:
    evening = utc(2026, 3, 9, 2)  # Sunday 21:00 CDT
    assert reminder_slot(evening, CHICAGO, MAIL) is None
    assert not waking(evening, CHICAGO)
    assert waking(utc(2026, 3, 9, 1, 59), CHICAGO)  # 20:59
    assert next_morning(evening, CHICAGO) == utc(2026, 3, 9, 12)  # Monday 07:00 CDT
    early = utc(2026, 3, 9, 11, 59)  # 06:59
    assert not waking(early, CHICAGO)
    assert next_morning(early, CHICAGO) == utc(2026, 3, 9, 12)
    noon = utc(2026, 3, 9, 17)
    assert next_morning(noon, CHICAGO) == noon


def test_times_the_clocks_skip_or_repeat() -> None:
    # 02:30 does not happen on 8 March: it is read as 03:30 CDT.
    assert at_local(date(2026, 3, 8), time(2, 30), CHICAGO) == utc(2026, 3, 8, 8, 30)
    # 01:30 happens twice on 1 November: the first one (CDT).
    assert at_local(date(2026, 11, 1), time(1, 30), CHICAGO) == utc(2026, 11, 1, 6, 30)


def test_another_weekday_and_time() -> None:
    friday = MailOut(digest_day="Friday", digest_at=time(17, 45))
    slot = digest_slot(utc(2026, 3, 10, 12), CHICAGO, friday)  # a Tuesday
    assert slot.astimezone(CHICAGO) == datetime(2026, 3, 6, 17, 45, tzinfo=CHICAGO)
    assert next_digest(slot, CHICAGO, friday).astimezone(CHICAGO).date() == date(2026, 3, 13)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)))
def test_every_moment_lies_between_its_slot_and_the_next(naive: datetime) -> None:
    now = naive.replace(tzinfo=UTC)
    slot, following = digest_slot(now, CHICAGO, MAIL), next_digest(now, CHICAGO, MAIL)
    assert slot <= now < following
    for moment in (slot, following):
        local = moment.astimezone(CHICAGO)
        assert (local.weekday(), local.time()) == (0, time(7, 30))
    assert timedelta(hours=167) <= following - slot <= timedelta(hours=169)
    upcoming = next_reminders(now, CHICAGO, MAIL)
    assert now < upcoming <= now + timedelta(hours=25)
    assert upcoming.astimezone(CHICAGO).time() == time(8)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("digest_at", "06:30", "from 07:00 to before 21:00"),
        ("remind_at", "21:00", "from 07:00 to before 21:00"),
        ("digest_day", "someday", "monday"),
        ("smtp_security", "tls", "starttls"),
        ("to_address", "not an address", "is not an email address"),
        ("smtp_host", "smtp server", "is not a host name"),
        ("channels", ["just-text"], "is not a channel URL"),
    ],
)
def test_mail_settings_refuse_what_cannot_work(field: str, value: object, says: str) -> None:
    from netweave.domain import build
    from netweave.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        build(MailOut, {field: value})
    assert says in str(caught.value)


def test_mail_settings_read_what_people_type() -> None:
    mail = MailOut(
        to_address=" Robin@Example.COM ",
        digest_day="Tuesday",
        smtp_security="SSL",
        smtp_host="SMTP.Example.com",
        smtp_user="robin@example.com",
        channels=["ntfy://topic", "ntfy://topic"],
    )
    assert mail.to_address == "robin@example.com"
    assert mail.digest_day.number == 1
    assert mail.port == 465
    assert mail.smtp_host == "smtp.example.com"
    assert mail.sender == "robin@example.com"
    assert mail.channels == ["ntfy://topic"]
