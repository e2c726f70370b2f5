"""Validation on real data: does tie strength predict which pairs meet again?

For each SocioPatterns proximity log: split the time span at its middle, take
the conversations of the first half (as netweave imports them: one
interaction per run of 20-second records, lengths to the second,
department labels as groups), compute tie strength as of the split, and
measure the AUC with which it ranks the pairs of the first half by whether
they meet again in the second half, beside simple baselines.

``python -m bench.validation FILE [--groups METADATA]`` runs it on any file
of that format; ``python -m bench`` runs it on the data sets in
``../shared/data/sociopatterns`` (or ``$NETWEAVE_SOCIOPATTERNS``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import Benchmark, Options, Result
from netweave.analytics import Touch, pair_of, pair_strengths, read_rhythm, seconds, weigh
from netweave.importers.model import ParsedFile
from netweave.importers.parse import GroupsFile, ParseOptions, parse_file

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


def touches_of(parsed: ParsedFile) -> tuple[list[Touch], dict[int, frozenset[int]]]:
    """The log's conversations as touches, and each person's groups as contexts."""
    ids: dict[str, int] = {}

    def number(ref: str) -> int:
        return ids.setdefault(ref, len(ids) + 1)

    touches = []
    for draft in parsed.interactions:
        x, y = (number(ref) for ref in draft.participants)
        a, b = pair_of(x, y)
        touches.append(
            Touch(a, b, seconds(draft.occurred_at), draft.kind, draft.duration_minutes, None)
        )
    groups: dict[str, int] = {}
    contexts: dict[int, set[int]] = defaultdict(set)
    for membership in parsed.memberships:
        group = groups.setdefault(membership.group, len(groups) + 1)
        contexts[number(membership.person)].add(group)
    return touches, {person: frozenset(g) for person, g in contexts.items()}


def validate(name: str, log: Path, metadata: Path | None = None) -> Validation:
    options = ParseOptions(groups=GroupsFile.read(metadata) if metadata else None)
    touches, contexts = touches_of(parse_file(log, options=options))
    if not touches:
        raise ValueError(f"{log} holds no contacts")
    split = (min(t.at for t in touches) + max(t.at for t in touches)) / 2
    before = [t for t in touches if t.at <= split]
    again = {t.pair for t in touches if t.at > split}
    rhythm = read_rhythm(before)
    histories = weigh(before, split, rhythm)
    strengths = pair_strengths(histories, contexts=contexts)
    pairs = sorted(histories)
    labels = [pair in again for pair in pairs]
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


def validate_all() -> list[Validation]:
    folder = data_folder()
    found = []
    for name, (log, metadata) in DATA_SETS.items():
        if not (folder / log).exists():
            raise FileNotFoundError(f"the SocioPatterns data set {name} is not at {folder / log}")
        found.append(validate(name, folder / log, folder / metadata if metadata else None))
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
    results = []
    started = time.perf_counter()
    validations = validate_all()
    elapsed = time.perf_counter() - started
    for v in validations:
        for predictor, value in v.scores.items():
            results.append(Result.of(f"AUC {v.name} {predictor}", "-", v.pairs, [value], "AUC"))
    results.append(Result.of("validation run", "-", len(validations), [elapsed], "s"))
    out = Path(__file__).parent / "results" / "validation.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Tie strength validated on SocioPatterns\n\n" + table(validations) + "\n")
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
