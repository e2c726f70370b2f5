"""The preload process: imports the command line once, then forks a copy for each command.

``python -m netweave.preload.server SOCKET SEARCH_PATH`` (started by
:func:`netweave.preload.client.start`). One per socket: it holds ``SOCKET.lock`` while it
runs. It loads every command and what the common ones use, sets that aside from the cycle
collector (``gc.freeze``: the copies share those pages untouched), and serves until it has
been idle for ``NETWEAVE_PRELOAD_IDLE`` seconds, is told to stop, or finds that a file it
loaded has changed.

Nothing that holds state across commands is made before the fork: no database engine, no
thread (numpy's BLAS is told to use one thread, else it starts its pool on import), no
console. A copy takes the command's streams, folder, environment, umask and arguments, and
a fresh random state, so that two commands never share what one drew.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import gc
import io
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Iterator
from importlib import import_module
from pkgutil import walk_packages
from typing import Any

from netweave.errors import DEBUG_ENV, INTERNAL_ERROR
from netweave.preload import place, wire

PRELOADED = (
    "netweave.analytics",
    "netweave.commands",
    "netweave.domain",
    "netweave.planning",
    "netweave.services",
    "netweave.storage",
)
"""Packages imported whole, beside every command's module: what the commands use."""

_REQUEST_SECONDS = 3.0
"""A command sends its whole request at once: one that has not within this long (a stuck or
hostile client) is dropped, and the commands queued behind it are answered."""

READ_ON_IMPORT = (
    "TERMINAL_WIDTH",  # typer.rich_utils: the help's width
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "GITHUB_ACTIONS",  # typer.rich_utils: the help's colours, with the two below
    "FORCE_COLOR",
    "PY_COLORS",
    "TYPER_USE_RICH",  # typer.core
)
"""Variables the preloaded libraries read once, when imported: a command whose values
differ from the preload process's runs by itself (else it would get the help of another)."""


class Fingerprint:
    """Each loaded module's file, its size and modification time: when one changes (an
    upgrade, an edited source), the commands must not run the old code."""

    def __init__(self) -> None:
        self.files = dict(_file_states())

    def changed(self) -> bool:
        for path, state in self.files.items():
            try:
                now = os.stat(path)
            except OSError:
                return True
            if (now.st_mtime_ns, now.st_size) != state:
                return True
        return False


def _file_states() -> Iterator[tuple[str, tuple[int, int]]]:
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str):
            try:
                status = os.stat(path)
            except OSError:
                continue
            yield path, (status.st_mtime_ns, status.st_size)


def preload() -> int:
    """Import the command line, every command and :data:`PRELOADED`; the number of modules."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as netweave.cli.main
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    from netweave.cli.app import _command
    from netweave.cli.commands import ENTRIES, PERSON_MORE, build
    from netweave.domain.deferred import build_records

    _command()
    for entry in (*ENTRIES, *PERSON_MORE):
        build(entry)
    for name in PRELOADED:
        package = import_module(name)
        for found in walk_packages(package.__path__, f"{name}."):
            try:
                import_module(found.name)
            except Exception:  # an optional part that cannot load here: loaded when used
                continue
    import numpy  # noqa: F401  (the network's arithmetic)
    import sqlalchemy.dialects.sqlite  # noqa: F401
    import typer.rich_utils  # noqa: F401  (help)

    build_records()
    return len(sys.modules)


_held: list[int] = []
"""The lock's descriptor, which a command's copy closes (else a long command, ``serve``,
would hold the lock after the preload process ended)."""


def serve(path: str) -> None:
    lock = _lock(path)
    if lock is None:
        return  # another one serves this socket
    _held.append(lock)
    preload()
    fingerprint = Fingerprint()
    gc.collect()
    gc.freeze()
    listener = _listen(path)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the copies are reaped as they end
    signal.signal(signal.SIGTERM, _stop_now)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    listener.settimeout(place.idle_seconds())
    status = {"pid": os.getpid(), "since": time.time(), "served": 0, "path": path}
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                break  # idle
            except InterruptedError:
                continue
            with conn:
                if not _answer(conn, listener, fingerprint, status):
                    break
    except _Stop:
        pass
    finally:
        _unlink_own(path, listener)
        os.close(lock)


class _Stop(Exception):
    pass


def _stop_now(number: int, frame: Any) -> None:
    raise _Stop


def _answer(
    conn: socket.socket, listener: socket.socket, fingerprint: Fingerprint, status: dict[str, Any]
) -> bool:
    """Answer one connection; ``False`` when the preload process must end."""
    if not wire.same_user(conn):
        return True
    try:
        request, fds = wire.receive(conn, fds=3, seconds=_REQUEST_SECONDS)
    except (OSError, wire.WireError):
        return True
    try:
        kind = request.get("kind")
        if kind == "status":
            wire.send(conn, {**status, "idle": place.idle_seconds()})
            return True
        if kind == "stop":
            wire.send(conn, {"stopped": os.getpid()})
            return False
        if kind != "run" or len(fds) != 3 or not isinstance(request.get("env"), dict):
            wire.send(conn, {"refused": "not a command"})
            return True
        if any(request["env"].get(name) != os.environ.get(name) for name in READ_ON_IMPORT):
            wire.send(conn, {"refused": "another environment"})
            return True
        if fingerprint.changed():
            wire.send(conn, {"stale": True})
            return False
        status["served"] += 1
        if os.fork() == 0:
            _command(conn, listener, request, fds)  # never returns
    except OSError:
        pass
    finally:
        for fd in fds:
            os.close(fd)
    return True


def _command(
    conn: socket.socket, listener: socket.socket, request: dict[str, Any], fds: list[int]
) -> None:
    """The forked copy: becomes the command, runs it, sends its exit code and ends."""
    code = INTERNAL_ERROR
    try:
        listener.close()
        for fd in _held:
            os.close(fd)
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for number in request.get("ignored") or ():  # nohup's SIGHUP, for one
            with contextlib.suppress(TypeError, ValueError, OSError):
                signal.signal(number, signal.SIG_IGN)
        conn.settimeout(None)
        _take_over(request, fds)
        wire.send(conn, {"pid": os.getpid()})
        _watch(conn)
        code = _run(request["argv"])
    except BaseException:  # the last line of defence: an exit code, never silence
        code = INTERNAL_ERROR
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
        except BaseException:
            pass
        with contextlib.suppress(OSError):
            wire.send(conn, {"exit": code})
        os._exit(code)


def _watch(conn: socket.socket) -> None:
    """End the command (SIGTERM) if its ``netweave`` process goes (``kill -9``, a crash):
    by itself the command would have gone with it, not served on with nobody to stop it.
    That process says nothing more once it has asked, so anything on the socket is its end."""
    import select
    import threading

    def watch() -> None:
        poll = select.poll()
        poll.register(conn.fileno(), select.POLLIN | select.POLLRDHUP)
        while not poll.poll():
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="netweave-preload-watch", daemon=True).start()


def _take_over(request: dict[str, Any], fds: list[int]) -> None:
    """The command's streams, folder, environment, umask and arguments; a fresh random state."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    os.umask(int(request["umask"]))
    encodings = request.get("encodings") or [[None, None]] * 3
    unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))
    streams = [
        _stream(fd, encoding, errors, unbuffered=unbuffered)
        for fd, (encoding, errors) in enumerate(encodings)
    ]
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.argv = list(request["argv"])
    if "random" in sys.modules:
        sys.modules["random"].seed()
    gc.enable()


def _stream(
    fd: int, encoding: str | None, errors: str | None, *, unbuffered: bool
) -> io.TextIOWrapper:
    """A standard stream as Python makes its own (``create_stdio``): no newline translation,
    line-buffered at a terminal and for standard error, unbuffered under ``PYTHONUNBUFFERED``."""
    raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
    buffer: Any = raw
    if fd == 0:
        buffer = io.BufferedReader(raw)
    elif not unbuffered:
        buffer = io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffer,
        encoding=encoding,
        errors=errors,
        newline="\n",
        line_buffering=not unbuffered and (fd == 2 or raw.isatty()),
        write_through=unbuffered,
    )


def _run(argv: list[str]) -> int:
    """The command, as ``netweave`` itself runs it; its exit code as Python would make it."""
    from netweave.cli import run_here

    try:
        run_here(argv[1:])
    except SystemExit as ended:
        if ended.code is None:
            return 0
        if isinstance(ended.code, int):
            return ended.code
        print(ended.code, file=sys.stderr)
        return 1
    return 0


def _lock(path: str) -> int | None:
    if not place.private_folder(path, make=True):
        return None
    fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    for _ in range(20):  # one that found itself stale may be ending: a moment for it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError:
            time.sleep(0.1)
    os.close(fd)
    return None


def _listen(path: str) -> socket.socket:
    """Listen on ``path`` (a socket left by one that ended is replaced: the lock says no
    other one runs)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    return listener


def _unlink_own(path: str, listener: socket.socket) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
    listener.close()


def main(argv: list[str]) -> None:
    path, search_path = argv
    sys.path[:] = search_path.split(os.pathsep)
    place.served_path = list(sys.path)
    os.chdir("/")
    serve(path)


if __name__ == "__main__":
    main(sys.argv[1:])
