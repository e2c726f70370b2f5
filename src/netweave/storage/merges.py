"""Merges that can be undone: what a merge changed, row by row, and putting it back.

Every table that points at people is read for the two people before and after
a merge; the difference (rows deleted, rows added, columns changed) is stored
as JSON in ``person_merge.snapshot``. Undoing applies it backwards, column by
column: a value is put back only where it still holds what the merge wrote, so
later changes (a new touchpoint, an edited title) survive the undo, and each
thing that could not be put back is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Table,
    UniqueConstraint,
    and_,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from netweave.domain.base import storable_id
from netweave.domain.merging import FieldChoice, Merge
from netweave.errors import Conflict
from netweave.storage import tables as t
from netweave.storage.bulk import allocate_ids
from netweave.storage.integrity import refusal
from netweave.storage.types import UTCDateTime

Row = dict[str, Any]
Snapshot = dict[str, list[Row]]


def _person_columns(table: Table) -> list[Column[Any]]:
    columns = [c for c in table.c if any(fk.column.table is t.person for fk in c.foreign_keys)]
    return [t.person.c.id, *columns] if table is t.person else columns


def _tables() -> list[Table]:
    """Every table that refers to people, parents before children. Kept photos are not
    in a merge's history (nor in exports): a merge moves them to the kept person, and
    its undo leaves them there; so are the card photos waiting to be confirmed, and the
    last touches, which the database's triggers keep as the touches move either way."""
    outside = (t.person_merge, t.person_photo, t.card_waiting, t.last_touch)
    return [
        table
        for table in t.metadata.sorted_tables
        if _person_columns(table) and all(table is not other for other in outside)
    ]


def snapshot_tables() -> list[str]:
    """The names of the tables a merge's snapshot holds rows of, parents first."""
    return [table.name for table in _tables()]


def row_key(table_name: str) -> tuple[str, ...]:
    """The columns that name a row of ``table_name`` in a snapshot's ``changed`` entries."""
    return _key(t.metadata.tables[table_name])


def _key(table: Table) -> tuple[str, ...]:
    if table.primary_key.columns:
        return tuple(c.name for c in table.primary_key.columns)
    unique = min(
        (c for c in table.constraints if isinstance(c, UniqueConstraint)),
        key=lambda c: len(c.columns),
    )
    return tuple(c.name for c in unique.columns)


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _decode(table: Table, row: Row) -> Row:
    out = {}
    for name, value in row.items():
        kind = table.c[name].type
        if value is not None and isinstance(kind, UTCDateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        out[name] = value
    return out


def person_rows(conn: Connection, ws: int, people: Iterable[int]) -> Snapshot:
    """Every row, in every table, that refers to one of ``people``; JSON-ready."""
    ids = sorted(set(people))
    found: Snapshot = {}
    for table in _tables():
        condition = or_(*(column.in_(ids) for column in _person_columns(table)))
        if "workspace_id" in table.c:
            condition = and_(table.c.workspace_id == ws, condition)
        elif table is t.workspace:
            condition = and_(table.c.id == ws, condition)
        rows = conn.execute(select(table).where(condition)).mappings().all()
        found[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    return found


def changes(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[Any]]]:
    """What turned ``before`` into ``after``: rows removed, rows added, columns changed."""
    out: dict[str, dict[str, list[Any]]] = {}
    for table in _tables():
        key = _key(table)
        old = {tuple(r[k] for k in key): r for r in before.get(table.name, [])}
        new = {tuple(r[k] for k in key): r for r in after.get(table.name, [])}
        changed = []
        for k in old.keys() & new.keys():
            columns = [c for c in old[k] if old[k][c] != new[k][c]]
            if columns:
                changed.append(
                    {
                        "key": list(k),
                        "before": {c: old[k][c] for c in columns},
                        "after": {c: new[k][c] for c in columns},
                    }
                )
        removed = [old[k] for k in sorted(old.keys() - new.keys(), key=repr)]
        added = [new[k] for k in sorted(new.keys() - old.keys(), key=repr)]
        if removed or added or changed:
            out[table.name] = {"removed": removed, "added": added, "changed": changed}
    return out


def _where(table: Table, key: Sequence[Any]) -> Any:
    return and_(*(table.c[name] == value for name, value in zip(_key(table), key, strict=True)))


def _remap(table: Table, row: Row, ids: dict[int, int]) -> Row:
    columns = {c.name for c in _person_columns(table)}
    return {k: ids.get(v, v) if k in columns and v is not None else v for k, v in row.items()}


def _row_name(table: Table, key: Sequence[Any]) -> str:
    """ "person #3", "attendance (event 4, person 7)": a row as the notes name it."""
    noun = table.name.replace("_", " ")
    if len(key) == 1:
        return f"{noun} #{key[0]}"
    parts = ", ".join(f"{c.removesuffix('_id')} {v}" for c, v in zip(_key(table), key, strict=True))
    return f"{noun} ({parts})"


def _renumber(
    conn: Connection, table: Table, row: Row, renumbered: dict[str, dict[int, int]]
) -> Row:
    """``row`` with a new id when another row has taken its own since (SQLite gives the
    highest free number again; a restored merge's rows have ids given at the restore),
    and its references to rows renumbered before it following them."""
    for column in table.c:
        for fk in column.foreign_keys:
            moved = renumbered.get(fk.column.table.name, {})
            if row.get(column.name) in moved:
                row = {**row, column.name: moved[row[column.name]]}
    if "id" not in table.c or not table.c.id.primary_key or row.get("id") is None:
        return row
    if conn.execute(select(table.c.id).where(table.c.id == row["id"])).first() is None:
        return row
    new = allocate_ids(conn, table, 1)[0]
    renumbered.setdefault(table.name, {})[row["id"]] = new
    return {**row, "id": new}


def undo_changes(
    conn: Connection, diff: dict[str, dict[str, list[Any]]], ids: dict[int, int]
) -> list[str]:
    """Apply ``diff`` backwards, person ids renamed by ``ids``; what could not be put back.

    The people the merge removed come back first, then the rows it added are
    removed, changed columns are put back where they still hold what the merge
    wrote, and the rows it removed return.
    """
    notes: list[str] = []
    order = [table for table in _tables() if table.name in diff]
    for table in order:
        for row in diff[table.name]["removed"] if table is t.person else ():
            restored = _decode(table, _remap(table, row, ids))
            conn.execute(insert(table).values(restored))
    for table in order:
        for row in diff[table.name]["added"]:
            key = [row[k] for k in _key(table)]
            conn.execute(delete(table).where(_where(table, key)))
    for table in order:
        for change in diff[table.name]["changed"]:
            current = conn.execute(select(table).where(_where(table, change["key"]))).mappings()
            now = current.first()
            if now is None:
                notes.append(f"{_row_name(table, change['key'])} was removed after the merge")
                continue
            back = {
                column: value
                for column, value in _remap(table, change["before"], ids).items()
                if _encode(now[column]) == change["after"][column]
            }
            # The time of the last change is not news: it changed whenever anything did.
            kept = sorted(set(change["before"]) - set(back) - {"updated_at"})
            if kept:
                notes.append(
                    f"{_row_name(table, change['key'])}: {', '.join(kept)} changed after the merge"
                    ", left as it is"
                )
            if back:
                conn.execute(
                    update(table).where(_where(table, change["key"])).values(_decode(table, back))
                )
    renumbered: dict[str, dict[int, int]] = {}
    for table in order:
        for row in diff[table.name]["removed"] if table is not t.person else ():
            restored = _renumber(conn, table, _decode(table, _remap(table, row, ids)), renumbered)
            key = [restored[k] for k in _key(table)]
            if conn.execute(select(table).where(_where(table, key))).first() is not None:
                notes.append(f"{_row_name(table, key)} exists again, left as it is")
                continue
            conn.execute(insert(table).values(restored))
    return notes


def undo_or_explain(
    conn: Connection, diff: dict[str, dict[str, list[Any]]], ids: dict[int, int]
) -> list[str]:
    """:func:`undo_changes`, with a clash with later data reported as a Conflict."""
    try:
        return undo_changes(conn, diff, ids)
    except IntegrityError as error:
        clash = refusal(error)  # what is taken, in words (never the driver's SQL text)
        raise Conflict(
            "the merge cannot be undone: data added since clashes with what it would restore"
            + (f" ({clash.message})" if clash is not None else ""),
            code="undo-clash",
            facts=clash.facts if clash is not None else {},
        ) from None


# --- the merge records ---------------------------------------------------------


def _merge(row: Any) -> Merge:
    return Merge(
        id=row.id,
        kept_id=row.kept_id,
        dropped_id=row.dropped_id,
        kept_name=row.kept_name,
        dropped_name=row.dropped_name,
        choices=tuple(FieldChoice.model_validate(c) for c in row.choices),
        merged_at=row.merged_at,
        undone_at=row.undone_at,
    )


def insert_merge(
    conn: Connection,
    ws: int,
    merge: Merge,
    snapshot: dict[str, dict[str, list[Any]]],
) -> Merge:
    values = merge.model_dump(exclude={"id"}, mode="python")
    values["choices"] = [c.model_dump(mode="json") for c in merge.choices]
    new_id = conn.execute(
        insert(t.person_merge)
        .values(workspace_id=ws, snapshot=snapshot, **values)
        .returning(t.person_merge.c.id)
    ).scalar_one()
    return merge.model_copy(update={"id": int(new_id)})


def get_merge(conn: Connection, ws: int, merge_id: int) -> tuple[Merge, Any] | None:
    """A merge and its snapshot (None for an id no merge can have)."""
    if not storable_id(merge_id):
        return None
    row = conn.execute(
        select(t.person_merge).where(
            t.person_merge.c.workspace_id == ws, t.person_merge.c.id == merge_id
        )
    ).first()
    return (_merge(row), row.snapshot) if row else None


def list_merges(conn: Connection, ws: int, *, include_undone: bool = True) -> list[Merge]:
    """Merges, newest first."""
    query = select(t.person_merge).where(t.person_merge.c.workspace_id == ws)
    if not include_undone:
        query = query.where(t.person_merge.c.undone_at.is_(None))
    return [_merge(row) for row in conn.execute(query.order_by(t.person_merge.c.id.desc()))]


def later_merges(
    conn: Connection, ws: int, merge_id: int, person_ids: Iterable[int]
) -> list[Merge]:
    """Merges after ``merge_id``, not undone, that involve one of ``person_ids``."""
    ids = list(person_ids)
    query = select(t.person_merge).where(
        t.person_merge.c.workspace_id == ws,
        t.person_merge.c.id > merge_id,
        t.person_merge.c.undone_at.is_(None),
        or_(t.person_merge.c.kept_id.in_(ids), t.person_merge.c.dropped_id.in_(ids)),
    )
    return [_merge(row) for row in conn.execute(query.order_by(t.person_merge.c.id))]


def mark_undone(conn: Connection, ws: int, merge_id: int, when: datetime) -> None:
    conn.execute(
        update(t.person_merge)
        .where(t.person_merge.c.workspace_id == ws, t.person_merge.c.id == merge_id)
        .values(undone_at=when)
    )


def person_id_taken(conn: Connection, person_id: int) -> bool:
    """Whether any workspace has a person with this id (ids are shared by all workspaces)."""
    found = conn.execute(select(t.person.c.id).where(t.person.c.id == person_id)).first()
    return found is not None


def next_person_id(conn: Connection) -> int:
    """An id no person has (for a person coming back whose id was given away)."""
    highest = conn.execute(select(t.person.c.id).order_by(t.person.c.id.desc()).limit(1)).first()
    return (highest.id if highest else 0) + 1


__all__ = [
    "Row",
    "Snapshot",
    "changes",
    "get_merge",
    "insert_merge",
    "later_merges",
    "list_merges",
    "mark_undone",
    "next_person_id",
    "person_id_taken",
    "person_rows",
    "row_key",
    "snapshot_tables",
    "undo_changes",
    "undo_or_explain",
]
