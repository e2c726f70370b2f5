"""When mail goes out: pure functions of a moment, a time zone and the settings.

The digest goes out once a week at its local time (Monday 07:30 by default); reminders
once a day from their local time (08:00 by default). Nothing goes out between
:data:`~netweave.domain.mailout.LATEST` (21:00) and
:data:`~netweave.domain.mailout.EARLIEST` (07:00) local time: a run in those hours waits
for the morning. Local times are wall-clock times in the workspace's zone, so the digest
stays at 07:30 when the clocks change (its UTC moment moves by an hour).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from netweave.domain.mailout import EARLIEST, LATEST, MailOut


def at_local(day: date, at: time, zone: tzinfo) -> datetime:
    """The moment (UTC) it is ``at`` on ``day`` in ``zone``.

    A time the clocks skip (02:30 on a spring-forward night) is read with the offset
    before the change, which lands as far past the change as it was meant past 02:00
    (03:30); a time that happens twice (01:30 on a fall-back night) is the first one.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def local_now(now: datetime, zone: tzinfo) -> datetime:
    return now.astimezone(zone)


def waking(now: datetime, zone: tzinfo) -> bool:
    """Whether ``now`` is an hour at which mail may go out (07:00 to 21:00 local)."""
    return EARLIEST <= local_now(now, zone).time() < LATEST


def digest_slot(now: datetime, zone: tzinfo, mail: MailOut) -> datetime:
    """The latest moment at or before ``now`` the weekly digest was due (UTC)."""
    today = local_now(now, zone).date()
    back = (today.weekday() - mail.digest_day.number) % 7
    slot = at_local(today - timedelta(days=back), mail.digest_at, zone)
    if slot > now:
        slot = at_local(today - timedelta(days=back + 7), mail.digest_at, zone)
    return slot


def next_digest(now: datetime, zone: tzinfo, mail: MailOut) -> datetime:
    """The first moment after ``now`` the digest is due (UTC)."""
    last = digest_slot(now, zone, mail).astimezone(zone).date()
    return at_local(last + timedelta(days=7), mail.digest_at, zone)


def week_of(slot: datetime, zone: tzinfo) -> str:
    """The ISO week a digest slot falls in, locally: ``2026-W45`` (one digest each)."""
    year, week, _ = slot.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def reminder_slot(now: datetime, zone: tzinfo, mail: MailOut) -> datetime | None:
    """Today's reminder time (UTC) when it has come and the evening has not; else None."""
    local = local_now(now, zone)
    slot = at_local(local.date(), mail.remind_at, zone)
    if slot <= now and local.time() < LATEST:
        return slot
    return None


def next_reminders(now: datetime, zone: tzinfo, mail: MailOut) -> datetime:
    """The first moment after ``now`` the reminders' time comes (UTC)."""
    today = local_now(now, zone).date()
    slot = at_local(today, mail.remind_at, zone)
    return slot if slot > now else at_local(today + timedelta(days=1), mail.remind_at, zone)


def next_morning(now: datetime, zone: tzinfo) -> datetime:
    """When mail may go out again after ``now``: now in waking hours, else 07:00 local."""
    if waking(now, zone):
        return now
    local = local_now(now, zone)
    day = local.date() if local.time() < EARLIEST else local.date() + timedelta(days=1)
    return at_local(day, EARLIEST, zone)


__all__ = [
    "at_local",
    "digest_slot",
    "local_now",
    "next_digest",
    "next_morning",
    "next_reminders",
    "reminder_slot",
    "waking",
    "week_of",
]
