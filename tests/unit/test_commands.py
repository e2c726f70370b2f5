"""Commands own their units, limits and checks (pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netweave.commands import (
    AddEvent,
    AddGroup,
    EditEvent,
    EditGroup,
    FinishFollowUp,
    GiveReferral,
    LogTouch,
    MarkAttendance,
    RemoveAttendance,
    RemoveEvent,
    RemoveGroup,
    SetRole,
    read_minutes,
)
from netweave.domain import AttendanceStatus, Event, Group, Role, build, change
from netweave.domain.group import MOST_HOURS_PER_MEETING
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


# -- events and groups: edits, removals, attendance, roles --------------------------------

MIXER = Event(id=7, name="Mixer", starts_at=datetime(2026, 3, 5, 18, tzinfo=UTC))


def test_an_event_edit_gives_its_hours_or_its_end_and_its_moments_with_an_offset() -> None:
    start = datetime(2026, 3, 6, 9, tzinfo=UTC)
    moved = build(EditEvent, {"event_id": 7, "set": {"starts_at": start}, "hours": 3})
    assert moved.changes_from(MIXER.starts_at)["ends_at"] == start + timedelta(hours=3)
    longer = build(EditEvent, {"event_id": 7, "hours": 2})
    assert longer.changes_from(MIXER.starts_at) == {"ends_at": datetime(2026, 3, 5, 20, tzinfo=UTC)}
    typed = build(EditEvent, {"event_id": 7, "set": {"ends_at": "2026-03-05T21:00:00+01:00"}})
    assert typed.set["ends_at"] == datetime(2026, 3, 5, 20, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="hours: an event lasts more than 0 and at most 336"):
        build(EditEvent, {"event_id": 7, "hours": 337})
    for end in ({"set": {"ends_at": start}}, {"clear": ["ends_at"]}):
        with pytest.raises(InvalidInput, match="give the hours or the end, not both"):
            build(EditEvent, {"event_id": 7, "hours": 1, **end})
    with pytest.raises(InvalidInput, match="give the moment with its offset") as caught:
        build(EditEvent, {"event_id": 7, "set": {"starts_at": "2026-03-06T09:00"}})
    assert caught.value.field == "starts_at"
    with pytest.raises(InvalidInput, match="'hours' is not a field of an event"):
        build(EditEvent, {"event_id": 7, "set": {"hours": 2}})
    with pytest.raises(InvalidInput, match="'name' cannot be cleared"):
        build(EditEvent, {"event_id": 7, "clear": ["name"]})


def test_an_edited_event_still_lasts_two_weeks_at_most_by_the_domains_one_rule() -> None:
    fair = build(EditEvent, {"event_id": 7, "set": {"ends_at": "2026-03-25T18:00:00Z"}})
    with pytest.raises(InvalidInput, match="an event lasts at most 14 days"):
        change(MIXER, fair.changes_from(MIXER.starts_at))
    # Moving the start later than the end it keeps is refused the same way.
    ended = MIXER.model_copy(update={"ends_at": datetime(2026, 3, 5, 20, tzinfo=UTC)})
    late = build(EditEvent, {"event_id": 7, "set": {"starts_at": "2026-03-06T09:00:00Z"}})
    with pytest.raises(InvalidInput, match="the event ends before it starts"):
        change(ended, late.changes_from(ended.starts_at))


def test_attendance_names_its_people_once_and_has_the_products_defaults() -> None:
    marked = build(MarkAttendance, {"event_id": 7, "person_ids": [3, 2, 3]})
    assert (marked.person_ids, marked.status, marked.met) == (
        [3, 2],
        AttendanceStatus.ATTENDED,
        False,
    )
    with pytest.raises(InvalidInput) as caught:
        build(MarkAttendance, {"event_id": 7, "person_ids": []})
    assert caught.value.field == "person_ids"
    with pytest.raises(InvalidInput) as caught:
        build(MarkAttendance, {"event_id": 7, "person_ids": [2], "status": "maybe"})
    assert caught.value.field == "status"
    with pytest.raises(InvalidInput) as caught:
        build(RemoveAttendance, {"event_id": 7})
    assert caught.value.field == "person_id"
    with pytest.raises(InvalidInput, match="must be more than 0"):
        build(RemoveEvent, {"event_id": 0})


def test_a_group_edit_and_an_added_group_refuse_a_long_meeting_in_the_same_words() -> None:
    group = Group(id=4, name="BNI")
    with pytest.raises(InvalidInput) as added:
        build(AddGroup, {"name": "BNI", "hours_per_meeting": MOST_HOURS_PER_MEETING + 1})
    edit = build(EditGroup, {"group_id": 4, "set": {"hours_per_meeting": 25}})
    with pytest.raises(InvalidInput) as edited:
        change(group, edit.changes())
    assert str(added.value) == str(edited.value) == "hours per meeting: must be at most 24.0"
    assert EditGroup.clearable() == {"website", "notes", "keep_in_touch_days"}
    with pytest.raises(InvalidInput, match="'id' is not a field of a group"):
        build(EditGroup, {"group_id": 4, "set": {"id": 5}})
    with pytest.raises(InvalidInput, match="'name' cannot be cleared"):
        build(EditGroup, {"group_id": 4, "clear": ["name"]})
    with pytest.raises(InvalidInput) as caught:
        build(SetRole, {"group_id": 4, "person_id": 2, "role": "emperor"})
    assert caught.value.field == "role"
    assert build(SetRole, {"group_id": 4, "person_id": 2, "role": "leader"}).role is Role.LEADER
    assert build(RemoveGroup, {"group_id": 4}).log_name == "remove-group"
