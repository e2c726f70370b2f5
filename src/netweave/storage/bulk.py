"""Loading many records at once: chunked, set-based inserts on SQLite and PostgreSQL.

Provisional ids
    The records handed to :class:`BulkLoader` carry *provisional* ids: each
    kind is numbered on its own (people 1..n, groups 1..m, ...) and references
    between records (``person_id``, ``group_id``, ``event_id``, ``giver_id``,
    ...) use the provisional ids of the kind they point at. The loader gives
    every record a real id and rewrites the references. Load the kinds in
    dependency order: people, groups, memberships, events, attendance,
    interactions, referrals, asks, follow-ups.

Ids are allocated before the rows are written, so each chunk is one
``executemany`` without ``RETURNING`` (the fastest form on both backends):
on PostgreSQL from the table's sequence (safe with concurrent writers); on
SQLite above the current largest id, which is safe because SQLite admits one
writer at a time, and a write that raced the allocation fails on the primary
key rather than mixing records up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, bindparam, func, select, text, update

from netweave.domain import (
    Ask,
    Attendance,
    Event,
    FollowUp,
    Group,
    Interaction,
    MembershipDraft,
    Person,
    PersonDraft,
    Referral,
)
from netweave.domain.packed import Packed, held_values
from netweave.errors import InvalidInput
from netweave.storage import tables as t
from netweave.storage import tie_bulk
from netweave.storage.inserts import insert_many, insert_values
from netweave.storage.rows import column_names, field_row_values, packed_row_values, values

CHUNK_SIZE = 5_000
_PERSON_SKIP = ("created_at", "updated_at", "introduced_by_id")
_PERSON_MORE = ("id", "workspace_id", "introduced_by_id", "created_at", "updated_at")
_EMAIL = ("workspace_id", "person_id", "email", "position")
_PHONE = ("workspace_id", "person_id", "phone", "position")
_TAG = ("workspace_id", "person_id", "tag")
T = TypeVar("T")
Rows = list[dict[str, Any]]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` items, in order."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def allocate_ids(conn: Connection, table: Table, count: int) -> Sequence[int]:
    """``count`` unused ids of ``table``, reserved for this transaction's inserts."""
    if count == 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
            ),
            {"table": table.name, "n": count},
        )
        # Sorted so that ids follow the records' order, as they do on SQLite.
        return sorted(int(row[0]) for row in rows)
    largest = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return range(int(largest) + 1, int(largest) + 1 + count)


def _missing(kind: str, provisional: int) -> InvalidInput:
    return InvalidInput(f"a record refers to {kind} #{provisional}, which was not loaded")


class BulkLoader:
    """Inserts records with provisional ids into workspace ``ws`` within ``conn``'s transaction."""

    def __init__(
        self, conn: Connection, ws: int, *, now: datetime, chunk_size: int = CHUNK_SIZE
    ) -> None:
        self.conn = conn
        self.ws = ws
        self.now = now
        self.chunk_size = chunk_size
        self._people: dict[int, int] = {}
        self._groups: dict[int, int] = {}
        self._events: dict[int, int] = {}

    def adopt(self, kind: str, ids: dict[int, int]) -> None:
        """Let records refer to stored people, groups or events by provisional ids.

        ``kind`` is "person", "group" or "event"; ``ids`` maps provisional ids
        (unused by the records this loader inserts) to the stored records' ids.
        """
        known = {"person": self._people, "group": self._groups, "event": self._events}[kind]
        clash = known.keys() & ids.keys()
        if clash:
            raise InvalidInput(f"{kind} #{min(clash)} is both adopted and loaded")
        known.update(ids)

    def person_id(self, provisional: int) -> int:
        """The real id of the person loaded with this provisional id."""
        return self._real(self._people, "person", provisional)

    def event_id(self, provisional: int) -> int:
        """The real id of the event loaded (or adopted) with this provisional id."""
        return self._real(self._events, "event", provisional)

    @staticmethod
    def _real(ids: dict[int, int], kind: str, provisional: int) -> int:
        try:
            return ids[provisional]
        except KeyError:
            raise _missing(kind, provisional) from None

    def _optional(self, ids: dict[int, int], kind: str, provisional: int | None) -> int | None:
        return None if provisional is None else self._real(ids, kind, provisional)

    def _write(self, table: Table, rows: Rows) -> None:
        insert_many(self.conn, table, rows)

    def _numbered(
        self,
        table: Table,
        chunk: Sequence[Any],
        ids: dict[int, int] | None = None,
        provisional: Sequence[int | None] | None = None,
    ) -> Iterator[tuple[Any, int]]:
        """(record, real id) for each record of ``chunk``; ``ids`` learns the mapping.

        The provisional ids are the records' own unless given in ``provisional``.
        """
        numbers = provisional if provisional is not None else [r.id for r in chunk]
        reals = allocate_ids(self.conn, table, len(chunk))
        for record, number, real in zip(chunk, numbers, reals, strict=True):
            if number is None:
                raise InvalidInput(f"a {table.name} record has no provisional id")
            if ids is not None:
                if number in ids:
                    raise InvalidInput(f"two {table.name} records have provisional id {number}")
                ids[number] = real
            yield record, real

    def people(self, people: Iterable[Person]) -> int:
        """Insert people with their emails, phones and tags; introducers are linked last."""
        return self.numbered_people((person.id, person) for person in people)

    def numbered_people(self, people: Iterable[tuple[int | None, PersonDraft | Packed]]) -> int:
        """:meth:`people`, each given with its provisional id (its own id is ignored).

        Saves copying every record only to set its id. A person may be given packed
        (:mod:`netweave.domain.packed`): its row is made from its values, not from a record.
        """
        ws, count = self.ws, 0
        introductions: list[dict[str, int]] = []
        columns = (*column_names(Person, t.person, _PERSON_SKIP), *_PERSON_MORE)
        for numbered in chunked(people, self.chunk_size):
            numbers = [number for number, _ in numbered]
            chunk = [person for _, person in numbered]
            rows: list[list[Any]] = []
            emails: list[tuple[int, int, str, int]] = []
            phones: list[tuple[int, int, str, int]] = []
            tags: list[tuple[int, int, str]] = []
            for person, real in self._numbered(t.person, chunk, self._people, numbers):
                if type(person) is tuple:
                    # Packed: the fields it leaves out hold their defaults (None, empty).
                    held = held_values(person)
                    row = packed_row_values(PersonDraft, person, t.person, _PERSON_SKIP)
                else:
                    held = person.__dict__
                    row = field_row_values(type(person), held, t.person, _PERSON_SKIP)
                created = held.get("created_at") or self.now
                row += (real, ws, None, created, held.get("updated_at") or created)
                rows.append(row)
                emails.extend(
                    (ws, real, email, i) for i, email in enumerate(held.get("emails", ()))
                )
                phones.extend(
                    (ws, real, phone, i) for i, phone in enumerate(held.get("phones", ()))
                )
                tags.extend((ws, real, tag) for tag in held.get("tags", ()))
                if held.get("introduced_by_id") is not None:
                    introductions.append({"_id": real, "_by": held["introduced_by_id"]})
            insert_values(self.conn, t.person, columns, rows)
            insert_values(self.conn, t.person_email, _EMAIL, emails)
            insert_values(self.conn, t.person_phone, _PHONE, phones)
            insert_values(self.conn, t.person_tag, _TAG, tags)
            count += len(chunk)
        for link in introductions:
            link["_by"] = self.person_id(link["_by"])
        if introductions:
            self.conn.execute(
                update(t.person)
                .where(t.person.c.id == bindparam("_id"))
                .values(introduced_by_id=bindparam("_by")),
                introductions,
            )
        return count

    def groups(self, groups: Iterable[Group]) -> int:
        count = 0
        for chunk in chunked(groups, self.chunk_size):
            rows = []
            for group, real in self._numbered(t.group, chunk, self._groups):
                rows.append({**values(group, t.group), "id": real, "workspace_id": self.ws})
            self._write(t.group, rows)
            count += len(chunk)
        return count

    def memberships(self, memberships: Iterable[MembershipDraft]) -> int:
        count = 0
        for chunk in chunked(memberships, self.chunk_size):
            rows = [
                {
                    **values(membership, t.membership),
                    "workspace_id": self.ws,
                    "group_id": self._real(self._groups, "group", membership.group_id),
                    "person_id": self.person_id(membership.person_id),
                }
                for membership in chunk
            ]
            self._write(t.membership, rows)
            count += len(chunk)
        return count

    def events(self, events: Iterable[Event]) -> int:
        count = 0
        for chunk in chunked(events, self.chunk_size):
            rows = []
            for event, real in self._numbered(t.event, chunk, self._events):
                rows.append(
                    {
                        **values(event, t.event),
                        "id": real,
                        "workspace_id": self.ws,
                        "group_id": self._optional(self._groups, "group", event.group_id),
                    }
                )
            self._write(t.event, rows)
            count += len(chunk)
        return count

    def attendance(self, attendance: Iterable[Attendance]) -> int:
        count = 0
        for chunk in chunked(attendance, self.chunk_size):
            rows = [
                {
                    "workspace_id": self.ws,
                    "event_id": self._real(self._events, "event", seen.event_id),
                    "person_id": self.person_id(seen.person_id),
                    "status": seen.status.value,
                    "met": seen.met,
                }
                for seen in chunk
            ]
            self._write(t.attendance, rows)
            count += len(chunk)
        return count

    def interactions(self, interactions: Iterable[Interaction]) -> int:
        """Insert interactions and their participants (each pair's tie state settled once,
        when all are in: :func:`netweave.storage.tie_bulk.pairs_once`)."""
        with tie_bulk.pairs_once(self.conn, self.ws):
            return self._interactions(interactions)

    def _interactions(self, interactions: Iterable[Interaction]) -> int:
        ws, count = self.ws, 0
        for chunk in chunked(interactions, self.chunk_size):
            rows: Rows = []
            participants: Rows = []
            for interaction, real in self._numbered(t.interaction, chunk):
                rows.append(
                    {
                        "id": real,
                        "workspace_id": ws,
                        "kind": interaction.kind.value,
                        "occurred_at": interaction.occurred_at,
                        "in_person": interaction.in_person,
                        "duration_minutes": interaction.duration_minutes,
                        "initiated_by_id": self._optional(
                            self._people, "person", interaction.initiated_by_id
                        ),
                        "event_id": self._optional(self._events, "event", interaction.event_id),
                        "notes": interaction.notes,
                    }
                )
                participants.extend(
                    {"workspace_id": ws, "interaction_id": real, "person_id": self.person_id(pid)}
                    for pid in interaction.participant_ids
                )
            self._write(t.interaction, rows)
            with tie_bulk.bulk_touches(self.conn, ws, [row["id"] for row in rows]):
                self._write(t.participant, participants)
            count += len(chunk)
        return count

    def referrals(self, referrals: Iterable[Referral]) -> int:
        """Insert referrals and their status histories."""
        ws, count = self.ws, 0
        for chunk in chunked(referrals, self.chunk_size):
            rows: Rows = []
            history: Rows = []
            for referral, real in self._numbered(t.referral, chunk):
                rows.append(
                    {
                        **values(referral, t.referral),
                        "id": real,
                        "workspace_id": ws,
                        "giver_id": self.person_id(referral.giver_id),
                        "receiver_id": self.person_id(referral.receiver_id),
                        "prospect_id": self._optional(self._people, "person", referral.prospect_id),
                    }
                )
                history.extend(
                    {
                        "workspace_id": ws,
                        "referral_id": real,
                        "status": change.status.value,
                        "changed_at": change.changed_at,
                    }
                    for change in referral.history
                )
            self._write(t.referral, rows)
            self._write(t.referral_status, history)
            count += len(chunk)
        return count

    def asks(self, asks: Iterable[Ask]) -> int:
        count = 0
        for chunk in chunked(asks, self.chunk_size):
            rows = [
                {
                    **values(ask, t.ask),
                    "id": real,
                    "workspace_id": self.ws,
                    "asker_id": self.person_id(ask.asker_id),
                    "asked_id": self.person_id(ask.asked_id),
                }
                for ask, real in self._numbered(t.ask, chunk)
            ]
            self._write(t.ask, rows)
            count += len(chunk)
        return count

    def follow_ups(self, follow_ups: Iterable[FollowUp]) -> int:
        count = 0
        for chunk in chunked(follow_ups, self.chunk_size):
            rows = [
                {
                    **values(follow_up, t.follow_up),
                    "id": real,
                    "workspace_id": self.ws,
                    "person_id": self.person_id(follow_up.person_id),
                    "event_id": self._optional(self._events, "event", follow_up.event_id),
                }
                for follow_up, real in self._numbered(t.follow_up, chunk)
            ]
            self._write(t.follow_up, rows)
            count += len(chunk)
        return count


def refresh_statistics(conn: Connection) -> None:
    """Let PostgreSQL's planner see the rows a bulk load just wrote.

    Without fresh statistics it plans joins over the new rows as if the tables
    were empty: the owner's ties on a 150-person sample took 10 s instead of 0.2 s.
    netweave's own tables only (those its schema search path finds): a bare ``ANALYZE``
    reads every table of the database, other programs' and other schemas' too, and took
    their locks (two tests' workspaces deadlocked on each other's that way).
    """
    if conn.dialect.name == "postgresql":
        quote = conn.dialect.identifier_preparer.quote
        names = ", ".join(quote(table.name) for table in t.metadata.sorted_tables)
        conn.execute(text(f"ANALYZE {names}"))


__all__ = ["CHUNK_SIZE", "BulkLoader", "allocate_ids", "chunked", "refresh_statistics"]
