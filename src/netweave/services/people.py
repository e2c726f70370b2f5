"""People: add, edit, remove, find, list and merge."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from netweave.domain import Person, PersonDraft, change
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import command_log, refs
from netweave.storage import Store, Tx
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db

if TYPE_CHECKING:  # the typed writes load with the command that sends one (issue 16)
    from netweave.commands import AddPerson, EditPerson, RemovePerson


def _check_emails_free(conn: Tx, ws: int, person: PersonDraft) -> None:
    """No other person has one of ``person``'s emails (a stored person keeps their own)."""
    own = person.id if isinstance(person, Person) else None
    taken = people_db.ids_by_email(conn, ws, person.emails)
    for email, owner in taken.items():
        if owner != own:
            other = people_db.get_person(conn, ws, owner)
            who = other.label() if other else f"#{owner}"
            raise Conflict(
                f"the email {email} already belongs to {who}",
                hint="edit that person instead, or merge the two",
            )


def _check_introducer(conn: Tx, ws: int, person: PersonDraft) -> None:
    if person.introduced_by_id is not None and not people_db.get_person(
        conn, ws, person.introduced_by_id
    ):
        raise NotFound(f"there is no person #{person.introduced_by_id} (introduced by)")


def describe_counts(counts: dict[str, int]) -> str:
    """ "1 referral, 3 interactions" from counts keyed by plural nouns."""
    return ", ".join(
        f"{n} {kind if n != 1 else kind.removesuffix('s')}" for kind, n in counts.items()
    )


def get_person(store: Store, ws: int, person_id: int) -> Person:
    with store.transaction() as conn:
        found = people_db.get_person(conn, ws, person_id)
    if found is None:
        raise NotFound(f"there is no person #{person_id}")
    return found


def people_by_id(store: Store, ws: int, ids: list[int]) -> dict[int, Person]:
    """The people with these ids (unknown ids are left out)."""
    with store.transaction() as conn:
        return {p.id: p for p in people_db.get_people(conn, ws, ids)}


def find_person(store: Store, ws: int, ref: str) -> Person:
    """The person a user means by ``ref`` (me, #id, email or name)."""
    with store.transaction() as conn:
        person_id = refs.person_id(conn, ws, ref)
        found = people_db.get_person(conn, ws, person_id)
    assert found is not None
    return found


def match_person(store: Store, ws: int, text: str) -> Person | None:
    """The person ``text`` names exactly (#id, email or full name), or None; never a guess."""
    with store.transaction() as conn:
        as_id = refs.parse_id(text)
        if as_id is not None:
            # "#99" names a person of the network: one that is not there is not a prospect.
            found = people_db.get_person(conn, ws, as_id)
            if found is None:
                raise NotFound(f"there is no person #{as_id}")
            return found
        by_email = people_db.ids_by_email(conn, ws, [text.strip().lower()])
        matches = list(by_email.values()) or people_db.ids_by_name(conn, ws, text)
        if len(matches) > 1:
            refs.pick("people", text, matches, lambda i: f"#{i}", hint="name one by its #id")
        return people_db.get_person(conn, ws, matches[0]) if matches else None


def prospect_of(store: Store, ws: int, text: str) -> tuple[int | None, str | None]:
    """A referral's prospect as typed: (the person's id, None) when the text names exactly
    one person of the network (#id, email, full name), else (None, the name as typed)."""
    found = match_person(store, ws, text)
    if found is not None:
        return found.id, None
    return None, text.strip() or None


def add_person(store: Store, ws: int, command: AddPerson, *, now: datetime | None = None) -> Person:
    """Carry out ``command``: one new person (an email already taken is refused)."""
    now = now or utc_now()
    person = command.person
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: people_db.get_person(conn, ws, rid)
        )
        if again is not None:
            return again
        _check_emails_free(conn, ws, person)
        _check_introducer(conn, ws, person)
        stored = people_db.insert_person(conn, ws, person, now)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def edit_person(
    store: Store, ws: int, command: EditPerson, *, now: datetime | None = None
) -> Person:
    """Carry out ``command``: the person's fields set, their lists added to and removed
    from, fields cleared, all checked together against the record's rules."""
    now = now or utc_now()
    with store.transaction() as conn:
        current = people_db.get_person(conn, ws, command.person_id)
        if current is None:
            raise NotFound(f"there is no person #{command.person_id}")
        updated = change(current, _changes(current, command))
        _check_emails_free(conn, ws, updated)
        _check_introducer(conn, ws, updated)
        stored = people_db.update_person(conn, ws, updated, now)
        command_log.record(conn, ws, command, command.person_id, now)
        return stored


def _changes(current: Person, command: EditPerson) -> dict[str, Any]:
    from netweave.commands.people import LISTS

    changes = command.changes()
    for name in LISTS:
        added, removed = command.add.get(name, []), command.remove.get(name, [])
        if not added and not removed:
            continue
        values: list[str] = list(changes.get(name, getattr(current, name)))
        for value in removed:
            kept = [v for v in values if v.casefold() != value.strip().casefold()]
            if len(kept) == len(values):
                raise InvalidInput(
                    f"{current.name} has no {name.removesuffix('s')} {value.strip()!r}",
                    field=name,
                )
            values = kept
        changes[name] = [*values, *added]
    return changes


def person_records(store: Store, ws: int, person_id: int) -> dict[str, int]:
    """How many records of each kind a person has: what removing them would take along."""
    with store.transaction() as conn:
        return people_db.record_counts(conn, ws, person_id)


def remove_person(
    store: Store, ws: int, command: RemovePerson, *, now: datetime | None = None
) -> Person | None:
    """Carry out ``command``: the person removed with every record that cannot stand
    without them (a referral with them as its prospect keeps their name). The person as
    they were; None when the command was carried out already (sent again under its key)."""
    now = now or utc_now()
    person_id = command.person_id
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, person_id):
            return None
        current = people_db.get_person(conn, ws, person_id)
        if current is None:
            raise NotFound(f"there is no person #{person_id}")
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        if workspace and workspace.owner_id == person_id:
            raise Conflict(
                "you cannot remove the workspace owner ('me')",
                code="remove-owner",
                facts={"person": person_id},
            )
        from netweave.storage import referrals as referrals_db  # not for a read (issue 16)

        referrals_db.name_prospect(conn, ws, person_id, current.name)
        people_db.delete_person(conn, ws, person_id)
        people_db.drop_thin_interactions(conn, ws)
        command_log.record(conn, ws, command, person_id, now)
    return current


def list_people(store: Store, ws: int, **filters: Any) -> list[Person]:
    with store.transaction() as conn:
        return people_db.list_people(conn, ws, **filters)


__all__ = [
    "add_person",
    "describe_counts",
    "edit_person",
    "find_person",
    "get_person",
    "list_people",
    "match_person",
    "people_by_id",
    "person_records",
    "prospect_of",
    "remove_person",
]
