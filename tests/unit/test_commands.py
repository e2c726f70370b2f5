"""Commands own their units, limits and checks (pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netweave.commands import AddEvent, FinishFollowUp, GiveReferral, LogTouch, read_minutes
from netweave.domain import build
from netweave.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        (45, 45.0),
        (0.3, 0.3),
        ("45", 45.0),
        ("1.5", 1.5),
        ("1,5 h", 90.0),
        ("1.5 hours", 90.0),
        ("90 min", 90.0),
        ("1h30", 90.0),
        ("1 h 30 min", 90.0),
        ("1:30", 90.0),
        ("an hour", 60.0),
        ("Half an hour", 30.0),
        ("", None),
        (None, None),
    ],
)
def test_a_length_is_read_as_people_type_it(typed: object, minutes: float | None) -> None:
    assert read_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["a while", "1.5 days", "-5", "1e300", "nan", True, "8 days"])
def test_what_is_not_a_length_is_refused_by_name(typed: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(LogTouch, {"kind": "call", "with_ids": [2], "minutes": typed})
    assert caught.value.field == "minutes"


def test_an_event_gives_its_hours_or_its_end_and_lasts_two_weeks_at_most() -> None:
    start = datetime(2026, 3, 5, 18, tzinfo=UTC)
    assert build(AddEvent, {"name": "Mixer", "starts_at": start, "hours": 2}).end == datetime(
        2026, 3, 5, 20, tzinfo=UTC
    )
    with pytest.raises(
        InvalidInput, match="hours: an event lasts more than 0 and at most 336 hours"
    ):
        build(AddEvent, {"name": "Fair", "starts_at": start, "hours": 337})
    with pytest.raises(InvalidInput, match="an event lasts at most 14 days"):
        build(
            AddEvent,
            {"name": "Fair", "starts_at": start, "ends_at": datetime(2026, 3, 25, tzinfo=UTC)},
        )
    with pytest.raises(InvalidInput, match="give the hours or the end, not both"):
        build(AddEvent, {"name": "Fair", "starts_at": start, "hours": 1, "ends_at": start})


def test_a_referral_names_its_prospect_and_a_follow_up_is_named_one_way() -> None:
    with pytest.raises(InvalidInput, match="name the prospect"):
        build(GiveReferral, {"receiver_id": 2})
    with pytest.raises(InvalidInput, match="by its id or by its person"):
        build(FinishFollowUp, {})
    with pytest.raises(InvalidInput, match="by its id or by its person"):
        build(FinishFollowUp, {"follow_up_id": 1, "person_id": 2})


def test_an_idempotency_key_is_printable_and_bounded() -> None:
    with pytest.raises(InvalidInput, match="idempotency key: an idempotency key is 1 to 200"):
        build(LogTouch, {"kind": "call", "with_ids": [2], "idempotency_key": "two words"})
    with pytest.raises(InvalidInput, match="idempotency key"):
        build(LogTouch, {"kind": "call", "with_ids": [2], "idempotency_key": "k" * 201})
