"""Start-up: what every command pays before it does its work (issue 16: under 0.3 s).

Times whole processes, as a user runs them: ``netweave --help``, and ``netweave person
list`` and ``netweave review`` on a small SQLite file (one owner and ten people), each
started fresh several times; the median of the wall time and of the CPU time is reported,
and the modules each one loaded (a row of its own: it does not depend on how busy the
machine is).

The runs may write compiled files (``__pycache__``, as an installed netweave has them):
with ``PYTHONDONTWRITEBYTECODE`` set, every run would compile netweave's modules again,
some 0.1 s a user never pays.

Each case is timed twice: by itself (``NETWEAVE_PRELOAD=off``), and through a preload process
(netweave.preload), started once beforehand as ``netweave preload start`` does, which is what
a user at a terminal gets from the second command on. The preloaded rows' CPU time is the
command's own process only (the work is done in the preload process's copy), so they report
the wall time and the modules the command's own process loaded.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result

COMMAND = [sys.executable, "-m", "netweave"]
_ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "NETWEAVE_PRELOAD": "off",
}


def _timed(args: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system of the process) of ``runs`` fresh runs: on a
    busy machine the wall time waits for the others, the CPU time much less."""
    times, cpu = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [*COMMAND, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"netweave {' '.join(args)} failed")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times, cpu


def _modules(args: list[str], env: dict[str, str]) -> int:
    """The modules the command's own process loaded (as ``netweave`` runs it: ``sys.argv``)."""
    code = (
        "import sys\nfrom netweave.cli import main\n"
        f"sys.argv = ['netweave', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(len(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return int(done.stderr.strip().splitlines()[-1])


def _preloaded(folder: str) -> dict[str, str]:
    """The environment of commands run through a preload process, started now in ``folder``."""
    env = {**_ENV, "NETWEAVE_PRELOAD": "on", "NETWEAVE_PRELOAD_DIR": folder}
    subprocess.run([*COMMAND, "preload", "start"], check=True, capture_output=True, env=env)
    return env


def run(options: Options) -> list[Result]:
    runs = 5 if options.quick else 11
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "small.db")
        subprocess.run(
            [*COMMAND, "--db", db, "init", "--me", "Robin Vale"], check=True, capture_output=True
        )
        for number in range(10):
            subprocess.run(
                [*COMMAND, "--db", db, "person", "add", f"Person {number}"],
                check=True,
                capture_output=True,
            )
        cases = {
            "start-up: netweave --help": ["--help"],
            "start-up: person list (11 people)": ["--db", db, "person", "list"],
            "start-up: review (11 people)": ["--db", db, "review"],
        }
        results = []
        for name, args in cases.items():
            _timed(args, 1, _ENV)  # compiled files written, disk cache warm
            times, cpu = _timed(args, runs, _ENV)
            modules = _modules(args, _ENV)
            print(
                f"{name}: median {statistics.median(times):.3f} s "
                f"(CPU {statistics.median(cpu):.3f} s), {modules} modules",
                file=sys.stderr,
            )
            results.append(Result.of(name, "sqlite", 1, times, "s"))
            results.append(Result.of(f"{name}, CPU", "sqlite", 1, cpu, "s"))
            # What the machine's load does not change: the modules the command loads.
            results.append(Result.of(f"{name}, modules", "sqlite", 1, [modules], "modules"))
        # A socket's path is short: the folder is made in /tmp, not under a long TMPDIR.
        with tempfile.TemporaryDirectory(prefix="nwp-", dir="/tmp") as sockets:
            env = _preloaded(sockets)
            try:
                for name, args in cases.items():
                    _timed(args, 1, env)
                    times, _cpu = _timed(args, runs, env)
                    modules = _modules(args, env)
                    label = f"{name}, preloaded"
                    print(
                        f"{label}: median {statistics.median(times):.3f} s, "
                        f"{modules} modules in its own process",
                        file=sys.stderr,
                    )
                    results.append(Result.of(label, "sqlite", 1, times, "s"))
                    results.append(
                        Result.of(f"{label}, modules", "sqlite", 1, [modules], "modules")
                    )
            finally:
                subprocess.run([*COMMAND, "preload", "stop"], capture_output=True, env=env)
    return results


BENCHMARK = Benchmark("startup", run)
