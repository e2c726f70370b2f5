"""A contact log is imported a chunk at a time (services.imports.stream), still as one
transaction with one report: over SQLite and PostgreSQL, on files longer than a chunk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from netweave.errors import NetweaveError
from netweave.importers import limits
from netweave.importers.parse import parse_bytes
from netweave.services import workspaces
from netweave.services.imports import ImportOptions, import_file
from netweave.services.imports.stream import CHUNK
from netweave.storage import Store
from tests.integration.snapshot import database_rows, row_counts

ROWS = 2 * CHUNK + 1_500
"""Three chunks: the last one starts after two were written."""


@pytest.fixture
def ws(store: Store) -> int:
    made = workspaces.init_workspace(store, me="Robin Vale").id
    assert made is not None
    return made


def _log(rows: int, *, last_note: str = "", repeat_first: bool = False) -> str:
    """``rows`` rows between me and one of 50 people, a minute apart, in order."""
    lines = ["time,participants,kind,duration_minutes,notes"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for row in range(rows):
        at = (start + timedelta(minutes=row)).isoformat()
        lines.append(f"{at},me; Person {row % 50} <p{row % 50}@log.example>,call,5,row {row}")
    if repeat_first:  # the first row again, at the end: a repeat the first chunk wrote
        lines.append(lines[1])
    if last_note:
        lines.append(f"2026-06-01T10:00:00+00:00,me; Person 1 <p1@log.example>,meal,,{last_note}")
    return "\n".join(lines) + "\n"


def _refuse_note(store: Store, note: str) -> None:
    """A real trigger: the database refuses the interaction with this note (the disk is full)."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_note BEFORE INSERT ON interaction "
                    f"WHEN NEW.notes = '{note}' "
                    "BEGIN SELECT RAISE(ABORT, 'boom: the disk is full'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION nw_refuse_note() RETURNS trigger LANGUAGE plpgsql AS "
                    f"$$ BEGIN IF NEW.notes = '{note}' THEN "
                    "RAISE EXCEPTION 'boom: the disk is full'; END IF; RETURN NEW; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_note BEFORE INSERT ON interaction "
                    "FOR EACH ROW EXECUTE FUNCTION nw_refuse_note()"
                )
            )


def test_a_streamed_import_refused_in_its_last_chunk_leaves_nothing(
    store: Store, ws: int, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(_log(ROWS, last_note="the last row"))
    _refuse_note(store, "the last row")
    before = database_rows(store)
    with pytest.raises((NetweaveError, DBAPIError), match="boom"):
        import_file(store, ws, path)
    # Two chunks of interactions and every person were written before the refusal.
    assert database_rows(store) == before


def test_a_streamed_import_finds_repeats_across_chunks_and_changes_nothing_again(
    store: Store, ws: int, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(_log(ROWS, repeat_first=True))
    dry = import_file(store, ws, path, ImportOptions(dry_run=True))
    assert row_counts(store)["interaction"] == 0
    report = import_file(store, ws, path)
    assert report.records == ROWS + 1
    assert report.tallies["interactions"].created == ROWS
    assert report.tallies["interactions"].unchanged == 1  # the repeat, found in the database
    assert report.tallies["people"].created == 50
    assert row_counts(store)["interaction"] == ROWS
    ignored = {"dry_run", "import_id"}
    assert {k: v for k, v in dry.as_json().items() if k not in ignored} == {
        k: v for k, v in report.as_json().items() if k not in ignored
    }
    runs = row_counts(store)["import_run"]
    again = import_file(store, ws, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, ROWS + 1 + 51)
    assert again.import_id is None
    assert row_counts(store)["import_run"] == runs  # an import that changed nothing is undone


def test_a_contact_log_may_be_longer_than_other_files() -> None:
    rows = limits.MAX_RECORDS + 1
    data = _log(rows).encode()
    parsed = parse_bytes(data, "log.csv")
    assert parsed.records == rows
    assert len(parsed.interactions) == rows
    first = next(iter(parsed.interactions))
    assert (first.source.line, first.notes) == (2, "row 0")
    assert sum(1 for _ in parsed.interactions) == rows  # read again, whole
