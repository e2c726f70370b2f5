"""Saved mail sources and the runs of "sync now" (their progress and reports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from netweave.errors import Conflict
from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class SourceFields:
    """What a saved source is, as stored and as every interface shows it."""

    id: int
    name: str
    kind: str
    host: str | None
    port: int | None
    security: str | None
    user: str | None
    folders: list[str]
    path: str | None
    created_at: datetime

    def fields(self) -> dict[str, Any]:
        """These fields by name (to make the interface's view of a stored row)."""
        return {f.name: getattr(self, f.name) for f in dataclass_fields(SourceFields)}


@dataclass(frozen=True, slots=True)
class SourceRow(SourceFields):
    """A saved source as stored (never a password: at most the owner-only file keeping it)."""

    password_file: str | None


@dataclass(frozen=True, slots=True)
class JobRow:
    """One run of a saved source: its progress, and its reports when it is done."""

    id: int
    source_id: int | None
    source_name: str
    state: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    read: int
    batches: int
    error: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)
    error_code: str | None = None
    error_facts: dict[str, Any] = field(default_factory=dict)


def _source(row: Row[Any]) -> SourceRow:
    return SourceRow(
        id=row.id,
        name=row.name,
        kind=row.kind,
        host=row.host,
        port=row.port,
        security=row.security,
        user=row.user,
        folders=list(row.folders or []),
        path=row.path,
        created_at=row.created_at,
        password_file=row.password_file,
    )


def _job(row: Row[Any]) -> JobRow:
    return JobRow(
        row.id,
        row.source_id,
        row.source_name,
        row.state,
        row.started_at,
        row.updated_at,
        row.finished_at,
        row.read,
        row.batches,
        row.error,
        [dict(r) for r in row.reports or []],
        row.error_code,
        dict(row.error_facts or {}),
    )


def add_source(conn: Connection, ws: int, values: dict[str, Any], now: datetime) -> SourceRow:
    """Save a source; Conflict when the workspace has one of that name."""
    try:
        new_id = conn.execute(
            insert(t.mail_source)
            .values(workspace_id=ws, created_at=now, **values)
            .returning(t.mail_source.c.id)
        ).scalar_one()
    except IntegrityError:
        raise Conflict(
            f"there is a mailbox named {values['name']!r} already: choose another name",
            code="mail-source-exists",
        ) from None
    found = get_source(conn, ws, new_id)
    assert found is not None
    return found


def get_source(conn: Connection, ws: int, source_id: int) -> SourceRow | None:
    row = conn.execute(
        select(t.mail_source).where(
            t.mail_source.c.workspace_id == ws, t.mail_source.c.id == source_id
        )
    ).first()
    return _source(row) if row is not None else None


def lock_source(conn: Connection, ws: int, source_id: int) -> bool:
    """Take source ``source_id``'s row until the transaction ends, so that two processes
    starting it (the web app, the command line) do one after the other. Must be the
    transaction's first statement: on SQLite it takes the write lock before anything is
    read. False when there is no such source."""
    found = conn.execute(
        update(t.mail_source)
        .where(t.mail_source.c.workspace_id == ws, t.mail_source.c.id == source_id)
        .values(name=t.mail_source.c.name)
    ).rowcount
    return bool(found)


def source_named(conn: Connection, ws: int, name: str) -> SourceRow | None:
    row = conn.execute(
        select(t.mail_source).where(
            t.mail_source.c.workspace_id == ws, t.mail_source.c.name == name
        )
    ).first()
    return _source(row) if row is not None else None


def list_sources(conn: Connection, ws: int) -> list[SourceRow]:
    rows = conn.execute(
        select(t.mail_source)
        .where(t.mail_source.c.workspace_id == ws)
        .order_by(t.mail_source.c.name, t.mail_source.c.id)
    )
    return [_source(row) for row in rows]


def remove_source(conn: Connection, ws: int, source_id: int) -> bool:
    done = conn.execute(
        delete(t.mail_source).where(
            t.mail_source.c.workspace_id == ws, t.mail_source.c.id == source_id
        )
    )
    return bool(done.rowcount)


def add_job(conn: Connection, ws: int, source: SourceRow, now: datetime) -> int:
    return int(
        conn.execute(
            insert(t.mail_sync_job)
            .values(
                workspace_id=ws,
                source_id=source.id,
                source_name=source.name,
                state="running",
                started_at=now,
                updated_at=now,
                read=0,
                batches=0,
                reports=[],
            )
            .returning(t.mail_sync_job.c.id)
        ).scalar_one()
    )


def update_job(conn: Connection, ws: int, job_id: int, **values: Any) -> None:
    conn.execute(
        update(t.mail_sync_job)
        .where(t.mail_sync_job.c.workspace_id == ws, t.mail_sync_job.c.id == job_id)
        .values(**values)
    )


def get_job(conn: Connection, ws: int, job_id: int) -> JobRow | None:
    row = conn.execute(
        select(t.mail_sync_job).where(
            t.mail_sync_job.c.workspace_id == ws, t.mail_sync_job.c.id == job_id
        )
    ).first()
    return _job(row) if row is not None else None


def running_jobs(conn: Connection, ws: int, source_id: int) -> list[JobRow]:
    rows = conn.execute(
        select(t.mail_sync_job).where(
            and_(
                t.mail_sync_job.c.workspace_id == ws,
                t.mail_sync_job.c.source_id == source_id,
                t.mail_sync_job.c.state == "running",
            )
        )
    )
    return [_job(row) for row in rows]


def last_jobs(conn: Connection, ws: int) -> dict[int, JobRow]:
    """The newest run of each saved source, by source."""
    rows = conn.execute(
        select(t.mail_sync_job)
        .where(t.mail_sync_job.c.workspace_id == ws, t.mail_sync_job.c.source_id.is_not(None))
        .order_by(t.mail_sync_job.c.id)
    )
    found: dict[int, JobRow] = {}
    for row in rows:
        found[row.source_id] = _job(row)
    return found


def all_seen(conn: Connection, ws: int) -> list[str]:
    """Every message key a sync has read (digests, never a Message-ID), sorted."""
    return list(
        conn.execute(
            select(t.mail_seen.c.message_key)
            .where(t.mail_seen.c.workspace_id == ws)
            .order_by(t.mail_seen.c.message_key)
        ).scalars()
    )


def all_cursors(conn: Connection, ws: int) -> list[dict[str, Any]]:
    """Where each source's sync stopped, by source and place."""
    c = t.mail_cursor.c
    rows = conn.execute(
        select(
            c.source,
            c.place,
            c.uid_validity,
            c.last_uid,
            c.file_size,
            c.file_offset,
            c.fingerprint,
            c.synced_at,
        )
        .where(c.workspace_id == ws)
        .order_by(c.source, c.place)
    )
    return [dict(row._mapping) for row in rows]


__all__ = [
    "JobRow",
    "SourceRow",
    "add_job",
    "add_source",
    "all_cursors",
    "all_seen",
    "get_job",
    "get_source",
    "last_jobs",
    "list_sources",
    "lock_source",
    "remove_source",
    "running_jobs",
    "source_named",
    "update_job",
]
