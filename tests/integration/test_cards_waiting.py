"""Card photos waiting to be confirmed: received once however often the outbox sends
them, confirmed into one person with the photo, dismissed with their photo, and a file
that is no photo refused with nothing kept (SQLite and PostgreSQL)."""

from __future__ import annotations

from functools import cache

import pytest

from netweave.commands import DismissCardPhoto, ReceiveCardPhoto
from netweave.domain import Workspace, build
from netweave.errors import InvalidInput, NotFound
from netweave.services import cards_waiting, people, photos
from netweave.storage import Store
from tests import writes
from tests.unit.cards.photos import ANN, card_photo


@cache
def ann_card() -> bytes:
    """Ann's card with a vCard QR code: read exactly, quickly."""
    return card_photo(ANN, qr="vcard", frame=(1600, 1200))


def _ws(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def _receive(store: Store, ws: int, content: bytes, key: str) -> cards_waiting.Received:
    command = build(ReceiveCardPhoto, {"content": content, "idempotency_key": key})
    return cards_waiting.receive(store, ws, command)


def _named(store: Store, ws: int, name: str) -> list[int]:
    return [p.id for p in people.list_people(store, ws) if p.name == name and p.id is not None]


def test_a_card_sent_twice_waits_once_and_is_confirmed_into_one_person(
    store: Store, workspace: Workspace
) -> None:
    ws = _ws(workspace)
    first = _receive(store, ws, ann_card(), "card-1")
    again = _receive(store, ws, ann_card(), "card-1")
    assert (first.again, again.again) == (False, True)
    assert again.card_id == first.card_id
    assert again.card == first.card
    [waiting] = cards_waiting.waiting(store, ws)
    assert waiting.id == first.card_id
    assert waiting.name == "Ann Richter"
    assert waiting.company == "Northstar Builders LLC"
    assert waiting.emails == ("ann.richter@northstarbuilders.com",)
    assert waiting.known_person_id is None
    assert cards_waiting.count(store, ws) == 1
    content, media_type = cards_waiting.photo(store, ws, waiting.id)
    assert media_type == "image/jpeg"
    assert content.startswith(b"\xff\xd8\xff")

    done, _ = cards_waiting.confirm(store, ws, waiting.id, waiting.draft())
    assert done.added
    assert _named(store, ws, "Ann Richter") == [done.person.id]
    assert done.person.id is not None
    [kept] = photos.photos_of(store, ws, done.person.id)
    assert photos.photo(store, ws, kept.id)[1] == content
    assert cards_waiting.count(store, ws) == 0
    # The outbox sending it once more, late: nothing waits again, nobody is added.
    late = _receive(store, ws, ann_card(), "card-1")
    assert (late.again, late.card_id, late.card) == (True, first.card_id, None)
    assert cards_waiting.count(store, ws) == 0
    # Confirmed again (a second tap): the error names the person the card became.
    with pytest.raises(NotFound, match="confirmed already, as Ann Richter") as gone:
        cards_waiting.confirm(store, ws, waiting.id, waiting.draft())
    assert gone.value.code == "card-confirmed"
    assert gone.value.facts == {"card": waiting.id, "person": done.person.id, "name": "Ann Richter"}
    assert _named(store, ws, "Ann Richter") == [done.person.id]


def test_the_card_of_a_known_person_completes_them(store: Store, workspace: Workspace) -> None:
    ws = _ws(workspace)
    ann = writes.add_person(
        store, ws, {"name": "Ann Richter", "emails": ["ann.richter@northstarbuilders.com"]}
    )
    received = _receive(store, ws, ann_card(), "card-2")
    assert received.card is not None
    assert received.card.known_person_id == ann.id
    assert received.card.known_name == "Ann Richter"
    done, _ = cards_waiting.confirm(store, ws, received.card_id, received.card.draft())
    assert not done.added
    assert done.person.id == ann.id
    assert done.person.company == "Northstar Builders LLC"
    assert _named(store, ws, "Ann Richter") == [ann.id]
    assert ann.id is not None
    assert len(photos.photos_of(store, ws, ann.id)) == 1


def test_a_dismissed_card_is_gone_with_its_photo(store: Store, workspace: Workspace) -> None:
    ws = _ws(workspace)
    received = _receive(store, ws, ann_card(), "card-3")
    dismiss = build(DismissCardPhoto, {"card_id": received.card_id, "idempotency_key": "d-3"})
    assert cards_waiting.dismiss(store, ws, dismiss) is True
    assert cards_waiting.dismiss(store, ws, dismiss) is False  # the same key: done already
    assert cards_waiting.waiting(store, ws) == []
    with pytest.raises(NotFound):
        cards_waiting.photo(store, ws, received.card_id)
    with pytest.raises(NotFound, match="not waiting"):
        cards_waiting.dismiss(store, ws, build(DismissCardPhoto, {"card_id": received.card_id}))
    assert _named(store, ws, "Ann Richter") == []


@pytest.mark.parametrize(
    ("cut", "says"),
    [("gif", "not an image netweave reads"), ("half", "damaged or cut short")],
)
def test_a_file_that_is_no_photo_is_refused_and_nothing_kept(
    store: Store, workspace: Workspace, cut: str, says: str
) -> None:
    ws = _ws(workspace)
    whole = ann_card()
    content = b"GIF89a" + b"\0" * 64 if cut == "gif" else whole[: len(whole) // 2]
    with pytest.raises(InvalidInput, match=says) as refused:
        _receive(store, ws, content, "card-bad")
    assert refused.value.field == "photo"
    assert cards_waiting.count(store, ws) == 0
    # The key was not used up: the right photo sent under it is received.
    assert not _receive(store, ws, ann_card(), "card-bad").again
    with pytest.raises(InvalidInput, match="empty"):
        build(ReceiveCardPhoto, {"content": b""})


def test_a_merge_moves_the_known_person_and_a_removal_leaves_the_card(
    store: Store, workspace: Workspace
) -> None:
    ws = _ws(workspace)
    ann = writes.add_person(
        store, ws, {"name": "Ann Richter", "emails": ["ann.richter@northstarbuilders.com"]}
    )
    kept = writes.add_person(store, ws, {"name": "Ann R."})
    assert ann.id is not None
    assert kept.id is not None
    received = _receive(store, ws, ann_card(), "card-4")
    assert received.card is not None
    assert received.card.known_person_id == ann.id
    writes.merge_people(store, ws, kept.id, ann.id)
    assert cards_waiting.card(store, ws, received.card_id).known_person_id == kept.id
    writes.undo_merge(store, ws)  # the card stays with the person kept, as photos do
    assert cards_waiting.card(store, ws, received.card_id).known_person_id == kept.id
    writes.remove_person(store, ws, kept.id)
    left = cards_waiting.card(store, ws, received.card_id)
    assert (left.known_person_id, left.known_name, left.name) == (None, None, "Ann Richter")
