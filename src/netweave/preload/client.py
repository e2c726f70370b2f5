"""The command's side: hand the command to a preload process, or say it must run here.

:func:`run_preloaded` returns the command's exit code when a preload process ran it, and
``None`` when the command must run in this process: no preload process (one may be started
for the next command), a stale one, or one that refused before running anything. Once the
preload process said it runs the command, the command is never run a second time here.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from netweave.preload import place

TYPE_CHECKING = False  # typing is not imported: every command pays for this module
if TYPE_CHECKING:
    import socket
    from types import FrameType

OWN_COMMANDS = ("preload",)
"""Commands that always run here: they manage the preload process itself."""


def run_preloaded(argv: Sequence[str]) -> int | None:
    """Run ``argv`` (``sys.argv``: the program, then its arguments) in the preload process."""
    chosen = place.mode()
    if os.name != "posix" or chosen == "off" or any(arg in OWN_COMMANDS for arg in argv[1:2]):
        return None
    if not _streams_open():
        return None  # a closed one's number would be the socket's: the command's output in it
    path = place.socket_path()
    if not place.private_folder(path, make=False):
        _maybe_start(chosen, path)
        return None
    sock = _connect(path)
    if sock is None:
        _maybe_start(chosen, path)
        return None
    with sock:
        return _ask(sock, argv, chosen, path)


def _streams_open() -> bool:
    """Whether standard input, output and error are all open (``>&-`` closes one)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            return False
    return True


def _connect(path: str) -> socket.socket | None:
    if not os.path.exists(path):
        return None  # nothing more is imported by a command that runs by itself
    import socket

    from netweave.preload import wire

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        if not wire.same_user(sock):  # not ours: the streams are not handed to it
            sock.close()
            return None
    except OSError:  # none there, or one that ended without removing its socket
        sock.close()
        return None
    return sock


def _ask(sock: socket.socket, argv: Sequence[str], chosen: str, path: str) -> int | None:
    from netweave.preload import wire

    try:
        cwd = os.getcwd()
    except OSError:  # a folder removed under the shell: the command may still run here
        return None
    umask = os.umask(0o022)
    os.umask(umask)
    request = {
        "kind": "run",
        "argv": list(argv),
        "cwd": cwd,
        "env": dict(os.environ),
        "umask": umask,
        "encodings": [_encoding(stream) for stream in (sys.stdin, sys.stdout, sys.stderr)],
        "ignored": [number for number in _FORWARDED if _ignored(number)],
    }
    try:
        sock.settimeout(30)  # a preload process answers at once, or is not well
        wire.send(sock, request, [0, 1, 2])
        answer, _ = wire.receive(sock)
    except (OSError, wire.WireError):
        return None  # nothing ran
    pid = answer.get("pid")
    if not isinstance(pid, int):  # stale (it ends itself) or refused: nothing ran
        if answer.get("stale"):
            _maybe_start(chosen, path)
        return None
    sock.settimeout(None)
    with _forwarding(pid) as forwarding:
        try:
            done, _ = wire.receive(sock)
        except (OSError, wire.WireError):
            done = {}
    code = done.get("exit")
    if not isinstance(code, int):
        if forwarding.fatal is not None:
            # The signal this process passed on ended the command: it ends this one too,
            # so that its parent sees what it would have seen (143 for SIGTERM, not 1).
            signal.signal(forwarding.fatal, signal.SIG_DFL)
            os.kill(os.getpid(), forwarding.fatal)
        print("netweave: the command ended without saying how", file=sys.stderr)
        return 1
    return code


def _encoding(stream: object) -> list[str | None]:
    return [getattr(stream, "encoding", None), getattr(stream, "errors", None)]


_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
_FATAL = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
"""Forwarded signals that end a Python process by default (SIGINT raises KeyboardInterrupt)."""


def _ignored(number: int) -> bool:
    """Whether this process ignores the signal (``nohup`` ignores SIGHUP; a shell script's
    background job, SIGINT): the command must ignore it too."""
    return signal.getsignal(number) is signal.SIG_IGN


class _forwarding:
    """Signals this process gets go to the command: Ctrl+C interrupts it, a closed terminal
    hangs it up; Ctrl+Z stops both, and ``fg`` carries both on. A signal this process
    ignores stays ignored (the command ignores it too)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before: dict[int, object] = {}
        self.fatal: int | None = None
        """The last forwarded signal that ends a process by default."""

    def __enter__(self) -> _forwarding:
        for number in _FORWARDED:
            if not _ignored(number):
                self.before[number] = signal.signal(number, self._forward)
        self.before[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, self._stop)
        self.before[signal.SIGCONT] = signal.signal(signal.SIGCONT, self._carry_on)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self.before.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _forward(self, number: int, frame: FrameType | None) -> None:
        if number in _FATAL:
            self.fatal = number
        self._kill(number)

    def _stop(self, number: int, frame: FrameType | None) -> None:
        # The command is not in this terminal's process group: stop it, then this process.
        self._kill(signal.SIGSTOP)
        os.kill(os.getpid(), signal.SIGSTOP)

    def _carry_on(self, number: int, frame: FrameType | None) -> None:
        self._kill(signal.SIGCONT)

    def _kill(self, number: int) -> None:
        try:  # noqa: SIM105  (contextlib is not loaded for a preloaded command)
            os.kill(self.pid, number)
        except OSError:
            pass  # it has just ended


def _maybe_start(chosen: str, path: str) -> None:
    """Start a preload process in the background for the next command, where the mode says
    so (see :mod:`netweave.preload`)."""
    if chosen == "on" or (chosen == "auto" and _typed_at_a_terminal()):
        start(path)


def _typed_at_a_terminal() -> bool:
    if os.environ.get("CI"):
        return False
    try:
        return os.isatty(0) and os.isatty(1)
    except OSError:
        return False


def start(path: str) -> int | None:
    """Start a preload process for ``path`` in a session of its own, and return its
    process id (``None`` when it could not be started: the command runs here all the same)."""
    import subprocess  # only when one is started

    if not place.private_folder(path, make=True):
        return None
    command = [
        sys.executable,
        "-m",
        "netweave.preload.server",
        path,
        os.pathsep.join(place.search_path()),
    ]
    try:
        started = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        return None
    return started.pid


def ask(path: str, kind: str) -> dict[str, object] | None:
    """What the preload process at ``path`` answers to ``status`` or ``stop``; ``None`` when
    none answers (or one in a folder that is not this user's alone: commands do not use it)."""
    if not place.private_folder(path, make=False):
        return None
    sock = _connect(path)
    if sock is None:
        return None
    from netweave.preload import wire

    with sock:
        try:
            sock.settimeout(10)
            wire.send(sock, {"kind": kind})
            answer, _ = wire.receive(sock)
        except (OSError, wire.WireError):
            return None
    return answer


def start_and_wait(path: str, seconds: float = 30.0) -> dict[str, object] | None:
    """The status of the preload process at ``path``, started first when none runs and
    waited for until it answers (``None``: it did not within ``seconds``)."""
    import time

    running = ask(path, "status")
    if running is not None:
        return running
    if start(path) is None:
        return None
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        time.sleep(0.05)
        running = ask(path, "status")
        if running is not None:
            return running
    return None


__all__ = ["OWN_COMMANDS", "ask", "run_preloaded", "start", "start_and_wait"]
