"""Groups and memberships."""

from __future__ import annotations

from datetime import datetime

from netweave.commands import AddGroup, EditGroup, JoinGroup, LeaveGroup, RemoveGroup, SetRole
from netweave.domain import Group, GroupDraft, Membership, MembershipDraft, Person, build, change
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, NotFound
from netweave.services import command_log, refs
from netweave.services.plans import local_day
from netweave.storage import Store, Tx, rows
from netweave.storage import groups as groups_db
from netweave.storage import people as people_db
from netweave.storage import tables as t


def _check_name_free(conn: Tx, ws: int, group: GroupDraft) -> None:
    """No other group has ``group``'s name (a stored group may keep its own)."""
    own = group.id if isinstance(group, Group) else None
    for other in groups_db.ids_by_group_name(conn, ws, group.name):
        if other != own:
            raise Conflict(f"there is already a group called '{group.name}' (#{other})")


def _get(conn: Tx, ws: int, group_id: int) -> Group:
    found = groups_db.get_group(conn, ws, group_id)
    if found is None:
        raise NotFound(f"there is no group #{group_id}")
    return found


def add_group(store: Store, ws: int, command: AddGroup, *, now: datetime | None = None) -> Group:
    """Carry out ``command``: one group (a name already taken is refused)."""
    now = now or utc_now()
    group = build(GroupDraft, command.model_dump(exclude={"source", "idempotency_key", "actor_id"}))
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _get(conn, ws, rid))
        if again is not None:
            return again
        _check_name_free(conn, ws, group)
        stored = groups_db.insert_group(conn, ws, group)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def edit_group(store: Store, ws: int, command: EditGroup, *, now: datetime | None = None) -> Group:
    """Carry out ``command``: the group's fields set and cleared, the whole group checked
    again (24 hours a meeting at most), its name still its own."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _get(conn, ws, rid), record_id=command.group_id
        )
        if again is not None:
            return again
        updated = change(_get(conn, ws, command.group_id), command.changes())
        _check_name_free(conn, ws, updated)
        rows.update_row(conn, t.group, ws, command.group_id, updated)
        command_log.record(conn, ws, command, command.group_id, now)
    return updated


def remove_group(
    store: Store, ws: int, command: RemoveGroup, *, now: datetime | None = None
) -> Group | None:
    """Carry out ``command``: the group goes with its memberships; its events stay, without
    a group. The group as it was; None when the command was carried out already (its key
    sent again: there is nothing left to give back)."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.group_id):
            return None
        group = _get(conn, ws, command.group_id)
        rows.delete_row(conn, t.group, ws, command.group_id)
        command_log.record(conn, ws, command, command.group_id, now)
    return group


def find_group(store: Store, ws: int, ref: str) -> Group:
    with store.transaction() as conn:
        return _get(conn, ws, refs.group_id(conn, ws, ref))


def list_groups(store: Store, ws: int) -> list[Group]:
    with store.transaction() as conn:
        return groups_db.list_groups(conn, ws)


def join_group(
    store: Store, ws: int, command: JoinGroup, *, now: datetime | None = None
) -> Membership:
    """Carry out ``command``: a person's membership of a group; refused while they
    already have an open one."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _membership(conn, ws, command.group_id, rid)
        )
        if again is not None:
            return again
        _get(conn, ws, command.group_id)
        refs.require_people(conn, ws, [command.person_id])
        membership = build(
            MembershipDraft,
            {
                "group_id": command.group_id,
                "person_id": command.person_id,
                "role": command.role,
                "joined_on": command.joined_on,
            },
        )
        for current in groups_db.memberships(
            conn, ws, group_id=membership.group_id, person_id=membership.person_id
        ):
            if current.left_on is None:
                raise Conflict(
                    f"person #{membership.person_id} is already a {current.role.value} "
                    f"of group #{membership.group_id}",
                    code="already-member",
                    facts={"group": membership.group_id, "person": membership.person_id},
                )
        stored = groups_db.insert_membership(conn, ws, membership)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def _membership(conn: Tx, ws: int, group_id: int, membership_id: int) -> Membership:
    found = [m for m in groups_db.memberships(conn, ws, group_id=group_id) if m.id == membership_id]
    if not found:
        raise NotFound(f"there is no membership #{membership_id}")
    return found[0]


def _open_membership(conn: Tx, ws: int, group_id: int, person_id: int) -> Membership:
    for current in groups_db.memberships(conn, ws, group_id=group_id, person_id=person_id):
        if current.left_on is None:
            return current
    raise NotFound(f"person #{person_id} is not a current member of group #{group_id}")


def leave_group(
    store: Store, ws: int, command: LeaveGroup, *, now: datetime | None = None
) -> Membership:
    """Carry out ``command``: the open membership ends, today unless it says when."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _membership(conn, ws, command.group_id, rid)
        )
        if again is not None:
            return again
        current = _open_membership(conn, ws, command.group_id, command.person_id)
        updated = change(current, {"left_on": command.left_on or local_day(conn, ws, now)})
        rows.update_row(conn, t.membership, ws, current.id, updated)
        command_log.record(conn, ws, command, current.id, now)
    return updated


def set_role(store: Store, ws: int, command: SetRole, *, now: datetime | None = None) -> Membership:
    """Carry out ``command``: the person's open membership takes the new role."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _membership(conn, ws, command.group_id, rid)
        )
        if again is not None:
            return again
        current = _open_membership(conn, ws, command.group_id, command.person_id)
        updated = change(current, {"role": command.role})
        rows.update_row(conn, t.membership, ws, current.id, updated)
        command_log.record(conn, ws, command, current.id, now)
    return updated


def members(store: Store, ws: int, group_id: int) -> list[tuple[Membership, Person]]:
    with store.transaction() as conn:
        _get(conn, ws, group_id)
        found = groups_db.memberships(conn, ws, group_id=group_id)
        people = {p.id: p for p in people_db.get_people(conn, ws, [m.person_id for m in found])}
    return [(m, people[m.person_id]) for m in found]


def memberships_of(store: Store, ws: int, person_id: int) -> list[tuple[Membership, Group]]:
    with store.transaction() as conn:
        found = groups_db.memberships(conn, ws, person_id=person_id)
        groups = {g.id: g for g in groups_db.list_groups(conn, ws)}
    return [(m, groups[m.group_id]) for m in found]


__all__ = [
    "add_group",
    "edit_group",
    "find_group",
    "join_group",
    "leave_group",
    "list_groups",
    "members",
    "memberships_of",
    "remove_group",
    "set_role",
]
