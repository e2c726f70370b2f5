"""Importing large files: 30,000 LinkedIn connections and 10,000 vCards into SQLite.

The files are written from the sample network's people, in the formats the
real exports use (LinkedIn's current ``Connections.csv`` with its ``Notes:``
preamble and ``URL`` column, about a third with an email; vCard 3.0 cards with
structured names and organizations, two phones, an address, a note and a UID).
Each measurement runs in a child process so that its peak memory is its own
(its high-water mark, VmHWM: ``ru_maxrss`` would keep a larger parent's across
fork and exec): the first import into an empty workspace, then the same file again
into the workspace that now holds it (which must change nothing).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Benchmark, Options, Result
from netweave.sample import sample_network

SIZES = {"linkedin": 30_000, "vcard": 10_000}
QUICK_SIZES = {"linkedin": 3_000, "vcard": 1_000}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _slug(name: str, number: int) -> str:
    return "-".join(name.lower().split()) + f"-{number:x}"


def linkedin_file(size: int) -> bytes:
    """A ``Connections.csv`` of ``size`` rows, as LinkedIn exports it today."""
    people = sample_network(11, size).people
    out = io.StringIO()
    out.write(
        'Notes:\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n'
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for number, person in enumerate(people, 1):
        given, _, family = person.name.partition(" ")
        connected = person.met_on or person.created_at
        day = (
            f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}"
            if connected
            else ""
        )
        writer.writerow(
            [
                given,
                family,
                f"https://www.linkedin.com/in/{_slug(person.name, number)}",
                person.primary_email if number % 3 == 0 else "",
                person.company or "",
                person.title or "",
                day,
            ]
        )
    return out.getvalue().encode()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def vcard_file(size: int) -> bytes:
    """``size`` vCard 3.0 cards, as a phone or mail client exports them."""
    people = sample_network(13, size).people
    cards = []
    for number, person in enumerate(people, 1):
        given, _, family = person.name.partition(" ")
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_escape(family)};{_escape(given)};;;",
            f"FN:{_escape(person.name)}",
            f"ORG:{_escape(person.company or '')};Sales",
            f"TITLE:{_escape(person.title or '')}",
            *(f"EMAIL;TYPE=INTERNET,WORK:{email}" for email in person.emails),
            f"TEL;TYPE=CELL:+1 312 555 {number % 10_000:04d}",
            f"TEL;TYPE=WORK:+1 (773) 555-{(number * 7) % 10_000:04d}",
            f"ADR;TYPE=WORK:;;{number} Main St;Chicago;IL;60601;USA",
            f"NOTE:{_escape(person.notes or 'Met at the chamber mixer')}",
            f"UID:bench-{number}@example.com",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines))
    return ("\r\n".join(cards) + "\r\n").encode()


CHILD = """
import json, resource, sys, time
from netweave.services.imports import import_file
from netweave.storage import Store
store = Store.open(sys.argv[1])
timings = []
for _ in range(int(sys.argv[3])):
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(store, 1, sys.argv[2])
    timings.append(
        (time.perf_counter() - start, time.process_time() - cpu, report.created, report.updated)
    )
store.close()
try:  # this process's own high-water mark: ru_maxrss keeps the parent's across fork and exec
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    peak = int(line.split()[1]) / 1024
except (OSError, StopIteration):  # not Linux: the best figure there is
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"timings": timings, "peak_mb": peak}))
"""


def _child(url: str, path: Path, times: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, str(path), str(times)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _runs(kind: str, size: int, runs: int) -> list[Result]:
    first: list[float] = []
    again: list[float] = []
    cpu: list[float] = []
    again_cpu: list[float] = []
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
        source = Path(folder) / ("Connections.csv" if kind == "linkedin" else "contacts.vcf")
        source.write_bytes(linkedin_file(size) if kind == "linkedin" else vcard_file(size))
        for run in range(runs):
            db = Path(folder) / f"run{run}.db"
            from netweave.services import workspaces
            from netweave.storage import Store

            store = Store.open(f"sqlite:///{db}", create=True)
            workspaces.init_workspace(store, me="Bench Owner")
            store.close()
            found = _child(f"sqlite:///{db}", source, 2)
            timings = found["timings"]
            assert isinstance(timings, list)
            (seconds, cpu_seconds, created, _), again_timing = timings
            again_seconds, again_cpu_seconds, created_again, updated_again = again_timing
            if created == 0 or created_again or updated_again:
                raise RuntimeError(f"{kind}: the re-import changed something: {timings}")
            first.append(size / seconds)
            cpu.append(cpu_seconds)
            again_cpu.append(again_cpu_seconds)
            again.append(size / again_seconds)
            peak = found["peak_mb"]
            assert isinstance(peak, float)
            peaks.append(peak)
    label = "LinkedIn rows" if kind == "linkedin" else "vCards"
    return [
        Result.of(f"import {label}", "sqlite", size, first, "records/s"),
        Result.of(f"re-import {label}", "sqlite", size, again, "records/s"),
        # Wall time suffers when other work shares the machine; CPU time much less.
        Result.of(f"import {label}: CPU time", "sqlite", size, cpu, "s"),
        Result.of(f"re-import {label}: CPU time", "sqlite", size, again_cpu, "s"),
        Result.of(f"import {label}: peak memory", "sqlite", size, peaks, "MB"),
    ]


def run(options: Options) -> list[Result]:
    if "sqlite" not in options.backends:
        return []
    sizes = QUICK_SIZES if options.quick else SIZES
    return [result for kind, size in sizes.items() for result in _runs(kind, size, options.runs)]


BENCHMARK = Benchmark("import", run)

__all__ = ["BENCHMARK", "linkedin_file", "vcard_file"]
