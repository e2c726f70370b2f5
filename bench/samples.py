"""The sample networks the benchmarks read: built once, kept, and copied where each is measured.

Building the 10,000-person sample through netweave's services takes 40–60 s on each
backend, and five benchmarks read it (duplicates, export, plans, review and the sample's
own). :func:`sample_file` builds each shape once, on SQLite, into a cache folder that
outlives the run; :func:`sample_into` copies it into the fresh database a benchmark
measures (SQLite's backup API, or ``COPY`` into a PostgreSQL schema,
:mod:`bench.copy_postgres`), which takes seconds.

The cache folder is ``NETWEAVE_BENCH_CACHE`` (``off``: a temporary folder per run), by
default ``~/.cache/netweave-bench``. A file's name holds its shape and a key of the code
that decides what it holds (the sample generator, the seeding service, the triggers that
keep its derived state): when any changes, the sample is built again; a newer schema is
reached by the migrations when the file is opened. What is timed never reads the cache:
only the setup before the timing does.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from bench import building
from bench.copy_postgres import copy_to_postgres

CACHE_ENV = "NETWEAVE_BENCH_CACHE"
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
_temporary: Path | None = None


def cache_folder() -> Path:
    """Where built files are kept (made when missing)."""
    global _temporary
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        if _temporary is None:
            _temporary = Path(tempfile.mkdtemp(prefix="netweave-bench-cache-"))
            atexit.register(shutil.rmtree, _temporary, True)
        return _temporary
    folder = Path(chosen) if chosen else Path.home() / ".cache" / "netweave-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def code_key(*extra: Path) -> str:
    """A short hash of the sources that decide what a built file holds, and of ``extra``."""
    digest = hashlib.sha256()
    paths: list[Path] = []
    for part in _KEYED:
        found = _SOURCE / part
        paths.extend(sorted(found.rglob("*.py")) if found.is_dir() else [found])
    for path in [*paths, *extra]:
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_file(name: str, make: Callable[[Path], None], *extra: Path) -> Path:
    """The file ``name`` (with the code key) in the cache folder, made by ``make(path)`` when
    missing; made under a temporary name first, so an interrupted run leaves no half file."""
    stem, dot, suffix = name.rpartition(".")
    path = cache_folder() / f"{stem}-{code_key(*extra)}{dot}{suffix}"
    if path.exists():
        return path
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    started = time.perf_counter()
    try:
        with building():
            make(partial)
        partial.replace(path)
    finally:
        for left in partial.parent.glob(f"{partial.name}*"):
            left.unlink()
    print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


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

    return cached_file(f"sample-{size}-s{seed}-d{density:g}-y{years:g}.db", build)


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


__all__ = ["CACHE_ENV", "cache_folder", "cached_file", "code_key", "sample_file", "sample_into"]
