"""The sample networks the benchmarks read: built once, kept, and copied where each is measured.

Building the 10,000-person sample through netweave's services takes 40–60 s on each
backend, and five benchmarks read it (duplicates, export, plans, review and the sample's
own). :func:`sample_file` builds each shape once, on SQLite, into a cache folder that
outlives the run; :func:`sample_into` copies it into the fresh database a benchmark
measures (SQLite's backup API, or ``COPY`` into a PostgreSQL schema,
:mod:`bench.copy_postgres`), which takes seconds.

The cache folder is :func:`bench.inputs.cache_folder`; :func:`sample_input` names a sample
as an input a benchmark reads, made before the run measures anything. A file's name holds
its shape and a key of the code that decides what it holds (the sample generator, the
seeding service, the triggers that keep its derived state): when any changes, the sample
is built again; a newer schema is reached by the migrations when the file is opened. What
is timed never reads the cache: only the setup before the timing does.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

from bench import building
from bench.copy_postgres import copy_to_postgres
from bench.inputs import Input, cache_folder

_SOURCE = Path(__file__).resolve().parent.parent / "src" / "netweave"
_KEYED = (
    "sample",
    "services/seed.py",
    "storage/tie_triggers.py",
    "storage/tie_bulk.py",
    "storage/last_touch.py",
)
"""The code that decides what a sample file holds (relative to the netweave package): the
generator, and the triggers and bulk path that keep its derived state (a newer version of
them is not brought to a kept file by migrations). The rest of the schema is: a kept file is
brought to the newest schema when it is opened."""


def code_key(*extra: str) -> str:
    """A short hash of the sources that decide what a built file holds (their paths within
    the package and their text: the same code in another checkout gives the same key), and
    of ``extra`` (more source text)."""
    digest = hashlib.sha256()
    paths: list[Path] = []
    for part in _KEYED:
        found = _SOURCE / part
        paths.extend(sorted(found.rglob("*.py")) if found.is_dir() else [found])
    for path in paths:
        digest.update(path.relative_to(_SOURCE).as_posix().encode())
        digest.update(path.read_bytes())
    for text in extra:
        digest.update(text.encode())
    return digest.hexdigest()[:12]


def cached_path(name: str, *extra: str) -> Path:
    """Where the file ``name`` is kept: in the cache folder, with the code key in its name."""
    stem, dot, suffix = name.rpartition(".")
    return cache_folder() / f"{stem}-{code_key(*extra)}{dot}{suffix}"


def cached_file(name: str, make: Callable[[Path], None], *extra: str) -> Path:
    """The file ``name`` (with the code key) in the cache folder, made by ``make(path)`` when
    missing; made under a temporary name first, so an interrupted run leaves no half file."""
    path = cached_path(name, *extra)
    if path.exists():
        return path
    unfinished = path.with_name(f"{path.name}.{os.getpid()}.partial")
    started = time.perf_counter()
    try:
        with building():
            make(unfinished)
        unfinished.replace(path)
    finally:
        for left in unfinished.parent.glob(f"{unfinished.name}*"):
            left.unlink()
    print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _sample_name(size: int, seed: int, density: float, years: float) -> str:
    return f"sample-{size}-s{seed}-d{density:g}-y{years:g}.db"


def sample_file(size: int, *, seed: int = 7, density: float = 1.0, years: float = 1.5) -> Path:
    """A SQLite file holding the sample of that shape as workspace "bench" (built once)."""

    def build(path: Path) -> None:
        from netweave.sample import sample_network
        from netweave.services.seed import create_sample_workspace
        from netweave.storage import Store

        store = Store.open(f"sqlite:///{path}", create=True)
        try:
            network = sample_network(seed, size, density=density, years=years)
            create_sample_workspace(store, network, name="bench")
        finally:
            store.close()  # checkpoints the write-ahead log into the file

    return cached_file(_sample_name(size, seed, density, years), build)


def sample_input(size: int, *, seed: int = 7, density: float = 1.0, years: float = 1.5) -> Input:
    """:func:`sample_file` of that shape as an input a benchmark reads (made before the run
    measures anything: :func:`bench.inputs.prepare`)."""
    name = _sample_name(size, seed, density, years)
    return Input(
        f"sample of {size:,} people (seed {seed}, density {density:g}, {years:g} years)",
        size / 10_000 * 110,  # 10,000 people: about 110 s on the 2-core machine, any shape
        lambda: cached_path(name).exists(),
        partial(sample_file, size, seed=seed, density=density, years=years),
    )


def sample_into(
    url: str, size: int, *, seed: int = 7, density: float = 1.0, years: float = 1.5
) -> int:
    """The sample of that shape copied into the empty database at ``url`` (a SQLite file or a
    PostgreSQL schema): the id of its workspace."""
    from sqlalchemy import select

    from netweave.storage import Store
    from netweave.storage import tables as t

    source = sample_file(size, seed=seed, density=density, years=years)
    if url.startswith("sqlite"):
        target = url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(source)) as built, closing(sqlite3.connect(target)) as copy:
            built.backup(copy)
    else:
        copy_to_postgres(source, url)
    store = Store.open(url)
    try:
        with store.transaction() as conn:
            found = conn.execute(select(t.workspace.c.id).where(t.workspace.c.name == "bench"))
            return int(found.scalar_one())
    finally:
        store.close()


__all__ = [
    "cached_file",
    "cached_path",
    "code_key",
    "sample_file",
    "sample_input",
    "sample_into",
]
