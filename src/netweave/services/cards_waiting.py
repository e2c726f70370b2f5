"""Card photos waiting to be confirmed (docs/cards.md, "Cards waiting").

A card photographed on the phone, often offline, reaches the server from the app's
outbox (``POST /api/v1/captures/card-photo``): :func:`receive` reads it at once (QR
code first, then OCR: :func:`netweave.services.cards.read_card_photo`, with the
reader's limits), finds the known person it is (:func:`capture.find_known`), and keeps
the shrunk photo with what was read until the user looks at it. The outbox's
idempotency key makes a resend harmless: one card waits, and the resend gets the same
answer. :func:`confirm` is the photo page's own save (a known person completed, anyone
else added) and keeps the photo with the person; :func:`dismiss` deletes the card and
its photo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from netweave.commands import ConfirmCardPhoto, DismissCardPhoto, ReceiveCardPhoto
from netweave.domain import build
from netweave.domain.dates import utc_now
from netweave.errors import InvalidInput, NotFound
from netweave.services import capture, command_log, workspaces
from netweave.services.capture import Captured, Known
from netweave.services.cards import KEPT_MEDIA_TYPE, read_card_photo
from netweave.storage import Store, Tx
from netweave.storage import cards_waiting as waiting_db
from netweave.storage import commands as commands_db
from netweave.storage import people as people_db
from netweave.storage import photos as photos_db
from netweave.storage.cards_waiting import WaitingRow


@dataclass(frozen=True, slots=True)
class WaitingCard:
    """A card photo received and read, waiting for the user (without its bytes)."""

    id: int
    name: str | None
    company: str | None
    title: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    website: str | None
    note: str
    """What to do with the fields, in a sentence (read from a QR code, from print, nothing)."""
    known_person_id: int | None
    """The person the card is for certain (the same email, phone or LinkedIn), if any."""
    known_name: str | None
    received_at: datetime
    size: int

    def draft(self) -> dict[str, Any]:
        """The new-person form's fields, as the photo page fills them."""
        return {
            "name": self.name or "",
            "company": self.company or "",
            "title": self.title or "",
            "emails": list(self.emails),
            "phones": list(self.phones),
        }


@dataclass(frozen=True, slots=True)
class Received:
    """What receiving a card did: the card waiting (None when a resend's card was
    confirmed or dismissed since), and whether this was a resend (``again``)."""

    card_id: int
    card: WaitingCard | None
    again: bool


def _card(row: WaitingRow) -> WaitingCard:
    read = row.reading
    return WaitingCard(
        id=row.id,
        name=read.get("name"),
        company=read.get("company"),
        title=read.get("title"),
        emails=tuple(read.get("emails", ())),
        phones=tuple(read.get("phones", ())),
        website=read.get("website"),
        note=str(read.get("note", "")),
        known_person_id=row.known_person_id,
        known_name=row.known_name,
        received_at=row.received_at,
        size=row.size,
    )


def _load(conn: Tx, ws: int, card_id: int) -> WaitingCard | None:
    row = waiting_db.waiting_card(conn, ws, card_id)
    return None if row is None else _card(row)


def _gone(store: Store, ws: int, card_id: int) -> NotFound:
    """Card ``card_id`` is not waiting: if it was confirmed, the error names the person it
    became (code ``card-confirmed``, facts ``card``, ``person``, ``name``), for a second tap
    on "Save" to be taken to them."""
    with store.transaction() as conn:
        became = commands_db.latest_keyed(conn, ws, [_CONFIRMED], _became_prefix(card_id))
        person_id = became[1] if became is not None else None
        person = None if person_id is None else people_db.get_person(conn, ws, person_id)
    if person is None or person.id is None:
        return NotFound(f"card #{card_id} is not waiting: it was confirmed or dismissed already")
    return NotFound(
        f"card #{card_id} is not waiting: it was confirmed already, as {person.name}",
        code="card-confirmed",
        facts={"card": card_id, "person": person.id, "name": person.name},
    )


_CONFIRMED = ConfirmCardPhoto.log_name


def _became_prefix(card_id: int) -> str:
    return f"card-{card_id}-became-"


def receive(
    store: Store, ws: int, command: ReceiveCardPhoto, *, now: datetime | None = None
) -> Received:
    """Carry out ``command``: the photo read and kept, waiting (InvalidInput, and nothing
    kept, for a file that is no readable photo)."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda card_id: card_id)
        if again is not None:
            return Received(again, _load(conn, ws, again), again=True)
    # Read outside a transaction: a second or so of OCR holds no lock.
    region = workspaces.get_settings(store, ws).default_region
    read = read_card_photo(command.content, region=region)
    reading: dict[str, Any] = {
        "name": read.reading.name,
        "company": read.reading.company,
        "title": read.reading.title,
        "emails": list(read.reading.emails),
        "phones": list(read.reading.phones),
        "website": read.reading.website,
        "note": read.note,
    }
    known = _known(store, ws, read.reading.person_fields())
    with store.transaction() as conn:
        # The same key may have arrived meanwhile (two tabs, Background Sync).
        again = command_log.replay(conn, ws, command, lambda card_id: card_id)
        if again is not None:
            return Received(again, _load(conn, ws, again), again=True)
        card_id = waiting_db.insert_card(conn, ws, read.kept, KEPT_MEDIA_TYPE, reading, known, now)
        command_log.record(conn, ws, command, card_id, now)
        return Received(card_id, _load(conn, ws, card_id), again=False)


def _known(store: Store, ws: int, fields: dict[str, Any]) -> int | None:
    if not fields.get("name"):
        return None  # no name read: the confirm form asks for one, and looks again then
    try:
        known = capture.find_known(store, ws, fields)
    except InvalidInput:
        return None  # a field the person rules refuse: the user corrects it on the form
    return known.person.id if known.person is not None else None


def confirm(
    store: Store,
    ws: int,
    card_id: int,
    fields: dict[str, Any],
    *,
    now: datetime | None = None,
) -> tuple[Captured, Known]:
    """Save the person the user confirmed from card ``card_id`` (``fields``: the form's,
    corrected), as the photo page saves one (:func:`capture.save_found`: the known person
    completed, else someone new), and keep the card's photo with them."""
    now = now or utc_now()
    with store.transaction() as conn:
        row = waiting_db.waiting_card(conn, ws, card_id)
        found = waiting_db.card_content(conn, ws, card_id)
    if row is None or found is None:
        raise _gone(store, ws, card_id)
    # The person is added under a key of this card: a second confirm of it at the same
    # moment (a double tap, another tab) finds the person the first one added.
    key = _confirm_key(card_id, row.received_at, found[0])
    done, known = capture.save_found(store, ws, fields, now=now, idempotency_key=key)
    assert done.person.id is not None
    # Logged under a key that starts with the card's id, with the person as its record:
    # a confirm that comes after the card is gone finds whom it became (_gone).
    command = build(
        ConfirmCardPhoto,
        {
            "card_id": card_id,
            "person_id": done.person.id,
            "idempotency_key": _became_prefix(card_id) + key.split("-", 3)[3],
        },
    )
    with store.transaction() as conn:
        found = waiting_db.card_content(conn, ws, card_id)
        if found is not None:
            content, media_type = found
            photos_db.insert_photo(conn, ws, done.person.id, content, media_type, now)
            waiting_db.delete_card(conn, ws, card_id)
            command_log.record(conn, ws, command, done.person.id, now)
    if found is None:  # confirmed in another tab meanwhile: the person is saved once
        raise _gone(store, ws, card_id)
    return done, known


def _confirm_key(card_id: int, received_at: datetime, content: bytes) -> str:
    """The key of the person confirmed from a card: its id (which SQLite may give again
    once the card is gone), when it arrived and what the photo holds."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    return f"confirm-card-{card_id}-{received_at:%Y%m%dT%H%M%S%f}-{digest}"


def dismiss(
    store: Store, ws: int, command: DismissCardPhoto, *, now: datetime | None = None
) -> bool:
    """Carry out ``command``: the card and its photo deleted. False when this command
    (its idempotency key) dismissed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.card_id):
            return False
        if not waiting_db.delete_card(conn, ws, command.card_id):
            raise _gone(store, ws, command.card_id)
        command_log.record(conn, ws, command, command.card_id, now)
        return True


def waiting(store: Store, ws: int) -> list[WaitingCard]:
    """The cards waiting, oldest first."""
    with store.transaction() as conn:
        return [_card(row) for row in waiting_db.waiting_cards(conn, ws)]


def count(store: Store, ws: int) -> int:
    with store.transaction() as conn:
        return waiting_db.count_waiting(conn, ws)


def card(store: Store, ws: int, card_id: int) -> WaitingCard:
    with store.transaction() as conn:
        found = _load(conn, ws, card_id)
    if found is None:
        raise _gone(store, ws, card_id)
    return found


def photo(store: Store, ws: int, card_id: int) -> tuple[bytes, str]:
    """(bytes, media type) of a waiting card's photo."""
    with store.transaction() as conn:
        found = waiting_db.card_content(conn, ws, card_id)
    if found is None:
        raise _gone(store, ws, card_id)
    return found


__all__ = [
    "Received",
    "WaitingCard",
    "card",
    "confirm",
    "count",
    "dismiss",
    "photo",
    "receive",
    "waiting",
]
