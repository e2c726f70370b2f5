"""Writing a file the user named, whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from netweave.errors import InvalidInput


def _mode_for(path: Path) -> int:
    """The mode ``path`` has, else what a new file gets under the user's umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` as the content of ``path``; on any failure ``path`` is as it was.

    The bytes go to a temporary file beside ``path``, which then replaces it in
    one step, so a reader never sees half a file and a full disk leaves the old
    one. InvalidInput (naming the file and why) when it cannot be written.
    """
    if path.is_dir():
        raise InvalidInput(f"cannot write {path}: it is a folder; give a file name", field="output")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InvalidInput(f"cannot write {path}: {reason}", field="output") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


__all__ = ["write_atomically"]
