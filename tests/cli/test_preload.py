"""The preload process (netweave.preload): commands run through it exactly as by themselves.

Each test starts a real preload process with the real ``netweave`` command, in a folder of
its own, and compares what a command does through it with the same command run by itself.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netweave.preload import place, wire
from netweave.preload.server import Fingerprint
from tests.processes import netweave_command, source_env


def _run(
    args: list[str], env: dict[str, str], *, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*netweave_command(), *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _env(folder: str, mode: str) -> dict[str, str]:
    return {
        **source_env(),
        place.MODE_ENV: mode,
        place.DIR_ENV: folder,
        place.IDLE_ENV: "120",
        "COLUMNS": "200",
    }


@pytest.fixture
def folder() -> Iterator[str]:
    # Short (a socket's path has at most 107 bytes), and this user's alone.
    made = tempfile.mkdtemp(prefix="nwp-", dir="/tmp")
    yield made
    shutil.rmtree(made, ignore_errors=True)


@pytest.fixture
def preloaded(folder: str) -> Iterator[dict[str, str]]:
    """The environment of commands that run through a preload process started for them."""
    env = _env(folder, "on")
    started = _run(["preload", "start", "--json"], env)
    assert started.returncode == 0, started.stderr
    yield env
    _run(["preload", "stop"], env)


def _served(env: dict[str, str]) -> int:
    status = _run(["preload", "status", "--json"], env)
    assert status.returncode == 0, status.stderr
    answer = json.loads(status.stdout)
    assert answer["running"], answer
    return int(answer["served"])


def test_commands_through_it_do_what_they_do_by_themselves(
    preloaded: dict[str, str], tmp_path: Path
) -> None:
    alone = {**preloaded, place.MODE_ENV: "off"}
    db = str(tmp_path / "small.db")
    before = _served(preloaded)
    for args in (["init", "--me", "Robin Vale"], ["person", "add", "Ann Example"]):
        assert _run(["--db", db, *args], preloaded).returncode == 0
    cases = [
        ["--db", db, "person", "list"],
        ["--db", db, "person", "list", "--json"],
        ["--db", db, "person", "show", "Nobody Known"],  # an error: its message and code
        ["--db", db, "person", "add"],  # a usage error (Click's exit code 2)
        ["--help"],
        ["--db", db, "review"],
    ]
    for args in cases:
        through, by_itself = _run(args, preloaded), _run(args, alone)
        assert (through.returncode, through.stdout, through.stderr) == (
            by_itself.returncode,
            by_itself.stdout,
            by_itself.stderr,
        ), args
    assert _run(["--db", db, "person", "show", "Nobody Known"], preloaded).returncode == 3
    assert "Ann Example" in _run(["--db", db, "person", "list"], preloaded).stdout
    assert _served(preloaded) == before + 2 + len(cases) + 2  # those run through it


def test_a_command_gets_its_folder_environment_umask_and_input(
    preloaded: dict[str, str], tmp_path: Path
) -> None:
    # A relative --db is the command's folder's; $NETWEAVE_DATABASE_URL is the command's.
    made = subprocess.run(
        [*netweave_command(), "--db", "mine.db", "init", "--me", "Robin Vale"],
        env=preloaded,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE((tmp_path / "mine.db").stat().st_mode) == 0o600
    named = {**preloaded, "NETWEAVE_DATABASE_URL": str(tmp_path / "mine.db")}
    assert "Robin Vale" in _run(["person", "list"], named).stdout
    # Standard input is the command's: the password is read from it.
    db = str(tmp_path / "mine.db")
    mail = [
        "--db",
        db,
        "mail",
        "set",
        "--smtp-host",
        "smtp.example.org",
        "--smtp-user",
        "r@v.example",
    ]
    assert _run(mail, preloaded).returncode == 0
    kept = tmp_path / "password"
    given = _run(["--db", db, "mail", "password", "--file", str(kept)], preloaded, stdin="s3cret\n")
    assert given.returncode == 0, given.stderr
    assert kept.read_text().strip() == "s3cret"


def test_ctrl_c_reaches_the_command(preloaded: dict[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "served.db")
    assert _run(["--db", db, "init", "--me", "Robin Vale"], preloaded).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = _served(preloaded)
    with subprocess.Popen(
        [*netweave_command(), "--db", db, "serve", "--port", str(port)],
        env=preloaded,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # As at a terminal: a run started in the background by a script (CI's, say)
        # ignores Ctrl+C, and so would the command, by itself as through the preload.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as serving:
        until = time.monotonic() + 60
        while time.monotonic() < until:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        serving.send_signal(signal.SIGINT)
        try:
            ended = serving.wait(timeout=30)
        finally:
            if serving.poll() is None:  # never hang the suite: its copy ends with it
                serving.kill()
        assert ended == 130  # as by itself: interrupted
    with pytest.raises(ConnectionRefusedError):  # the command itself ended, not only its client
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    assert _served(preloaded) == before + 1  # it ran in the preload process


def test_it_ends_when_idle_and_commands_then_run_by_themselves(folder: str, tmp_path: Path) -> None:
    env = {**_env(folder, "on"), place.IDLE_ENV: "1"}
    assert _run(["preload", "start"], env).returncode == 0
    sockets = list(Path(folder).glob("*.sock"))
    assert len(sockets) == 1
    until = time.monotonic() + 30
    while sockets[0].exists() and time.monotonic() < until:
        time.sleep(0.1)
    assert not sockets[0].exists()
    alone = {**env, place.MODE_ENV: "auto"}  # not at a terminal: none is started
    done = _run(["--db", str(tmp_path / "a.db"), "init", "--me", "Robin Vale"], alone)
    assert done.returncode == 0, done.stderr
    assert "no preload process" in _run(["preload", "status"], alone).stdout


def test_a_folder_others_can_write_is_not_used(folder: str, tmp_path: Path) -> None:
    os.chmod(folder, 0o777)
    env = _env(folder, "on")
    refused = _run(["preload", "start"], env)
    assert refused.returncode == 1
    assert "must be yours alone" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = _run(["--db", str(tmp_path / "a.db"), "init", "--me", "Robin Vale"], env)
    assert done.returncode == 0, done.stderr  # the command ran by itself
    assert list(Path(folder).iterdir()) == []


def test_a_changed_file_is_seen(tmp_path: Path) -> None:
    module = tmp_path / "nw_fingerprinted.py"
    module.write_text("VALUE = 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        import nw_fingerprinted  # noqa: F401

        fingerprint = Fingerprint()
        assert not fingerprint.changed()
        module.write_text("VALUE = 22\n")
        assert fingerprint.changed()
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("nw_fingerprinted", None)


def test_a_malformed_message_is_an_error_not_a_hang() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"\x00\x00\x00\x05nope!")
        with pytest.raises(wire.WireError):
            wire.receive(right)
        left.sendall(b"\xff\xff\xff\xff")
        with pytest.raises(wire.WireError):
            wire.receive(right)
        left.close()
        with pytest.raises(wire.WireError):
            wire.receive(right)


NOT_FOR_A_PRELOADED_COMMAND = (
    "typing",  # even the standard library's heavier parts wait for the preload process
    "netweave.collector",
    "netweave.cli.app",
    "typer",
    "rich",
    "sqlalchemy",
    "pydantic",
)


def test_a_preloaded_command_loads_only_the_client(preloaded: dict[str, str]) -> None:
    script = (
        "import sys\nfrom netweave.cli import main\nsys.argv = ['netweave', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('@@', *sorted(sys.modules))"
    )
    before = _served(preloaded)
    done = subprocess.run(
        [sys.executable, "-c", script], env=preloaded, capture_output=True, text=True, timeout=120
    )
    assert "Usage: netweave" in done.stdout  # the help, written by the preload process
    loaded = set(done.stdout.split("@@")[1].split())
    assert "netweave.preload.client" in loaded
    early = sorted(name for name in NOT_FOR_A_PRELOADED_COMMAND if name in loaded)
    assert early == [], f"imported by a preloaded command's own process: {early}"
    assert _served(preloaded) == before + 1


def test_a_closed_standard_stream_is_not_the_socket(
    preloaded: dict[str, str], tmp_path: Path
) -> None:
    # With its output closed (``>&-``), the command's socket took descriptor 1: the preload
    # process wrote the command's output into it, and one longer than the socket's buffer
    # never ended.
    db = str(tmp_path / "demo.db")
    assert _run(["--db", db, "demo", "--fresh"], preloaded).returncode == 0
    listed = ["--db", db, "-w", "demo", "person", "list", "--json"]  # some 200 kB
    done = subprocess.run(
        ["bash", "-c", '"$@" >&-', "netweave", *netweave_command(), *listed],
        env=preloaded,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_a_stalled_client_holds_up_no_other_command(preloaded: dict[str, str]) -> None:
    status = json.loads(_run(["preload", "status", "--json"], preloaded).stdout)
    descriptors = Path(f"/proc/{status['pid']}/fd")
    held = len(list(descriptors.iterdir())) if descriptors.exists() else 0
    stalled = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with stalled:
        stalled.connect(status["path"])
        # Half a request, with descriptors: the preload process must not keep them.
        socket.send_fds(stalled, [b"\x00\x00\x00\x64{"], [0, 1, 2])
        started = time.monotonic()
        assert _run(["--help"], preloaded).returncode == 0
        assert time.monotonic() - started < 8  # it waited 10 s, and a trickle held it for good
        assert _served(preloaded) == status["served"] + 1
        if descriptors.exists():
            assert len(list(descriptors.iterdir())) == held


def test_preload_after_global_options_finds_the_same_process(preloaded: dict[str, str]) -> None:
    plain = json.loads(_run(["preload", "status", "--json"], preloaded).stdout)
    after = _run(["--workspace", "x", "preload", "status", "--json"], preloaded)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["pid"] == plain["pid"]


def test_the_same_python_by_another_name_is_the_same_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "python-link"
    link.symlink_to(sys.executable)
    path = place.socket_path()
    monkeypatch.setattr(sys, "executable", str(link))
    assert place.socket_path() == path


def test_an_ignored_signal_stays_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    from netweave.preload import client

    left, right = socket.socketpair()
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    # Ctrl+C as at a terminal (a background run by a script ignores it from the start).
    interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with left, right:
            right.sendall(b"\x00\x00\x00\x02{}")  # refused: the command runs by itself
            assert client._ask(left, ["netweave", "--help"], "off", "unused") is None
            request, fds = wire.receive(right, fds=3)
            for fd in fds:
                os.close(fd)
        assert signal.SIGHUP in request["ignored"]
        assert signal.SIGINT not in request["ignored"]
    finally:
        signal.signal(signal.SIGHUP, previous)
        signal.signal(signal.SIGINT, interrupt)
