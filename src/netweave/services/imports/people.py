"""Planning an import's people: which contact is which person, and what it adds.

Matching is done in two passes: every contact is first matched against an
in-memory index of the workspace's people (keys and names, see
:mod:`netweave.domain.matching`), which learns the file's new people as it
goes; then the stored people matched are read in bulk and each contact is
folded into its person.

Between the passes a contact keeps only where it comes from and what it
offers, packed (:mod:`netweave.domain.packed`): the first contact of each new
person its whole PersonDraft (it becomes that person), every other one the
fields it offers (:func:`netweave.domain.matching.offered_fields`, all that
folding reads). The second pass goes through the file's contacts
:data:`SETTLE_CHUNK` at a time, reads the stored people of each chunk, and
gives each person once no later contact of the file is folded into them, in
the order the people were first named (:meth:`PeoplePlanner.settle_people`):
the caller writes them and they are freed. What an import holds of its people
is then the index and a small record per contact, not a person each (issue 16).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from typing import Any

from netweave.domain import Person, PersonDraft
from netweave.domain.match_features import MatchRecord
from netweave.domain.matching import (
    PersonIndex,
    combine,
    keys_of,
    offered_fields,
    packed_sourced_fields,
)
from netweave.domain.packed import Packed, packed_values
from netweave.domain.resemblances import Resemblances
from netweave.importers.model import (
    OWNER_REF,
    RULED,
    ContactDraft,
    ContactStream,
    Format,
    ParsedFile,
    Problem,
    Source,
)
from netweave.services.imports.plan import Finding, PersonSlot, Plan, Progress, lenient_person
from netweave.storage import Tx, person_moves
from netweave.storage import imports as imports_db
from netweave.storage import people as people_db

Offer = Packed | tuple[tuple[str, ...], tuple[Any, ...]]
"""What a matched contact brings: a new person's whole draft (packed), or the names and
values of the fields it offers."""

SETTLE_CHUNK = 2_000
"""Contacts settled at a time (the stored people they name are read together)."""


class PeoplePlanner:
    """Plans the import of one parsed file into workspace ``ws`` (see the module doc)."""

    def __init__(
        self,
        conn: Tx,
        ws: int,
        parsed: ParsedFile | ContactStream,
        *,
        region: str,
        owner_id: int | None,
        progress: Progress | None = None,
    ) -> None:
        self.conn, self.ws, self.region = conn, ws, region
        self.file, self.format = parsed.file, parsed.format
        self._stream = parsed if isinstance(parsed, ContactStream) else None
        self.parsed = (
            parsed
            if isinstance(parsed, ParsedFile)
            else ParsedFile(parsed.file, parsed.format, "", 0)
        )
        """The parsed file; of a :class:`ContactStream`, once :meth:`run` has read it."""
        self.owner_id = owner_id
        self.progress = progress or (lambda step, done, total: None)
        self.plan = Plan()
        self._next = 0
        self.index = PersonIndex()
        self._stored = 0
        for known in imports_db.known_people(conn, ws):
            self._stored += 1
            keys = keys_of(
                emails=known.emails,
                linkedin=known.linkedin,
                external=known.external,
                region=region,
            )
            self.index.add(known.id, known.name, known.company, keys)
        self._stored_phones = False
        # Index ids: stored people by their id, new people by a negative number.
        self._slot_of: dict[int, int] = {}
        self._by_ref: dict[str, int | None] = {}
        self.contacts = 0
        """Contacts matched (the file's and its events')."""
        self._pending: list[tuple[Source, Offer, int, tuple[str, ...]]] = []
        """(source, what it offers, index id, external keys) of each contact matched."""
        self._resemblances: tuple[Resemblances, dict[int, str]] | None = None

    def new_slot(self) -> int:
        """A provisional id for a record of any kind (unique within the plan)."""
        self._next += 1
        return self._next

    def _external(self, draft: ContactDraft) -> list[str]:
        if draft.external_id is None:
            return []
        if self.format is Format.SOCIOPATTERNS:
            # Badge numbers mean something only within one data set.
            return [f"badge:{self.file}:{draft.external_id}"]
        return [f"{self.format.value}-uid:{draft.external_id}"]

    def _index_stored_phones(self) -> None:
        """Know the stored people by their phones too, when the first contact with a phone
        comes: reading stored phones as numbers is slow, and a file without phones needs
        none. No contact before it had a phone, so each phone's holders are as if the
        phones were indexed first."""
        self._stored_phones = True
        for known in imports_db.known_people(self.conn, self.ws):
            if known.phones:
                keys = keys_of(phones=known.phones, region=self.region)
                self.index.add(known.id, known.name, known.company, keys)

    # --- people: match first (index only), then combine in bulk -----------------

    def match(self, draft: ContactDraft) -> int | None:
        """The index id of the person ``draft`` is (creating a new one), or None if it failed."""
        if draft.ref in self._by_ref:
            return self._by_ref[draft.ref]
        # The person's values, not a PersonDraft: a new person is kept packed (issue 16).
        checked = lenient_person(draft.person_fields(), draft.source, self.plan, ruled=RULED)
        found_id: int | None = None
        if checked is not None:
            values, fields_set = checked
            name, company = values["name"], values.get("company")
            emails: list[str] = values.get("emails") or []
            phones: list[str] = values.get("phones") or []
            external = self._external(draft)
            keys = keys_of(
                emails=emails,
                phones=phones,
                linkedin=values.get("linkedin"),
                external=external,
                region=self.region,
            )
            if phones and not self._stored_phones:
                self._index_stored_phones()
            found = self.index.find(keys, name, company)
            if found.ambiguous:
                who = ", ".join(f"#{i}" for i in found.ambiguous if i > 0) or "people in this file"
                self.plan.failures.append(
                    Problem(
                        draft.source,
                        f"'{name}' could be any of {who}: give an email to tell them apart",
                    )
                )
            else:
                found_id = (
                    found.person_id if found.person_id is not None else -(len(self._pending) + 1)
                )
                for other, how in found.others.items():
                    if other > 0:
                        self.plan.duplicates.append(
                            Finding(draft.source, f"{name} also matches #{other} by {how}")
                        )
                if found.person_id is None:
                    self._resembling(draft, values, set(found.others))
                if keys and {self.index.holder(k) for k in keys} - {None, found_id}:
                    # Another person's email stays theirs: this person is not known by it
                    # (the fields set then name the emails, as a record's copy would).
                    emails = [
                        e for e in emails if self.index.holder(f"email:{e}") in (None, found_id)
                    ]
                    values, fields_set = {**values, "emails": emails}, fields_set | {"emails"}
                    keys = tuple(k for k in keys if not k.startswith("email:") or k[6:] in emails)
                self.index.add(found_id, name, company, keys)
                # A new person is the draft itself; a contact folded into someone offers fields.
                offer: Offer
                if found.person_id is None:
                    offer = packed_values(PersonDraft, values, fields_set)
                else:
                    fields = offered_fields(values)
                    offer = (tuple(fields), tuple(fields.values()))
                self._pending.append((draft.source, offer, found_id, tuple(external)))
        self._by_ref[draft.ref] = found_id
        return found_id

    def _resembling(self, draft: ContactDraft, values: dict[str, Any], reported: set[int]) -> None:
        """Report the stored people a new person (the values of its fields set) probably is
        (the rule of ``netweave person duplicates``): created all the same, a person decides."""
        if not self._stored:
            return
        if self._resemblances is None:  # read only when the file has someone new
            everyone = person_moves.people_for_matching(self.conn, self.ws)
            self._resemblances = (Resemblances(everyone), {p.id: p.name for p in everyone})
        resemblances, names = self._resemblances
        if not resemblances.may_resemble(_Newcomer(values)):
            return  # no one to resemble: no record to build for it
        name = values["name"]
        candidate = MatchRecord(
            id=0,
            name=name,
            nickname=values.get("nickname"),
            company=values.get("company"),
            location=values.get("location"),
            linkedin=values.get("linkedin"),
            emails=tuple(values.get("emails") or ()),
            phones=tuple(values.get("phones") or ()),
        )
        for found in resemblances.of(candidate)[:3]:
            if found.person_id in reported:
                continue
            why = ", ".join(found.reasons)
            self.plan.duplicates.append(
                Finding(
                    draft.source,
                    f"new person {name}: probable duplicate of #{found.person_id} "
                    f"{names[found.person_id]} (score {found.score:.2f}: {why})",
                )
            )

    def settle_people(self) -> Iterator[PersonSlot]:
        """Turn matches into slots: read the stored people matched, fold the contacts in.

        Gives each slot once the last contact of the file that names its person is
        folded in, in the order of the slots (the order of the file): the caller writes
        it. The plan keeps what the report and the rest of the import need of it
        (:meth:`Plan.settled`)."""
        pending, self._pending = self._pending, []
        total = len(pending)
        left = Counter(index_id for _, _, index_id, _ in pending)
        waiting: deque[PersonSlot] = deque()
        done: set[int] = set()
        pending.reverse()  # taken from the end, each freed once folded in
        number = 0
        while pending:
            part = pending[-SETTLE_CHUNK:]
            del pending[-SETTLE_CHUNK:]
            part.reverse()
            wanted = sorted({i for _, _, i, _ in part if i > 0 and i not in self._slot_of})
            found = people_db.get_people(self.conn, self.ws, wanted) if wanted else []
            stored = {p.id: p for p in found}
            for source, offer, index_id, external in part:
                number += 1
                if number % 2_000 == 0:
                    self.progress("matching", number, total)
                slot, new = self._settle(source, offer, index_id, external, stored)
                if new:
                    waiting.append(self.plan.people[slot])
                left[index_id] -= 1
                if not left[index_id]:
                    done.add(slot)
                while waiting and waiting[0].slot in done:
                    finished = waiting.popleft()
                    done.discard(finished.slot)
                    self.plan.settled(finished)
                    yield finished
            del part
        self.progress("matching", total, total)
        self._by_ref = {
            ref: (self._slot_of[i] if i is not None else None) for ref, i in self._by_ref.items()
        }

    def _settle(
        self,
        source: Source,
        offer: Offer,
        index_id: int,
        external: tuple[str, ...],
        stored: dict[int, Person],
    ) -> tuple[int, bool]:
        """Fold one contact into its person's slot; (the slot, whether it is new)."""
        slot = self._slot_of.get(index_id)
        if slot is None:
            slot = self.new_slot()
            self._slot_of[index_id] = slot
            if index_id > 0:
                current = stored.pop(index_id)
                self.plan.people[slot] = PersonSlot(slot, current, index_id, current)
            else:
                assert len(offer) == 3  # the first contact of a new person: its whole draft
                # Kept packed: written as it is unless a later contact is folded in.
                # The fields it offers, read from the values it keeps (an address left packed).
                self.plan.people[slot] = PersonSlot(
                    slot, offer, sources=[(source, packed_sourced_fields(offer))]
                )
                self.plan.people[slot].external.extend(external)
                return slot, True
            new = True
        else:
            new = False
        names, values = offer[0], offer[1]
        self._fold(self.plan.people[slot], source, dict(zip(names, values, strict=True)), external)
        return slot, new

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

    def _contacts(self) -> Iterator[ContactDraft]:
        """Every contact the file names: its contacts, then organizers and attendees."""
        yield from self._stream.contacts if self._stream else self.parsed.contacts
        for event in self.parsed.events:
            if event.organizer:
                yield event.organizer
            yield from (a.contact for a in event.attendees)

    def run(self) -> None:
        """Match every contact of the file (:meth:`settle_people` then settles them); the
        file's own problems come first in the report, as they were found first."""
        for draft in self._contacts():
            self.contacts += 1
            self.match(draft)
        if self._stream is not None:
            self.parsed = self._stream.finish()
            self._stream = None
        problems = self.parsed.problems
        self.plan.failures[:0] = [p for p in problems if p.skipped]
        self.plan.warnings[:0] = [p for p in problems if not p.skipped]


class _Newcomer:
    """What the quick resemblance test reads of a new person
    (:class:`netweave.domain.duplicates.Named`), read from the values of its fields set:
    a record of its own (a frozen ``MatchRecord``) cost more than the test (issue 16)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    @property
    def name(self) -> str:
        name: str = self._values["name"]
        return name

    @property
    def nickname(self) -> str | None:
        return self._values.get("nickname")

    @property
    def linkedin(self) -> str | None:
        return self._values.get("linkedin")

    @property
    def emails(self) -> list[str]:
        return self._values.get("emails") or []


__all__ = ["PeoplePlanner"]
