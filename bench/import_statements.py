"""Where an import's database time goes: each statement's total time, an import and a re-import.

``python -m bench.import_statements KIND SIZE [--backend sqlite|postgres] [--top N]`` writes
the import benchmark's file of that kind (``LinkedIn``, ``vCards``, ``contact-log``) and
size, imports it into a fresh workspace twice (the second changes nothing), and prints the
wall time of each and the statements that took longest in all (SQLAlchemy's cursor events;
``executemany`` counts once per call). Not part of ``make bench``: a profile, for the
figures in docs/importing.md.
"""

from __future__ import annotations

import argparse
import collections
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench import Options, postgres_schema
from bench.import_files import KINDS


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "postgres":
        server = Options.from_env(quick=True, runs=1, backends=(backend,)).postgres_url
        with postgres_schema(server) as url:
            yield url
    else:
        yield f"sqlite:///{folder / 'statements.db'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=[k.label.split()[0] for k in KINDS])
    parser.add_argument("size", type=int)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    kind = next(k for k in KINDS if k.label.split()[0] == args.kind)
    spent: collections.Counter[str] = collections.Counter()
    calls: collections.Counter[str] = collections.Counter()

    def before(conn: Any, *_: Any) -> None:
        conn.info["netweave_started"] = time.perf_counter()

    def after(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        key = " ".join(statement.split())[:140]
        spent[key] += time.perf_counter() - conn.info["netweave_started"]
        calls[key] += 1

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    from netweave.services import workspaces
    from netweave.services.imports import import_file
    from netweave.storage import Store

    with tempfile.TemporaryDirectory() as folder, _database(args.backend, Path(folder)) as url:
        source = Path(folder) / kind.file_name
        kind.write(source, args.size)
        store = Store.open(url, create=True)
        try:
            ws = workspaces.init_workspace(store, me="Bench Owner").id
            assert ws is not None
            for label in ("import", "again"):
                spent.clear()
                calls.clear()
                started = time.perf_counter()
                import_file(store, ws, str(source))
                print(f"{label}: {time.perf_counter() - started:.1f} s")
                for key, seconds in spent.most_common(args.top):
                    print(f"  {seconds:7.2f} s {calls[key]:6d}x  {key}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
