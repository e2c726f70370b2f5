"""Groups and memberships."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from netweave.domain import Group, GroupDraft, Membership, MembershipDraft
from netweave.domain.base import READ_BACK
from netweave.storage import tables as t
from netweave.storage.rows import fetch_row, fetch_rows, insert_row, to_record, with_id


def insert_group(conn: Connection, ws: int, group: GroupDraft) -> Group:
    return with_id(Group, group, insert_row(conn, t.group, ws, group))


def get_group(conn: Connection, ws: int, group_id: int) -> Group | None:
    row = fetch_row(conn, t.group, ws, group_id)
    return to_record(Group, row) if row else None


_GROUP = "group__"
"""The group's columns in a row of a membership with its group."""


def list_groups(conn: Connection, ws: int) -> list[Group]:
    return [to_record(Group, row) for row in fetch_rows(conn, t.group, ws)]


def ids_by_group_name(conn: Connection, ws: int, name: str, *, partial: bool = False) -> list[int]:
    lowered = " ".join(name.lower().split())
    column = func.lower(t.group.c.name)
    # autoescape: a "%" or "_" in the name is that character, not a wildcard.
    condition = column.contains(lowered, autoescape=True) if partial else column == lowered
    rows = conn.execute(select(t.group.c.id).where(t.group.c.workspace_id == ws, condition))
    return [row.id for row in rows]


def insert_membership(conn: Connection, ws: int, membership: MembershipDraft) -> Membership:
    return with_id(Membership, membership, insert_row(conn, t.membership, ws, membership))


def get_membership(conn: Connection, ws: int, membership_id: int) -> Membership | None:
    row = fetch_row(conn, t.membership, ws, membership_id)
    return to_record(Membership, row) if row else None


def memberships_with_groups(
    conn: Connection, ws: int, person_id: int
) -> list[tuple[Membership, Group]]:
    """A person's memberships, in the order recorded, each with its group: one query that
    reads only their groups."""
    m, g = t.membership, t.group
    query = (
        select(m, *(column.label(f"{_GROUP}{column.name}") for column in g.c))
        .join(g, g.c.id == m.c.group_id)
        .where(m.c.workspace_id == ws, m.c.person_id == person_id)
        .order_by(m.c.id)
    )
    found = []
    for row in conn.execute(query):
        group = {
            name: value
            for key, value in row._mapping.items()
            if (name := key.removeprefix(_GROUP)) != key and name in Group.model_fields
        }
        found.append((to_record(Membership, row), Group.model_validate(group, context=READ_BACK)))
    return found


def memberships(
    conn: Connection, ws: int, *, group_id: int | None = None, person_id: int | None = None
) -> list[Membership]:
    query = select(t.membership).where(t.membership.c.workspace_id == ws)
    if group_id is not None:
        query = query.where(t.membership.c.group_id == group_id)
    if person_id is not None:
        query = query.where(t.membership.c.person_id == person_id)
    return [to_record(Membership, row) for row in conn.execute(query.order_by(t.membership.c.id))]


__all__ = [
    "get_group",
    "get_membership",
    "ids_by_group_name",
    "insert_group",
    "insert_membership",
    "list_groups",
    "memberships",
    "memberships_with_groups",
]
