"""A dovecot IMAP server of the tests' own: Debian's dovecot with a config written here,
on 127.0.0.1 and a free port, one passwd-file user whose Maildir the test fills.

It runs as the current user when that is not root (dovecot's "rootless" set-up); as root
(CI, these machines) its processes keep dovecot's own users and the mail user is
``nobody`` (dovecot never serves mail as root): :meth:`Dovecot.fill` gives it the files.
Nothing of the system's dovecot is used or started.
"""

from __future__ import annotations

import getpass
import mailbox
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests import mailcorpus

USER = "robin"
PASSWORD = "test-only-secret"


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


def require_dovecot() -> str:
    """The dovecot program; a missing one fails in CI and skips elsewhere (with the fix)."""
    found = dovecot_binary()
    if found is not None:
        return found
    message = "dovecot is not installed: run 'make dovecot' (Debian's dovecot-imapd)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    user: str
    password: str
    maildir: Path
    owner: tuple[int, int]
    """The mail user's uid and gid: the current user's, or nobody's when that is root."""

    def fill(self, folders: dict[str, list[EmailMessage]]) -> None:
        """Add messages to the user's Maildir ("INBOX" or a subfolder), as a mail
        delivery would, owned by the mail user."""
        mailcorpus.write_maildir(self.maildir, folders)
        _give(self.maildir, self.owner)


def _give(path: Path, owner: tuple[int, int]) -> None:
    if os.geteuid() != 0:
        return
    for place, dirs, names in os.walk(path):
        os.chown(place, *owner)
        for name in [*dirs, *names]:
            os.chown(os.path.join(place, name), *owner)


def _config(root: Path, port: int) -> str:
    rootless = os.geteuid() != 0
    me = getpass.getuser()
    users = f"default_login_user = {me}\ndefault_internal_user = {me}\n" if rootless else ""
    return f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = netweave-test-{port}
log_path = {root}/dovecot.log
protocols = imap
hostname = localhost
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 0
first_valid_gid = 0
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
mail_location = maildir:{root}/Maildir:INDEX={root}/index:CONTROL={root}/control
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No growing penalty after a failed login (a test logs in wrongly on purpose).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def _ready(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            return conn.recv(64).startswith(b"* OK")
    except OSError:
        return False


@contextmanager
def running() -> Iterator[Dovecot]:
    """A dovecot serving one user over IMAP on 127.0.0.1, stopped and removed afterwards."""
    binary = require_dovecot()
    # Not under pytest's tmp_path: its parents are private to the user, and dovecot's
    # unprivileged processes must reach their sockets.
    root = Path(tempfile.mkdtemp(prefix="netweave-dovecot-"))
    root.chmod(0o755)
    port = _free_port()
    # Dovecot never gives mail to root: as root, the mail user is nobody.
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    else:
        uid, gid = os.getuid(), os.getgid()
    mailbox.Maildir(root / "Maildir", create=True).close()
    for place in ("index", "control"):
        (root / place).mkdir()
    for place in ("Maildir", "index", "control"):
        _give(root / place, (uid, gid))
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}::\n")
    config = root / "dovecot.conf"
    config.write_text(_config(root, port))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while not _ready(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                stderr = (
                    process.stderr.read().decode()
                    if process.poll() is not None and process.stderr
                    else ""
                )
                pytest.fail(f"dovecot did not start on 127.0.0.1:{port}:\n{stderr}\n{log}")
            time.sleep(0.05)
        yield Dovecot("127.0.0.1", port, USER, PASSWORD, root / "Maildir", (uid, gid))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
        if not os.environ.get("NETWEAVE_KEEP_DOVECOT"):
            shutil.rmtree(root, ignore_errors=True)


__all__ = ["PASSWORD", "USER", "Dovecot", "dovecot_binary", "require_dovecot", "running"]
