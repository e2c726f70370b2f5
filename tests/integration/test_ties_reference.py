"""The benchmark's reference (ADBC → Arrow → DuckDB) gives netweave's all-pairs strengths."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.ties_data import AS_OF, write
from bench.ties_reference import differences, reference

from netweave.services import review
from netweave.storage import Store


def _netweave_csv(path: Path, out: Path) -> None:
    store = Store.open(f"sqlite:///{path}")
    try:
        rows = review.tie_table(store, 1, AS_OF, all_pairs=True)
    finally:
        store.close()
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["a", "b", "strength"])
        writer.writerows(rows)


def test_the_reference_gives_the_same_strengths(tmp_path: Path) -> None:
    db = tmp_path / "ties.db"
    write(db, 300, 6_000, seed=3)
    ours, theirs = tmp_path / "netweave.csv", tmp_path / "reference.csv"
    _netweave_csv(db, ours)
    reference(db, AS_OF, theirs)
    assert differences(ours, theirs) == []
    rows = theirs.read_text().splitlines()
    assert len(rows) > 1000  # pairs of neighbours on the ring, with mutual contacts


def test_the_check_sees_a_changed_strength(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "a.csv", tmp_path / "b.csv"
    ours.write_text("a,b,strength\nx,y,1.5\nx,z,2.0\n")
    theirs.write_text("a,b,strength\nx,y,1.5001\nx,z,2.0\n")
    assert differences(ours, theirs) == []  # one unit of the last place: rounding
    theirs.write_text("a,b,strength\nx,y,1.5002\nx,z,2.0\n")
    assert len(differences(ours, theirs)) == 1
    theirs.write_text("a,b,strength\nx,y,1.5\n")
    assert differences(ours, theirs) == ["pairs differ: 0 missing, 1 extra"]
