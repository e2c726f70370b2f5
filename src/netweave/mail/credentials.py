"""Where an IMAP password comes from: the OS keyring, or a file only its owner can read.

A password is never written to the database, the export or a log; it is read when a
sync starts and forgotten when it ends.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from netweave.errors import InvalidInput, NotFound

KEYRING_SERVICE = "netweave"
"""The keyring entry's service; its user name is ``user@host`` of the account."""


def password_from_file(path: Path) -> str:
    """The first line of ``path``, which must be readable by its owner only (mode 600)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFound(f"there is no password file at {path}") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}", field="password-file") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{path} is not a file", field="password-file")
    if os.name == "posix" and info.st_mode & 0o077:
        raise InvalidInput(
            f"{path} can be read by others (mode {stat.S_IMODE(info.st_mode):o}): "
            "a password file must be readable by its owner only",
            field="password-file",
            code="password-file-open",
            facts={"path": str(path)},
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}", field="password-file") from None
    password = text.splitlines()[0] if text else ""
    if not password:
        raise InvalidInput(f"{path} is empty", field="password-file")
    return password


def password_from_keyring(user: str, host: str) -> str:
    """The password the OS keyring keeps for ``user@host`` under the service "netweave"."""
    entry = f"{user}@{host}"
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            found = keyring.get_password(KEYRING_SERVICE, entry)
        except KeyringError:
            found = None
    except ImportError:  # pragma: no cover - keyring is a dependency
        found = None
    if not found:
        raise NotFound(
            f"the keyring has no password for {entry}",
            code="no-mail-password",
            facts={"service": KEYRING_SERVICE, "entry": entry},
        )
    return found


__all__ = ["KEYRING_SERVICE", "password_from_file", "password_from_keyring"]
