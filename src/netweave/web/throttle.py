"""Slowing down whoever guesses the access secret: a growing wait per client address.

After :data:`FREE_FAILURES` wrong secrets in a row from one address (people mistype),
the address waits before its next try: 1 second, then twice as long after every
further miss, at most :data:`MOST_WAIT` seconds.
A right secret clears the address's record; so does an hour without a miss.
While an address waits, the app answers its tries with 429 and ``Retry-After``
at once, without checking them and without holding a server thread. Only the
secret itself is counted (the login form and ``Authorization: Bearer``): the
access cookie and the feed key are long random digests, not worth guessing.
The command line never passes through here.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.types import Scope

from netweave.errors import NetweaveError

FREE_FAILURES = 5
"""Wrong secrets in a row after which an address has to wait before its next try."""
FIRST_WAIT = 1.0
"""Seconds to wait after the FREE_FAILURES-th miss; doubled after each further one."""
MOST_WAIT = 30.0
"""The longest wait, in seconds."""
FORGET_AFTER = 3600.0
"""Seconds without a miss after which an address's failures are forgotten."""
MAX_ADDRESSES = 10_000
"""Addresses remembered at once; the longest quiet are forgotten first."""


class Throttled(NetweaveError):
    """Too many wrong secrets from one address: it must wait ``retry_after`` seconds."""

    exit_code = 2
    http_status = 429
    default_code = "too-many-attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many wrong access secrets from your address; try again in {retry_after} s",
            facts={"retry_after": retry_after},
        )
        self.retry_after = retry_after


@dataclass
class _Record:
    failures: int
    last_failure: float
    blocked_until: float


class LoginThrottle:
    """Failed tries of the access secret, per client address; safe across server threads.

    ``clock`` tells the time (the app's clock, so that tests move it instead of sleeping).
    When it goes back (a workspace pinned to one day starts that day again at midnight),
    the failures before are forgotten rather than held against the address for a day.
    """

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def _now(self) -> float:
        return self._clock().timestamp()

    def check(self, address: str) -> None:
        """Raise :class:`Throttled` while ``address`` has to wait before trying again."""
        now = self._now()
        with self._lock:
            record = self._records.get(address)
            if record is None or record.blocked_until <= now:
                return
            if now < record.last_failure:  # the clock went back (a pinned day's midnight)
                del self._records[address]
                return
            wait = record.blocked_until - now
        raise Throttled(max(1, math.ceil(wait)))

    def failed(self, address: str) -> None:
        """Count a wrong secret from ``address``; from the FREE_FAILURES-th on, it has to wait."""
        now = self._now()
        with self._lock:
            record = self._records.get(address)
            if record is None or not 0 <= now - record.last_failure <= FORGET_AFTER:
                record = _Record(failures=0, last_failure=now, blocked_until=now)
            record.failures += 1
            record.last_failure = now
            beyond = record.failures - FREE_FAILURES
            if beyond >= 0:
                record.blocked_until = now + min(MOST_WAIT, FIRST_WAIT * 2 ** min(beyond, 16))
            self._records.pop(address, None)
            self._records[address] = record  # the most recent miss last
            while len(self._records) > MAX_ADDRESSES:
                del self._records[next(iter(self._records))]

    def succeeded(self, address: str) -> None:
        """A right secret: ``address`` starts afresh."""
        with self._lock:
            self._records.pop(address, None)


def client_address(scope: Scope) -> str:
    """The address a request came from (the socket's peer: netweave trusts no proxy header)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


__all__ = [
    "FIRST_WAIT",
    "FREE_FAILURES",
    "MOST_WAIT",
    "LoginThrottle",
    "Throttled",
    "client_address",
]
