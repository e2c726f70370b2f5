"""The parts of an export that version 2 added: plans, provenance and identity marks.

- ``plans``: each event's plan, its targets in order, and the debrief;
- ``imports``, ``field_sources``, ``external_keys``: which file brought what,
  and the keys (vCard UIDs, profile addresses) a later import matches by, so a
  restored workspace re-imports a file without creating anyone twice;
- ``not_the_same``: pairs of people said to be two people, so duplicate
  suggestions stay quiet about them after a restore.

A version 1 document has none of these sections; it restores as before.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from netweave.domain.base import Id, Record, UtcDateTime
from netweave.domain.plan import Plan, PlanDraft, Target
from netweave.errors import InvalidInput
from netweave.services.exchange_refs import Refs, dump, load, section
from netweave.storage import Tx
from netweave.storage import exchange as exchange_db
from netweave.storage import imports as imports_db
from netweave.storage import person_moves as moves_db
from netweave.storage import plans as plans_db

Short = Annotated[str, Field(min_length=1, max_length=500)]


class ImportRun(Record):
    file_name: Annotated[str, Field(min_length=1, max_length=260)]
    format: Annotated[str, Field(min_length=1, max_length=32)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    records: Annotated[int, Field(ge=0)]
    counts: dict[str, Any]
    imported_at: UtcDateTime


class FieldSource(Record):
    person_id: Id
    import_id: Id
    fields: list[Annotated[str, Field(min_length=1, max_length=400)]]
    locator: Annotated[str, Field(max_length=120)]


class ExternalKey(Record):
    kind: Annotated[str, Field(min_length=1, max_length=32)]
    value: Short
    person_id: Id | None = None
    event_id: Id | None = None
    revision: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None


class DistinctMark(Record):
    first_id: Id
    second_id: Id
    marked_at: UtcDateTime


def _plan(plan: Plan, refs: Refs) -> dict[str, Any]:
    entry = dump(plan, refs, drop={"targets"})
    entry["targets"] = [dump(target, refs) for target in plan.targets]
    return entry


def export_sections(conn: Tx, ws: int, refs: Refs, event_ids: list[int]) -> dict[str, Any]:
    """The version 2 sections; ``refs`` already knows every person and event."""
    plans = plans_db.plans_of(conn, ws, event_ids)
    runs = exchange_db.import_runs(conn, ws)
    for row in runs:
        refs.add("i", row["id"])

    def rows(model: type[Record], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [dump(model.model_validate(_without_id(row)), refs) for row in found]

    return {
        "plans": [_plan(plans[event], refs) for event in event_ids if event in plans],
        "imports": [
            {
                "ref": refs.ref("i", row["id"]),
                **dump(ImportRun.model_validate(_without_id(row)), refs),
            }
            for row in runs
        ],
        "field_sources": rows(FieldSource, exchange_db.field_sources(conn, ws)),
        "external_keys": rows(ExternalKey, exchange_db.external_keys(conn, ws)),
        "not_the_same": rows(DistinctMark, exchange_db.distinct_marks(conn, ws)),
    }


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "id"}


def restore_sections(conn: Tx, ws: int, document: dict[str, Any], refs: Refs) -> None:
    """Write the version 2 sections of ``document``; people and events are in already."""
    planned: set[int] = set()
    for index, entry in enumerate(section(document, "plans")):
        plan = _load_plan(entry, refs, f"plans[{index}]")
        if plan.event_id in planned:
            raise InvalidInput("is a second plan for the same event", field=f"plans[{index}]")
        planned.add(plan.event_id)
        plans_db.save_plan(conn, ws, plan)
    for index, entry in enumerate(section(document, "imports")):
        where = f"imports[{index}]"
        run = load(ImportRun, entry, refs, where)
        ref = entry.get("ref")
        if not isinstance(ref, str) or ref in refs.to_id["i"]:
            raise InvalidInput("needs a unique 'ref'", field=where)
        refs.add("i", imports_db.insert_import_run(conn, ws, **run.model_dump()), ref)
    sources = [
        load(FieldSource, entry, refs, f"field_sources[{index}]")
        for index, entry in enumerate(section(document, "field_sources"))
    ]
    imports_db.insert_rows(
        conn, "field_source", [{"workspace_id": ws, **s.model_dump()} for s in sources]
    )
    keys = [
        load(ExternalKey, entry, refs, f"external_keys[{index}]")
        for index, entry in enumerate(section(document, "external_keys"))
    ]
    _check_keys(keys)
    imports_db.insert_rows(
        conn, "external_key", [{"workspace_id": ws, **k.model_dump()} for k in keys]
    )
    for index, entry in enumerate(section(document, "not_the_same")):
        mark = load(DistinctMark, entry, refs, f"not_the_same[{index}]")
        if mark.first_id == mark.second_id:
            raise InvalidInput(
                "names one person twice: a person is always the same as themselves",
                field=f"not_the_same[{index}]",
            )
        if not moves_db.mark_distinct(conn, ws, mark.first_id, mark.second_id, mark.marked_at):
            raise InvalidInput("repeats an earlier pair", field=f"not_the_same[{index}]")


def _load_plan(entry: Any, refs: Refs, where: str) -> PlanDraft:
    if not isinstance(entry, dict):
        raise InvalidInput("is not an object", field=where)
    targets = entry.get("targets", [])
    if not isinstance(targets, list):
        raise InvalidInput("must be a list", field=f"{where}.targets")
    loaded = [
        load(Target, target, refs, f"{where}.targets[{n}]").model_dump()
        for n, target in enumerate(targets)
    ]
    return load(PlanDraft, {**entry, "targets": loaded}, refs, where)


def _check_keys(keys: list[ExternalKey]) -> None:
    seen: set[tuple[str, str]] = set()
    for index, key in enumerate(keys):
        if (key.person_id is None) == (key.event_id is None):
            raise InvalidInput(
                "needs exactly one of 'person' and 'event'", field=f"external_keys[{index}]"
            )
        if (key.kind, key.value) in seen:
            raise InvalidInput(
                f"repeats the {key.kind} key '{key.value}'", field=f"external_keys[{index}]"
            )
        seen.add((key.kind, key.value))


__all__ = ["export_sections", "restore_sections"]
