"""Exporting people as vCard and Google CSV: the writers alone, and from a SQLite workspace.

The workspace is built once per size (not timed); each run then exports every
person, reading them from the database, as ``netweave export --format`` does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench import Benchmark, Options, Result
from netweave.exporters import google, vcard
from netweave.sample import sample_network
from netweave.services.exports import ExportFormat, export_bytes
from netweave.services.seed import create_sample_workspace
from netweave.storage import Store

SIZES = (1_000, 10_000)
QUICK_SIZES = (1_000,)
SEED = 7


def _rate(size: int, export: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    export()
    return size / (time.perf_counter() - start)


def run(options: Options) -> list[Result]:
    results = []
    for size in QUICK_SIZES if options.quick else SIZES:
        network = sample_network(SEED, size)
        people = list(network.people)
        writers = {
            "write vcard": partial(vcard.write, people, workspace="bench"),
            "write google csv": partial(google.write, people),
        }
        for name, write in writers.items():
            rates = [_rate(size, write) for _ in range(options.runs)]
            results.append(Result.of(name, "-", size, rates, "people/s"))
        if "sqlite" not in options.backends:
            continue
        with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
            store = Store.open(f"sqlite:///{Path(folder) / 'bench.db'}", create=True)
            try:
                ws = create_sample_workspace(store, network, name="bench").id
                assert ws is not None
                for format in (ExportFormat.VCARD, ExportFormat.CSV):
                    export = partial(export_bytes, store, ws, format)
                    rates = [_rate(size, export) for _ in range(options.runs)]
                    results.append(Result.of(f"export {format}", "sqlite", size, rates, "people/s"))
            finally:
                store.close()
    return results


BENCHMARK = Benchmark("export_contacts", run)

__all__ = ["BENCHMARK", "run"]
