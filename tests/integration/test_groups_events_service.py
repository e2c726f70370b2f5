"""Groups and memberships; events and who attended them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netweave.commands import (
    EditGroup,
    RemoveAttendance,
    RemoveEvent,
    RemoveGroup,
    SetRole,
)
from netweave.domain import (
    AttendanceStatus,
    Event,
    Group,
    GroupKind,
    Membership,
    Role,
    Workspace,
    build,
)
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services import events, followups, groups, interactions, workspaces
from netweave.storage import Store
from tests import writes
from tests.integration.snapshot import database_rows

START = datetime(2026, 3, 5, 7, 0, tzinfo=UTC)


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def edit_group(store: Store, ws: int, group_id: int, changes: dict[str, object]) -> Group:
    return groups.edit_group(store, ws, build(EditGroup, {"group_id": group_id, "set": changes}))


def remove_group(store: Store, ws: int, group_id: int) -> Group | None:
    return groups.remove_group(store, ws, build(RemoveGroup, {"group_id": group_id}))


def set_role(store: Store, ws: int, group_id: int, person: int, role: str) -> Membership:
    command = build(SetRole, {"group_id": group_id, "person_id": person, "role": role})
    return groups.set_role(store, ws, command)


def remove_event(store: Store, ws: int, event_id: int) -> Event | None:
    return events.remove_event(store, ws, build(RemoveEvent, {"event_id": event_id}))


def remove_attendance(store: Store, ws: int, event_id: int, person: int) -> None:
    command = build(RemoveAttendance, {"event_id": event_id, "person_id": person})
    events.remove_attendance(store, ws, command)


def person_id(store: Store, ws: int, name: str) -> int:
    found = writes.add_person(store, ws, {"name": name})
    assert found.id is not None
    return found.id


# Groups


def test_a_group_is_stored_as_given(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(
        store,
        ws,
        {
            "name": "BNI Downtown",
            "kind": "referral-group",
            "cadence": "weekly",
            "dues_cents": 60_000,
            "hours_per_meeting": 1.5,
            "purpose": "peers",
            "website": "https://bni.example",
        },
    )
    assert bni.id is not None
    assert groups.list_groups(store, ws) == [bni]
    assert bni.kind is GroupKind.REFERRAL_GROUP
    assert groups.find_group(store, ws, f"#{bni.id}") == bni
    assert groups.find_group(store, ws, "bni downtown") == bni
    assert groups.find_group(store, ws, "downtown") == bni


def test_group_names_are_unique_in_any_case(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    chamber = writes.add_group(store, ws, {"name": "Chamber"})
    with pytest.raises(Conflict) as caught:
        writes.add_group(store, ws, {"name": "bni"})
    assert str(caught.value) == f"there is already a group called 'bni' (#{bni.id})"
    assert chamber.id is not None
    with pytest.raises(Conflict, match="already a group called 'BNI'"):
        edit_group(store, ws, chamber.id, {"name": "BNI"})
    assert bni.id is not None
    renamed = edit_group(store, ws, bni.id, {"name": "Bni", "dues_cents": 100})
    assert groups.find_group(store, ws, f"#{bni.id}") == renamed
    assert renamed.name == "Bni"
    # Another workspace may use the name.
    other = workspaces.init_workspace(store, name="chapter")
    assert writes.add_group(store, ws_of(other), {"name": "BNI"}).name == "BNI"


def test_finding_groups(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    writes.add_group(store, ws, {"name": "Berlin Chamber"})
    writes.add_group(store, ws, {"name": "Potsdam Chamber"})
    with pytest.raises(Ambiguous) as caught:
        groups.find_group(store, ws, "chamber")
    assert [c.split(" #")[0] for c in caught.value.candidates] == [
        "Berlin Chamber",
        "Potsdam Chamber",
    ]
    with pytest.raises(NotFound, match="there is no group called 'rotary'"):
        groups.find_group(store, ws, "rotary")
    with pytest.raises(NotFound, match="there is no group #999"):
        groups.find_group(store, ws, "#999")
    with pytest.raises(NotFound, match="there is no group #999"):
        edit_group(store, ws, 999, {"name": "x"})
    # A blank reference names no group, even when there is only one.
    remove_group(store, ws, groups.find_group(store, ws, "potsdam").id or 0)
    with pytest.raises(NotFound, match="no group given"):
        groups.find_group(store, ws, "  ")


def test_join_leave_and_rejoin(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    assert bni.id is not None
    ann = person_id(store, ws, "Ann Lee")
    joined = writes.join_group(
        store, ws, {"group_id": bni.id, "person_id": ann, "joined_on": date(2025, 1, 10)}
    )
    assert joined.role is Role.MEMBER
    with pytest.raises(Conflict) as caught:
        writes.join_group(store, ws, {"group_id": bni.id, "person_id": ann, "role": "leader"})
    assert str(caught.value).startswith(f"person #{ann} is already a member of group #{bni.id}")
    with pytest.raises(InvalidInput, match="is before joined on"):
        writes.leave_group(store, ws, bni.id, ann, date(2024, 12, 31))
    left = writes.leave_group(store, ws, bni.id, ann, date(2025, 6, 30))
    assert left.left_on == date(2025, 6, 30)
    with pytest.raises(NotFound, match="is not a current member"):
        writes.leave_group(store, ws, bni.id, ann, date(2025, 7, 1))
    again = writes.join_group(
        store, ws, {"group_id": bni.id, "person_id": ann, "joined_on": date(2026, 1, 1)}
    )
    assert again.id != joined.id
    history = [(m.joined_on, m.left_on) for m, _ in groups.members(store, ws, bni.id)]
    assert history == [(date(2025, 1, 10), date(2025, 6, 30)), (date(2026, 1, 1), None)]
    assert [(m.id, g.name) for m, g in groups.memberships_of(store, ws, ann)] == [
        (joined.id, "BNI"),
        (again.id, "BNI"),
    ]


def test_set_role(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    assert bni.id is not None
    assert workspace.owner_id is not None
    writes.join_group(store, ws, {"group_id": bni.id, "person_id": workspace.owner_id})
    updated = set_role(store, ws, bni.id, workspace.owner_id, "leader")
    assert updated.role is Role.LEADER
    [(stored, me)] = groups.members(store, ws, bni.id)
    assert stored.role is Role.LEADER
    assert me.name == "Robin Vale"
    with pytest.raises(InvalidInput) as caught:
        set_role(store, ws, bni.id, workspace.owner_id, "emperor")
    assert caught.value.field == "role"
    with pytest.raises(NotFound, match="is not a current member"):
        set_role(store, ws, bni.id, person_id(store, ws, "Ann Lee"), "member")


def test_joining_needs_a_real_group_and_person(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    before = database_rows(store)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.join_group(store, ws, {"group_id": bni.id, "person_id": 999})
    with pytest.raises(NotFound, match="there is no group #999"):
        writes.join_group(store, ws, {"group_id": 999, "person_id": workspace.owner_id})
    assert database_rows(store) == before


def test_removing_a_group_keeps_its_events(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    assert bni.id is not None
    ann = person_id(store, ws, "Ann Lee")
    writes.join_group(store, ws, {"group_id": bni.id, "person_id": ann})
    meeting = writes.add_event(
        store, ws, {"name": "BNI weekly", "group_id": bni.id, "starts_at": START}
    )
    assert remove_group(store, ws, bni.id) == bni
    assert groups.list_groups(store, ws) == []
    assert groups.memberships_of(store, ws, ann) == []
    assert meeting.id is not None
    kept = events.find_event(store, ws, f"#{meeting.id}")
    assert kept.group_id is None
    assert kept.name == "BNI weekly"
    with pytest.raises(NotFound):
        remove_group(store, ws, bni.id)


# Events


def test_an_event_is_stored_as_given(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    mixer = writes.add_event(
        store,
        ws,
        {
            "name": "Spring mixer",
            "group_id": bni.id,
            "starts_at": START,
            "ends_at": START + timedelta(hours=2),
            "place": "Town hall",
            "cost_cents": 2500,
        },
    )
    assert mixer.id is not None
    stored = events.find_event(store, ws, f"#{mixer.id}")
    assert stored == mixer
    assert stored.starts_at == START
    assert stored.starts_at.tzinfo is not None
    assert stored.hours == 2
    assert events.find_event(store, ws, "spring") == mixer


def test_event_rules(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    before = database_rows(store)
    with pytest.raises(InvalidInput, match="the event ends before it starts"):
        writes.add_event(
            store, ws, {"name": "x", "starts_at": START, "ends_at": START - timedelta(hours=1)}
        )
    with pytest.raises(NotFound, match="there is no group #999"):
        writes.add_event(store, ws, {"name": "x", "starts_at": START, "group_id": 999})
    assert database_rows(store) == before
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START})
    assert mixer.id is not None
    with pytest.raises(InvalidInput, match="ends before it starts"):
        writes.edit_event(store, ws, mixer.id, {"ends_at": START - timedelta(minutes=5)})
    moved = writes.edit_event(store, ws, mixer.id, {"starts_at": START + timedelta(days=1)})
    assert events.find_event(store, ws, f"#{mixer.id}") == moved


def test_events_list_in_time_order_with_filters(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    bni = writes.add_group(store, ws, {"name": "BNI"})
    for days, name, group in [(7, "third", None), (0, "first", bni.id), (3, "second", bni.id)]:
        writes.add_event(
            store, ws, {"name": name, "starts_at": START + timedelta(days=days), "group_id": group}
        )

    def names(**filters: object) -> list[str]:
        return [e.name for e in events.list_events(store, ws, **filters)]  # type: ignore[arg-type]

    assert names() == ["first", "second", "third"]
    assert names(group_id=bni.id) == ["first", "second"]
    assert names(since=START + timedelta(days=1)) == ["second", "third"]
    assert names(until=START + timedelta(days=3)) == ["first"]
    assert names(limit=1) == ["first"]


def test_events_with_the_same_name_are_told_apart_by_date(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    first = writes.add_event(store, ws, {"name": "BNI weekly", "starts_at": START})
    second = writes.add_event(
        store, ws, {"name": "BNI weekly", "starts_at": START + timedelta(days=7)}
    )
    with pytest.raises(Ambiguous) as caught:
        events.find_event(store, ws, "bni weekly")
    assert caught.value.candidates == [
        f"BNI weekly #{first.id} on 2026-03-05",
        f"BNI weekly #{second.id} on 2026-03-12",
    ]
    with pytest.raises(NotFound, match="there is no event called 'gala'"):
        events.find_event(store, ws, "gala")
    remove_event(store, ws, second.id or 0)
    with pytest.raises(NotFound, match="no event given"):
        events.find_event(store, ws, "")


def test_attendance_is_recorded_updated_and_removed(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START})
    assert mixer.id is not None
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    writes.mark_attendance(
        store,
        ws,
        [
            {"event_id": mixer.id, "person_id": ann, "met": True},
            {"event_id": mixer.id, "person_id": bob, "status": "rsvp"},
        ],
    )
    writes.mark_attendance(store, ws, {"event_id": mixer.id, "person_id": bob, "met": True})
    listed = [(p.name, a.status, a.met) for a, p in events.attendees(store, ws, mixer.id)]
    assert listed == [
        ("Ann Lee", AttendanceStatus.ATTENDED, True),
        ("Bob Stone", AttendanceStatus.ATTENDED, True),
    ]
    remove_attendance(store, ws, mixer.id, bob)
    assert [p.name for _, p in events.attendees(store, ws, mixer.id)] == ["Ann Lee"]
    with pytest.raises(NotFound, match=f"person #{bob} is not listed at event #{mixer.id}"):
        remove_attendance(store, ws, mixer.id, bob)


def test_attendance_is_all_or_nothing(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START})
    ann = person_id(store, ws, "Ann Lee")
    before = database_rows(store)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.mark_attendance(
            store,
            ws,
            [
                {"event_id": mixer.id, "person_id": ann},
                {"event_id": mixer.id, "person_id": 999},
            ],
        )
    with pytest.raises(NotFound, match="there is no event #999"):
        writes.mark_attendance(store, ws, [{"event_id": 999, "person_id": ann}])
    with pytest.raises(InvalidInput):
        writes.mark_attendance(store, ws, [{"event_id": mixer.id, "person_id": ann, "status": "?"}])
    assert database_rows(store) == before


def test_attendance_of_another_workspace_is_out_of_reach(
    store: Store, workspace: Workspace
) -> None:
    other = workspaces.init_workspace(store, name="chapter", me="Dana Fox")
    gala = writes.add_event(store, ws_of(other), {"name": "Gala", "starts_at": START})
    assert gala.id is not None
    assert other.owner_id is not None
    writes.mark_attendance(store, ws_of(other), {"event_id": gala.id, "person_id": other.owner_id})
    before = database_rows(store)
    with pytest.raises(NotFound):
        remove_attendance(store, ws_of(workspace), gala.id, other.owner_id)
    with pytest.raises(NotFound):
        events.attendees(store, ws_of(workspace), gala.id)
    assert database_rows(store) == before


def test_removing_an_event_keeps_what_happened_there(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START})
    assert mixer.id is not None
    ann = person_id(store, ws, "Ann Lee")
    writes.mark_attendance(store, ws, {"event_id": mixer.id, "person_id": ann})
    talk = writes.log_interaction(
        store,
        ws,
        {
            "kind": "event-conversation",
            "occurred_at": START,
            "participant_ids": [workspace.owner_id, ann],
            "event_id": mixer.id,
        },
    )
    task = writes.add_follow_up(
        store,
        ws,
        {"person_id": ann, "due_on": date(2026, 3, 12), "reason": "coffee", "event_id": mixer.id},
    )
    assert remove_event(store, ws, mixer.id) == mixer
    assert talk.id is not None
    kept = interactions.get_interaction(store, ws, talk.id)
    assert kept.event_id is None
    assert kept.participant_ids == talk.participant_ids
    [open_task] = followups.list_follow_ups(store, ws)
    assert (open_task.id, open_task.event_id) == (task.id, None)
    assert database_rows(store)["attendance"] == []
    with pytest.raises(NotFound):
        remove_event(store, ws, mixer.id)
