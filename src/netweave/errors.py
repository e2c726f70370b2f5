"""One exception hierarchy for every error a user can cause or meet.

The CLI maps each class to an exit code, the web app to an HTTP status; both
show its message, which is written for a person: what is wrong.

An error also carries a ``code`` (what kind of problem, stable for programs) and its
``facts`` (the values involved). What to do about it depends on where the user is: each
interface words its own hint from the code and the facts (the CLI names its flags, the
API its fields), so a service never writes a command line. ``hint`` is kept for hints
that hold everywhere ("use digits, e.g. 1200").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

INTERNAL_ERROR = 70
"""The exit code of a failure that is netweave's fault (sysexits' EX_SOFTWARE), not the user's."""
DEBUG_ENV = "NETWEAVE_DEBUG"
"""Set, an internal error's traceback is shown, and ``serve`` logs netweave's debug messages."""


class NetweaveError(Exception):
    """Base of every error netweave reports to a user."""

    exit_code = 1
    http_status = 500
    default_code = "error"

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        code: str | None = None,
        facts: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code or self.default_code
        self.facts: dict[str, object] = dict(facts or {})

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InvalidInput(NetweaveError):
    """A value a user gave does not fit: a field, a date, an amount."""

    exit_code = 2
    http_status = 422
    default_code = "invalid-input"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        facts: Mapping[str, object] | None = None,
        label: str | None = None,
    ) -> None:
        """``field`` names the value for code (a record field, a form field); ``label``,
        when given, names it for people in the message ("minutes" for duration_minutes)."""
        shown = label or field
        super().__init__(
            f"{shown}: {message}" if shown else message, hint=hint, code=code, facts=facts
        )
        self.field = field
        self.reason = message


class NotFound(NetweaveError):
    """A person, group, event or other record that does not exist."""

    exit_code = 3
    http_status = 404
    default_code = "not-found"


class NoOwner(NotFound):
    """The workspace has no owner ("me") yet, and what was asked needs one.

    The web app answers with a page that offers the settings form instead.
    """

    http_status = 409

    default_code = "no-owner"

    def __init__(self) -> None:
        # How to say who you are is worded by each interface (a command, a form, an endpoint).
        super().__init__("this workspace has no owner yet: netweave does not know who 'me' is")


class Ambiguous(NetweaveError):
    """A reference (usually a name) that matches more than one record."""

    exit_code = 4
    http_status = 409
    default_code = "ambiguous"

    def __init__(
        self,
        message: str,
        *,
        candidates: Sequence[str],
        hint: str | None = None,
        code: str | None = None,
        facts: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, hint=hint, code=code, facts=facts)
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
    default_code = "conflict"


class DeliveryFailed(NetweaveError):
    """Mail or a notification could not be sent: the server refused it, or could not
    be reached, or its password could not be read. What was sent is recorded either way."""

    exit_code = 7
    http_status = 502
    default_code = "delivery-failed"


class FetchFailed(NetweaveError):
    """Something netweave fetches from elsewhere (a subscribed calendar's URL) could not be
    had: the server was not reached, or answered with an error status."""

    exit_code = 8
    http_status = 502
    default_code = "fetch-failed"


class StorageError(NetweaveError):
    """The database is missing, locked, unreachable or of another version."""

    exit_code = 6
    http_status = 503
    default_code = "storage"


__all__ = [
    "DEBUG_ENV",
    "INTERNAL_ERROR",
    "Ambiguous",
    "Conflict",
    "DeliveryFailed",
    "FetchFailed",
    "InvalidInput",
    "NetweaveError",
    "NoOwner",
    "NotFound",
    "StorageError",
]
