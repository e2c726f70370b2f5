"""The benchmarks' input files are made before anything is measured (bench/inputs.py): each
missing one once, the costliest first, in processes of their own; a failure stops the run."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from bench import building_seconds
from bench.inputs import Input, missing, prepare


def _write(path: Path, text: str) -> None:
    path.write_text(text)


def _fail(message: str) -> None:
    raise ValueError(message)


def _input(path: Path, seconds: float = 1.0, label: str | None = None) -> Input:
    return Input(label or path.name, seconds, path.exists, partial(_write, path, path.name))


def test_missing_leaves_out_what_is_made_and_repeats_and_puts_the_costliest_first(
    tmp_path: Path,
) -> None:
    made = tmp_path / "made"
    made.write_text("")
    small, large = _input(tmp_path / "small", 1.0), _input(tmp_path / "large", 90.0)
    again = _input(tmp_path / "small", 1.0)
    found = missing([small, _input(made, 500.0), large, again])
    assert [each.label for each in found] == ["large", "small"]


def test_prepare_makes_each_missing_file_in_another_process(tmp_path: Path) -> None:
    already = tmp_path / "already"
    already.write_text("kept")
    paths = [tmp_path / f"file{n}" for n in range(3)]
    before = building_seconds()
    count = prepare([_input(p, n) for n, p in enumerate(paths)] + [_input(already)], workers=2)
    assert count == 3
    assert [p.read_text() for p in paths] == ["file0", "file1", "file2"]
    assert already.read_text() == "kept"  # made already: not made again
    assert building_seconds() > before  # counted as building, apart from the measurements
    assert prepare([_input(p) for p in paths], workers=2) == 0


def test_a_failure_to_make_an_input_stops_the_run(tmp_path: Path) -> None:
    broken = Input("broken", 1.0, (tmp_path / "never").exists, partial(_fail, "no fonts"))
    with pytest.raises(ValueError, match="no fonts"):
        prepare([broken], workers=1)
