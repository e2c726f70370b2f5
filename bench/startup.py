"""Start-up: what every command pays before it does its work (issue 16: under 0.3 s).

Times whole processes, as a user runs them: ``netweave --help``, and ``netweave person
list`` and ``netweave review`` on a small SQLite file (one owner and ten people), each
started fresh several times; the median of the wall time is reported, and the modules
each one loaded (a row of its own: it does not depend on how busy the machine is).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result

COMMAND = [sys.executable, "-m", "netweave"]


def _timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*COMMAND, *args], check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return times


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
            times = _timed(args, runs)
            modules = _modules(args)
            print(
                f"{name}: median {statistics.median(times):.3f} s, {modules} modules",
                file=sys.stderr,
            )
            results.append(Result.of(name, "sqlite", 1, times, "s"))
            # What the machine's load does not change: the modules the command loads.
            results.append(Result.of(f"{name}, modules", "sqlite", 1, [modules], "modules"))
    return results


BENCHMARK = Benchmark("startup", run)
