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
KEPT_IN_KEYRING = "keyring"
"""Where a saved mailbox's password is, as its source names it (``password_file``) when
netweave kept it in the OS keyring; a path names a file netweave made; nothing, the
user's own keyring entry (``keyring set netweave USER@HOST``), which netweave reads and,
not having made it, never removes."""
CREDENTIALS_DIR_ENV = "NETWEAVE_CREDENTIALS_DIR"
"""A folder for password files: when set, a saved mailbox's password goes there (never to
the keyring); unset, to the keyring, or when this machine has none, to the data folder's
``mail-passwords`` (the folder mode 700, each file mode 600)."""


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


def _credentials_dir() -> Path:
    named = os.environ.get(CREDENTIALS_DIR_ENV)
    if named:
        return Path(named).expanduser()
    import platformdirs

    return platformdirs.user_data_path("netweave") / "mail-passwords"


def _in_keyring(entry: str, password: str) -> bool:
    """Keep ``password`` in the OS keyring; False when this machine has none."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, entry, password)
        except KeyringError:
            return False
    except ImportError:  # pragma: no cover - keyring is a dependency
        return False
    return True


def keep_password(user: str, host: str, password: str) -> str:
    """Keep a saved mailbox's password: in the OS keyring (:data:`KEPT_IN_KEYRING` is
    returned), or in a file only its owner can read (its path): what the saved source
    names as ``password_file``."""
    entry = f"{user}@{host}"
    if not os.environ.get(CREDENTIALS_DIR_ENV) and _in_keyring(entry, password):
        return KEPT_IN_KEYRING
    folder = _credentials_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        path = folder / "".join(ch if ch.isalnum() or ch in "@.-_" else "_" for ch in entry)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(descriptor, 0o600)
            os.write(descriptor, f"{password}\n".encode())
        finally:
            os.close(descriptor)
    except OSError as error:
        raise InvalidInput(
            f"cannot keep the password: {error.strerror or error}", field="password"
        ) from None
    return str(path)


def forget_password(user: str, host: str, kept: str | None) -> None:
    """Forget what :func:`keep_password` kept (``kept``: what it returned): a file of ours,
    or the keyring's entry it made. None (the user's own entry) is left alone."""
    if kept is None:
        return
    if kept != KEPT_IN_KEYRING:
        path = Path(kept)
        if path.parent == _credentials_dir():
            path.unlink(missing_ok=True)
        return
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, f"{user}@{host}")
    except Exception:  # nothing kept, or no keyring: nothing to forget
        return


def password_for(user: str, host: str, kept: str | None) -> str:
    """A saved mailbox's password: from its file when it names one, else the keyring."""
    if kept is not None and kept != KEPT_IN_KEYRING:
        return password_from_file(Path(kept))
    return password_from_keyring(user, host)


__all__ = [
    "CREDENTIALS_DIR_ENV",
    "KEPT_IN_KEYRING",
    "KEYRING_SERVICE",
    "forget_password",
    "keep_password",
    "password_for",
    "password_from_file",
    "password_from_keyring",
]
