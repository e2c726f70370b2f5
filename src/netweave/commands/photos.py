"""Keeping a photo with a person (the business card they were added from), and removing it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import field_validator, model_validator

from netweave.commands.base import Command, RecordId

MAX_PHOTO_BYTES = 4 * 1024 * 1024
"""The largest photo kept with a person (a card photo is kept shrunk: about 0.3 MB)."""
MediaType = Literal["image/jpeg", "image/png", "image/webp"]
_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
}


class AddPersonPhoto(Command):
    """Keep ``content`` (a JPEG, PNG or WebP image) with person ``person_id``."""

    log_name: ClassVar[str] = "add-person-photo"

    person_id: RecordId
    content: bytes
    media_type: MediaType = "image/jpeg"
    taken_at: datetime | None = None
    """When the photo was taken; None: now."""

    @field_validator("content")
    @classmethod
    def _size(cls, content: bytes) -> bytes:
        if not content:
            raise ValueError("the photo is empty")
        if len(content) > MAX_PHOTO_BYTES:
            raise ValueError(f"the photo is larger than {MAX_PHOTO_BYTES // 2**20} MB")
        return content

    @model_validator(mode="after")
    def _kind(self) -> AddPersonPhoto:
        if not self.content.startswith(_MAGIC[self.media_type]):
            raise ValueError(f"the photo is not a {self.media_type.removeprefix('image/')} image")
        return self


class RemovePersonPhoto(Command):
    """Delete a photo kept with a person."""

    log_name: ClassVar[str] = "remove-person-photo"

    photo_id: RecordId


__all__ = ["MAX_PHOTO_BYTES", "AddPersonPhoto", "RemovePersonPhoto"]
