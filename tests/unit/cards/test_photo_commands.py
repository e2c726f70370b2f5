"""The commands that keep a photo with a person check what they are given."""

from __future__ import annotations

import pytest

from netweave.commands import (
    AddPersonPhoto,
    ConfirmCardPhoto,
    DismissCardPhoto,
    ReceiveCardPhoto,
    RemovePersonPhoto,
    Source,
)
from netweave.commands.photos import MAX_PHOTO_BYTES
from netweave.domain import build
from netweave.errors import InvalidInput

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


def test_a_jpeg_is_taken() -> None:
    command = build(AddPersonPhoto, {"person_id": 3, "content": JPEG})
    assert command.media_type == "image/jpeg"
    assert build(RemovePersonPhoto, {"photo_id": 4}).photo_id == 4


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"content": b""}, "the photo is empty"),
        ({"content": b"x" * (MAX_PHOTO_BYTES + 1)}, "larger than 4 MB"),
        ({"content": b"GIF89a...."}, "not a jpeg image"),
        ({"content": JPEG, "media_type": "image/png"}, "not a png image"),
        ({"content": JPEG, "media_type": "image/gif"}, "media_type"),
        ({"content": JPEG, "person_id": 0}, "person_id"),
    ],
)
def test_a_bad_photo_is_refused(fields: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        build(AddPersonPhoto, {"person_id": 3, **fields})
    assert words in str(refused.value) or words == refused.value.field


def test_the_cards_waiting_commands_check_what_they_are_given() -> None:
    received = build(ReceiveCardPhoto, {"content": JPEG, "idempotency_key": "k-1"})
    assert received.source is Source.CAPTURED  # from the phone, as the other captures
    assert received.log_name == "receive-card-photo"
    with pytest.raises(InvalidInput, match="the photo is empty"):
        build(ReceiveCardPhoto, {"content": b""})
    with pytest.raises(InvalidInput) as refused:
        build(ConfirmCardPhoto, {"card_id": 0, "person_id": 2})
    assert refused.value.field == "card_id"
    assert build(DismissCardPhoto, {"card_id": 5}).card_id == 5
