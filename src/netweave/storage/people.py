"""People and their emails, phones and tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, func, insert, or_, select, update

from netweave.domain import Person, Role
from netweave.domain.base import storable_id
from netweave.domain.duplicates import MatchRecord
from netweave.storage import tables as t
from netweave.storage.rows import delete_row, insert_row, to_record, update_row


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


def _write_children(conn: Connection, ws: int, person_id: int, person: Person) -> None:
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
    conn: Connection, ws: int, person: Person, now: datetime, *, updated_at: datetime | None = None
) -> Person:
    """Insert a person created ``now`` (``updated_at`` differs only when restoring)."""
    stamps = {"created_at": now, "updated_at": updated_at or now}
    person_id = insert_row(conn, t.person, ws, person, **stamps)
    _write_children(conn, ws, person_id, person)
    return person.model_copy(update={"id": person_id, **stamps})


def set_introducer(conn: Connection, ws: int, person_id: int, introducer_id: int | None) -> None:
    conn.execute(
        update(t.person)
        .where(t.person.c.workspace_id == ws, t.person.c.id == person_id)
        .values(introduced_by_id=introducer_id)
    )


def update_person(conn: Connection, ws: int, person: Person, now: datetime) -> Person:
    assert person.id is not None
    update_row(conn, t.person, ws, person.id, person, skip={"created_at"}, updated_at=now)
    _write_children(conn, ws, person.id, person)
    return person.model_copy(update={"updated_at": now})


def delete_person(conn: Connection, ws: int, person_id: int) -> bool:
    return delete_row(conn, t.person, ws, person_id)


def _assemble(conn: Connection, rows: Sequence[Row[Any]]) -> list[Person]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    # Chunked so that a long id list stays under every backend's parameter limit.
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        for r in conn.execute(
            select(t.person_email.c.person_id, t.person_email.c.email)
            .where(t.person_email.c.person_id.in_(chunk))
            .order_by(t.person_email.c.person_id, t.person_email.c.position)
        ):
            emails[r.person_id].append(r.email)
        for r in conn.execute(
            select(t.person_phone.c.person_id, t.person_phone.c.phone)
            .where(t.person_phone.c.person_id.in_(chunk))
            .order_by(t.person_phone.c.person_id, t.person_phone.c.position)
        ):
            phones[r.person_id].append(r.phone)
        for r in conn.execute(
            select(t.person_tag.c.person_id, t.person_tag.c.tag).where(
                t.person_tag.c.person_id.in_(chunk)
            )
        ):
            tags[r.person_id].append(r.tag)
    return [
        to_record(Person, row, emails=emails[row.id], phones=phones[row.id], tags=tags[row.id])
        for row in rows
    ]


def get_people(conn: Connection, ws: int, ids: Sequence[int]) -> list[Person]:
    """The people with these ids, in id order (missing ids are left out)."""
    rows: list[Row[Any]] = []
    unique = sorted({i for i in ids if storable_id(i)})
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
    query = select(t.person).where(t.person.c.workspace_id == ws)
    if search:
        lowered = search.lower()
        query = query.where(
            or_(
                func.lower(t.person.c.name).contains(lowered, autoescape=True),
                func.lower(t.person.c.company).contains(lowered, autoescape=True),
                t.person.c.id.in_(
                    select(t.person_email.c.person_id).where(
                        t.person_email.c.workspace_id == ws,
                        t.person_email.c.email.contains(lowered, autoescape=True),
                    )
                ),
            )
        )
    if tag:
        query = query.where(
            t.person.c.id.in_(
                select(t.person_tag.c.person_id).where(
                    t.person_tag.c.workspace_id == ws, t.person_tag.c.tag == tag.lower()
                )
            )
        )
    if category:
        query = query.where(t.person.c.category == " ".join(category.lower().split()))
    if group_id is not None:
        query = query.where(
            t.person.c.id.in_(
                select(t.membership.c.person_id).where(t.membership.c.group_id == group_id)
            )
        )
    query = query.order_by(func.lower(t.person.c.name), t.person.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _assemble(conn, conn.execute(query).all())


def people_for_matching(conn: Connection, ws: int) -> list[MatchRecord]:
    """Everyone, with only what matching compares (name, nickname, company, location,
    LinkedIn, emails, phones): a fraction of the time :func:`list_people` takes."""
    p = t.person
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    for table, column, into in (
        (t.person_email, "email", emails),
        (t.person_phone, "phone", phones),
    ):
        for row in conn.execute(
            select(table.c.person_id, table.c[column])
            .where(table.c.workspace_id == ws)
            .order_by(table.c.person_id, table.c.position)
        ):
            into[row[0]].append(row[1])
    rows = conn.execute(
        select(p.c.id, p.c.name, p.c.nickname, p.c.company, p.c.location, p.c.linkedin)
        .where(p.c.workspace_id == ws)
        .order_by(p.c.id)
    )
    return [
        MatchRecord(
            id=row.id,
            name=row.name,
            nickname=row.nickname,
            company=row.company,
            location=row.location,
            linkedin=row.linkedin,
            emails=tuple(emails[row.id]),
            phones=tuple(phones[row.id]),
        )
        for row in rows
    ]


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
    assert person.id is not None
    update_row(conn, t.person, ws, person.id, person, skip={"created_at"}, updated_at=now)
    return person.model_copy(update={"updated_at": now})


_ROLE_RANK = {role.value: rank for rank, role in enumerate(Role)}


def _merge_open_memberships(conn: Connection, ws: int, keep: int, drop: int) -> None:
    """Both in a group now: one membership, the earliest join and the higher role."""
    m = t.membership
    current = m.c.left_on.is_(None)
    theirs = {
        row.group_id: row for row in conn.execute(select(m).where(m.c.person_id == drop, current))
    }
    for mine in conn.execute(
        select(m).where(m.c.person_id == keep, current, m.c.group_id.in_(list(theirs)))
    ).all():
        other = theirs[mine.group_id]
        joined = [d for d in (mine.joined_on, other.joined_on) if d is not None]
        role = max(mine.role, other.role, key=lambda r: _ROLE_RANK.get(r, -1))
        conn.execute(
            update(m)
            .where(m.c.id == mine.id)
            .values(role=role, joined_on=min(joined) if joined else None)
        )
        conn.execute(delete(m).where(m.c.id == other.id))


def _move_contact_rows(conn: Connection, keep: int, drop: int) -> None:
    """Emails and phones of ``drop`` go after those of ``keep``, keeping their rows."""
    for table, column in ((t.person_email, "email"), (t.person_phone, "phone")):
        mine = conn.execute(
            select(table.c[column], table.c.position).where(table.c.person_id == keep)
        ).all()
        known = {row[0] for row in mine}
        start = max((row.position for row in mine), default=-1) + 1
        theirs = conn.execute(
            select(table.c.id, table.c[column])
            .where(table.c.person_id == drop)
            .order_by(table.c.position)
        ).all()
        for row in theirs:
            if row[1] in known:
                conn.execute(delete(table).where(table.c.id == row.id))
                continue
            conn.execute(
                update(table).where(table.c.id == row.id).values(person_id=keep, position=start)
            )
            start += 1


def _move_distinct_marks(conn: Connection, ws: int, keep: int, drop: int) -> None:
    """ "Not the same as C" said of ``drop`` now holds for ``keep``; a mark between them goes."""
    d = t.person_distinct
    rows = conn.execute(select(d).where(or_(d.c.first_id == drop, d.c.second_id == drop))).all()
    conn.execute(delete(d).where(or_(d.c.first_id == drop, d.c.second_id == drop)))
    for row in rows:
        other = row.second_id if row.first_id == drop else row.first_id
        if other == keep:
            continue
        first, second = min(keep, other), max(keep, other)
        exists = conn.execute(
            select(d.c.id).where(d.c.first_id == first, d.c.second_id == second)
        ).first()
        if exists is None:
            conn.execute(
                insert(d).values(
                    workspace_id=ws, first_id=first, second_id=second, marked_at=row.marked_at
                )
            )


def move_records(conn: Connection, ws: int, *, keep: int, drop: int) -> None:
    """Point every record of ``drop`` at ``keep``; rows that would duplicate are removed.

    Emails and phones move as rows (after those of ``keep``); open memberships
    of one group become one; where each field came from moves too.
    """
    _move_contact_rows(conn, keep, drop)
    _merge_open_memberships(conn, ws, keep, drop)
    _move_distinct_marks(conn, ws, keep, drop)
    # Both at one event: the kept row says "met" or "attended" when either row did.
    dropped = select(t.attendance.c.event_id).where(t.attendance.c.person_id == drop)
    for flag, value in ((t.attendance.c.met, True), (t.attendance.c.status, "attended")):
        conn.execute(
            update(t.attendance)
            .where(
                t.attendance.c.person_id == keep,
                t.attendance.c.event_id.in_(dropped.where(flag == value)),
            )
            .values({flag.name: value})
        )
    # Link tables with a uniqueness rule: drop the duplicates first, then move the rest.
    for table, key in (
        (t.participant, t.participant.c.interaction_id),
        (t.attendance, t.attendance.c.event_id),
    ):
        kept = select(key).where(table.c.person_id == keep)
        conn.execute(delete(table).where(table.c.person_id == drop, key.in_(kept)))
        conn.execute(update(table).where(table.c.person_id == drop).values(person_id=keep))
    conn.execute(
        delete(t.person_tag).where(
            t.person_tag.c.person_id == drop,
            t.person_tag.c.tag.in_(
                select(t.person_tag.c.tag).where(t.person_tag.c.person_id == keep)
            ),
        )
    )
    moves: list[tuple[Table, str]] = [
        (t.person_tag, "person_id"),
        (t.membership, "person_id"),
        (t.follow_up, "person_id"),
        (t.interaction, "initiated_by_id"),
        (t.referral, "giver_id"),
        (t.referral, "receiver_id"),
        (t.referral, "prospect_id"),
        (t.ask, "asker_id"),
        (t.ask, "asked_id"),
        (t.person, "introduced_by_id"),
        (t.field_source, "person_id"),
        (t.external_key, "person_id"),
    ]
    for table, column in moves:
        conn.execute(
            update(table)
            .where(table.c.workspace_id == ws, table.c[column] == drop)
            .values({column: keep})
        )
    conn.execute(update(t.workspace).where(t.workspace.c.owner_id == drop).values(owner_id=keep))


__all__ = [
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
    "people_for_matching",
    "record_counts",
    "records_between",
    "set_introducer",
    "update_person",
    "update_person_fields",
]


def records_between(conn: Connection, ws: int, a: int, b: int) -> dict[str, int]:
    """Records that link two people to each other (shared interactions, referrals, asks)."""
    shared = select(t.participant.c.interaction_id).where(t.participant.c.person_id == b)
    interactions = conn.execute(
        select(func.count())
        .select_from(t.participant)
        .where(t.participant.c.person_id == a, t.participant.c.interaction_id.in_(shared))
    ).scalar_one()
    pair = {a, b}
    referrals = conn.execute(
        select(func.count())
        .select_from(t.referral)
        .where(
            t.referral.c.workspace_id == ws,
            or_(
                t.referral.c.giver_id.in_(pair) & t.referral.c.receiver_id.in_(pair),
                t.referral.c.prospect_id.in_(pair)
                & or_(t.referral.c.giver_id.in_(pair), t.referral.c.receiver_id.in_(pair)),
            ),
        )
    ).scalar_one()
    asks = conn.execute(
        select(func.count())
        .select_from(t.ask)
        .where(t.ask.c.workspace_id == ws, t.ask.c.asker_id.in_(pair), t.ask.c.asked_id.in_(pair))
    ).scalar_one()
    counts = {"interactions": interactions, "referrals": referrals, "asks": asks}
    return {kind: int(n) for kind, n in counts.items() if n}
