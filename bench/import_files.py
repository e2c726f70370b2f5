"""Importing files at three sizes a factor of ten apart, on SQLite and PostgreSQL.

LinkedIn connections (300, 3,000, 30,000 rows), vCards (100, 1,000, 10,000 cards) and
contact logs (10,000, 100,000, 1,000,000 rows), written by :mod:`bench.import_samples`.
Each measurement runs in a child process so that its peak memory is its own (its
high-water mark, VmHWM: ``ru_maxrss`` would keep a larger parent's across fork and exec):
the first import into an empty workspace, then the same file again into the workspace
that now holds it (which must change nothing; not for a million rows, where it would add a
minute and more, and the peak is the first import's alone). Every row also gives its median per
record (the peak memory's: what is above the memory the process held before it
imported), so that linear growth (or worse) shows at a glance; ``--quick`` keeps the
two smaller sizes.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import Benchmark, Options, Result, building, postgres_reachable, postgres_schema
from bench.import_samples import linkedin_file, vcard_file, write_contact_log


@dataclass(frozen=True)
class Kind:
    label: str
    file_name: str
    sizes: tuple[int, int, int]
    write: Callable[[Path, int], None]


KINDS = (
    Kind(
        "LinkedIn rows",
        "Connections.csv",
        (300, 3_000, 30_000),
        lambda path, size: path.write_bytes(linkedin_file(size)),
    ),
    Kind(
        "vCards",
        "contacts.vcf",
        (100, 1_000, 10_000),
        lambda path, size: path.write_bytes(vcard_file(size)),
    ),
    Kind("contact-log rows", "contacts-log.csv", (10_000, 100_000, 1_000_000), write_contact_log),
)

CHILD = """
import json, sys, time
from netweave.errors import InvalidInput
from netweave.services.imports import import_file
from netweave.storage import Store
def memory(field):
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field))
    return int(line.split()[1]) / 1024
store = Store.open(sys.argv[1])
base = memory("VmRSS:")
timings = []
try:
    for _ in range(int(sys.argv[4])):
        start, cpu = time.perf_counter(), time.process_time()
        report = import_file(store, int(sys.argv[3]), sys.argv[2])
        timings.append(
            (time.perf_counter() - start, time.process_time() - cpu, report.created, report.updated)
        )
except InvalidInput as error:
    print(json.dumps({"refused": str(error)}))
    sys.exit(0)
finally:
    store.close()
# this process's own high-water mark: ru_maxrss keeps the parent's across fork and exec
peak = memory("VmHWM:")
print(json.dumps({"timings": timings, "peak_mb": peak, "base_mb": base}))
"""


@contextmanager
def _workspace(backend: str, folder: Path, options: Options) -> Iterator[tuple[str, int]]:
    """A URL to a fresh database (SQLite) or schema (PostgreSQL) and its workspace's id."""
    from netweave.services import workspaces
    from netweave.storage import Store

    with postgres_schema(options.postgres_url) if backend == "postgres" else _sqlite(folder) as url:
        store = Store.open(url, create=True)
        try:
            ws = workspaces.init_workspace(store, me="Bench Owner").id
        finally:
            store.close()
        yield url, ws


@contextmanager
def _sqlite(folder: Path) -> Iterator[str]:
    db = folder / "bench.db"
    try:
        yield f"sqlite:///{db}"
    finally:
        for path in folder.glob("bench.db*"):
            path.unlink()


def _child(url: str, path: Path, ws: int, imports: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, str(path), str(ws), str(imports)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@dataclass
class Measured:
    first: list[float]
    again: list[float]
    cpu: list[float]
    peaks: list[float]
    bases: list[float]


def _measure(
    kind: Kind, backend: str, source: Path, size: int, options: Options, runs: int
) -> Measured | str:
    """``runs`` runs of one file (of ``size`` records) on one backend, or why the file was
    refused."""
    measured = Measured([], [], [], [], [])
    # The re-import, which must change nothing, from the file of a million rows too would
    # take another minute and more: the smaller sizes show it.
    imports = 1 if size >= MILLION else 2
    for _ in range(runs):
        with (
            tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder,
            _workspace(backend, Path(folder), options) as (url, ws),
        ):
            found = _child(url, source, ws, imports)
        if "refused" in found:
            return str(found["refused"])
        timings = found["timings"]
        assert isinstance(timings, list)
        (seconds, cpu_seconds, created, _), *again = timings
        if created == 0 or any(made or changed for _, _, made, changed in again):
            raise RuntimeError(f"{kind.label}: the re-import changed something: {timings}")
        peak, base = found["peak_mb"], found["base_mb"]
        assert isinstance(peak, float)
        assert isinstance(base, float)
        measured.bases.append(base)
        measured.first.append(seconds)
        measured.again.extend(wall for wall, _, _, _ in again)
        measured.cpu.append(cpu_seconds)
        measured.peaks.append(peak)
    return measured


def _rows(kind: Kind, backend: str, found: dict[int, Measured]) -> list[Result]:
    item = "record"
    metrics: tuple[tuple[str, str, Callable[[Measured], list[float]]], ...] = (
        (f"import {kind.label}", "s", lambda m: m.first),
        (f"re-import {kind.label}", "s", lambda m: m.again),
        # Wall time suffers when other work shares the machine; CPU time much less.
        (f"import {kind.label}: CPU time", "s", lambda m: m.cpu),
    )
    results = [
        Result.of(name, backend, size, values(measured), unit, item=item)
        for name, unit, values in metrics
        for size, measured in found.items()
        if values(measured)  # no re-import of a million rows
    ]
    # The peak per record counts what is above the memory of the process before it
    # imports (the interpreter and netweave's modules, about 65 MB).
    results.extend(
        Result.of(
            f"import {kind.label}: peak memory",
            backend,
            size,
            measured.peaks,
            "MB",
            item=item,
            above=statistics.median(measured.bases),
        )
        for size, measured in found.items()
    )
    return results


MILLION = 1_000_000
LARGE = 100_000


def run(options: Options) -> list[Result]:
    backends = [b for b in ("sqlite", "postgres") if b in options.backends]
    if "postgres" in backends and not postgres_reachable(options.postgres_url):
        backends.remove("postgres")
    results: list[Result] = []
    for kind in KINDS:
        sizes = kind.sizes[:2] if options.quick else kind.sizes
        found: dict[str, dict[int, Measured]] = {backend: {} for backend in backends}
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
                source = Path(folder) / kind.file_name
                with building():  # not kept: written again each run
                    kind.write(source, size)
                # A file of 100,000 rows or more runs once (a 1M-row log takes minutes), and
                # a million rows only on SQLite: `make bench` stays within its 20 minutes.
                # The 30,000 LinkedIn rows and 10,000 vCards of the targets take seconds:
                # their rows on SQLite (the targets') are medians, as the smaller sizes'
                # are; PostgreSQL's, beside them, run once.
                for backend in backends:
                    if backend == "postgres" and size >= MILLION:
                        continue
                    largest = size >= LARGE or (backend == "postgres" and size == sizes[-1])
                    runs = 1 if largest and not options.quick else options.runs
                    measured = _measure(kind, backend, source, size, options, runs)
                    if isinstance(measured, str):
                        print(f"import {kind.label} {size:,}: refused: {measured}", file=sys.stderr)
                    else:
                        found[backend][size] = measured
        for backend in backends:
            results.extend(_rows(kind, backend, found[backend]))
    return results


BENCHMARK = Benchmark("import", run)

__all__ = ["BENCHMARK", "KINDS", "linkedin_file", "vcard_file", "write_contact_log"]
