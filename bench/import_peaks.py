"""`netweave import` as a user runs it: the whole process's peak memory and CPU time (issue 16:
30,000 LinkedIn rows and 10,000 vCards each under 2 s and 120 MB).

Each run imports the file into a fresh SQLite workspace in a new process that runs the
command line as ``netweave`` does (its start-up included, about 60 MB), and reports the
process's high-water mark (VmHWM, read by the process itself as it exits: ``ru_maxrss``
would keep a larger parent's across fork and exec) and its CPU time (user + system). The
files are :mod:`bench.import_samples`'s, as in :mod:`bench.import_files`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Benchmark, Options, Result
from bench.import_samples import linkedin_file, vcard_file

FILES = (
    ("LinkedIn rows", "Connections.csv", 30_000, linkedin_file),
    ("vCards", "contacts.vcf", 10_000, vcard_file),
)

# The command line as the process's own (``main()`` without arguments), then the peak.
CHILD = """
import atexit, sys
def peak():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    print(int(line.split()[1]) / 1024, file=sys.stderr)
atexit.register(peak)
from netweave.cli import main
sys.argv = ["netweave", *sys.argv[1:]]
main()
"""
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _run(args: list[str]) -> tuple[float, float]:
    """(peak MB, CPU seconds) of one process running ``netweave args``."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_ENV,
        text=True,
    )
    assert process.stderr is not None
    said = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"netweave {' '.join(args)} failed: {said[-500:]}")
    return float(said.strip().splitlines()[-1]), usage.ru_utime + usage.ru_stime


def run(options: Options) -> list[Result]:
    runs = 1 if options.quick else options.runs
    results = []
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
        for label, file_name, size, write in FILES:
            source = Path(folder) / file_name
            source.write_bytes(write(size))
            peaks, cpu = [], []
            for _ in range(runs):
                db = Path(folder) / "bench.db"
                for old in Path(folder).glob("bench.db*"):
                    old.unlink()
                _run(["--db", str(db), "init", "--me", "Bench Owner"])
                peak, seconds = _run(["--db", str(db), "import", str(source)])
                peaks.append(peak)
                cpu.append(seconds)
            print(
                f"netweave import, {size:,} {label}: peak {statistics.median(peaks):.1f} MB, "
                f"CPU {statistics.median(cpu):.2f} s",
                file=sys.stderr,
            )
            results.append(Result.of(f"netweave import {label}: peak", "sqlite", size, peaks, "MB"))
            results.append(Result.of(f"netweave import {label}: CPU", "sqlite", size, cpu, "s"))
    return results


BENCHMARK = Benchmark("import_peaks", run)
