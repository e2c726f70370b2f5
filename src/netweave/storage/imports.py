"""What an import needs to know about a workspace, and its own records.

Reads are set-based (one query per kind, never one per record) so that
matching a 30,000-row file against a workspace of the same size stays fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, func, insert, select, update

from netweave.storage import tables as t
from netweave.storage.bulk import chunked
from netweave.storage.inserts import insert_many, insert_values


class KnownPerson(NamedTuple):
    """What matching needs of a stored person: names and identity values, not the whole record.

    A named tuple: one is made for every person of the workspace on each import.
    """

    id: int
    name: str
    company: str | None
    linkedin: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    external: tuple[str, ...]


def known_people(conn: Connection, ws: int) -> list[KnownPerson]:
    """Every person of the workspace with their emails, phones and external keys."""
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    external: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(
        select(t.person_email.c.person_id, t.person_email.c.email)
        .where(t.person_email.c.workspace_id == ws)
        .order_by(t.person_email.c.person_id, t.person_email.c.position)
    ):
        emails[row.person_id].append(row.email)
    for row in conn.execute(
        select(t.person_phone.c.person_id, t.person_phone.c.phone)
        .where(t.person_phone.c.workspace_id == ws)
        .order_by(t.person_phone.c.person_id, t.person_phone.c.position)
    ):
        phones[row.person_id].append(row.phone)
    for row in conn.execute(
        select(t.external_key.c.person_id, t.external_key.c.value).where(
            t.external_key.c.workspace_id == ws, t.external_key.c.person_id.is_not(None)
        )
    ):
        external[row.person_id].append(row.value)
    rows = conn.execute(
        select(t.person.c.id, t.person.c.name, t.person.c.company, t.person.c.linkedin)
        .where(t.person.c.workspace_id == ws)
        .order_by(t.person.c.id)
    )
    none: tuple[str, ...] = ()
    return [
        KnownPerson(
            person_id,
            name,
            company,
            linkedin,
            tuple(emails[person_id]) if person_id in emails else none,
            tuple(phones[person_id]) if person_id in phones else none,
            tuple(external[person_id]) if person_id in external else none,
        )
        for person_id, name, company, linkedin in rows
    ]


def event_keys(conn: Connection, ws: int, kind: str = "event") -> dict[str, tuple[int, int | None]]:
    """External keys of events (calendar UIDs) to event ids and the revision last seen."""
    key = t.external_key.c
    rows = conn.execute(
        select(key.value, key.event_id, key.revision).where(
            key.workspace_id == ws, key.kind == kind, key.event_id.is_not(None)
        )
    )
    return {row.value: (row.event_id, row.revision) for row in rows}


def set_revisions(conn: Connection, ws: int, revisions: dict[str, int]) -> None:
    """Keep the calendar's revision with each event key named."""
    key = t.external_key.c
    for value, revision in revisions.items():
        conn.execute(
            t.external_key.update()
            .where(key.workspace_id == ws, key.kind == "event", key.value == value)
            .values(revision=revision)
        )


def external_values(conn: Connection, ws: int) -> list[tuple[str, str]]:
    """(kind, value) of every external key of the workspace."""
    rows = conn.execute(
        select(t.external_key.c.kind, t.external_key.c.value).where(
            t.external_key.c.workspace_id == ws
        )
    )
    return [(row.kind, row.value) for row in rows]


def events_between(
    conn: Connection, ws: int, start: datetime, end: datetime
) -> list[tuple[int, str, datetime]]:
    """(id, name, starts_at) of the events starting from ``start`` to ``end``."""
    rows = conn.execute(
        select(t.event.c.id, t.event.c.name, t.event.c.starts_at).where(
            t.event.c.workspace_id == ws, t.event.c.starts_at.between(start, end)
        )
    )
    return [(row.id, row.name, row.starts_at) for row in rows]


def attendance_of(
    conn: Connection, ws: int, event_ids: Sequence[int]
) -> dict[tuple[int, int], str]:
    """(event id, person id) → status, for these events."""
    found: dict[tuple[int, int], str] = {}
    for chunk in chunked(sorted(set(event_ids)), 10_000):
        for row in conn.execute(
            select(t.attendance.c.event_id, t.attendance.c.person_id, t.attendance.c.status).where(
                t.attendance.c.workspace_id == ws, t.attendance.c.event_id.in_(chunk)
            )
        ):
            found[(row.event_id, row.person_id)] = row.status
    return found


def set_attendance_status(conn: Connection, ws: int, changes: Iterable[dict[str, Any]]) -> None:
    """Set ``status`` of each (``event_id``, ``person_id``) given."""
    for change in changes:
        conn.execute(
            update(t.attendance)
            .where(
                t.attendance.c.workspace_id == ws,
                t.attendance.c.event_id == change["event_id"],
                t.attendance.c.person_id == change["person_id"],
            )
            .values(status=change["status"])
        )


def interaction_signatures(
    conn: Connection, ws: int, start: datetime, end: datetime
) -> set[tuple[datetime, str, frozenset[int]]]:
    """(when, kind, who) of every interaction from ``start`` to ``end``: what makes one a repeat."""
    who: dict[int, set[int]] = defaultdict(set)
    meta: dict[int, tuple[datetime, str]] = {}
    query = (
        select(
            t.interaction.c.id,
            t.interaction.c.occurred_at,
            t.interaction.c.kind,
            t.participant.c.person_id,
        )
        .join(t.participant, t.participant.c.interaction_id == t.interaction.c.id)
        .where(t.interaction.c.workspace_id == ws, t.interaction.c.occurred_at.between(start, end))
    )
    for row in conn.execute(query):
        who[row.id].add(row.person_id)
        meta[row.id] = (row.occurred_at, row.kind)
    return {(*meta[i], frozenset(people)) for i, people in who.items()}


def interactions_at(
    conn: Connection, ws: int, moments: Iterable[datetime]
) -> set[tuple[datetime, str, frozenset[int]]]:
    """(when, kind, who) of every interaction at one of ``moments`` (asked 500 at a time):
    what makes one a repeat, for a chunk of an import however long its file."""
    who: dict[int, set[int]] = defaultdict(set)
    meta: dict[int, tuple[datetime, str]] = {}
    # The moments are passed at execution: a statement holding them would be kept by
    # SQLAlchemy's statement cache, and with it every moment of a long file. The
    # interactions, then their people, each by its own index: joined in one statement,
    # PostgreSQL hashed every participant of the workspace for each 500 moments when its
    # statistics were older than the rows (100 ms a query after a 100,000-row import).
    at_moments = select(t.interaction.c.id, t.interaction.c.occurred_at, t.interaction.c.kind)
    at_moments = at_moments.where(
        t.interaction.c.workspace_id == bindparam("ws"),
        t.interaction.c.occurred_at.in_(bindparam("moments", expanding=True)),
    )
    people = select(t.participant.c.interaction_id, t.participant.c.person_id).where(
        t.participant.c.interaction_id.in_(bindparam("ids", expanding=True))
    )
    for batch in chunked(sorted(moments), 500):
        rows = conn.execute(at_moments, {"ws": ws, "moments": batch})
        found = {row.id: (row.occurred_at, row.kind) for row in rows}
        meta.update(found)
        for ids in chunked(list(found), 500):
            for row in conn.execute(people, {"ids": ids}):
                who[row.interaction_id].add(row.person_id)
    return {(*meta[i], frozenset(people)) for i, people in who.items()}


def set_import_counts(conn: Connection, import_id: int, counts: dict[str, Any]) -> None:
    """The counts of an import run, known once it is written."""
    conn.execute(update(t.import_run).where(t.import_run.c.id == import_id).values(counts=counts))


def groups_by_name(conn: Connection, ws: int) -> dict[str, int]:
    """Group ids by lowercased name."""
    rows = conn.execute(
        select(t.group.c.id, func.lower(t.group.c.name).label("key")).where(
            t.group.c.workspace_id == ws
        )
    )
    return {row.key: row.id for row in rows}


def open_memberships(conn: Connection, ws: int) -> set[tuple[int, int]]:
    """(group id, person id) of every membership that has not ended."""
    rows = conn.execute(
        select(t.membership.c.group_id, t.membership.c.person_id).where(
            and_(t.membership.c.workspace_id == ws, t.membership.c.left_on.is_(None))
        )
    )
    return {(row.group_id, row.person_id) for row in rows}


def insert_import_run(
    conn: Connection,
    ws: int,
    *,
    file_name: str,
    format: str,
    sha256: str,
    records: int,
    counts: dict[str, Any],
    imported_at: datetime,
) -> int:
    result = conn.execute(
        insert(t.import_run)
        .values(
            workspace_id=ws,
            file_name=file_name[:260],
            format=format,
            sha256=sha256,
            records=records,
            counts=counts,
            imported_at=imported_at,
        )
        .returning(t.import_run.c.id)
    )
    return int(result.scalar_one())


def previous_import(conn: Connection, ws: int, sha256: str) -> datetime | None:
    """When a file with this content was last imported into the workspace, if ever."""
    found = conn.execute(
        select(func.max(t.import_run.c.imported_at)).where(
            t.import_run.c.workspace_id == ws, t.import_run.c.sha256 == sha256
        )
    ).scalar_one()
    return found if isinstance(found, datetime) else None


def insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``field_source`` or ``external_key``, in chunks."""
    target = {"field_source": t.field_source, "external_key": t.external_key}[table]
    for chunk in chunked(rows, 5_000):
        insert_many(conn, target, chunk)


SOURCE_COLUMNS = ("workspace_id", "person_id", "fields", "import_id", "locator")
"""The values of a ``field_source`` row for :func:`insert_sources`, in order."""


def insert_sources(conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``field_source`` rows given as :data:`SOURCE_COLUMNS` values, in chunks."""
    for chunk in chunked(rows, 5_000):
        insert_values(conn, t.field_source, SOURCE_COLUMNS, chunk)


def field_sources(conn: Connection, ws: int, person_id: int) -> list[dict[str, Any]]:
    """Where a person's fields came from: newest import first."""
    rows = conn.execute(
        select(
            t.field_source.c.fields,
            t.field_source.c.locator,
            t.import_run.c.id.label("import_id"),
            t.import_run.c.file_name,
            t.import_run.c.format,
            t.import_run.c.imported_at,
        )
        .join(t.import_run, t.import_run.c.id == t.field_source.c.import_id)
        .where(t.field_source.c.workspace_id == ws, t.field_source.c.person_id == person_id)
        .order_by(t.import_run.c.imported_at.desc(), t.import_run.c.id.desc(), t.field_source.c.id)
    )
    return [dict(row._mapping) for row in rows]


def import_runs(conn: Connection, ws: int, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports of the workspace, newest first."""
    rows = conn.execute(
        select(t.import_run)
        .where(t.import_run.c.workspace_id == ws)
        .order_by(t.import_run.c.imported_at.desc(), t.import_run.c.id.desc())
        .limit(limit)
    )
    return [dict(row._mapping) for row in rows]


__all__ = [
    "SOURCE_COLUMNS",
    "KnownPerson",
    "attendance_of",
    "event_keys",
    "events_between",
    "external_values",
    "field_sources",
    "groups_by_name",
    "import_runs",
    "insert_import_run",
    "insert_rows",
    "insert_sources",
    "interaction_signatures",
    "interactions_at",
    "known_people",
    "open_memberships",
    "previous_import",
    "set_attendance_status",
    "set_import_counts",
    "set_revisions",
]
