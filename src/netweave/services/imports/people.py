"""Planning an import's people: which contact is which person, and what it adds.

Matching is done in two passes: every contact is first matched against an
in-memory index of the workspace's people (keys and names, see
:mod:`netweave.domain.matching`), which learns the file's new people as it
goes; then the stored people matched are read in bulk and each contact is
folded into its person.

Between the passes only the first contact of each new person is kept as a
whole PersonDraft (it becomes that person); every other contact keeps just the
fields it offers (:func:`netweave.domain.matching.offered_fields`, all that
folding reads), a fraction of a draft's memory: a re-import of 30,000 rows
otherwise held 30,000 drafts beside the 30,000 stored people it reads.
"""

from __future__ import annotations

from typing import Any

from netweave.domain import PersonDraft
from netweave.domain.duplicates import Resemblances
from netweave.domain.match_features import MatchRecord
from netweave.domain.matching import PersonIndex, combine, keys_of, offered_fields, sourced_fields
from netweave.importers.model import OWNER_REF, ContactDraft, Format, ParsedFile, Problem, Source
from netweave.services.imports.plan import Finding, PersonSlot, Plan, Progress, lenient
from netweave.storage import Tx, person_moves
from netweave.storage import imports as imports_db
from netweave.storage import people as people_db

Offer = PersonDraft | dict[str, Any]
"""What a matched contact brings: a new person's whole draft, or the fields it offers."""


class PeoplePlanner:
    """Plans the import of one parsed file into workspace ``ws`` (see the module doc)."""

    def __init__(
        self,
        conn: Tx,
        ws: int,
        parsed: ParsedFile,
        *,
        region: str,
        owner_id: int | None,
        progress: Progress | None = None,
    ) -> None:
        self.conn, self.ws, self.parsed, self.region = conn, ws, parsed, region
        self.owner_id = owner_id
        self.progress = progress or (lambda step, done, total: None)
        self.plan = Plan()
        self.plan.failures.extend(p for p in parsed.problems if p.skipped)
        self.plan.warnings.extend(p for p in parsed.problems if not p.skipped)
        self._next = 0
        self.index = PersonIndex()
        # Reading stored phones as numbers is slow; a file without phones needs none.
        with_phones = any(c.phones for c in self._contacts())
        self._stored = 0
        for known in imports_db.known_people(conn, ws):
            self._stored += 1
            keys = keys_of(
                emails=known.emails,
                phones=known.phones if with_phones else (),
                linkedin=known.linkedin,
                external=known.external,
                region=region,
            )
            self.index.add(known.id, known.name, known.company, keys)
        # Index ids: stored people by their id, new people by a negative number.
        self._slot_of: dict[int, int] = {}
        self._by_ref: dict[str, int | None] = {}
        self._pending: list[tuple[ContactDraft, Offer, int, tuple[str, ...]]] = []
        """(contact, what it offers, index id, external keys) of each contact matched."""
        self._resemblances: tuple[Resemblances, dict[int, str]] | None = None

    def new_slot(self) -> int:
        """A provisional id for a record of any kind (unique within the plan)."""
        self._next += 1
        return self._next

    def _external(self, draft: ContactDraft) -> list[str]:
        if draft.external_id is None:
            return []
        if self.parsed.format is Format.SOCIOPATTERNS:
            # Badge numbers mean something only within one data set.
            return [f"badge:{self.parsed.file}:{draft.external_id}"]
        return [f"{self.parsed.format.value}-uid:{draft.external_id}"]

    # --- people: match first (index only), then combine in bulk -----------------

    def match(self, draft: ContactDraft) -> int | None:
        """The index id of the person ``draft`` is (creating a new one), or None if it failed."""
        if draft.ref in self._by_ref:
            return self._by_ref[draft.ref]
        person = lenient(PersonDraft, draft.person_fields(), draft.source, self.plan)
        found_id: int | None = None
        if person is not None:
            external = self._external(draft)
            keys = keys_of(
                emails=person.emails,
                phones=person.phones,
                linkedin=person.linkedin,
                external=external,
                region=self.region,
            )
            found = self.index.find(keys, person.name, person.company)
            if found.ambiguous:
                who = ", ".join(f"#{i}" for i in found.ambiguous if i > 0) or "people in this file"
                self.plan.failures.append(
                    Problem(
                        draft.source,
                        f"'{person.name}' could be any of {who}: give an email to tell them apart",
                    )
                )
            else:
                found_id = (
                    found.person_id if found.person_id is not None else -(len(self._pending) + 1)
                )
                for other, how in found.others.items():
                    if other > 0:
                        self.plan.duplicates.append(
                            Finding(draft.source, f"{person.name} also matches #{other} by {how}")
                        )
                if found.person_id is None:
                    self._resembling(draft, person, set(found.others))
                taken = {self.index.holder(k) for k in keys} - {None, found_id}
                if taken:
                    person = person.model_copy(
                        update={
                            "emails": [
                                e
                                for e in person.emails
                                if self.index.holder(f"email:{e}") in (None, found_id)
                            ]
                        }
                    )
                    # Another person's email stays theirs: this person is not known by it.
                    keys = tuple(
                        k for k in keys if not k.startswith("email:") or k[6:] in person.emails
                    )
                self.index.add(found_id, person.name, person.company, keys)
                # A new person is the draft itself; a contact folded into someone offers fields.
                offer = person if found.person_id is None else offered_fields(person)
                self._pending.append((draft, offer, found_id, tuple(external)))
        self._by_ref[draft.ref] = found_id
        return found_id

    def _resembling(self, draft: ContactDraft, person: PersonDraft, reported: set[int]) -> None:
        """Report the stored people a new person probably is (the rule of
        ``netweave person duplicates``): created all the same, a person decides."""
        if not self._stored:
            return
        if self._resemblances is None:  # read only when the file has someone new
            everyone = person_moves.people_for_matching(self.conn, self.ws)
            self._resemblances = (Resemblances(everyone), {p.id: p.name for p in everyone})
        resemblances, names = self._resemblances
        candidate = MatchRecord(
            id=0,
            name=person.name,
            nickname=person.nickname,
            company=person.company,
            location=person.location,
            linkedin=person.linkedin,
            emails=tuple(person.emails),
            phones=tuple(person.phones),
        )
        for found in resemblances.of(candidate)[:3]:
            if found.person_id in reported:
                continue
            why = ", ".join(found.reasons)
            self.plan.duplicates.append(
                Finding(
                    draft.source,
                    f"new person {person.name}: probable duplicate of #{found.person_id} "
                    f"{names[found.person_id]} (score {found.score:.2f}: {why})",
                )
            )

    def settle_people(self) -> None:
        """Turn matches into slots: load the stored people matched, fold the drafts in."""
        stored_ids = sorted({i for _, _, i, _ in self._pending if i > 0})
        stored = {p.id: p for p in people_db.get_people(self.conn, self.ws, stored_ids)}
        pending, self._pending = self._pending, []
        total = len(pending)
        pending.reverse()  # taken from the end, each freed once folded in
        number = 0
        while pending:
            draft, offer, index_id, external = pending.pop()
            number += 1
            if number % 2_000 == 0:
                self.progress("matching", number, total)
            slot = self._slot_of.get(index_id)
            if slot is None:
                slot = self.new_slot()
                self._slot_of[index_id] = slot
                if index_id > 0:
                    current = stored.pop(index_id)
                    self.plan.people[slot] = PersonSlot(slot, current, index_id, current)
                else:
                    assert isinstance(offer, PersonDraft)  # the first contact of a new person
                    fields = offered_fields(offer)
                    self.plan.people[slot] = PersonSlot(
                        slot, offer, sources=[(draft.source, sourced_fields(fields))]
                    )
                    self.plan.people[slot].external.extend(external)
                    continue
            offered = offer if isinstance(offer, dict) else offered_fields(offer)
            self._fold(self.plan.people[slot], draft.source, offered, external)
        self.progress("matching", total, total)
        self._by_ref = {
            ref: (self._slot_of[i] if i is not None else None) for ref, i in self._by_ref.items()
        }

    def _fold(
        self,
        target: PersonSlot,
        source: Source,
        offered: dict[str, Any],
        external: tuple[str, ...],
    ) -> None:
        combined = combine(target.person, offered, region=self.region)
        if combined.changes:
            target.person = target.person.model_copy(update=combined.changes)
            target.sources.append((source, list(combined.filled)))
        for conflict in combined.conflicts:
            self.plan.conflicts.append(Finding(source, f"{target.person.name}: {conflict}"))
        target.external.extend(k for k in external if k not in target.external)

    def person_slot(self, ref: str) -> int | None:
        """The slot of the person a draft ``ref`` names (:data:`OWNER_REF`: the owner)."""
        if ref == OWNER_REF:
            if self.owner_id is None:
                return None
            slot = self._slot_of.get(self.owner_id)
            if slot is None:
                owner = people_db.get_person(self.conn, self.ws, self.owner_id)
                assert owner is not None
                slot = self.new_slot()
                self._slot_of[self.owner_id] = slot
                self.plan.people[slot] = PersonSlot(slot, owner, self.owner_id, owner)
            return slot
        return self._by_ref.get(ref)

    def _contacts(self) -> list[ContactDraft]:
        """Every contact the file names: its contacts, then organizers and attendees."""
        contacts = list(self.parsed.contacts)
        for event in self.parsed.events:
            contacts += [event.organizer] if event.organizer else []
            contacts += [a.contact for a in event.attendees]
        return contacts

    def run(self) -> None:
        """Match every contact of the file, then settle them into the plan's people."""
        for draft in self._contacts():
            self.match(draft)
        self.settle_people()


__all__ = ["PeoplePlanner"]
