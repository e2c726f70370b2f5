"""One exception hierarchy for every error a user can cause or meet.

The CLI maps each class to an exit code, the web app to an HTTP status; both
show `str(error)`, which is written for a person: what is wrong, and the hint
says what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence


class NetweaveError(Exception):
    """Base of every error netweave reports to a user."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidInput(NetweaveError):
    """A value a user gave does not fit: a field, a date, an amount."""

    exit_code = 2
    http_status = 422

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message, hint=hint)
        self.field = field
        self.reason = message


class NotFound(NetweaveError):
    """A person, group, event or other record that does not exist."""

    exit_code = 3
    http_status = 404


SET_OWNER_COMMAND = 'netweave settings owner "Your Name"'
"""The command that says who the workspace's owner ("me") is."""


class NoOwner(NotFound):
    """The workspace has no owner ("me") yet, and what was asked needs one.

    The web app answers with a page that offers the settings form instead.
    """

    http_status = 409

    def __init__(self) -> None:
        super().__init__(
            "this workspace has no owner yet: netweave does not know who 'me' is",
            hint=f"say who you are with {SET_OWNER_COMMAND}, or on the settings page",
        )


class Ambiguous(NetweaveError):
    """A reference (usually a name) that matches more than one record."""

    exit_code = 4
    http_status = 409

    def __init__(self, message: str, *, candidates: Sequence[str], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.candidates = list(candidates)

    def __str__(self) -> str:
        lines = [self.message, *(f"  {c}" for c in self.candidates)]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


class Conflict(NetweaveError):
    """The change contradicts what is stored (a duplicate, a record in use)."""

    exit_code = 5
    http_status = 409


class StorageError(NetweaveError):
    """The database is missing, locked, unreachable or of another version."""

    exit_code = 6
    http_status = 503


__all__ = [
    "SET_OWNER_COMMAND",
    "Ambiguous",
    "Conflict",
    "InvalidInput",
    "NetweaveError",
    "NoOwner",
    "NotFound",
    "StorageError",
]
