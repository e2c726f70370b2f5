"""The 7-day rule for a debrief's follow-ups, and follow-through."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netweave.domain import FollowUpDraft
from netweave.planning.followups import follow_through, follow_up_due

EVENT = date(2026, 11, 4)


def test_a_follow_up_is_due_within_seven_days_of_the_debrief() -> None:
    assert follow_up_due(EVENT, EVENT) == date(2026, 11, 11)
    assert follow_up_due(EVENT, date(2026, 11, 5), date(2026, 11, 6)) == date(2026, 11, 6)
    # Debriefed late: a week from the debrief, never a due day already past.
    assert follow_up_due(EVENT, date(2026, 11, 20)) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        (date(2026, 11, 12), "due within 7 days, by 2026-11-11"),
        (date(2026, 11, 3), "cannot be due before 2026-11-04"),
    ],
)
def test_a_due_day_outside_the_week_is_refused(wanted: date, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        follow_up_due(EVENT, EVENT, wanted)


def test_follow_through_counts_only_follow_ups_from_events() -> None:
    def made(due: date, done: date | None, event: int | None = 1) -> FollowUpDraft:
        at = datetime(done.year, done.month, done.day, 12, tzinfo=UTC) if done else None
        return FollowUpDraft(person_id=2, due_on=due, reason="call", done_at=at, event_id=event)

    found = follow_through(
        [
            made(date(2026, 11, 10), date(2026, 11, 9)),
            made(date(2026, 11, 10), date(2026, 11, 12)),
            made(date(2026, 11, 10), None),
            made(date(2026, 11, 30), None),
            made(date(2026, 11, 1), None, event=None),
        ],
        date(2026, 11, 20),
    )
    assert (found.in_time, found.late, found.missed, found.open) == (1, 1, 1, 1)
    assert found.share_in_time == pytest.approx(1 / 3, abs=0.001)
    assert found.describe() == "33% done within the week: 1 in time, 1 late, 1 missed, 1 open"
    assert follow_through([], date(2026, 11, 20)).describe() == "no follow-ups from events yet"
