"""Hostile files through the command line and the JSON API: a clear refusal, nothing written.

Issue 13: a 158-byte calendar ran without end, 10,000,000 minutes became 525,600
events, and nothing bounded a file's size, its lines or its number of cards. Each file
here (tests/fixtures/hostile/README.md says what each does) goes through `netweave
import` (exit 2) and `POST /api/v1/imports` (422) on SQLite and PostgreSQL; the
message names the file, and the line where there is one, and the database is as it was.
"""

from __future__ import annotations

import base64
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netweave.services import events, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.cli.conftest import Netweave
from tests.conftest import postgres_schema, postgres_url
from tests.integration.snapshot import database_rows
from tests.interfaces.conftest import Doors
from tests.local import LOCAL

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = FIXTURES / "hostile"
LINKEDIN = "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"


def _cut(path: Path, marker: bytes) -> bytes:
    data = path.read_bytes()
    return data[: data.rindex(marker) + len(marker) + 5]


# name -> (the file's bytes, what the refusal says); made small enough for the API too.
FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "secondly.ics": (
        (HOSTILE / "secondly.ics").read_bytes,
        r"secondly\.ics, event 1 \(line 3\): the recurring event 'Every second' "
        r"\(UID every-second@hostile\.example\) repeats every second \(FREQ=SECONDLY\)",
    ),
    "minutely-ten-million.ics": (
        (HOSTILE / "minutely-ten-million.ics").read_bytes,
        r"'Every minute' \(UID every-minute@hostile\.example\) repeats every minute",
    ),
    "february-30.ics": (
        (HOSTILE / "february-30.ics").read_bytes,
        r"'Never' \(UID february-30@hostile\.example\) has a rule that gives no date at all",
    ),
    "year-9999.ics": (
        (HOSTILE / "year-9999.ics").read_bytes,
        r"year-9999\.ics, event 1 \(line 3\): the event's time is out of the calendar's range",
    ),
    "line.csv": (
        lambda: LINKEDIN.encode() + b"A" * (5 * 1024 * 1024),
        r"line\.csv, line 2 is longer than 4 MB",
    ),
    "million.vcf": (
        lambda: b"BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n" * 1_000_000,
        r"million\.vcf holds more than 100,000 cards \(the one past the limit starts on "
        r"line 300001\)",
    ),
    "rows.csv": (
        lambda: (LINKEDIN + "Ann,Lee,,Acme,CEO,01 Jan 2020\r\n" * 100_001).encode(),
        r"rows\.csv holds more than 100,000 rows \(the one past the limit starts on line 100002",
    ),
    "cut.vcf": (
        lambda: _cut(FIXTURES / "vcard/ez-vcard/outlook-2007.vcf", b"BEGIN:VCARD"),
        r"cut\.vcf looks cut off: card \d+, which starts on line \d+, has no END:VCARD",
    ),
    "cut.ics": (
        lambda: _cut(FIXTURES / "ics/netweave/networking-google.ics", b"BEGIN:VEVENT"),
        r"cut\.ics looks cut off",
    ),
    "noise.bin": (
        lambda: random.Random(13).randbytes(4096),
        r"noise\.bin is a binary file",
    ),
    "empty.csv": (lambda: b"", r"empty\.csv is empty"),
}


@dataclass
class Door:
    """One workspace (owner Robin Vale) behind the command line and the JSON API.

    Shared by the refusals of one backend: each checks that it left the database as
    it was, so they cannot disturb each other.
    """

    url: str
    store: Store
    client: TestClient

    def refused(self, capsys: pytest.CaptureFixture[str], *args: str) -> str:
        """What `netweave ARGS` printed (report and error), on one line; it must exit 2."""
        ran = Netweave(self.url, capsys)(*args)
        assert ran.code == 2, ran
        assert "Traceback" not in ran.out + ran.err
        return " ".join((ran.out + ran.err).split())


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def door(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Door]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('door') / 'nw.db'}"])
    else:
        urls = (postgres_url(schema) for schema in postgres_schema())
    for url in urls:
        store = Store.open(url, create=True)
        workspaces.init_workspace(store, me="Robin Vale")
        try:
            with TestClient(create_app(store), base_url=LOCAL) as client:
                yield Door(url, store, client)
        finally:
            store.close()


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return {name: make() for name, (make, _) in FILES.items()}


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_hostile_file_is_refused_by_the_command_line(
    door: Door,
    tmp_path: Path,
    made: dict[str, bytes],
    name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_bytes(made[name])
    before = database_rows(door.store)
    said = door.refused(capsys, "import", str(path))
    assert re.search(FILES[name][1], said), said
    assert database_rows(door.store) == before


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_hostile_file_is_refused_by_the_api(
    door: Door, made: dict[str, bytes], name: str
) -> None:
    before = database_rows(door.store)
    data = made[name]
    if name == "million.vcf":  # 150,000 cards are as many too many, in a seventh of the time
        data = data[: 150_000 * len(b"BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n")]
    body = {"file_name": name, "content_base64": base64.b64encode(data).decode()}
    response = door.client.post("/api/v1/imports", json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    failures = [f"{f['where']}: {f['reason']}" for f in problem.get("failures", [])]
    found = " ".join([problem["detail"], *failures])
    assert re.search(FILES[name][1], found), found[:2000]
    assert database_rows(door.store) == before


def test_a_50_mb_line_is_refused_by_the_command_line(
    door: Door, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "line.csv"
    with path.open("wb") as out:
        out.write(LINKEDIN.encode())
        for _ in range(50):
            out.write(b"A" * (1024 * 1024))
    before = database_rows(door.store)
    assert "line.csv, line 2 is longer than 4 MB" in door.refused(capsys, "import", str(path))
    assert database_rows(door.store) == before


def test_a_file_over_100_mb_is_refused_from_its_size(
    door: Door, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.vcf"
    with path.open("wb") as out:
        out.truncate(101 * 1024 * 1024)  # sparse: nothing written, nothing to read
    said = door.refused(capsys, "import", str(path))
    assert "huge.vcf is 101 MB; netweave imports files up to 100 MB" in said


def test_the_web_form_refuses_a_line_too_long_and_writes_nothing(door: Door) -> None:
    before = database_rows(door.store)
    html = door.client.get("/import").text
    token = re.findall(r'name="csrf_token" value="([^"]+)"', html)[0]
    data = LINKEDIN.encode() + b"A" * (5 * 1024 * 1024)
    response = door.client.post(
        "/import",
        data={"csrf_token": token, "action": "import"},
        files={"file": ("line.csv", data, "text/csv")},
    )
    assert "line.csv, line 2 is longer than 4 MB" in response.text
    assert database_rows(door.store) == before


def test_one_good_event_among_hostile_series_imports_and_names_the_rest(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    nw = Netweave(database_url, capsys)
    nw.ok("init", "--me", "Robin Vale", "--time-zone", "UTC")
    try:
        result = nw.ok("import", str(HOSTILE / "one-good-event-among-hostile-series.ics"), "--all")
        out = " ".join(result.out.split())
        assert "'Every second' (UID every-second@hostile.example) repeats every second" in out
        assert "'Never' (UID february-30@hostile.example) has a rule that gives no date" in out
        assert [e.name for e in events.list_events(nw.store, nw.ws)] == ["Chapter breakfast"]
    finally:
        nw.close()


def _refused(doors: Doors, *args: str) -> str:
    ran = Netweave(doors.url, doors._capsys)(*args)
    assert ran.code == 2, ran
    return " ".join((ran.out + ran.err).split())


def test_a_window_the_series_cannot_reach_or_fills_too_often_leaves_it_out(
    doors: Doors,
) -> None:
    before = database_rows(doors.store)
    far = _refused(
        doors,
        "import",
        str(HOSTILE / "daily-since-year-1.ics"),
        *("--from", "2026-01-01", "--until", "2026-12-31"),
    )
    assert "starts on 0001-01-01, too long before the window" in far
    many = _refused(
        doors,
        "import",
        str(HOSTILE / "daily-standup-since-2020.ics"),
        *("--from", "2020-01-01", "--until", "2026-12-31"),
    )
    assert "'Daily standup' (UID standup@team.example) repeats more than 1,000 times" in many
    assert database_rows(doors.store) == before
    # Over the default window (the year after it starts) the same series imports.
    assert doors.cli("import", str(HOSTILE / "daily-standup-since-2020.ics")).ok
    assert len(events.list_events(doors.store, doors.ws)) == 365
