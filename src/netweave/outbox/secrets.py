"""The SMTP password: read when mail is sent, never stored in the database or the export.

Two places, the first that is set wins:

1. a file, named by ``$NETWEAVE_SMTP_PASSWORD_FILE`` or the ``smtp password file``
   setting, that only its owner may read (``chmod 600``; a systemd credential is such a
   file); its first line is the password;
2. the OS keyring (the ``keyring`` package: macOS Keychain, Windows Credential Locker,
   the Secret Service on Linux desktops), under the service ``netweave-smtp`` and the
   name ``user@host``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from netweave.domain.mailout import MailOut
from netweave.errors import DeliveryFailed, InvalidInput

PASSWORD_FILE_ENV = "NETWEAVE_SMTP_PASSWORD_FILE"
KEYRING_SERVICE = "netweave-smtp"


def keyring_name(user: str, host: str) -> str:
    return f"{user}@{host}"


def read_password_file(path: Path) -> str:
    """The first line of ``path``; DeliveryFailed when it is missing or others may read it."""
    try:
        info = path.stat()
    except OSError:
        raise DeliveryFailed(
            f"the SMTP password file {path} cannot be read", code="password-file-missing"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise DeliveryFailed(f"{path} is not a file", code="password-file-missing")
    if os.name == "posix" and (
        info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or info.st_uid != os.geteuid()
    ):
        raise DeliveryFailed(
            f"the SMTP password file {path} may be read by others "
            f"(mode {stat.S_IMODE(info.st_mode):o}); it must be yours and readable by you "
            "only",
            code="password-file-open",
            facts={"path": str(path)},
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise DeliveryFailed(
            f"the SMTP password file {path} cannot be read", code="password-file-missing"
        ) from None
    return text.splitlines()[0] if text else ""


def write_password_file(path: Path, password: str) -> None:
    """Write ``password`` to ``path``, readable and writable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, f"{password}\n".encode())
    finally:
        os.close(descriptor)


def _keyring_error() -> type[Exception]:
    from keyring.errors import KeyringError

    return KeyringError


def keyring_password(user: str, host: str) -> str | None:
    """The password kept in the OS keyring for ``user@host``; None when there is none (or
    no keyring on this machine)."""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_name(user, host))
    except _keyring_error():
        return None


def keep_in_keyring(user: str, host: str, password: str) -> None:
    """Keep ``password`` in the OS keyring; InvalidInput when this machine has none."""
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_name(user, host), password)
    except _keyring_error() as error:
        raise InvalidInput(
            f"no OS keyring to keep the password in ({error})",
            code="no-keyring",
        ) from None


def smtp_password(mail: MailOut, env: Mapping[str, str]) -> str | None:
    """The password for the SMTP user (None when there is no user to log in as)."""
    if not mail.smtp_user or not mail.smtp_host:
        return None
    named = env.get(PASSWORD_FILE_ENV) or mail.smtp_password_file
    if named:
        return read_password_file(Path(named).expanduser())
    found = keyring_password(mail.smtp_user, mail.smtp_host)
    if found is None:
        raise DeliveryFailed(
            f"no password for {keyring_name(mail.smtp_user, mail.smtp_host)}: "
            "no password file is set and the OS keyring holds none",
            code="no-password",
            facts={"user": mail.smtp_user, "host": mail.smtp_host},
        )
    return found


__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_FILE_ENV",
    "keep_in_keyring",
    "keyring_name",
    "keyring_password",
    "read_password_file",
    "smtp_password",
    "write_password_file",
]
