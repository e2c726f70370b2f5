"""People and their emails, phones and tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, Table, delete, func, insert, or_, select, update

from netweave.domain import Person, PersonDraft, PostalAddress
from netweave.domain.base import at_most, storable_id, trusted, with_id
from netweave.domain.categories import category_key
from netweave.storage import people_search
from netweave.storage import tables as t
from netweave.storage.person_moves import move_records, records_between
from netweave.storage.rows import delete_row, insert_row, update_row


def _write_list(
    conn: Connection, ws: int, person_id: int, table: Table, column: str, wanted: list[str]
) -> None:
    """Make the rows of one list (emails, phones) say ``wanted``, touching only what differs.

    Rows of values that stay keep their ids, so what refers to them by id (an
    undo record) still finds them after an edit.
    """
    rows = conn.execute(
        select(table.c.id, table.c[column], table.c.position).where(table.c.person_id == person_id)
    ).all()
    gone = [row.id for row in rows if row[1] not in wanted]
    if gone:
        conn.execute(delete(table).where(table.c.id.in_(gone)))
    have = {row[1]: row for row in rows}
    for position, value in enumerate(wanted):
        row = have.get(value)
        if row is None:
            conn.execute(
                insert(table).values(
                    workspace_id=ws, person_id=person_id, position=position, **{column: value}
                )
            )
        elif row.position != position:
            conn.execute(update(table).where(table.c.id == row.id).values(position=position))


def _write_children(conn: Connection, ws: int, person_id: int, person: PersonDraft) -> None:
    _write_list(conn, ws, person_id, t.person_email, "email", person.emails)
    _write_list(conn, ws, person_id, t.person_phone, "phone", person.phones)
    tags = t.person_tag
    have = set(conn.execute(select(tags.c.tag).where(tags.c.person_id == person_id)).scalars())
    gone = have - set(person.tags)
    if gone:
        conn.execute(delete(tags).where(tags.c.person_id == person_id, tags.c.tag.in_(gone)))
    new = [tag for tag in person.tags if tag not in have]
    if new:
        conn.execute(
            insert(tags), [{"workspace_id": ws, "person_id": person_id, "tag": tag} for tag in new]
        )


def insert_person(
    conn: Connection,
    ws: int,
    person: PersonDraft,
    now: datetime,
    *,
    updated_at: datetime | None = None,
) -> Person:
    """Insert a person created ``now`` (``updated_at`` differs only when restoring)."""
    stamps = {"created_at": now, "updated_at": updated_at or now}
    person_id = insert_row(conn, t.person, ws, person, **stamps)
    _write_children(conn, ws, person_id, person)
    return with_id(Person, person.model_copy(update=stamps), person_id)


def set_introducer(conn: Connection, ws: int, person_id: int, introducer_id: int | None) -> None:
    conn.execute(
        update(t.person)
        .where(t.person.c.workspace_id == ws, t.person.c.id == person_id)
        .values(introduced_by_id=introducer_id)
    )


def update_person(conn: Connection, ws: int, person: Person, now: datetime) -> Person:
    update_row(conn, t.person, ws, person.id, person, skip={"created_at"}, updated_at=now)
    _write_children(conn, ws, person.id, person)
    return person.model_copy(update={"updated_at": now})


def delete_person(conn: Connection, ws: int, person_id: int) -> bool:
    return delete_row(conn, t.person, ws, person_id)


_EVERY_FIELD = set(Person.model_fields)
"""One "fields set" shared by every Person read: each its own set cost 2 KB per person."""


_COLUMN = {c.name: i for i, c in enumerate(t.person.c) if c.name in Person.model_fields}
"""Where each Person field sits in a whole person row (emails, phones and tags do not)."""

_WHOLE_WORKSPACE_FROM = 2_000
"""Past this many ids, reading the whole workspace and keeping the wanted rows is cheaper."""


def _assemble(
    conn: Connection, rows: Sequence[Row[Any]], whole_workspace: int | None = None
) -> list[Person]:
    """People from their rows, with emails, phones and tags.

    ``whole_workspace``: the rows are most of that workspace, so its emails, phones and
    tags are read in one pass each instead of by long id lists (expanding 30,000 bound
    ids cost a re-import a third of its time).
    """
    ids = [row.id for row in rows]
    if not ids:
        return []
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    children = (
        (t.person_email, t.person_email.c.email, emails, True),
        (t.person_phone, t.person_phone.c.phone, phones, True),
        (t.person_tag, t.person_tag.c.tag, tags, False),
    )
    if whole_workspace is not None:
        chunks: list[list[int] | None] = [None]
    else:
        # Chunked so that a long id list stays under every backend's parameter limit.
        chunks = [ids[start : start + 10_000] for start in range(0, len(ids), 10_000)]
    for chunk in chunks:
        for table, value, into, ordered in children:
            query = select(table.c.person_id, value)
            if chunk is None:
                query = query.where(table.c.workspace_id == whole_workspace)
            else:
                query = query.where(table.c.person_id.in_(chunk))
            if ordered:
                query = query.order_by(table.c.person_id, table.c.position)
            for person_id, text in conn.execute(query):
                into[person_id].append(text)
    # Rows were validated when written: construct, do not validate again (a 30,000-person
    # import reads every person it matches).
    # Rows are whole person rows, so each field sits at its column's position. (A copy of
    # one template dict updated per row took three times the memory: 60 MB more.)
    at = [(name, _COLUMN.get(name)) for name in Person.model_fields]
    people = []
    for row in rows:
        fields = {name: row[i] if i is not None else None for name, i in at}
        person_id = row.id
        fields["emails"] = emails[person_id]
        fields["phones"] = phones[person_id]
        fields["tags"] = sorted(tags[person_id])  # as Person keeps them (code-point order)
        if fields["address"] is not None:
            fields["address"] = trusted(PostalAddress, _address_parts(fields["address"]))
        people.append(trusted(Person, fields, _EVERY_FIELD))
    return people


_NO_ADDRESS = dict.fromkeys(PostalAddress.model_fields)


def _address_parts(stored: dict[str, str]) -> dict[str, str | None]:
    """Every part of a stored address (the blank ones are not stored)."""
    return {**_NO_ADDRESS, **stored}


PEOPLE_READS = frozenset({"person", "person_email", "person_phone", "person_tag"})
"""What :func:`get_people` reads: a person's record is kept until one of these is written
(the dashboard's owner and most in touch, :func:`netweave.services.overview.workspace_overview`)."""


def get_people(conn: Connection, ws: int, ids: Sequence[int]) -> list[Person]:
    """The people with these ids, in id order (missing ids are left out)."""
    rows: list[Row[Any]] = []
    unique = sorted({i for i in ids if storable_id(i)})
    if len(unique) > _WHOLE_WORKSPACE_FROM:
        wanted = set(unique)
        everyone = conn.execute(select(t.person).where(t.person.c.workspace_id == ws)).all()
        rows = [row for row in everyone if row.id in wanted]
        rows.sort(key=lambda row: row.id)
        return _assemble(conn, rows, whole_workspace=ws)
    for start in range(0, len(unique), 10_000):
        rows.extend(
            conn.execute(
                select(t.person).where(
                    t.person.c.workspace_id == ws, t.person.c.id.in_(unique[start : start + 10_000])
                )
            ).all()
        )
    rows.sort(key=lambda row: row.id)
    return _assemble(conn, rows)


def get_person(conn: Connection, ws: int, person_id: int) -> Person | None:
    found = get_people(conn, ws, [person_id])
    return found[0] if found else None


def where_people(
    query: Select[Any],
    ws: int,
    *,
    search: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    group_id: int | None = None,
) -> Select[Any]:
    """``query`` (over the person table) narrowed to the people of ``ws`` that match.

    ``search`` is part of a name, company or email; ``group_id`` keeps the
    group's current members (not those who left).
    """
    query = query.where(t.person.c.workspace_id == ws)
    if search:
        query = query.where(people_search.matching(ws, search))
    if tag:
        query = query.where(
            t.person.c.id.in_(
                select(t.person_tag.c.person_id).where(
                    t.person_tag.c.workspace_id == ws, t.person_tag.c.tag == tag.strip().lower()
                )
            )
        )
    if category:
        query = query.where(t.person.c.category_key == category_key(category))
    if group_id is not None:
        query = query.where(
            t.person.c.id.in_(
                select(t.membership.c.person_id).where(
                    t.membership.c.workspace_id == ws,
                    t.membership.c.group_id == group_id,
                    t.membership.c.left_on.is_(None),
                )
            )
        )
    return query


def list_people(
    conn: Connection,
    ws: int,
    *,
    search: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    group_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """People sorted by name; ``search`` matches name, company and email."""
    query = where_people(
        select(t.person), ws, search=search, tag=tag, category=category, group_id=group_id
    )
    query = query.order_by(func.lower(t.person.c.name), t.person.c.id).offset(offset)
    if limit is not None:
        query = query.limit(at_most(limit))
    return _assemble(conn, conn.execute(query).all())


def count_people(conn: Connection, ws: int) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(t.person).where(t.person.c.workspace_id == ws)
        ).scalar_one()
    )


def ids_by_email(conn: Connection, ws: int, emails: Sequence[str]) -> dict[str, int]:
    if not emails:
        return {}
    rows = conn.execute(
        select(t.person_email.c.email, t.person_email.c.person_id).where(
            t.person_email.c.workspace_id == ws, t.person_email.c.email.in_(list(emails))
        )
    )
    return {row.email: row.person_id for row in rows}


def phones_of_workspace(conn: Connection, ws: int) -> list[tuple[int, str]]:
    """(person id, phone as typed) for every phone of the workspace."""
    rows = conn.execute(
        select(t.person_phone.c.person_id, t.person_phone.c.phone).where(
            t.person_phone.c.workspace_id == ws
        )
    )
    return [(row.person_id, row.phone) for row in rows]


def ids_by_name(conn: Connection, ws: int, name: str, *, partial: bool = False) -> list[int]:
    """Ids of people whose name is ``name`` (any case), or contains it with ``partial``."""
    lowered = " ".join(name.lower().split())
    column = func.lower(t.person.c.name)
    # autoescape: a "%" or "_" in the name is that character, not a wildcard.
    condition = column.contains(lowered, autoescape=True) if partial else column == lowered
    rows = conn.execute(
        select(t.person.c.id)
        .where(t.person.c.workspace_id == ws, condition)
        .order_by(t.person.c.id)
    )
    return [row.id for row in rows]


def all_names(conn: Connection, ws: int) -> dict[int, str]:
    rows = conn.execute(select(t.person.c.id, t.person.c.name).where(t.person.c.workspace_id == ws))
    return {row.id: row.name for row in rows}


def record_counts(conn: Connection, ws: int, person_id: int) -> dict[str, int]:
    """How many records of each kind involve a person (what removing them would take)."""

    def count(table: Table, *conditions: Any) -> int:
        return int(
            conn.execute(
                select(func.count())
                .select_from(table)
                .where(table.c.workspace_id == ws, or_(*conditions))
            ).scalar_one()
        )

    return {
        "interactions": count(t.participant, t.participant.c.person_id == person_id),
        "referrals": count(
            t.referral,
            t.referral.c.giver_id == person_id,
            t.referral.c.receiver_id == person_id,
        ),
        "asks": count(t.ask, t.ask.c.asker_id == person_id, t.ask.c.asked_id == person_id),
        "memberships": count(t.membership, t.membership.c.person_id == person_id),
        "events": count(t.attendance, t.attendance.c.person_id == person_id),
        "follow-ups": count(t.follow_up, t.follow_up.c.person_id == person_id),
    }


def drop_thin_interactions(conn: Connection, ws: int) -> int:
    """Delete interactions left with fewer than two participants (after a removal or merge)."""
    thin = (
        select(t.participant.c.interaction_id)
        .where(t.participant.c.workspace_id == ws)
        .group_by(t.participant.c.interaction_id)
        .having(func.count() < 2)
    )
    orphan = select(t.interaction.c.id).where(
        t.interaction.c.workspace_id == ws,
        ~t.interaction.c.id.in_(select(t.participant.c.interaction_id)),
    )
    result = conn.execute(
        delete(t.interaction).where(
            t.interaction.c.workspace_id == ws,
            or_(t.interaction.c.id.in_(thin), t.interaction.c.id.in_(orphan)),
        )
    )
    return result.rowcount


def update_person_fields(conn: Connection, ws: int, person: Person, now: datetime) -> Person:
    """Write a person's own columns only; emails, phones and tags rows stay as they are."""
    update_row(conn, t.person, ws, person.id, person, skip={"created_at"}, updated_at=now)
    return person.model_copy(update={"updated_at": now})


__all__ = [
    "PEOPLE_READS",
    "all_names",
    "count_people",
    "delete_person",
    "drop_thin_interactions",
    "get_people",
    "get_person",
    "ids_by_email",
    "ids_by_name",
    "insert_person",
    "list_people",
    "move_records",
    "phones_of_workspace",
    "record_counts",
    "records_between",
    "set_introducer",
    "update_person",
    "update_person_fields",
]
