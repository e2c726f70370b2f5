"""The commands that change and remove events and groups, carried out: each is logged with
what it changed, a key sent again changes nothing, and a refused one leaves the data as it
was. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from netweave.commands import (
    EditEvent,
    EditGroup,
    MarkAttendance,
    RemoveAttendance,
    RemoveEvent,
    RemoveGroup,
    SetRole,
)
from netweave.domain import AttendanceStatus, Role, Workspace, build
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import events, groups
from netweave.storage import Store
from netweave.storage import tables as t
from tests import writes
from tests.integration.people_network import new_person, ws_of
from tests.integration.snapshot import database_rows

NOW = datetime(2026, 11, 2, 15, tzinfo=UTC)
START = datetime(2026, 11, 20, 18, tzinfo=UTC)


def _log(store: Store) -> list[tuple[str, int | None]]:
    with store.engine.connect() as conn:
        found = conn.execute(
            select(t.command_log.c.command, t.command_log.c.record_id).order_by(t.command_log.c.id)
        )
        return [(row.command, row.record_id) for row in found]


def test_each_change_is_one_logged_command(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    bni = writes.add_group(store, ws, {"name": "BNI"})
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START, "hours": 2})
    assert bni.id is not None
    assert mixer.id is not None
    writes.join_group(store, ws, {"group_id": bni.id, "person_id": ann})
    before = len(_log(store))

    moved = build(
        EditEvent,
        {"event_id": mixer.id, "set": {"starts_at": START + timedelta(days=1)}, "hours": 3},
    )
    edited = events.edit_event(store, ws, moved, now=NOW)
    # The hours run from the new start.
    assert (edited.starts_at, edited.ends_at) == (
        START + timedelta(days=1),
        START + timedelta(days=1, hours=3),
    )
    marked = build(MarkAttendance, {"event_id": mixer.id, "person_ids": [ann], "met": True})
    [attended] = events.mark_attendance(store, ws, marked, now=NOW)
    assert (attended.status, attended.met) == (AttendanceStatus.ATTENDED, True)
    unmarked = build(RemoveAttendance, {"event_id": mixer.id, "person_id": ann})
    events.remove_attendance(store, ws, unmarked, now=NOW)
    renamed = build(
        EditGroup, {"group_id": bni.id, "set": {"name": "BNI North"}, "clear": ["notes"]}
    )
    assert groups.edit_group(store, ws, renamed, now=NOW).name == "BNI North"
    leader = build(SetRole, {"group_id": bni.id, "person_id": ann, "role": "leader"})
    membership = groups.set_role(store, ws, leader, now=NOW)
    assert membership.role is Role.LEADER
    assert events.remove_event(store, ws, build(RemoveEvent, {"event_id": mixer.id})) == edited
    assert groups.remove_group(store, ws, build(RemoveGroup, {"group_id": bni.id})) is not None

    assert _log(store)[before:] == [
        ("edit-event", mixer.id),
        ("mark-attendance", mixer.id),
        ("remove-attendance", mixer.id),
        ("edit-group", bni.id),
        ("set-role", membership.id),
        ("remove-event", mixer.id),
        ("remove-group", bni.id),
    ]


def test_a_change_sent_again_under_its_key_changes_nothing(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START})
    gala = writes.add_event(store, ws, {"name": "Gala", "starts_at": START})
    assert mixer.id is not None
    assert gala.id is not None
    edit = build(
        EditEvent, {"event_id": mixer.id, "set": {"place": "Town hall"}, "idempotency_key": "e-1"}
    )
    first = events.edit_event(store, ws, edit, now=NOW)
    mark = build(
        MarkAttendance, {"event_id": mixer.id, "person_ids": [ann], "idempotency_key": "a-1"}
    )
    marked = events.mark_attendance(store, ws, mark, now=NOW)
    unmark = build(
        RemoveAttendance, {"event_id": mixer.id, "person_id": ann, "idempotency_key": "a-2"}
    )
    events.remove_attendance(store, ws, unmark, now=NOW)
    remove = build(RemoveEvent, {"event_id": gala.id, "idempotency_key": "r-1"})
    assert events.remove_event(store, ws, remove, now=NOW) is not None
    before = database_rows(store)

    assert events.edit_event(store, ws, edit, now=NOW) == first
    # The attendance the first one marked, though it has been taken off since: none.
    assert events.mark_attendance(store, ws, mark, now=NOW) == []
    assert marked[0].person_id == ann
    events.remove_attendance(store, ws, unmark, now=NOW)  # not "not listed"
    assert events.remove_event(store, ws, remove, now=NOW) is None  # gone already: said so
    assert database_rows(store) == before

    # A key names one change: the same key for another event is a mistake, said as such.
    other = build(RemoveEvent, {"event_id": mixer.id, "idempotency_key": "r-1"})
    with pytest.raises(Conflict) as caught:
        events.remove_event(store, ws, other, now=NOW)
    assert caught.value.code == "key-reused"
    assert database_rows(store) == before


def test_a_refused_change_leaves_everything_as_it_was(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    bni = writes.add_group(store, ws, {"name": "BNI"})
    chamber = writes.add_group(store, ws, {"name": "Chamber"})
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": START, "hours": 2})
    assert chamber.id is not None
    assert mixer.id is not None
    before = database_rows(store)

    fair = build(EditEvent, {"event_id": mixer.id, "set": {"ends_at": START + timedelta(days=15)}})
    with pytest.raises(InvalidInput, match="an event lasts at most 14 days"):
        events.edit_event(store, ws, fair, now=NOW)
    early = build(EditEvent, {"event_id": mixer.id, "set": {"starts_at": START + timedelta(1)}})
    with pytest.raises(InvalidInput, match="the event ends before it starts"):
        events.edit_event(store, ws, early, now=NOW)
    nowhere = build(EditEvent, {"event_id": mixer.id, "set": {"group_id": 999}})
    with pytest.raises(NotFound, match="there is no group #999"):
        events.edit_event(store, ws, nowhere, now=NOW)
    taken = build(EditGroup, {"group_id": chamber.id, "set": {"name": "bni"}})
    with pytest.raises(Conflict, match=f"there is already a group called 'bni' \\(#{bni.id}\\)"):
        groups.edit_group(store, ws, taken, now=NOW)
    long = build(EditGroup, {"group_id": chamber.id, "set": {"hours_per_meeting": 25}})
    with pytest.raises(InvalidInput) as caught:
        groups.edit_group(store, ws, long, now=NOW)
    assert caught.value.field == "hours_per_meeting"
    stranger = build(MarkAttendance, {"event_id": mixer.id, "person_ids": [ann, 999]})
    with pytest.raises(NotFound, match="there is no person #999"):
        events.mark_attendance(store, ws, stranger, now=NOW)
    not_member = build(SetRole, {"group_id": chamber.id, "person_id": ann, "role": "leader"})
    with pytest.raises(NotFound, match="is not a current member"):
        groups.set_role(store, ws, not_member, now=NOW)
    for missing in (
        lambda: events.remove_event(store, ws, build(RemoveEvent, {"event_id": 999})),
        lambda: groups.remove_group(store, ws, build(RemoveGroup, {"group_id": 999})),
        lambda: events.remove_attendance(
            store, ws, build(RemoveAttendance, {"event_id": mixer.id, "person_id": ann})
        ),
    ):
        with pytest.raises(NotFound):
            missing()
    assert database_rows(store) == before
