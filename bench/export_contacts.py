"""Exporting people as vCard and Google CSV: the writers alone, and from a SQLite workspace.

The workspace is copied in once per size (not timed; built once, bench/samples.py); each
run then exports every person, reading them from the database, as ``netweave export
--format`` does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench import Benchmark, Options, Result
from bench.inputs import Input
from bench.samples import sample_input, sample_into
from netweave.exporters import google, vcard
from netweave.sample import sample_network
from netweave.services.exports import ExportFormat, export_bytes
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
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            ws = sample_into(url, size, seed=SEED)
            store = Store.open(url)
            try:
                for format in (ExportFormat.VCARD, ExportFormat.CSV):
                    export = partial(export_bytes, store, ws, format)
                    rates = [_rate(size, export) for _ in range(options.runs)]
                    results.append(Result.of(f"export {format}", "sqlite", size, rates, "people/s"))
            finally:
                store.close()
    return results


def _inputs(options: Options) -> list[Input]:
    if "sqlite" not in options.backends:
        return []
    return [sample_input(size, seed=SEED) for size in (QUICK_SIZES if options.quick else SIZES)]


BENCHMARK = Benchmark("export_contacts", run, _inputs)

__all__ = ["BENCHMARK", "run"]
