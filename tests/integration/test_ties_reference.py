"""The benchmark's reference (ADBC → Arrow → DuckDB) gives netweave's all-pairs strengths."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from bench.ties_data import AS_OF, write
from bench.ties_reference import differences, reference
from sqlalchemy import select

from netweave.services import review
from netweave.storage import Store, last_touch
from netweave.storage import tables as t


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


def _schema(path: Path) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(path)
    try:
        query = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        return sorted(db.execute(query).fetchall())
    finally:
        db.close()


def test_the_generated_file_has_the_schema_and_the_kept_state_of_its_records(
    tmp_path: Path,
) -> None:
    """The indexes and triggers set aside while the rows go in are all back, and each
    person's last touch (counted by the generator) is the one the records give."""
    db, fresh = tmp_path / "ties.db", tmp_path / "fresh.db"
    write(db, 200, 3_000, seed=5)
    Store.open(f"sqlite:///{fresh}", create=True).close()
    assert _schema(db) == _schema(fresh)
    store = Store.open(f"sqlite:///{db}")
    try:
        with store.transaction() as conn:
            c = t.last_touch.c
            kept = dict(conn.execute(select(c.person_id, c.occurred_at)).all())
            assert kept == last_touch.counted(conn, 1)
            assert len(kept) == 200
    finally:
        store.close()


def test_the_check_sees_a_changed_strength(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "a.csv", tmp_path / "b.csv"
    ours.write_text("a,b,strength\nx,y,1.5\nx,z,2.0\n")
    theirs.write_text("a,b,strength\nx,y,1.5001\nx,z,2.0\n")
    assert differences(ours, theirs) == []  # one unit of the last place: rounding
    theirs.write_text("a,b,strength\nx,y,1.5002\nx,z,2.0\n")
    assert len(differences(ours, theirs)) == 1
    theirs.write_text("a,b,strength\nx,y,1.5\n")
    assert differences(ours, theirs) == ["pairs differ: 0 missing, 1 extra"]
