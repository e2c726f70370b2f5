"""The benchmarks' verdicts on issue 16's targets (bench/targets.py) read the right rows."""

from __future__ import annotations

from bench import Result
from bench.targets import NOT_MEASURED, TARGETS, Target, target_lines


def _row(name: str, median: float, unit: str, size: int = 1, backend: str = "sqlite") -> Result:
    return Result(name, backend, size, median, unit, 1)


def test_a_figure_at_or_under_its_limit_is_met_and_one_over_is_not() -> None:
    target = Target("review", "review service (10,000,000 interactions)", 0.5)
    assert target.judge([_row(target.name, 0.5, "s")])[2] == "met"
    assert target.judge([_row(target.name, 0.51, "s")])[2] == "**not met**"


def test_only_the_row_of_its_size_and_backend_counts() -> None:
    target = Target("p95", "web dashboard (20/s open loop): p95", 100.0, 10_000)
    rows = [
        _row(target.name, 20.0, "ms", 100),
        _row(target.name, 20.0, "ms", 10_000, "postgres"),
    ]
    assert target.judge(rows)[2] == NOT_MEASURED
    rows.append(_row(target.name, 140.0, "ms", 10_000))
    assert target.judge(rows) == ("140 ms", "at most 100 ms", "**not met**")


def test_every_asks_for_the_whole_count_its_unit_names() -> None:
    target = Target("current", "dashboard right after a write: scores current", size=10, every=True)
    assert target.judge([_row(target.name, 20, "of 20", 10)])[2] == "met"
    assert target.judge([_row(target.name, 19, "of 20", 10)])[2] == "**not met**"


def test_a_part_of_the_run_shows_only_what_it_measured_and_no_budget() -> None:
    startup = next(t for t in TARGETS if t.name == "start-up: netweave --help")
    partial = target_lines([_row(startup.name, 0.2, "s")], None)
    assert len(partial) == 3
    assert partial[2].endswith("| met |")
    whole = target_lines([_row(startup.name, 0.2, "s")], 21.0)
    assert len(whole) == len(TARGETS) + 3
    assert whole[-1].endswith("| **not met** |")
    assert "21.0 min" in whole[-1]


def test_a_first_run_judges_its_length_with_the_input_files_it_made() -> None:
    warm = target_lines([], 12.0)
    assert warm[-1].startswith("| `make bench` without building input files | 12.0 min")
    first = target_lines([], 12.0, building=9.5)
    assert len(first) == len(warm) + 1
    assert first[-2] == warm[-1]
    assert "(9.5 min of it) | 21.5 min | at most 20 min | **not met** |" in first[-1]
    assert target_lines([], 12.0, building=7.0)[-1].endswith("| 19.0 min | at most 20 min | met |")
