"""Photos kept with a person: adding one (the card they were added from), listing, removing."""

from __future__ import annotations

from datetime import datetime

from netweave.commands import AddPersonPhoto, RemovePersonPhoto
from netweave.domain.dates import utc_now
from netweave.errors import NotFound
from netweave.services import command_log
from netweave.storage import Store, Tx
from netweave.storage import people as people_db
from netweave.storage import photos as photos_db
from netweave.storage.photos import PhotoInfo


def add_photo(
    store: Store, ws: int, command: AddPersonPhoto, *, now: datetime | None = None
) -> PhotoInfo:
    """Carry out ``command``: the photo kept with the person."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _info(conn, ws, rid))
        if again is not None:
            return again
        if people_db.get_person(conn, ws, command.person_id) is None:
            raise NotFound(f"there is no person #{command.person_id}")
        taken = command.taken_at or now
        photo_id = photos_db.insert_photo(
            conn, ws, command.person_id, command.content, command.media_type, taken
        )
        command_log.record(conn, ws, command, photo_id, now)
        return _info(conn, ws, photo_id)


def _info(conn: Tx, ws: int, photo_id: int) -> PhotoInfo:
    found = photos_db.photo_content(conn, ws, photo_id)
    if found is None:
        raise NotFound(f"there is no photo #{photo_id}")
    person_id = found[0]
    listed = photos_db.photos_of(conn, ws, person_id)
    return next(p for p in listed if p.id == photo_id)


def remove_photo(
    store: Store, ws: int, command: RemovePersonPhoto, *, now: datetime | None = None
) -> int | None:
    """Carry out ``command``: the photo deleted. The person it was kept with; None when
    this command (its idempotency key) removed it already."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.photo_id):
            return None
        found = photos_db.photo_content(conn, ws, command.photo_id)
        if found is None:
            raise NotFound(f"there is no photo #{command.photo_id}")
        photos_db.delete_photo(conn, ws, command.photo_id)
        command_log.record(conn, ws, command, command.photo_id, now)
        return found[0]


def photos_of(store: Store, ws: int, person_id: int) -> list[PhotoInfo]:
    with store.transaction() as conn:
        return photos_db.photos_of(conn, ws, person_id)


def photo(store: Store, ws: int, photo_id: int) -> tuple[int, bytes, str]:
    """(person id, bytes, media type) of a kept photo."""
    with store.transaction() as conn:
        found = photos_db.photo_content(conn, ws, photo_id)
    if found is None:
        raise NotFound(f"there is no photo #{photo_id}")
    return found
