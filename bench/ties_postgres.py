"""The tie-strength benchmark's workspace on PostgreSQL, beside the SQLite figures.

:func:`measure` copies the SQLite file :mod:`bench.ties_data` wrote into a fresh
PostgreSQL schema (:func:`bench.copy_postgres.copy_to_postgres`, the tie state included),
then times there ``netweave ties --all-pairs --csv`` (its own process, start-up included;
its CSV checked equal to the SQLite run's) and the review service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench import Options, Result, postgres_reachable, postgres_schema, timed
from bench.copy_postgres import copy_to_postgres
from bench.ties_reference import differences
from netweave.storage import Store


def measure(
    path: Path,
    sqlite_csv: Path,
    label: str,
    people: int,
    options: Options,
    run: Callable[[list[str], Path | None], float],
    netweave: Callable[[str], list[str]],
    as_of: datetime,
) -> list[Result]:
    """``ties --all-pairs --csv`` and the review service on PostgreSQL, on the workspace of
    the SQLite file at ``path`` (whose own CSV is ``sqlite_csv``): ``[]`` when PostgreSQL is
    not chosen or not reachable."""
    if "postgres" not in options.backends or not postgres_reachable(options.postgres_url):
        return []
    from netweave.services import review

    with postgres_schema(options.postgres_url) as url:
        copy_to_postgres(path, url)  # the tie state copied as it is, not rebuilt
        ours = sqlite_csv.with_name("postgres.csv")
        argv = [*netweave(url), "--csv", "--as-of", as_of.isoformat()]
        mine = [run(argv, ours) for _ in range(options.runs)]
        found = differences(ours, sqlite_csv)
        if found:
            raise AssertionError(f"PostgreSQL and SQLite differ: {found[:5]}")
        store = Store.open(url)
        try:
            briefing = timed(options.runs, lambda: review.review(store, 1, as_of, as_of.date()))
        finally:
            store.close()
    return [
        Result.of(f"ties --all-pairs --csv ({label})", "postgres", people, mine, "s"),
        Result.of(f"review service ({label})", "postgres", people, briefing, "s"),
    ]


__all__ = ["measure"]
