"""`netweave import`: the report, --json, --dry-run, refusals of bad files; then the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netweave.services import events, interactions, people
from tests.cli.conftest import Netweave
from tests.integration.snapshot import database_rows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LINKEDIN_2018 = str(FIXTURES / "linkedin/Connections-2018-no-preamble.csv")
OWNER = "Robin Vale"


def names(nw: Netweave) -> set[str]:
    return {p.name for p in people.list_people(nw.store, nw.ws)} - {OWNER}


def test_import_prints_the_report_and_stores_the_people(nw: Netweave) -> None:
    result = nw.ok("import", LINKEDIN_2018)
    assert "Imported Connections-2018-no-preamble.csv (linkedin, 3 records)" in result.out
    assert "people" in result.out
    assert "Traceback" not in result.err
    assert names(nw) == {"Ann Lee", "Bob Stone", "José Müller"}


def test_import_json_has_the_counts(nw: Netweave) -> None:
    report = json.loads(nw.ok("import", str(FIXTURES / "linkedin/Connections.csv"), "--json").out)
    assert (report["format"], report["records"], report["dry_run"]) == ("linkedin", 5, False)
    assert (report["created"], report["updated"], report["unchanged"], report["failed"]) == (
        4,
        0,
        0,
        1,
    )
    assert report["kinds"]["people"] == {"created": 4, "updated": 0, "unchanged": 0}
    assert report["failures"] == [
        {
            "where": "Connections.csv, line 7",
            "line": 7,
            "reason": "the connection has no name (a closed or hidden account?)",
        }
    ]
    assert [w["line"] for w in report["warnings"]] == [9]
    assert isinstance(report["import_id"], int)
    assert len(names(nw)) == 4


def test_importing_the_same_file_again_says_nothing_is_new(nw: Netweave) -> None:
    nw.ok("import", LINKEDIN_2018)
    before = database_rows(nw.store)
    again = nw.ok("import", LINKEDIN_2018)
    assert "Nothing new in Connections-2018-no-preamble.csv" in again.out
    assert "it was imported on" in again.out
    assert database_rows(nw.store) == before
    report = json.loads(nw.ok("import", LINKEDIN_2018, "--json").out)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 3)
    assert report["import_id"] is None
    assert report["imported_before"] is not None
    assert database_rows(nw.store) == before


def test_dry_run_writes_nothing_and_shows_the_numbers_of_the_real_run(nw: Netweave) -> None:
    nw.ok("import", LINKEDIN_2018)
    google = str(FIXTURES / "google/contacts.csv")
    before = database_rows(nw.store)
    shown = nw.ok("import", google, "--dry-run")
    assert "Would import contacts.csv" in shown.out
    assert "Dry run: nothing was written." in shown.out
    dry = json.loads(nw.ok("import", google, "--dry-run", "--json").out)
    assert database_rows(nw.store) == before
    real = json.loads(nw.ok("import", google, "--json").out)
    assert dry["dry_run"] is True
    assert real["dry_run"] is False
    for key in ("created", "updated", "unchanged", "failed", "kinds", "conflicts", "warnings"):
        assert dry[key] == real[key], key
    assert real["kinds"]["people"] == {"created": 3, "updated": 1, "unchanged": 0}
    assert database_rows(nw.store) != before


def test_conflicts_and_duplicates_are_listed(nw: Netweave) -> None:
    nw.ok("person", "add", "Ann Lee", "--email", "ann.lee@example.com", "--title", "CFO")
    result = nw.ok("import", LINKEDIN_2018)
    assert "Conflicts: netweave's value kept (1)" in result.out
    assert "title: kept 'CFO', the file says 'Head of Sales'" in result.out
    ann = people.find_person(nw.store, nw.ws, "ann.lee@example.com")
    assert ann.title == "CFO"
    assert ann.company == "Northwind Traders"


def test_calendar_times_are_read_in_the_workspace_zone(nw: Netweave) -> None:
    nw.ok("import", str(FIXTURES / "ics/netweave/networking-google.ics"))
    found = {e.name: e for e in events.list_events(nw.store, nw.ws)}
    # The workspace is in Europe/Berlin: a floating 18:00 on 2 April is 16:00 UTC,
    # an all-day event starts at Berlin's midnight; TZID times keep their own zone.
    assert found["Chamber mixer"].starts_at == datetime(2026, 4, 2, 16, tzinfo=UTC)
    assert found["Small Business Expo"].starts_at == datetime(2026, 3, 9, 23, tzinfo=UTC)
    assert found["Chapter breakfast (late start)"].starts_at == datetime(
        2026, 1, 27, 12, 30, tzinfo=UTC
    )


def test_recurring_events_are_expanded_over_the_window_given(nw: Netweave) -> None:
    path = str(FIXTURES / "ics/icalendar/events/event_with_recurrence.ics")
    report = json.loads(
        nw.ok("import", path, "--from", "1996-04-01", "--until", "1996-04-10", "--json").out
    )
    # Daily from 1 April 1996 01:00 (Berlin), less the EXDATEs of 2, 3 and 4 April.
    assert report["kinds"]["events"]["created"] == len(events.list_events(nw.store, nw.ws))
    assert 5 <= report["kinds"]["events"]["created"] <= 7


def _refused(nw: Netweave, *args: str) -> str:
    before = database_rows(nw.store)
    result = nw("import", *args)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert "Traceback" not in result.out
    assert database_rows(nw.store) == before
    return result.err


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Basic_LinkedInDataExport.zip", "is a ZIP archive"),
        ("bank-statement.csv", "is a table of a kind netweave does not know"),
        ("binary.dat", "is a binary file"),
        ("blank.vcf", "is empty"),
        ("contacts-gb18030.csv", "is a table of a kind netweave does not know"),
        ("empty.csv", "is empty"),
        ("notes.txt", "is not a format netweave reads"),
        ("truncated-google.csv", "looks cut off"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(nw: Netweave, name: str, why: str) -> None:
    err = _refused(nw, str(FIXTURES / "garbage" / name))
    assert f"{name} {why}" in err


def test_every_garbage_fixture_is_tried() -> None:
    assert len(list((FIXTURES / "garbage").iterdir())) == 8


def test_truncated_vcard_and_calendar_are_refused(nw: Netweave) -> None:
    assert "truncated.vcf looks cut off" in _refused(
        nw, str(FIXTURES / "vcard/netweave/truncated.vcf")
    )
    assert "truncated.ics looks cut off" in _refused(
        nw, str(FIXTURES / "ics/netweave/truncated.ics")
    )


def test_a_missing_file_and_a_folder_are_refused(nw: Netweave, tmp_path: Path) -> None:
    assert "does not exist" in _refused(nw, str(tmp_path / "nowhere.csv"))
    assert "is a folder, not a file" in _refused(nw, str(tmp_path))


def test_a_format_the_file_is_not_is_refused(nw: Netweave) -> None:
    err = _refused(nw, "--format", "vcard", str(FIXTURES / "linkedin/Connections.csv"))
    assert "Connections.csv is not a vCard file" in err


def test_a_window_needs_both_ends(nw: Netweave) -> None:
    err = _refused(nw, str(FIXTURES / "ics/netweave/networking-google.ics"), "--from", "2026-01-01")
    assert "--until" in err


def test_a_file_of_which_nothing_can_be_imported_exits_2_with_the_reasons(nw: Netweave) -> None:
    path = str(FIXTURES / "ics/icalendar/events/event_with_rsvp.ics")
    before = database_rows(nw.store)
    result = nw("import", path)
    assert result.code == 2
    assert "event_with_rsvp.ics, event 1 (line 1): the event has no start time (DTSTART)" in (
        result.out
    )
    assert "nothing in event_with_rsvp.ics could be imported" in result.err
    assert "Traceback" not in result.err
    assert database_rows(nw.store) == before


def test_a_file_with_some_bad_records_still_exits_0(nw: Netweave) -> None:
    result = nw.ok("import", str(FIXTURES / "ics/netweave/networking-google.ics"))
    assert "Failed: left out (3)" in result.out
    assert "the event was cancelled; left out" in result.out
    assert len(events.list_events(nw.store, nw.ws)) == 7


def test_badge_log_with_groups_and_start(nw: Netweave) -> None:
    args = [
        str(FIXTURES / "sociopatterns/small.dat"),
        "--groups",
        str(FIXTURES / "sociopatterns/small-groups.txt"),
        "--start",
        "2013-06-24T08:00:00+00:00",
    ]
    report = json.loads(nw.ok("import", *args, "--json").out)
    assert report["format"] == "sociopatterns"
    assert report["kinds"]["people"]["created"] == 4
    assert report["kinds"]["groups"]["created"] == 2
    assert report["kinds"]["memberships"]["created"] == 4
    assert report["kinds"]["interactions"]["created"] == 4
    assert [f["line"] for f in report["failures"]] == [9, 10]
    found = interactions.list_interactions(nw.store, nw.ws)
    assert min(i.occurred_at for i in found) == datetime(2013, 6, 24, 8, tzinfo=UTC)
    before = database_rows(nw.store)
    again = nw.ok("import", *args)
    assert "Nothing new in small.dat" in again.out
    assert database_rows(nw.store) == before


def test_groups_file_that_is_missing_is_refused(nw: Netweave, tmp_path: Path) -> None:
    err = _refused(
        nw, str(FIXTURES / "sociopatterns/small.dat"), "--groups", str(tmp_path / "no.txt")
    )
    assert "no.txt does not exist" in err


def test_dry_run_reports_a_connection_that_is_probably_someone_added_by_hand(
    nw: Netweave,
) -> None:
    nw.ok("person", "add", "Grace Okafor", "--company", "Harbor Freight Partners")
    connections = str(FIXTURES / "linkedin/Connections-identity.csv")
    shown = nw.ok("import", connections, "--dry-run")
    assert "Possible duplicates (1)" in shown.out
    assert "probable duplicate of #2 Grace Okafor" in " ".join(shown.out.split())
    assert "Dry run: nothing was written." in shown.out
    dry = json.loads(nw.ok("import", connections, "--dry-run", "--json").out)
    (found,) = dry["possible_duplicates"]
    assert found["line"] == 5
    assert "same company Harbor Freight Partners" in found["reason"]


@pytest.mark.parametrize(
    ("encoding", "given", "family", "company", "shown"),
    [
        ("shift_jis", "太郎", "山田", "山田商事", "cp932"),
        ("gb18030", "伟", "张", "北京科技有限公司", "gb18030"),
        ("cp1250", "Łukasz", "Żółkiewski", "Spółka", "windows-1250"),
        ("cp1252", "Jürgen", "Müller", "Bäckerei", "windows-1252"),
    ],
)
def test_a_csv_in_a_legacy_code_page_is_read_right(
    nw: Netweave,
    tmp_path: Path,
    encoding: str,
    given: str,
    family: str,
    company: str,
    shown: str,
) -> None:
    # Issue 13: a Shift-JIS CSV was imported as Windows-1252 garbage with exit 0.
    path = tmp_path / "Connections.csv"
    header = "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    row = f"{given},{family},,{company},,01 Jan 2020\r\n"
    path.write_bytes((header + row).encode(encoding))
    report = json.loads(nw.ok("import", str(path), "--json").out)
    assert report["encoding"] == shown
    assert names(nw) == {f"{given} {family}"}
