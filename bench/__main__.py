"""``python -m bench [--quick] [--runs N] [--only NAME] [--backend NAME] [--prepare]``.

Makes the input files the chosen benchmarks read that are not in the cache folder yet (on
both cores, :mod:`bench.inputs`), then runs every chosen benchmark, prints one table, and
saves it as markdown to ``bench/results/latest.md``; ``--prepare`` only makes the files.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import time
from pathlib import Path

import sqlalchemy

# Each `netweave` a benchmark starts runs by itself: a preload process (netweave.preload)
# would run it in another process, whose time and memory the benchmark does not see.
# bench/startup.py starts its own for its preloaded rows.
os.environ["NETWEAVE_PRELOAD"] = "off"

from bench import (
    Benchmark,
    Options,
    Result,
    build_sample,
    building_seconds,
    cards,
    duplicates,
    export_contacts,
    import_files,
    import_peaks,
    inputs,
    machine,
    mail_sync,
    network,
    plans,
    review,
    startup,
    targets,
    ties,
    validation,
    web,
)

# Register new benchmark modules here.
BENCHMARKS: list[Benchmark] = [
    machine.BENCHMARK,  # first: how fast the machine is, for comparing runs across days
    build_sample.BENCHMARK,
    import_files.BENCHMARK,
    import_peaks.BENCHMARK,
    mail_sync.BENCHMARK,
    export_contacts.BENCHMARK,
    duplicates.BENCHMARK,
    plans.BENCHMARK,
    review.BENCHMARK,
    ties.BENCHMARK,
    network.BENCHMARK,
    validation.BENCHMARK,
    web.BENCHMARK,
    startup.BENCHMARK,
    cards.BENCHMARK,
]

RESULTS = Path(__file__).parent / "results" / "latest.md"
COLUMNS = ("name", "backend", "size", "median", "unit", "runs", "per item")
NUMBERS = ("size", "median", "runs", "per item")


def _cells(result: Result) -> tuple[str, ...]:
    median = f"{result.median:,.0f}" if result.median >= 100 else f"{result.median:.3g}"
    return (
        result.name,
        result.backend,
        f"{result.size:,}",
        median,
        result.unit,
        str(result.runs),
        result.per_item,
    )


def text_table(results: list[Result]) -> str:
    rows = [COLUMNS, *(_cells(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    right = {2, 3, 5, 6}
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


TARGETS_HEADING = "Issue 16's targets:"
BUDGET = targets.BUDGET_MINUTES * 60
"""Seconds the whole ``make bench`` may take on the 2-core machine, without building its input
files (issue 16)."""


Spent = dict[str, tuple[float, float]]
"""Per benchmark: its seconds in all, and of them the seconds spent building input files."""


def spent_table(spent: Spent) -> list[str]:
    """Where the run's time went: one markdown row per benchmark, longest first."""
    rows = sorted(spent.items(), key=lambda item: -item[1][0])
    return ["| benchmark | seconds | of which building files |", "| --- | ---: | ---: |"] + [
        f"| {name} | {seconds:,.0f} | {built:,.0f} |" for name, (seconds, built) in rows
    ]


def without_building(seconds: float, spent: Spent) -> float:
    """The run's seconds less those spent building input files (which a second run reads
    from the cache folder)."""
    return seconds - sum(built for _, built in spent.values())


def markdown(
    results: list[Result], options: Options, seconds: float, spent: Spent, *, whole: bool
) -> str:
    environment = (
        f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.machine()}; "
        f"{'quick, ' if options.quick else ''}{options.runs} runs each, "
        f"{seconds:.0f} s in all, {without_building(seconds, spent):.0f} s without building "
        "input files."
    )
    lines = [
        "# netweave benchmarks",
        "",
        environment,
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if c in NUMBERS else "---" for c in COLUMNS) + " |",
    ]
    lines.extend("| " + " | ".join(_cells(r)) + " |" for r in results)
    lines.extend(["", "Time per benchmark:", "", *spent_table(spent)])
    minutes = without_building(seconds, spent) / 60 if whole else None
    building = (seconds - without_building(seconds, spent)) / 60
    judged = targets.target_lines(results, minutes, building)
    if len(judged) > 2:  # a header and its rule: no target measured
        lines.extend(["", TARGETS_HEADING, "", *judged])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    parser.add_argument(
        "--backend", action="append", choices=("sqlite", "postgres"), help="repeatable"
    )
    parser.add_argument(
        "--prepare", action="store_true", help="only make the missing input files, then stop"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    if not chosen:
        parser.error(f"no benchmark called {args.only}; there are {[b.name for b in BENCHMARKS]}")
    options = Options.from_env(
        quick=args.quick, runs=args.runs, backends=tuple(args.backend or ("sqlite", "postgres"))
    )
    started = time.perf_counter()
    results: list[Result] = []
    spent: Spent = {}
    made = inputs.prepare(
        each for benchmark in chosen if benchmark.inputs for each in benchmark.inputs(options)
    )
    if made:
        took = time.perf_counter() - started
        spent["input files"] = (took, took)
    if args.prepare:
        print(f"{made} input files made; the others were in {inputs.cache_folder()}")
        return 0
    for benchmark in chosen:
        print(f"running {benchmark.name} ...", file=sys.stderr, flush=True)
        begun, built = time.perf_counter(), building_seconds()
        found = benchmark.run(options)
        results.extend(found)
        took, built = time.perf_counter() - begun, building_seconds() - built
        spent[benchmark.name] = (took, built)
        print(
            f"  {benchmark.name}: {took:.0f} s, of which {built:.0f} s building input files",
            file=sys.stderr,
            flush=True,
        )
        if len(chosen) > 1 and found:  # each benchmark's rows as it ends: a long run shows them
            print(text_table(found), file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(text_table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    whole = not args.only and not args.quick
    saved = markdown(results, options, seconds, spent, whole=whole)
    RESULTS.write_text(saved)
    if TARGETS_HEADING in saved:
        print("\n" + saved[saved.index(TARGETS_HEADING) :], end="")
    measuring = without_building(seconds, spent)
    print(
        f"\nsaved to {RESULTS} ({seconds:.0f} s; {measuring:.0f} s without building input files)",
        file=sys.stderr,
    )
    if measuring > BUDGET and whole:
        print(
            f"the run took {measuring / 60:.1f} min without building input files, over its "
            f"{BUDGET // 60} min budget",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
