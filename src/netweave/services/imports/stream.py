"""A file's interactions, planned and written a chunk at a time (issue 16).

A contact log may hold millions of rows: its interactions are never all held.
They are planned after everything else of the import is written (its people
have their ids then), :data:`CHUNK` at a time, each chunk written before the
next is read, all inside the import's one transaction. What makes an
interaction a repeat (the same moment, kind and people) is looked up in the
database for the moments of the chunk alone: earlier chunks are written by then,
so a repeat within the file is found like one stored before it. Across chunks
only the plan's counts and findings are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from netweave.domain import Interaction
from netweave.importers.model import InteractionDraft, Problem
from netweave.services.imports.people import PeoplePlanner
from netweave.services.imports.plan import Progress, lenient
from netweave.storage import imports as imports_db
from netweave.storage import tie_bulk
from netweave.storage.bulk import BulkLoader

CHUNK = 5_000
"""Interactions planned and written at a time: what bounds an import's memory."""

Signature = tuple[datetime, str, frozenset[int]]


def _chunks(drafts: Iterable[InteractionDraft], size: int) -> Iterator[list[InteractionDraft]]:
    it = iter(drafts)
    while chunk := list(islice(it, size)):
        yield chunk


def write_interactions(
    p: PeoplePlanner, loader: BulkLoader, progress: Progress, *, chunk: int = CHUNK
) -> None:
    """Plan and write the file's interactions not stored yet, ``chunk`` at a time.

    Each is counted in ``p.plan`` (``interactions_written``, ``unchanged``,
    ``skipped``), its problems kept as findings; the records themselves are freed
    once written."""
    drafts = p.parsed.interactions
    total = len(drafts)
    if not total:
        return
    done = 0
    progress("writing interactions", 0, total)
    with tie_bulk.pairs_once(p.conn, p.ws):  # each pair's tie state settled once, at the end
        for part in _chunks(drafts, chunk):
            new = _plan_chunk(p, loader, part)
            p.plan.interactions_written += loader.interactions(new)
            done += len(part)
            progress("writing interactions", done, total)


def _plan_chunk(
    p: PeoplePlanner, loader: BulkLoader, drafts: list[InteractionDraft]
) -> list[Interaction]:
    """The interactions of ``drafts`` neither stored (nor written by an earlier chunk)
    nor repeated earlier in the chunk; participants are the people's provisional slots."""
    plan = p.plan
    stored = imports_db.interactions_at(p.conn, p.ws, {d.occurred_at for d in drafts})
    seen: set[Signature] = set()
    new: list[Interaction] = []
    known = len(plan.people)
    for draft in drafts:
        slots = [p.person_slot(ref) for ref in draft.participants]
        if len(plan.people) != known:  # the owner, read when first named ("me")
            added = list(plan.people.values())[known:]
            known = len(plan.people)
            loader.adopt("person", {s.slot: s.stored_id for s in added if s.stored_id})
        if any(s is None for s in slots):
            plan.skipped += 1
            continue
        people = frozenset(s for s in slots if s is not None)
        if len(people) < 2:
            plan.skipped += 1
            plan.warnings.append(
                Problem(draft.source, "its participants are one person; left out", skipped=False)
            )
            continue
        signature = (
            draft.occurred_at,
            draft.kind.value,
            frozenset(loader.person_id(s) for s in people),
        )
        if signature in seen or signature in stored:
            plan.count_unchanged("interactions")
            continue
        seen.add(signature)
        fields = {
            "id": p.new_slot(),
            "kind": draft.kind,
            "occurred_at": draft.occurred_at,
            "participant_ids": sorted(people),
            "duration_minutes": draft.duration_minutes,
            "notes": draft.notes,
        }
        if draft.in_person is not None:
            fields["in_person"] = draft.in_person
        interaction = lenient(Interaction, fields, draft.source, plan)
        if interaction is not None:
            new.append(interaction)
    return new


__all__ = ["CHUNK", "write_interactions"]
