"""Where a preload process listens, and whether it is to be used.

Imported by every command before anything else: the standard library only, and little of
it (the messages' module, :mod:`netweave.preload.wire`, only once a socket is there).
"""

from __future__ import annotations

import os
import stat
import sys
import zlib

MODE_ENV = "NETWEAVE_PRELOAD"
DIR_ENV = "NETWEAVE_PRELOAD_DIR"
IDLE_ENV = "NETWEAVE_PRELOAD_IDLE"
IDLE_SECONDS = 1800
"""A preload process ends after this long without a command (unless told otherwise)."""

MODES = ("auto", "on", "off")


def mode() -> str:
    """``NETWEAVE_PRELOAD``'s value; an unknown one is ``auto`` (the command must still run)."""
    value = os.environ.get(MODE_ENV, "auto").strip().lower()
    return value if value in MODES else "auto"


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(IDLE_ENV, IDLE_SECONDS)))
    except ValueError:
        return float(IDLE_SECONDS)


def folder() -> str:
    """The folder of this user's preload sockets: ``NETWEAVE_PRELOAD_DIR``, else
    ``$XDG_RUNTIME_DIR/netweave``, else ``netweave-<uid>`` in the temporary folder."""
    named = os.environ.get(DIR_ENV)
    if named:
        return named
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "netweave")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"netweave-{os.getuid()}")


served_path: list[str] | None = None
"""In a preload process (and its commands): the search path it was started for. Its own
``sys.path`` has no script's folder to leave out (``netweave --db x preload status`` runs
there, and must find the same socket)."""


def search_path() -> list[str]:
    """Where this process imports from, but for the folder of its script or of ``-c``/``-m``
    (``sys.path[0]``): the console script, ``python -m netweave`` and ``python -c`` share
    one preload process, which must not import from whichever folder started it."""
    if served_path is not None:
        return list(served_path)
    return list(sys.path if sys.flags.safe_path else sys.path[1:])


def socket_path() -> str:
    """The socket of the preload process for this Python and this :func:`search_path`: a
    process that would import other code (another virtual environment, another checkout
    first on ``PYTHONPATH``) is another process. Paths are compared resolved: the same
    Python as ``python`` or ``python3``, or through a symbolic link, is the same."""
    key = "\0".join(os.path.realpath(part) for part in [sys.executable, *search_path()])
    return os.path.join(folder(), f"preload-{zlib.crc32(key.encode()):08x}.sock")


def private_folder(path: str, *, make: bool) -> bool:
    """Whether ``path``'s folder is this user's alone (made so when ``make``): another user
    who could write there could stand in for the preload process."""
    where = os.path.dirname(path)
    if make:
        try:
            os.makedirs(where, mode=0o700, exist_ok=True)
        except OSError:
            return False
    try:
        status = os.lstat(where)
    except OSError:
        return False
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.getuid()
        and stat.S_IMODE(status.st_mode) & 0o077 == 0
    )


__all__ = [
    "DIR_ENV",
    "IDLE_ENV",
    "IDLE_SECONDS",
    "MODES",
    "MODE_ENV",
    "folder",
    "idle_seconds",
    "mode",
    "private_folder",
    "search_path",
    "socket_path",
]
