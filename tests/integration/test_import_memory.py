"""What an import holds does not grow with its file (issue 16): a contacts file's contacts
are read as they are matched and its people written a chunk at a time; a long contact log
is read from disk a piece at a time, to the same report as the file read whole."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bench.import_samples import linkedin_file

from netweave.domain import Person, PersonDraft
from netweave.importers import from_disk
from netweave.importers.detect import text_lines
from netweave.importers.model import ContactDraft
from netweave.services import workspaces
from netweave.services.imports import ImportOptions, import_bytes, import_file
from netweave.services.imports.people import SETTLE_CHUNK
from netweave.services.imports.write import PEOPLE_CHUNK
from netweave.storage import Store

ROWS = 5_000
"""Five chunks of people written, two and a half of contacts settled."""


@pytest.fixture
def ws(sqlite_store: Store) -> int:
    made = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert made is not None
    return made


def _alive(kind: type) -> int:
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def test_a_contacts_import_holds_a_chunk_of_people_not_the_file(
    sqlite_store: Store, ws: int
) -> None:
    held: list[tuple[str, int, int]] = []

    def progress(step: str, done: int, total: int) -> None:
        if step in ("writing people", "matching") and 0 < done < total:
            people = _alive(PersonDraft) + _alive(Person)
            held.append((step, people, _alive(ContactDraft)))

    report = import_bytes(
        sqlite_store, ws, linkedin_file(ROWS), "Connections.csv", progress=progress
    )
    assert report.tallies["people"].created == ROWS
    assert {step for step, _, _ in held} == {"writing people", "matching"}
    # Whole records: at most the chunk being written and the one being settled.
    assert max(people for _, people, _ in held) <= PEOPLE_CHUNK + SETTLE_CHUNK
    # The file's contacts were read one at a time as they were matched: none is left.
    assert max(contacts for _, _, contacts in held) == 0


def _log(rows: int, newline: str) -> str:
    lines = ["time,participants,kind,duration_minutes,notes"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for row in range(rows):
        at = (start + timedelta(minutes=row)).isoformat()
        lines.append(f'{at},me; Person {row % 40} <p{row % 40}@log.example>,call,5,"Zoë, {row}"')
    return newline.join(lines) + newline


def test_a_long_file_read_from_disk_gives_the_lines_of_the_whole_text(tmp_path: Path) -> None:
    text = _log(9_000, "\n")
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode("utf-8"))
    assert path.stat().st_size > from_disk.FIRST_BLOCK
    decoded = from_disk.open_text(path, None)
    assert decoded is not None
    assert len(decoded.data) <= from_disk.FIRST_BLOCK  # only the first block is held
    assert list(decoded.lines()) == list(text_lines(text))


@pytest.mark.parametrize("piece", [1, 2, 3, 7])
def test_lines_read_in_pieces_keep_their_ends_and_characters(tmp_path: Path, piece: int) -> None:
    text = "a,Zoë\r\nb,€\rc,ü\n\r\nd,x\r"
    path = tmp_path / "lines.csv"
    path.write_bytes(text.encode("utf-8"))
    assert list(from_disk.lines(path, "utf-8", piece=piece)) == list(text_lines(text))


def test_a_long_contact_log_read_from_disk_reports_what_the_whole_file_would(
    sqlite_store: Store, ws: int, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(_log(5_000, "\n") + "not a time,me; Ann,call,,\n", encoding="utf-8")
    assert from_disk.open_text(path, None) is not None
    dry = ImportOptions(dry_run=True)
    whole = import_bytes(sqlite_store, ws, path.read_bytes(), path.name, dry)
    streamed = import_file(sqlite_store, ws, path, dry)
    assert streamed == whole
    assert [str(i) for i in streamed.failed] == [
        "log.csv, line 5002: 'not a time' is not a "
        "time (use 2026-03-05T18:30, an offset is optional); row left out"
    ]
    assert streamed.tallies["interactions"].created == 5_000
