"""Mail in: messages seen, where each source stopped, sync reports, and correspondents not
known yet (docs/mail.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from netweave.errors import Conflict
from netweave.storage import tables as t
from netweave.storage.bulk import chunked

IN_CHUNK = 500
"""Values per ``IN (...)``: well below every backend's limit on bound parameters."""


def seen_keys(conn: Connection, ws: int, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` a sync has read before."""
    found: set[str] = set()
    for part in chunked(sorted(set(keys)), IN_CHUNK):
        found.update(
            conn.execute(
                select(t.mail_seen.c.message_key).where(
                    t.mail_seen.c.workspace_id == ws, t.mail_seen.c.message_key.in_(part)
                )
            ).scalars()
        )
    return found


def mark_seen(conn: Connection, ws: int, keys: Iterable[str]) -> None:
    rows = [{"workspace_id": ws, "message_key": key} for key in sorted(set(keys))]
    if not rows:
        return
    try:
        conn.execute(insert(t.mail_seen), rows)
    except IntegrityError:
        # Another sync of the same mail committed these first: this batch is rolled back,
        # and run again it finds them seen.
        raise Conflict(
            "another sync is reading the same messages at this moment",
            code="sync-in-flight",
        ) from None


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a sync of one source stopped."""

    uid_validity: int | None = None
    last_uid: int | None = None
    file_size: int | None = None
    file_offset: int | None = None
    fingerprint: str | None = None


def get_cursor(conn: Connection, ws: int, source: str, place: str) -> Cursor | None:
    row = conn.execute(
        select(t.mail_cursor).where(
            t.mail_cursor.c.workspace_id == ws,
            t.mail_cursor.c.source == source,
            t.mail_cursor.c.place == place,
        )
    ).first()
    if row is None:
        return None
    return Cursor(row.uid_validity, row.last_uid, row.file_size, row.file_offset, row.fingerprint)


def save_cursor(
    conn: Connection, ws: int, source: str, place: str, cursor: Cursor, now: datetime
) -> None:
    values: dict[str, Any] = {
        "uid_validity": cursor.uid_validity,
        "last_uid": cursor.last_uid,
        "file_size": cursor.file_size,
        "file_offset": cursor.file_offset,
        "fingerprint": cursor.fingerprint,
        "synced_at": now,
    }
    where = and_(
        t.mail_cursor.c.workspace_id == ws,
        t.mail_cursor.c.source == source,
        t.mail_cursor.c.place == place,
    )
    if conn.execute(update(t.mail_cursor).where(where).values(values)).rowcount == 0:
        conn.execute(
            insert(t.mail_cursor).values(workspace_id=ws, source=source, place=place, **values)
        )


def add_run(
    conn: Connection,
    ws: int,
    *,
    source: str,
    place: str,
    started_at: datetime,
    finished_at: datetime,
    report: dict[str, Any],
) -> None:
    conn.execute(
        insert(t.mail_sync_run).values(
            workspace_id=ws,
            source=source,
            place=place,
            started_at=started_at,
            finished_at=finished_at,
            report=report,
        )
    )


def last_runs(conn: Connection, ws: int, limit: int = 1) -> list[dict[str, Any]]:
    """The newest sync reports, newest first."""
    rows = conn.execute(
        select(t.mail_sync_run.c.report)
        .where(t.mail_sync_run.c.workspace_id == ws)
        .order_by(t.mail_sync_run.c.finished_at.desc(), t.mail_sync_run.c.id.desc())
        .limit(limit)
    ).scalars()
    return [dict(report) for report in rows]


def used_keys(conn: Connection, ws: int, keys: Iterable[str]) -> dict[str, bool]:
    """Those of ``keys`` the command log holds, each with whether its record (a touch) is
    still there: False means the user deleted it."""
    found: dict[str, bool] = {}
    log = t.command_log.c
    for part in chunked(sorted(set(keys)), IN_CHUNK):
        rows = conn.execute(
            select(log.idempotency_key, t.interaction.c.id)
            .select_from(t.command_log)
            .outerjoin(
                t.interaction,
                and_(t.interaction.c.id == log.record_id, t.interaction.c.workspace_id == ws),
            )
            .where(log.workspace_id == ws, log.idempotency_key.in_(part))
        )
        found.update((row[0], row[1] is not None) for row in rows)
    return found


def people_by_profile(conn: Connection, ws: int, slugs: Iterable[str]) -> dict[str, int]:
    """LinkedIn profile slug → person (a profile two people share names neither)."""
    return _unique_matches(conn, ws, t.person.c.linkedin, sorted(set(slugs)))


def people_by_name(conn: Connection, ws: int, names: Iterable[str]) -> dict[str, int]:
    """Lowercased full name → person, for names exactly one person has."""
    return _unique_matches(
        conn, ws, func.lower(t.person.c.name), sorted({n.lower() for n in names})
    )


def _unique_matches(conn: Connection, ws: int, column: Any, values: list[str]) -> dict[str, int]:
    ids: dict[str, set[int]] = {}
    for part in chunked(values, IN_CHUNK):
        for value, person_id in conn.execute(
            select(column, t.person.c.id).where(t.person.c.workspace_id == ws, column.in_(part))
        ):
            ids.setdefault(value, set()).add(person_id)
    return {value: next(iter(found)) for value, found in ids.items() if len(found) == 1}


# --- correspondents not known yet -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StrangerDay:
    """A day's exchange, in one direction, with someone netweave does not know yet."""

    handle: str
    handle_kind: str
    """``email``, ``linkedin`` (a profile slug) or ``name``."""
    name: str | None
    touch_kind: str
    day: date
    direction: str
    occurred_at: datetime


def add_strangers(conn: Connection, ws: int, days: Sequence[StrangerDay]) -> None:
    """Remember ``days`` (those already remembered stay as they are)."""
    if not days:
        return
    c = t.mail_stranger.c
    known: set[tuple[str, str, date, str]] = set()
    for part in chunked(sorted({d.handle for d in days}), IN_CHUNK):
        known.update(
            (r.handle, r.touch_kind, r.day, r.direction)
            for r in conn.execute(
                select(c.handle, c.touch_kind, c.day, c.direction).where(
                    c.workspace_id == ws, c.handle.in_(part)
                )
            )
        )
    rows = []
    for d in days:
        key = (d.handle, d.touch_kind, d.day, d.direction)
        if key in known:
            continue
        known.add(key)
        rows.append(
            {
                "workspace_id": ws,
                "handle": d.handle,
                "handle_kind": d.handle_kind,
                "name": d.name[:200] if d.name else None,
                "touch_kind": d.touch_kind,
                "day": d.day,
                "direction": d.direction,
                "occurred_at": d.occurred_at,
            }
        )
    if rows:
        conn.execute(insert(t.mail_stranger), rows)


def strangers_now_known(conn: Connection, ws: int) -> list[tuple[int, int, StrangerDay]]:
    """(row id, person id, day) of remembered strangers who are people of the workspace now
    (by address, LinkedIn profile or exact name)."""
    s = t.mail_stranger.c
    by_email = (
        select(s.id, t.person_email.c.person_id)
        .join(
            t.person_email,
            and_(t.person_email.c.workspace_id == ws, t.person_email.c.email == s.handle),
        )
        .where(s.workspace_id == ws, s.handle_kind == "email")
    )
    by_profile = (
        select(s.id, t.person.c.id.label("person_id"))
        .join(
            t.person,
            and_(t.person.c.workspace_id == ws, t.person.c.linkedin == s.handle),
        )
        .where(s.workspace_id == ws, s.handle_kind == "linkedin")
    )
    matches: dict[int, set[int]] = {}
    for query in (by_email, by_profile):
        for row in conn.execute(query):
            matches.setdefault(row.id, set()).add(row.person_id)
    # By name: a name, or a profile nobody has with a name one person has (LinkedIn names
    # people as they are). Compared here, not in SQL: lower() of every pair would be slow.
    named = [
        (row.id, (row.name if row.handle_kind == "linkedin" else row.handle) or "")
        for row in conn.execute(
            select(s.id, s.handle, s.handle_kind, s.name).where(
                s.workspace_id == ws, s.handle_kind.in_(("name", "linkedin"))
            )
        )
        if row.id not in matches
    ]
    if named:
        people = people_by_name(conn, ws, (name for _, name in named if name))
        for row_id, name in named:
            if name.lower() in people:
                matches.setdefault(row_id, set()).add(people[name.lower()])
    # A name two people share names nobody for sure: it stays a stranger.
    chosen = {row_id: next(iter(ids)) for row_id, ids in matches.items() if len(ids) == 1}
    if not chosen:
        return []
    found = []
    for part in chunked(sorted(chosen), IN_CHUNK):
        for row in conn.execute(select(t.mail_stranger).where(t.mail_stranger.c.id.in_(part))):
            day = StrangerDay(
                row.handle,
                row.handle_kind,
                row.name,
                row.touch_kind,
                row.day,
                row.direction,
                row.occurred_at,
            )
            found.append((row.id, chosen[row.id], day))
    return found


def stranger_days(conn: Connection, ws: int) -> list[tuple[str, str | None, int, int]]:
    """(handle, a name, days you wrote to them, days they wrote to you) of every stranger
    remembered, the busiest first."""
    s = t.mail_stranger.c
    out_days = func.sum(case((s.direction == "out", 1), else_=0))
    in_days = func.sum(case((s.direction == "in", 1), else_=0))
    rows = conn.execute(
        select(s.handle, func.max(s.name), out_days, in_days)
        .where(s.workspace_id == ws)
        .group_by(s.handle)
        .order_by((out_days + in_days).desc(), s.handle)
    )
    return [(row[0], row[1], int(row[2]), int(row[3])) for row in rows]


def forget_strangers(conn: Connection, ws: int, row_ids: Iterable[int]) -> None:
    for part in chunked(sorted(set(row_ids)), IN_CHUNK):
        conn.execute(
            delete(t.mail_stranger).where(
                t.mail_stranger.c.workspace_id == ws, t.mail_stranger.c.id.in_(part)
            )
        )


__all__ = [
    "IN_CHUNK",
    "Cursor",
    "StrangerDay",
    "add_run",
    "add_strangers",
    "forget_strangers",
    "get_cursor",
    "last_runs",
    "mark_seen",
    "people_by_name",
    "people_by_profile",
    "save_cursor",
    "seen_keys",
    "stranger_days",
    "strangers_now_known",
    "used_keys",
]
