"""The history of merges in an export (version 3): each merge and what it changed, without ids.

A merge keeps, row by row, what it changed (:mod:`netweave.storage.merges`): the
dropped person, the values it lost, the records it moved. That is what undoing it
needs, and a value kept only there (a title that lost to the kept person's) is in no
other record, so the export carries it as ``merges``, oldest first:

- ``kept``, ``dropped``: the two people; ``kept_name``, ``dropped_name``, ``choices``,
  ``merged_at``, ``undone_at`` as ``netweave person merges`` shows them;
- ``changes``: by table, the rows the merge ``removed`` and ``added`` and the columns it
  ``changed`` (``key``, ``before``, ``after``).

Every id in them is a reference: ``p3``, ``g1``, ``e2``, ``i1`` as elsewhere in the
document; ``workspace``; ``membership:4`` for the fourth row of a table in the order
the export lists (and a restore writes) them (emails and phones by person and place,
plan targets by event and place); ``person:gone1`` for a row that no longer exists
(the dropped person, a row the merge removed). A restore gives the rows the merge
removed new ids, so that undoing it writes them back, and names rows gone since with
ids no row can have.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from netweave.domain.merging import FieldChoice
from netweave.errors import InvalidInput
from netweave.services.exchange_refs import Refs, section
from netweave.storage import Tx
from netweave.storage import merge_history as history_db

# Tables whose rows the document names by its own references.
_KINDS = {"person": "p", "network_group": "g", "event": "e", "import_run": "i"}
_PARTS = ("removed", "added", "changed")


def _time(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


class _Names:
    """Database ids → references, for one export."""

    def __init__(self, conn: Tx, ws: int, refs: Refs) -> None:
        self.conn, self.ws, self.refs = conn, ws, refs
        self.places: dict[str, dict[int, int]] = {}
        self.gone: dict[str, dict[int, str]] = {}

    def ref(self, table: str, value: Any) -> Any:
        if value is None:
            return None
        if table == history_db.WORKSPACE:
            return history_db.WORKSPACE
        kind = _KINDS.get(table)
        if kind is not None and value in self.refs.to_ref[kind]:
            return self.refs.to_ref[kind][value]
        if kind is None:
            if table not in self.places:
                found = history_db.ordered_ids(self.conn, self.ws, table)
                self.places[table] = {row_id: n for n, row_id in enumerate(found, 1)}
            if value in self.places[table]:
                return f"{table}:{self.places[table][value]}"
        gone = self.gone.setdefault(table, {})
        return gone.setdefault(value, f"{table}:gone{len(gone) + 1}")

    def row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        ids = history_db.id_columns(table)
        return {c: self.ref(ids[c], row[c]) if c in ids else row[c] for c in sorted(row)}

    def changes(self, snapshot: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for table in sorted(snapshot):
            diff = snapshot[table]
            ids = history_db.id_columns(table)
            key = history_db.row_key(table)
            out[table] = {
                "removed": [self.row(table, row) for row in diff["removed"]],
                "added": [self.row(table, row) for row in diff["added"]],
                "changed": [
                    {
                        "key": [
                            self.ref(ids[c], v) if c in ids else v
                            for c, v in zip(key, change["key"], strict=True)
                        ],
                        "before": self.row(table, change["before"]),
                        "after": self.row(table, change["after"]),
                    }
                    for change in diff["changed"]
                ],
            }
        return out


def export_merges(conn: Tx, ws: int, refs: Refs) -> list[dict[str, Any]]:
    """Every merge of the workspace, oldest first; ``refs`` knows the people, groups,
    events and imports of the document."""
    names = _Names(conn, ws, refs)
    return [
        {
            "kept": names.ref("person", row["kept_id"]),
            "dropped": names.ref("person", row["dropped_id"]),
            "kept_name": row["kept_name"],
            "dropped_name": row["dropped_name"],
            "choices": row["choices"],
            "merged_at": _time(row["merged_at"]),
            "undone_at": _time(row["undone_at"]),
            "changes": names.changes(row["snapshot"]),
        }
        for row in history_db.merge_rows(conn, ws)
    ]


# --- restore --------------------------------------------------------------------


class _Ids:
    """References → ids of the restored workspace."""

    def __init__(self, conn: Tx, ws: int, refs: Refs) -> None:
        self.conn, self.ws, self.refs = conn, ws, refs
        self.places: dict[str, list[int]] = {}
        self.gone: dict[str, dict[str, int]] = {}
        self.written_back: set[str] = set()

    def note(self, table: str, ref: Any, *, written_back: bool) -> None:
        """Meet a reference before any is resolved: gone rows get their ids together."""
        if isinstance(ref, str) and ref.startswith(f"{table}:gone"):
            self.gone.setdefault(table, {}).setdefault(ref, 0)
            if written_back:
                self.written_back.add(ref)

    def allocate(self) -> None:
        """Ids for gone rows: new ones for rows an undo writes back, below zero (which no
        row has) for rows that are only looked for."""
        below = 0
        for table, found in sorted(self.gone.items()):
            back = [ref for ref in found if ref in self.written_back]
            for ref, new in zip(
                back, history_db.allocate(self.conn, table, len(back)), strict=True
            ):
                found[ref] = new
            for ref in found:
                if ref not in self.written_back:
                    below -= 1
                    found[ref] = below

    def id(self, table: str, ref: Any, where: str) -> Any:
        if ref is None:
            return None
        if table == history_db.WORKSPACE and ref == history_db.WORKSPACE:
            return self.ws
        kind = _KINDS.get(table)
        if kind is not None and isinstance(ref, str) and ref in self.refs.to_id[kind]:
            return self.refs.to_id[kind][ref]
        if isinstance(ref, str) and ref in self.gone.get(table, {}):
            return self.gone[table][ref]
        prefix = f"{table}:"
        if kind is None and isinstance(ref, str) and ref.startswith(prefix):
            if table not in self.places:
                self.places[table] = history_db.ordered_ids(self.conn, self.ws, table)
            place = ref[len(prefix) :]
            if place.isdigit() and 1 <= int(place) <= len(self.places[table]):
                return self.places[table][int(place) - 1]
        raise InvalidInput(f"refers to {ref!r}, which is not in the file", field=where)

    def row(self, table: str, row: Any, where: str) -> dict[str, Any]:
        if not isinstance(row, dict):
            raise InvalidInput("is not an object", field=where)
        ids = history_db.id_columns(table)
        return {c: self.id(ids[c], v, f"{where}.{c}") if c in ids else v for c, v in row.items()}

    def changes(self, changes: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for table, diff in changes.items():
            here = f"{where}.{table}"
            ids = history_db.id_columns(table)
            key = history_db.row_key(table)
            out[table] = {
                "removed": [
                    self.row(table, row, f"{here}.removed[{n}]")
                    for n, row in enumerate(diff["removed"])
                ],
                "added": [
                    self.row(table, row, f"{here}.added[{n}]")
                    for n, row in enumerate(diff["added"])
                ],
                "changed": [
                    {
                        "key": [
                            self.id(ids[c], v, f"{here}.changed[{n}].key") if c in ids else v
                            for c, v in zip(key, change["key"], strict=True)
                        ],
                        "before": self.row(table, change["before"], f"{here}.changed[{n}]"),
                        "after": self.row(table, change["after"], f"{here}.changed[{n}]"),
                    }
                    for n, change in enumerate(diff["changed"])
                ],
            }
        return out


def _checked(entry: Any, where: str) -> dict[str, Any]:
    """The entry, when it has the shape of an exported merge; InvalidInput naming what not."""
    if not isinstance(entry, dict):
        raise InvalidInput("is not an object", field=where)
    for name in ("kept", "dropped", "kept_name", "dropped_name", "merged_at"):
        if not isinstance(entry.get(name), str):
            raise InvalidInput(f"needs '{name}'", field=where)
    changes = entry.get("changes")
    tables = set(history_db.snapshot_tables())
    if not isinstance(changes, dict) or not set(changes) <= tables:
        raise InvalidInput("needs 'changes' by table", field=where)
    for table, diff in changes.items():
        if not isinstance(diff, dict) or any(not isinstance(diff.get(p), list) for p in _PARTS):
            raise InvalidInput("needs 'removed', 'added' and 'changed'", field=f"{where}.{table}")
        key = history_db.row_key(table)
        for n, change in enumerate(diff["changed"]):
            if not isinstance(change, dict) or len(change.get("key") or ()) != len(key):
                raise InvalidInput("needs its 'key'", field=f"{where}.{table}.changed[{n}]")
    return entry


def _moment(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput("is not a time", field=where) from None
    if moment.tzinfo is None:
        raise InvalidInput("needs its time zone", field=where)
    return moment


def _references(entry: dict[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """``(table, reference, written back)`` for every id of an exported merge."""
    yield "person", entry.get("kept"), False
    yield "person", entry.get("dropped"), True
    for table, diff in entry["changes"].items():
        ids = history_db.id_columns(table)
        for part in ("removed", "added"):
            for row in diff[part]:
                for column, value in row.items() if isinstance(row, dict) else ():
                    if column in ids:
                        yield ids[column], value, part == "removed" and column == "id"
        key = history_db.row_key(table)
        for change in diff["changed"]:
            for column, value in zip(key, change["key"], strict=True):
                if column in ids:
                    yield ids[column], value, False
            for side in ("before", "after"):
                found = change.get(side)
                for column, value in found.items() if isinstance(found, dict) else ():
                    if column in ids:
                        yield ids[column], value, False


def restore_merges(conn: Tx, ws: int, document: dict[str, Any], refs: Refs) -> None:
    """Write the ``merges`` of ``document``; every other record is in already."""
    entries = [
        _checked(entry, f"merges[{n}]") for n, entry in enumerate(section(document, "merges"))
    ]
    ids = _Ids(conn, ws, refs)
    for entry in entries:
        for table, ref, written_back in _references(entry):
            ids.note(table, ref, written_back=written_back)
    ids.allocate()
    for n, entry in enumerate(entries):
        where = f"merges[{n}]"
        choices = entry.get("choices", [])
        if not isinstance(choices, list):
            raise InvalidInput("must be a list", field=f"{where}.choices")
        try:
            checked = [FieldChoice.model_validate(c).model_dump(mode="json") for c in choices]
        except ValueError:
            raise InvalidInput("are not the choices of a merge", field=f"{where}.choices") from None
        history_db.insert_merge_row(
            conn,
            ws,
            {
                "kept_id": ids.id("person", entry.get("kept"), f"{where}.kept"),
                "dropped_id": ids.id("person", entry.get("dropped"), f"{where}.dropped"),
                "kept_name": entry["kept_name"],
                "dropped_name": entry["dropped_name"],
                "choices": checked,
                "snapshot": ids.changes(entry["changes"], f"{where}.changes"),
                "merged_at": _moment(entry["merged_at"], f"{where}.merged_at"),
                "undone_at": _moment(entry.get("undone_at"), f"{where}.undone_at"),
            },
        )


__all__ = ["export_merges", "restore_merges"]
