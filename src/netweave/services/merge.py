"""One person in two records: find probable duplicates, merge them with choices, undo a merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from netweave.domain import Person, change
from netweave.domain.dates import utc_now
from netweave.domain.duplicates import DuplicatePair, find_duplicates
from netweave.domain.merging import FieldChoice, Merge, conflicts, merged_fields
from netweave.errors import Conflict, InvalidInput, NotFound
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
    if keep_id == drop_id:
        raise Conflict("a person cannot be merged with themself")
    keep = people_db.get_person(conn, ws, keep_id)
    drop = people_db.get_person(conn, ws, drop_id)
    if keep is None or drop is None:
        raise NotFound(f"there is no person #{keep_id if keep is None else drop_id}")
    return keep, drop


def merge_conflicts(store: Store, ws: int, keep_id: int, drop_id: int) -> list[FieldChoice]:
    """The fields two people fill differently: what a merge asks the user to choose."""
    with store.transaction() as conn:
        keep, drop = _two_people(conn, ws, keep_id, drop_id)
    return conflicts(keep, drop)


def merge_people(
    store: Store, ws: int, keep_id: int, drop_id: int, *, take: Iterable[str] = ()
) -> MergeResult:
    """Fold ``drop`` into ``keep``: every record moves, empty fields are filled, lists joined.

    Conflicting fields keep ``keep``'s value unless named in ``take``. The merge
    is recorded with everything it changed, so :func:`undo_merge` can reverse it.
    """
    with store.transaction() as conn:
        keep, drop = _two_people(conn, ws, keep_id, drop_id)
        shared = person_moves.records_between(conn, ws, keep_id, drop_id)
        if shared:
            listed = describe_counts(shared)
            raise Conflict(
                f"{keep.name} and {drop.name} have records with each other ({listed}), "
                "so they are two different people"
            )
        try:
            fields, choices = merged_fields(keep, drop, frozenset(take))
        except ValueError as error:
            raise InvalidInput(str(error), field="take") from None
        before = merges_db.person_rows(conn, ws, [keep_id, drop_id])
        now = utc_now()
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
    return MergeResult(updated, merge)


def _undoable(conn: Tx, ws: int, merge_id: int | None) -> tuple[Merge, dict[str, object]]:
    if merge_id is None:
        latest = merges_db.list_merges(conn, ws, include_undone=False)
        if not latest:
            raise NotFound("there is no merge to undo")
        merge_id = latest[0].id
    found = merges_db.get_merge(conn, ws, merge_id)
    if found is None:
        raise NotFound(f"there is no merge #{merge_id}", code="merge-not-found")
    merge, snapshot = found
    if merge.undone_at is not None:
        raise Conflict(f"merge #{merge.id} was already undone")
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


def undo_merge(store: Store, ws: int, merge_id: int | None = None) -> UndoResult:
    """Split a merge (the latest one when ``merge_id`` is None): both people as they were.

    Records and values added or changed after the merge stay with the kept person.
    """
    with store.transaction() as conn:
        merge, snapshot = _undoable(conn, ws, merge_id)
        ids: dict[int, int] = {}
        if merges_db.person_id_taken(conn, merge.dropped_id):
            # SQLite gives the highest free number again: the dropped id may be someone else's now.
            ids[merge.dropped_id] = merges_db.next_person_id(conn)
        notes = merges_db.undo_or_explain(conn, snapshot, ids)  # type: ignore[arg-type]
        now = utc_now()
        merges_db.mark_undone(conn, ws, merge.id, now)
        kept = people_db.get_person(conn, ws, merge.kept_id)
        restored = people_db.get_person(conn, ws, ids.get(merge.dropped_id, merge.dropped_id))
    assert kept is not None
    assert restored is not None
    return UndoResult(merge.model_copy(update={"undone_at": now}), kept, restored, notes)


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


def mark_distinct(store: Store, ws: int, first_id: int, second_id: int) -> bool:
    """Record that two people are not one, so they stop showing as duplicates; False if known."""
    with store.transaction() as conn:
        _two_people(conn, ws, first_id, second_id)
        return person_moves.mark_distinct(conn, ws, first_id, second_id, utc_now())


def unmark_distinct(store: Store, ws: int, first_id: int, second_id: int) -> bool:
    """Forget that two people were said to be different; False if nobody said so."""
    with store.transaction() as conn:
        return person_moves.unmark_distinct(conn, ws, first_id, second_id)


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
