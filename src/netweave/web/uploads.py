"""Files uploaded for a preview, kept in memory until the visitor confirms the import.

A preview (a dry run) shows what importing a file would do; the "Import it"
button then posts only a ticket, so nobody uploads the same file twice. The
shelf holds a few recent files for an hour; a ticket that is gone asks for
the file again.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from netweave.errors import InvalidInput

MAX_UPLOAD = 50 * 1024 * 1024
"""The largest file the import page takes (a LinkedIn export of 30,000 contacts is ~5 MB)."""


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    data: bytes
    format: str | None
    stored_at: float


@dataclass(frozen=True, slots=True)
class Gone:
    """What a shelf says of a ticket whose file is no longer there."""

    message: str
    field: str
    hint: str


PREVIEW_GONE = Gone(
    "the previewed file is no longer here (previews are kept for an hour)",
    "file",
    "choose the file again",
)


class UploadShelf:
    """At most ``slots`` uploads, each for ``keep`` seconds; safe across server threads.

    ``gone``: what a ticket whose upload is gone (taken, pushed out or too old) is told."""

    def __init__(self, *, slots: int = 8, keep: float = 3600.0, gone: Gone = PREVIEW_GONE) -> None:
        self.slots = slots
        self.keep = keep
        self.gone = gone
        self._files: OrderedDict[str, Upload] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, name: str, data: bytes, format: str | None) -> str:
        ticket = secrets.token_urlsafe(16)
        with self._lock:
            self._files[ticket] = Upload(name, data, format, time.monotonic())
            while len(self._files) > self.slots:
                self._files.popitem(last=False)
        return ticket

    def take(self, ticket: str) -> Upload:
        """The upload behind ``ticket`` (gone once taken), or InvalidInput asking for it again."""
        with self._lock:
            found = self._files.pop(ticket, None)
        return self._fresh(found)

    def peek(self, ticket: str) -> Upload:
        """The upload behind ``ticket``, left on the shelf (a page shown again reads it again)."""
        with self._lock:
            found = self._files.get(ticket)
        return self._fresh(found)

    def drop(self, ticket: str) -> None:
        with self._lock:
            self._files.pop(ticket, None)

    def _fresh(self, found: Upload | None) -> Upload:
        if found is None or time.monotonic() - found.stored_at > self.keep:
            raise InvalidInput(self.gone.message, field=self.gone.field, hint=self.gone.hint)
        return found


def check_upload(name: str, data: bytes) -> None:
    """InvalidInput when no file was chosen or it is too large to import from the browser."""
    if not name:
        raise InvalidInput("choose a file to import", field="file")
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(
            f"{name} is {len(data) / 1024 / 1024:.0f} MB; the browser takes files up to "
            f"{MAX_UPLOAD // 1024 // 1024} MB",
            field="file",
            hint="import it with 'netweave import FILE'",
        )


__all__ = ["MAX_UPLOAD", "PREVIEW_GONE", "Gone", "Upload", "UploadShelf", "check_upload"]
