"""Validation on real data: does tie strength predict which pairs meet again?

For each SocioPatterns proximity log: split the time span at its middle,
import the records of the first half into a real database with netweave's
import (one interaction per run of 20-second records, lengths stored to the
second, department labels as groups), read the touches back from storage,
compute tie strength as of the split, and measure the AUC with which it
ranks the pairs of the first half by whether they meet again in the second
half (read from the whole log, never imported), beside simple baselines.

``python -m bench.validation FILE [--groups METADATA]`` runs it on any file
of that format (on a temporary SQLite file); ``python -m bench --only
validation --backend sqlite|postgres`` on either backend; ``python -m
bench`` runs it on the data sets in ``../shared/data/sociopatterns`` (or
``$NETWEAVE_SOCIOPATTERNS``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import Benchmark, Options, Result, on_backends
from netweave.analytics import pair_strengths, read_rhythm, seconds, weigh
from netweave.domain.touch import moment
from netweave.importers.model import ParsedFile
from netweave.importers.parse import GroupsFile, ParseOptions, parse_file
from netweave.importers.sociopatterns import RESOLUTION
from netweave.services import workspaces
from netweave.services.database import open_database
from netweave.services.imports import ImportOptions, import_file
from netweave.storage import analytics as analytics_db
from netweave.storage import people as people_db

DATA_ENV = "NETWEAVE_SOCIOPATTERNS"
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "sociopatterns"
DATA_SETS = {  # name: (log, metadata or None), relative to the data folder
    "SFHH": ("SFHH/tij_SFHH.dat", None),
    "InVS13": ("InVS13/tij_InVS.dat", "InVS13/metadata_InVS13.txt"),
}


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The probability that a random positive outranks a random negative (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda item: item[0])
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        raise ValueError("AUC needs both outcomes among the pairs")
    rank_sum, start = 0.0, 0
    while start < len(ranked):
        end = start
        while end < len(ranked) and ranked[end][0] == ranked[start][0]:
            end += 1
        mid_rank = (start + 1 + end) / 2
        rank_sum += mid_rank * sum(1 for _, label in ranked[start:end] if label)
        start = end
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


@dataclass(frozen=True)
class Validation:
    name: str
    pairs: int
    again: int
    half_life_hours: float
    scores: dict[str, float]
    """AUC of each predictor: strength and the baselines."""


def _badge_pairs(parsed: ParsedFile, after: float) -> set[tuple[str, str]]:
    """The pairs (by badge) with a conversation starting after ``after``."""
    found = set()
    for draft in parsed.interactions:
        if seconds(draft.occurred_at) > after:
            x, y = (ref.removeprefix("badge:") for ref in draft.participants)
            found.add((x, y) if x < y else (y, x))
    return found


def _first_half(log: Path, split: float, folder: Path) -> Path:
    """The log's lines up to ``split`` (a record at t covers the 20 s before t)."""
    kept = [
        line
        for line in log.read_text().splitlines()
        if line.split() and float(line.split()[0]) - RESOLUTION <= split
    ]
    path = folder / f"first-half-{log.name}"
    path.write_text("\n".join(kept) + "\n")
    return path


def validate(
    name: str, log: Path, metadata: Path | None = None, url: str | None = None
) -> Validation:
    """Import the first half into the database at ``url`` (a temporary SQLite file by
    default), then score the pairs as of the split against the second half."""
    groups = GroupsFile.read(metadata) if metadata else None
    parsed = parse_file(log, options=ParseOptions(groups=groups))
    if not parsed.interactions:
        raise ValueError(f"{log} holds no contacts")
    starts = [seconds(d.occurred_at) for d in parsed.interactions]
    split = (min(starts) + max(starts)) / 2
    again_badges = _badge_pairs(parsed, split)
    with tempfile.TemporaryDirectory() as folder:
        store = open_database(url or f"sqlite:///{Path(folder) / 'validation.db'}", create=True)
        try:
            ws = workspaces.init_workspace(store, name=f"validation {name}").id
            assert ws is not None
            options = ImportOptions(groups=groups) if groups else None
            import_file(store, ws, _first_half(log, split, Path(folder)), options)
            as_of = moment(split)
            with store.transaction() as conn:
                before = analytics_db.touches(conn, ws, until=as_of)
                contexts = analytics_db.group_contexts(conn, ws, on=as_of)
                badge = {p.id: p.name for p in people_db.list_people(conn, ws)}
        finally:
            store.close()
    rhythm = read_rhythm(before)
    histories = weigh(before, split, rhythm)
    strengths = pair_strengths(histories, contexts=contexts)
    pairs = sorted(histories)
    labels = [tuple(sorted((badge[a], badge[b]))) in again_badges for a, b in pairs]
    minutes: dict[tuple[int, int], float] = defaultdict(float)
    for touch in before:
        minutes[touch.pair] += touch.minutes or 0
    predictors = {
        "strength": [strengths[p].strength for p in pairs],
        "contacts": [float(histories[p].touches) for p in pairs],
        "minutes": [minutes[p] for p in pairs],
        "recency": [histories[p].last - split for p in pairs],
    }
    return Validation(
        name=name,
        pairs=len(pairs),
        again=sum(labels),
        half_life_hours=rhythm.half_life / 3600,
        scores={key: auc(values, labels) for key, values in predictors.items()},
    )


def data_folder() -> Path:
    return Path(os.environ.get(DATA_ENV) or DATA)


def validate_all(url: str | None = None) -> list[Validation]:
    folder = data_folder()
    found = []
    for name, (log, metadata) in DATA_SETS.items():
        if not (folder / log).exists():
            raise FileNotFoundError(f"the SocioPatterns data set {name} is not at {folder / log}")
        found.append(validate(name, folder / log, folder / metadata if metadata else None, url))
    return found


def table(results: Sequence[Validation]) -> str:
    names = list(results[0].scores)
    lines = [
        "| data set | pairs | meet again | half-life | " + " | ".join(names) + " |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for r in results:
        cells = " | ".join(f"{r.scores[n]:.3f}" for n in names)
        lines.append(
            f"| {r.name} | {r.pairs:,} | {r.again:,} | {r.half_life_hours:.1f} h | {cells} |"
        )
    return "\n".join(lines)


def _run(options: Options) -> list[Result]:
    results: list[Result] = []
    tables = []

    def measure(url: str, backend: str, _size: int, _runs: int) -> list[Result]:
        # The AUCs do not vary between runs (no randomness): one run, timed.
        started = time.perf_counter()
        validations = validate_all(url)
        elapsed = time.perf_counter() - started
        tables.append(f"## {backend}\n\n{table(validations)}\n")
        rows = [
            Result.of(f"AUC {v.name} {predictor}", backend, v.pairs, [value], "AUC")
            for v in validations
            for predictor, value in v.scores.items()
        ]
        return [*rows, Result.of("validation run", backend, len(validations), [elapsed], "s")]

    results = on_backends(options, (1,), measure)
    out = Path(__file__).parent / "results" / "validation.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Tie strength validated on SocioPatterns\n\n" + "\n".join(tables))
    return results


BENCHMARK = Benchmark("validation", _run)

__all__ = ["BENCHMARK", "auc", "validate"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.validation", description=__doc__)
    parser.add_argument("log", nargs="?", type=Path, help="a 't i j' proximity log")
    parser.add_argument("--groups", type=Path, help="its 'id<TAB>group' metadata")
    args = parser.parse_args(argv)
    if args.log is None:
        print(table(validate_all()))
    else:
        print(table([validate(args.log.name, args.log, args.groups)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
