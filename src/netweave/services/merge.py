"""One person in two records: find probable duplicates, merge them with choices, undo a merge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from netweave.commands import MarkDistinct, MergePeople, UndoMerge, UnmarkDistinct
from netweave.domain import Person, build, change
from netweave.domain.dates import utc_now
from netweave.domain.duplicates import DuplicatePair, find_duplicates
from netweave.domain.merging import FieldChoice, Merge, conflicts, merged_fields
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import command_log
from netweave.services.people import describe_counts
from netweave.storage import Store, Tx, person_moves
from netweave.storage import merges as merges_db
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db


@dataclass(frozen=True)
class MergeResult:
    person: Person
    merge: Merge


@dataclass(frozen=True)
class UndoResult:
    merge: Merge
    kept: Person
    restored: Person
    notes: list[str] = field(default_factory=list)
    """What could not be put back exactly (changed or removed after the merge)."""


def _two_people(conn: Tx, ws: int, keep_id: int, drop_id: int) -> tuple[Person, Person]:
    keep = people_db.get_person(conn, ws, keep_id)
    drop = people_db.get_person(conn, ws, drop_id)
    if keep is None or drop is None:
        raise NotFound(f"there is no person #{keep_id if keep is None else drop_id}")
    return keep, drop


def merge_conflicts(store: Store, ws: int, keep_id: int, drop_id: int) -> list[FieldChoice]:
    """The fields two people fill differently: what a merge asks the user to choose."""
    pair = build(MergePeople, {"keep_id": keep_id, "drop_id": drop_id})
    with store.transaction() as conn:
        keep, drop = _two_people(conn, ws, pair.keep_id, pair.drop_id)
    return conflicts(keep, drop)


def merge_people(
    store: Store, ws: int, command: MergePeople, *, now: datetime | None = None
) -> MergeResult:
    """Carry out ``command``: ``drop`` folded into ``keep``, every record moved, empty
    fields filled, lists joined.

    Conflicting fields keep ``keep``'s value unless named in ``take``. The merge
    is recorded with everything it changed, so :func:`undo_merge` can reverse it.
    """
    now = now or utc_now()
    keep_id, drop_id = command.keep_id, command.drop_id
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _merged(conn, ws, rid))
        if again is not None:
            return again
        keep, drop = _two_people(conn, ws, keep_id, drop_id)
        shared = person_moves.records_between(conn, ws, keep_id, drop_id)
        if shared:
            listed = describe_counts(shared)
            raise Conflict(
                f"{keep.name} and {drop.name} have records with each other ({listed}), "
                "so they are two different people"
            )
        fields, choices = merged_fields(keep, drop, frozenset(command.take))
        before = merges_db.person_rows(conn, ws, [keep_id, drop_id])
        person_moves.move_records(conn, ws, keep=keep_id, drop=drop_id)
        people_db.delete_person(conn, ws, drop_id)
        updated = people_db.update_person_fields(conn, ws, change(keep, fields), now)
        after = merges_db.person_rows(conn, ws, [keep_id, drop_id])
        record = Merge(
            id=0,
            kept_id=keep_id,
            dropped_id=drop_id,
            kept_name=keep.name,
            dropped_name=drop.name,
            choices=tuple(choices),
            merged_at=now,
        )
        merge = merges_db.insert_merge(conn, ws, record, merges_db.changes(before, after))
        command_log.record(conn, ws, command, merge.id, now)
    return MergeResult(updated, merge)


def _merged(conn: Tx, ws: int, merge_id: int) -> MergeResult:
    """A merge carried out already, as merging answered (a command sent again)."""
    merge, _ = _merge(conn, ws, merge_id)
    kept = people_db.get_person(conn, ws, merge.kept_id)
    if kept is None:
        raise NotFound(f"{merge.kept_name} #{merge.kept_id} was removed after merge #{merge_id}")
    return MergeResult(kept, merge)


def _merge(conn: Tx, ws: int, merge_id: int) -> tuple[Merge, dict[str, object]]:
    found = merges_db.get_merge(conn, ws, merge_id)
    if found is None:
        raise NotFound(
            f"there is no merge #{merge_id}", code="merge-not-found", facts={"merge": merge_id}
        )
    return found


def _undoable(conn: Tx, ws: int, merge_id: int | None) -> tuple[Merge, dict[str, object]]:
    if merge_id is None:
        latest = merges_db.list_merges(conn, ws, include_undone=False)
        if not latest:
            raise NotFound("there is no merge to undo", code="no-merge")
        merge_id = latest[0].id
    merge, snapshot = _merge(conn, ws, merge_id)
    if merge.undone_at is not None:
        raise Conflict(
            f"merge #{merge.id} was already undone",
            code="merge-undone",
            facts={"merge": merge.id},
        )
    later = merges_db.later_merges(conn, ws, merge.id, [merge.kept_id, merge.dropped_id])
    if later:
        which = ", ".join(f"#{m.id} ({m.dropped_name} into {m.kept_name})" for m in later)
        raise Conflict(
            f"{merge.kept_name} #{merge.kept_id} was merged again after merge #{merge.id}: {which}",
            hint=f"undo merge #{later[-1].id} first",
        )
    if people_db.get_person(conn, ws, merge.kept_id) is None:
        raise Conflict(
            f"{merge.kept_name} #{merge.kept_id} was removed after merge #{merge.id}, "
            "so there is nothing to split"
        )
    return merge, snapshot


def undo_merge(
    store: Store, ws: int, command: UndoMerge, *, now: datetime | None = None
) -> UndoResult:
    """Carry out ``command``: the merge split (the latest one when it names none), both
    people as they were.

    Records and values added or changed after the merge stay with the kept person.
    """
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _undone(conn, ws, rid), record_id=command.merge_id
        )
        if again is not None:
            return again
        merge, snapshot = _undoable(conn, ws, command.merge_id)
        ids: dict[int, int] = {}
        if merges_db.person_id_taken(conn, merge.dropped_id):
            # SQLite gives the highest free number again: the dropped id may be someone else's now.
            ids[merge.dropped_id] = merges_db.next_person_id(conn)
        notes = merges_db.undo_or_explain(conn, snapshot, ids)  # type: ignore[arg-type]
        merges_db.mark_undone(conn, ws, merge.id, now)
        kept = people_db.get_person(conn, ws, merge.kept_id)
        restored = people_db.get_person(conn, ws, ids.get(merge.dropped_id, merge.dropped_id))
        command_log.record(conn, ws, command, merge.id, now)
    assert kept is not None
    assert restored is not None
    return UndoResult(merge.model_copy(update={"undone_at": now}), kept, restored, notes)


def _undone(conn: Tx, ws: int, merge_id: int) -> UndoResult:
    """An undo carried out already, as undoing answered (a command sent again). The person
    restored is found by the dropped id, or (when that id was someone else's by then and
    the person came back under a new one) as the newest person of the dropped name."""
    merge, _ = _merge(conn, ws, merge_id)
    kept = people_db.get_person(conn, ws, merge.kept_id)
    restored = people_db.get_person(conn, ws, merge.dropped_id)
    if restored is None or restored.name != merge.dropped_name:
        named = people_db.ids_by_name(conn, ws, merge.dropped_name)
        restored = people_db.get_person(conn, ws, max(named)) if named else None
    if kept is None or restored is None:
        raise NotFound(f"the people of merge #{merge_id} were removed after it was undone")
    return UndoResult(merge, kept, restored)


def list_merges(store: Store, ws: int) -> list[Merge]:
    """Every merge, newest first, undone ones included."""
    with store.transaction() as conn:
        return merges_db.list_merges(conn, ws)


def duplicates(
    store: Store, ws: int, *, min_score: float = 0.5, limit: int | None = None
) -> tuple[list[DuplicatePair], dict[int, Person]]:
    """Probable duplicates (see :mod:`netweave.domain.duplicates`) and the people they name."""
    if not 0.0 <= min_score <= 1.0:
        raise InvalidInput(f"a score is between 0 and 1, not {min_score}", field="min-score")
    with store.transaction() as conn:
        everyone = person_moves.people_for_matching(conn, ws)
        distinct = person_moves.distinct_pairs(conn, ws)
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        region = workspace.settings.default_region if workspace else "US"
        pairs = find_duplicates(everyone, min_score=min_score, distinct=distinct, region=region)
        if limit is not None:
            pairs = pairs[:limit]
        named = [pid for p in pairs for pid in (p.first_id, p.second_id)]
        found = people_db.get_people(conn, ws, named)
    return pairs, {p.id: p for p in found}


def mark_distinct(
    store: Store, ws: int, command: MarkDistinct, *, now: datetime | None = None
) -> bool:
    """Carry out ``command``: two people recorded as not one, so they stop showing as
    duplicates; False if that was known (or the command was carried out already)."""
    now = now or utc_now()
    first, second = command.first_id, command.second_id
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, first):
            return False
        _two_people(conn, ws, first, second)
        changed = person_moves.mark_distinct(conn, ws, first, second, now)
        command_log.record(conn, ws, command, first, now)
    return changed


def unmark_distinct(
    store: Store, ws: int, command: UnmarkDistinct, *, now: datetime | None = None
) -> bool:
    """Carry out ``command``: forget that two people were said to be different; False if
    nobody said so (or the command was carried out already)."""
    now = now or utc_now()
    first, second = command.first_id, command.second_id
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, first):
            return False
        _two_people(conn, ws, first, second)
        changed = person_moves.unmark_distinct(conn, ws, first, second)
        command_log.record(conn, ws, command, first, now)
    return changed


__all__ = [
    "MergeResult",
    "UndoResult",
    "duplicates",
    "list_merges",
    "mark_distinct",
    "merge_conflicts",
    "merge_people",
    "undo_merge",
    "unmark_distinct",
]
