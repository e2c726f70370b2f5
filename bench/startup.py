"""Start-up: what every command pays before it does its work (issue 16: under 0.3 s).

Times whole processes, as a user runs them: ``netweave --help``, and ``netweave person
list`` and ``netweave review`` on a small SQLite file (one owner and ten people), each
started fresh several times; the median of the wall time and of the CPU time is reported,
and the modules each one loaded (a row of its own: it does not depend on how busy the
machine is).

The runs may write compiled files (``__pycache__``, as an installed netweave has them):
with ``PYTHONDONTWRITEBYTECODE`` set, every run would compile netweave's modules again,
some 0.1 s a user never pays.
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
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _timed(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system of the process) of ``runs`` fresh runs: on a
    busy machine the wall time waits for the others, the CPU time much less."""
    times, cpu = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [*COMMAND, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"netweave {' '.join(args)} failed")
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times, cpu


def _modules(args: list[str]) -> int:
    code = (
        "import sys\nfrom netweave.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(len(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120
    )
    return int(done.stderr.strip().splitlines()[-1])


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
            _timed(args, 1)  # compiled files written, disk cache warm
            times, cpu = _timed(args, runs)
            modules = _modules(args)
            print(
                f"{name}: median {statistics.median(times):.3f} s "
                f"(CPU {statistics.median(cpu):.3f} s), {modules} modules",
                file=sys.stderr,
            )
            results.append(Result.of(name, "sqlite", 1, times, "s"))
            results.append(Result.of(f"{name}, CPU", "sqlite", 1, cpu, "s"))
            # What the machine's load does not change: the modules the command loads.
            results.append(Result.of(f"{name}, modules", "sqlite", 1, [modules], "modules"))
    return results


BENCHMARK = Benchmark("startup", run)
