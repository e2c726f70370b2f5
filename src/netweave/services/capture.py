"""Capturing a contact at an event: a card (vCard or MECARD) in, a person confirmed out.

Every door uses the same three steps (the phone's share sheet and file input, the QR
page, the JSON API):

1. :func:`read_card`: the text of a shared ``.vcf`` or of a QR code as a contact draft,
   read by the importers' own readers (:mod:`netweave.importers.vcard`,
   :mod:`netweave.importers.mecard`), so a card says the same here as in an import;
2. :func:`find_known`: which known person the draft is, by the identity rules of
   docs/identity.md (:mod:`netweave.domain.matching`): a shared email, phone (with
   agreeing names) or LinkedIn profile is that person for certain; a person of the
   same name is only a suggestion, for the user to confirm;
3. :func:`save_capture`: a new person (``AddPerson``), or the known one updated with what
   the card adds (``EditPerson``: missing emails, phones, company, title, ...; a value
   that differs is kept as netweave has it and reported, never overwritten).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netweave.commands import AddPerson, EditPerson, Source
from netweave.commands.people import LISTS, add_person
from netweave.domain import Person, PersonDraft, build
from netweave.domain.matching import FieldConflict, PersonIndex, combine, keys_of, offered_fields
from netweave.errors import InvalidInput
from netweave.importers.mecard import is_mecard, parse_mecard
from netweave.importers.model import ContactDraft, Format
from netweave.services import people as people_service
from netweave.services import workspaces
from netweave.storage import Store
from netweave.storage import imports as imports_db
from netweave.storage import people as people_db

MAX_CARD = 1024 * 1024
"""The largest shared card read (a vCard with a photo is some 100 KB; a QR code 4 KB)."""

TYPED_FIELDS = ("name", "emails", "phones", "company", "title")
"""The fields the confirm form shows, which the user may correct before saving."""


class TooLarge(InvalidInput):
    """A card past :data:`MAX_CARD` (413 on the web)."""

    http_status = 413
    default_code = "too-large"


@dataclass(frozen=True, slots=True)
class CardRead:
    """What a card holds: the first contact, and how many contacts the text held."""

    draft: ContactDraft
    kind: str
    """"vcard" or "mecard"."""
    contacts: int = 1

    def fields(self) -> dict[str, Any]:
        """The draft as person record fields (empty ones left out)."""
        return self.draft.person_fields()


def read_card(data: bytes | str, name: str = "QR code") -> CardRead:
    """The contact in ``data`` (the bytes of a ``.vcf`` file, or a QR code's text).

    InvalidInput (field ``card``) naming what is wrong: empty, too large (413), neither a
    vCard nor a MECARD, cut off, or a card naming nobody.
    """
    from netweave.importers.parse import parse_bytes  # the parsers load when first needed

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_CARD:
        raise TooLarge(
            f"{name} is {len(raw) // 1024} KB; a card may be at most {MAX_CARD // 1024} KB",
            field="card",
        )
    if not raw.strip():
        raise InvalidInput(f"{name} is empty: there is no card in it", field="card")
    head = raw[:64].lstrip().decode("utf-8", "replace")
    if is_mecard(head):
        text = raw.decode("utf-8", "replace")
        return CardRead(parse_mecard(text, name), "mecard")
    if b"BEGIN:VCARD" not in raw[:4096].upper():
        try:  # the importers' own words for a binary file (an image, a PDF, a ZIP)
            from netweave.importers.detect import decode

            decode(raw, name)
        except InvalidInput as error:
            raise InvalidInput(error.message.split(", not a ")[0], field="card") from None
        raise InvalidInput(
            f"{name} is neither a vCard (BEGIN:VCARD) nor a MECARD (MECARD:)", field="card"
        )
    try:
        parsed = parse_bytes(raw, name, format=Format.VCARD)
    except InvalidInput as error:
        raise InvalidInput(error.message, field="card", hint=error.hint) from None
    if not parsed.contacts:
        why = parsed.problems[0].reason if parsed.problems else "it holds no card"
        raise InvalidInput(f"{name} has no card to add: {why}", field="card")
    return CardRead(parsed.contacts[0], "vcard", len(parsed.contacts))


def typed_over(read: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """A card's fields with the user's corrections (``typed``: the confirm form's
    :data:`TYPED_FIELDS`) put over them. A name typed anew drops the card's name parts."""
    fields = dict(read)
    for name in TYPED_FIELDS:
        if name not in typed:
            continue
        value = typed[name]
        if name == "name" and value != read.get("name"):
            fields.pop("given_name", None)
            fields.pop("family_name", None)
        if value in (None, [], ""):
            fields.pop(name, None)
        else:
            fields[name] = value
    return fields


@dataclass(frozen=True, slots=True)
class Known:
    """Who a captured contact is: ``person`` for certain (a shared identity key, ``how``),
    else the people of the same name (``suggested``) for the user to choose from."""

    person: Person | None = None
    how: str = ""
    suggested: tuple[Person, ...] = ()


def find_known(store: Store, ws: int, fields: dict[str, Any]) -> Known:
    """The known person a contact with these record fields is (see the module doc)."""
    draft = build(PersonDraft, fields)
    region = workspaces.get_settings(store, ws).default_region
    with store.transaction() as conn:
        index = PersonIndex()
        for known in imports_db.known_people(conn, ws):
            keys = keys_of(
                emails=known.emails,
                phones=known.phones if draft.phones else (),
                linkedin=known.linkedin,
                region=region,
            )
            index.add(known.id, known.name, known.company, keys)
        keys = keys_of(
            emails=draft.emails, phones=draft.phones, linkedin=draft.linkedin, region=region
        )
        found = index.find(keys, draft.name, draft.company) if keys else None
        if found is not None and found.person_id is not None:
            person = people_db.get_person(conn, ws, found.person_id)
            return Known(person, found.how)
        by_name = index.find((), draft.name, draft.company)
        ids = (by_name.person_id,) if by_name.person_id is not None else by_name.ambiguous
        return Known(suggested=tuple(people_db.get_people(conn, ws, list(ids))))


@dataclass(frozen=True, slots=True)
class Captured:
    """What saving a capture did: the person, whether they are new, what the card added
    to a known person (``filled``: "company", "email:ann@example.com"), and the values it
    gave that differ from netweave's, which were kept."""

    person: Person
    added: bool
    filled: tuple[str, ...] = ()
    conflicts: tuple[FieldConflict, ...] = field(default=())


def save_capture(
    store: Store,
    ws: int,
    fields: dict[str, Any],
    *,
    into: int | None = None,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> Captured:
    """Add the person these record fields describe, or with ``into`` (a known person's
    id) add to that person what they lack, through the people's own commands."""
    if into is None:
        command: AddPerson = add_person(
            fields, source=Source.CAPTURED, idempotency_key=idempotency_key
        )
        return Captured(people_service.add_person(store, ws, command, now=now), added=True)
    offered = offered_fields(build(PersonDraft, fields))
    current = people_service.get_person(store, ws, into)
    region = workspaces.get_settings(store, ws).default_region
    combined = combine(current, offered, region=region)
    if not combined.changes:
        return Captured(current, added=False, conflicts=combined.conflicts)
    singles = {k: v for k, v in combined.changes.items() if k not in LISTS}
    added = {k: v[len(getattr(current, k)) :] for k, v in combined.changes.items() if k in LISTS}
    edit = build(
        EditPerson,
        {"person_id": into, "set": singles, "add": added, "source": Source.CAPTURED},
    )
    updated = people_service.edit_person(store, ws, edit, now=now)
    return Captured(updated, added=False, filled=combined.filled, conflicts=combined.conflicts)


def save_found(
    store: Store,
    ws: int,
    fields: dict[str, Any],
    *,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> tuple[Captured, Known]:
    """Save a capture into the person it certainly is (:func:`find_known`: the same email,
    phone or LinkedIn), else as someone new; the namesakes found are returned, for the
    caller to offer."""
    known = find_known(store, ws, fields)
    into = known.person.id if known.person is not None else None
    done = save_capture(store, ws, fields, into=into, now=now, idempotency_key=idempotency_key)
    return done, known


def owner_card(store: Store, ws: int, *, version: str = "3.0") -> str:
    """The owner's own card (vCard ``version``: name, company, title, emails, phones, web
    addresses; nothing netweave keeps about them), to be scanned from the phone's screen.
    NoOwner when the workspace has none yet."""
    from netweave.exporters.vcard import business_card
    from netweave.services.ties import owner_of

    with store.transaction() as conn:
        me = people_db.get_person(conn, ws, owner_of(conn, ws))
    assert me is not None
    return business_card(me, version=version)


__all__ = [
    "MAX_CARD",
    "TYPED_FIELDS",
    "Captured",
    "CardRead",
    "Known",
    "TooLarge",
    "find_known",
    "owner_card",
    "read_card",
    "save_capture",
    "save_found",
    "typed_over",
]
