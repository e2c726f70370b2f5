"""The messages on a preload process's socket.

Each message is a 4-byte length (big-endian) and that many bytes of JSON. The first message
of a command carries its three standard streams as file descriptors (``SCM_RIGHTS``).
"""

from __future__ import annotations

import json
import os
import socket
import struct
import time

TYPE_CHECKING = False  # typing itself is not imported: every preloaded command pays for this
if TYPE_CHECKING:
    from typing import Any

_HEADER = struct.Struct("!I")
_MOST = 16 * 1024 * 1024
"""No message is longer (a command's environment and arguments are a few kilobytes)."""


class WireError(Exception):
    """The other side said something that is not a message, or nothing at all."""


def same_user(sock: socket.socket) -> bool:
    """Whether the process at the other end of ``sock`` runs as this user (Linux's
    ``SO_PEERCRED``; elsewhere the socket folder's being this user's alone is the check)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    credentials = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return int(uid) == os.getuid()


def send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    data = json.dumps(message).encode()
    whole = _HEADER.pack(len(data)) + data
    sent = socket.send_fds(sock, [whole], fds) if fds else 0
    sock.sendall(whole[sent:])


def receive(
    sock: socket.socket, *, fds: int = 0, seconds: float | None = None
) -> tuple[dict[str, Any], list[int]]:
    """The next message, and the descriptors that came with it; :class:`WireError` at the
    end of the stream or on a malformed message, :class:`TimeoutError` when the whole of it
    has not come within ``seconds`` (the socket's own timeout when ``None``)."""
    received: list[int] = []
    buffer = b""
    want = _HEADER.size
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        while len(buffer) < want:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the message did not come in time")
                sock.settimeout(left)
            if fds and not received and not buffer:
                chunk, received, _flags, _address = socket.recv_fds(sock, 65536, fds)
            else:
                chunk = sock.recv(min(65536, want - len(buffer)))
            if not chunk:
                _close(received)
                raise WireError("the connection ended")
            buffer += chunk
            if want == _HEADER.size and len(buffer) >= want:
                (length,) = _HEADER.unpack_from(buffer)
                if length > _MOST:
                    _close(received)
                    raise WireError("a message too long")
                want += length
    except OSError:  # a timeout, a reset: the descriptors that came are closed
        _close(received)
        raise
    try:
        message = json.loads(buffer[_HEADER.size : want])
    except ValueError as error:
        _close(received)
        raise WireError("a message that is not JSON") from error
    if not isinstance(message, dict):
        _close(received)
        raise WireError("a message that is not an object")
    return message, received


def _close(fds: list[int]) -> None:
    for fd in fds:
        try:  # noqa: SIM105  (contextlib is not loaded for a preloaded command)
            os.close(fd)
        except OSError:
            pass


__all__ = ["WireError", "receive", "same_user", "send"]
