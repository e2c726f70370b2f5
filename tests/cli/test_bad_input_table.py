"""The command line's bad-input table: what an attack run (and a careless hand) types.

Every case is refused with its exit code (2 invalid input, 3 not found, 4 ambiguous,
5 conflict), one sentence on stderr and nothing of the machinery (no traceback, no SQL,
no driver), and the database exactly as it was (row counts of every table and a hash of
every row: what the lossless export is made of). Dates, amounts, lengths, ids, emails,
web addresses, control characters, unicode, empty and huge values, across the person,
group, event, log, referral, ask, followup, review and calendar commands.

The workspace is built once for the module; each case runs in-process on its own copy
of the SQLite file (a subprocess per case would cost a second each). A sample runs
through the real ``netweave`` command. 246 cases and 6 through the real command: 21 s on
2 cores.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from netweave.storage.tables import metadata
from tests.cli.conftest import Netweave
from tests.processes import netweave_command, source_env

INVALID, NOT_FOUND, AMBIGUOUS, CONFLICT = 2, 3, 4, 5
MACHINERY = re.compile(
    r"Traceback|internal error|INSERT|SELECT|UPDATE |IntegrityError|OperationalError|"
    r"sqlite3|psycopg|sqlalchemy|\[SQL|constraint failed|\x1b",
    re.IGNORECASE,
)
HUGE = "x" * 100_000


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    code: int

    @property
    def id(self) -> str:
        shown = " ".join(self.args)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return shown.encode("unicode_escape").decode()


def case(code: int, *args: str) -> Case:
    return Case(tuple(args), code)


def _dates() -> list[Case]:
    bad = ["tomorrowish", "2026-13-01", "2026-02-30", "0001-01-01", "9999-12-31", "1e9", "\x1b[2J"]
    where = [
        ("person", "add", "Zoe", "--met-on"),
        ("log", "call", "Ann Lee", "--at"),
        ("referral", "give", "--to", "Ann Lee", "--prospect", "Zed", "--at"),
        ("ask", "add", "a favour", "--to", "Ann Lee", "--at"),
        ("followup", "add", "Ann Lee", "write", "--due"),
        ("review", "--as-of"),
        ("calendar", "--as-of"),
    ]
    cases = [case(INVALID, *command, value) for command in where for value in bad]
    more = ["in 99999999 years", "100000 months ago", "1899-12-31", "3000-01-01", ""]
    cases += [case(INVALID, "givers", "--as-of", value) for value in more]
    cases += [case(INVALID, "ties", "--as-of", value) for value in more[:3]]
    return [
        *cases,
        case(INVALID, "log", "list", "--since", "0001-01-01"),
        case(INVALID, "followup", "list", "--due-by", "9999-12-31"),
        case(INVALID, "group", "join", "Chamber", "Bob Ray", "--since", "0001-01-01"),
        case(INVALID, "group", "leave", "Chamber", "Ann Lee", "--on", "not a day"),
        case(INVALID, "referral", "status", "1", "won", "--at", "9999-12-31"),
        case(INVALID, "ask", "answer", "1", "helped", "--at", "0001-01-01"),
        case(INVALID, "followup", "done", "1", "--at", "9999-12-31"),
        case(INVALID, "event", "add", "Gala", "--at", "9999-12-31"),
        case(INVALID, "event", "add", "Gala", "--at", "2999-12-31T23:00Z", "--hours", "336"),
        case(INVALID, "event", "edit", "Mixer", "--at", "0001-01-01"),
        # a touch or a referral is what happened: not in the future
        case(INVALID, "log", "call", "Ann Lee", "--at", "in 3 days"),
        case(
            INVALID, "referral", "give", "--to", "Ann Lee", "--prospect", "Q", "--at", "2999-01-01"
        ),
    ]


def _numbers() -> list[Case]:
    amounts = ["1e30", "-5", "abc", "1.234", "99999999999999999999", "1,2,3", "NaN", "∞"]
    cases = [case(INVALID, "group", "add", "Guild", "--dues", value) for value in amounts]
    cases += [
        case(INVALID, "event", "add", "Gala", "--at", "2026-05-01", "--cost", value)
        for value in amounts[:5]
    ]
    cases += [
        case(INVALID, "referral", "status", "1", "won", "--value", value) for value in amounts[:5]
    ]
    hours = ["1e300", "-1", "25", "nan", "inf", "abc"]
    cases += [case(INVALID, "group", "add", "Guild", "--hours", value) for value in hours]
    cases += [
        case(INVALID, "event", "add", "Gala", "--at", "2026-05-01", "--hours", value)
        for value in [*hours[:2], *hours[3:], "0", "337"]
    ]
    minutes = ["1e300", "-5", "abc", "99999999", "1h" + "9" * 400, "25:99"]
    cases += [case(INVALID, "log", "call", "Ann Lee", "--minutes", value) for value in minutes]
    return [
        *cases,
        case(INVALID, "person", "add", "Zoe", "--keep-in-touch", "99999999999999999999"),
        case(INVALID, "person", "add", "Zoe", "--keep-in-touch", "-1"),
        case(INVALID, "person", "list", "--limit", "0"),
        case(INVALID, "person", "list", "--limit", "abc"),
        case(INVALID, "log", "list", "--limit", "-1"),
        case(INVALID, "referral", "status", "1", "maybe"),
        case(INVALID, "ask", "answer", "1", "maybe"),
        case(INVALID, "group", "add", "Guild", "--kind", "secret-society"),
    ]


def _ids() -> list[Case]:
    huge = "99999999999999999999"
    return [
        case(NOT_FOUND, "person", "show", f"#{huge}"),
        case(NOT_FOUND, "person", "show", "#9223372036854775808"),
        case(NOT_FOUND, "person", "show", "#2147483648"),
        case(NOT_FOUND, "person", "show", "#0"),
        case(NOT_FOUND, "person", "edit", f"#{huge}", "--company", "x"),
        case(NOT_FOUND, "person", "remove", f"#{huge}", "--yes"),
        case(NOT_FOUND, "group", "show", f"#{huge}"),
        case(NOT_FOUND, "group", "join", f"#{huge}", "Ann Lee"),
        case(NOT_FOUND, "event", "show", f"#{huge}"),
        case(NOT_FOUND, "event", "attend", f"#{huge}", "Ann Lee"),
        case(NOT_FOUND, "log", "call", f"#{huge}"),
        case(NOT_FOUND, "log", "remove", huge),
        case(NOT_FOUND, "referral", "show", huge),
        case(NOT_FOUND, "referral", "status", huge, "won"),
        case(NOT_FOUND, "referral", "give", "--to", f"#{huge}", "--prospect", "Zed"),
        case(NOT_FOUND, "ask", "answer", huge, "helped"),
        case(NOT_FOUND, "ask", "remove", huge),
        case(NOT_FOUND, "followup", "remove", huge),
        case(NOT_FOUND, "followup", "add", "Ann Lee", "x", "--event", f"#{huge}"),
        case(NOT_FOUND, "referral", "show", "4242"),
        case(INVALID, "referral", "show", "0"),
        case(INVALID, "referral", "show", "-5"),
        case(INVALID, "log", "remove", "abc"),
        case(NOT_FOUND, "person", "show", "Nobody Here"),
        case(NOT_FOUND, "group", "show", "Nowhere Club"),
        case(NOT_FOUND, "event", "show", "No Such Party"),
        case(NOT_FOUND, "log", "call", "Nobody Here"),
        case(NOT_FOUND, "followup", "add", "Nobody Here", "call"),
        case(NOT_FOUND, "ask", "add", "help", "--to", "Nobody Here"),
        case(NOT_FOUND, "group", "join", "Chamber", "Nobody Here"),
        case(NOT_FOUND, "event", "attend", "Mixer", "Nobody Here"),
        case(AMBIGUOUS, "person", "show", "Sam Hill"),
        case(AMBIGUOUS, "log", "call", "Sam Hill"),
        case(AMBIGUOUS, "referral", "give", "--to", "Sam Hill", "--prospect", "Zed"),
        case(AMBIGUOUS, "followup", "add", "Sam Hill", "call"),
        case(AMBIGUOUS, "ask", "add", "help", "--to", "Sam Hill"),
    ]


def _emails_and_addresses() -> list[Case]:
    emails = ["not-an-email", "a@b", "@x.com", "a@@x.com", "ann@x.com\x1b", "a" * 300 + "@x.com"]
    cases = [case(INVALID, "person", "add", "Zoe", "--email", value) for value in emails]
    cases += [
        case(INVALID, "person", "add", "Zoe", "--email", ""),
        case(INVALID, "person", "add", "Zoe", "--email", "   "),
        case(INVALID, "person", "edit", "Ann Lee", "--email", ""),
        case(INVALID, "person", "edit", "Ann Lee", "--remove-email", "nobody@x.com"),
        case(INVALID, "person", "edit", "Ann Lee", "--remove-email", ""),
        case(INVALID, "person", "edit", "Ann Lee", "--remove-tag", "never-had"),
        case(INVALID, "person", "edit", "Ann Lee", "--phone", ""),
        case(INVALID, "person", "edit", "Ann Lee", "--tag", ""),
        case(INVALID, "person", "edit", "Ann Lee", "--url", ""),
        case(CONFLICT, "person", "add", "Zoe", "--email", "ann@x.com"),
        case(CONFLICT, "person", "add", "Zoe", "--email", "ANN@X.COM"),
        case(CONFLICT, "person", "edit", "Bob Ray", "--email", "ann@x.com"),
    ]
    urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "mailto:ann@x.com",
        "http://",
        "https://exa mple.com",
        "https://" + "a" * 3000 + ".com",
    ]
    cases += [case(INVALID, "person", "add", "Zoe", "--url", value) for value in urls]
    cases += [case(INVALID, "person", "edit", "Ann Lee", "--url", value) for value in urls[:3]]
    cases += [case(INVALID, "group", "add", "Guild", "--website", value) for value in urls[:6]]
    return [
        *cases,
        case(INVALID, "group", "edit", "Chamber", "--website", "javascript:alert(1)"),
        case(INVALID, "person", "add", "Zoe", "--linkedin", "javascript:alert(1)"),
        case(INVALID, "person", "add", "Zoe", "--phone", "call me maybe"),
        case(INVALID, "person", "add", "Zoe", "--birthday", "1990-02-30"),
    ]


def _text() -> list[Case]:
    controls = ["\x1b[31mRed", "Nul\x00l", "Bell\x07", "Csi\x9b2J", "Del\x7f", "\x1fCtl"]
    cases = [case(INVALID, "person", "add", value) for value in controls]
    cases += [case(INVALID, "group", "add", value) for value in controls]
    cases += [case(INVALID, "event", "add", value, "--at", "2026-05-01") for value in controls[:3]]
    cases += [case(INVALID, "ask", "add", value, "--to", "Ann Lee") for value in controls[:3]]
    cases += [case(INVALID, "followup", "add", "Ann Lee", value) for value in controls[:3]]
    cases += [
        case(INVALID, "person", "add", "Zoe", "--notes", "title\x1b]0;pwned\x07"),
        case(INVALID, "person", "add", "Zoe", "--company", "Ac\x1bme"),
        case(INVALID, "person", "add", "Zoe", "--tag", "\x1b[31m"),
        case(INVALID, "person", "edit", "Ann Lee", "--name", "\x1b[2J"),
        case(INVALID, "person", "edit", "Ann Lee", "--notes", "\x00"),
        case(INVALID, "group", "edit", "Chamber", "--name", "Cham\x1bber"),
        case(INVALID, "event", "edit", "Mixer", "--name", "Mix\x07er"),
        case(INVALID, "log", "call", "Ann Lee", "--notes", "\x1b[41mred"),
        case(INVALID, "referral", "give", "--to", "Ann Lee", "--prospect", "Zed\x1b[0m"),
        case(INVALID, "referral", "give", "--to", "Ann Lee", "--prospect", "Q", "--notes", "\x9b"),
        case(INVALID, "ask", "add", "help", "--to", "Ann Lee", "--notes", "\x08\x08"),
    ]
    empty = [
        ("person", "add", ""),
        ("person", "add", "   "),
        ("group", "add", ""),
        ("event", "add", "", "--at", "2026-05-01"),
        ("ask", "add", "", "--to", "Ann Lee"),
        ("followup", "add", "Ann Lee", ""),
        ("person", "edit", "Ann Lee", "--name", ""),
        ("group", "edit", "Chamber", "--name", " "),
    ]
    cases += [case(INVALID, *args) for args in empty]
    huge = [
        ("person", "add", "A" * 201),
        ("person", "add", HUGE),
        ("group", "add", HUGE),
        ("event", "add", HUGE, "--at", "2026-05-01"),
        ("person", "add", "Zoe", "--notes", "n" * 10_001),
        ("person", "add", "Zoe", "--tag", "t" * 51),
        ("ask", "add", "w" * 2001, "--to", "Ann Lee"),
        ("followup", "add", "Ann Lee", "r" * 2001),
        ("log", "call", "Ann Lee", "--notes", "n" * 10_001),
        ("person", "add", "Zoe", "--email", HUGE + "@x.com"),
    ]
    cases += [case(INVALID, *args) for args in huge]
    return [
        *cases,
        case(CONFLICT, "group", "add", "Chamber"),
        case(CONFLICT, "group", "add", " chamber "),
        case(CONFLICT, "group", "join", "Chamber", "Ann Lee"),
        case(CONFLICT, "person", "remove", "me", "--yes"),
        case(NOT_FOUND, "person", "show", "Ann\u202eeeL"),
        case(NOT_FOUND, "person", "show", "Zoë 🦄 東京"),
    ]


CASES = _dates() + _numbers() + _ids() + _emails_and_addresses() + _text()


def test_the_table_is_large_and_covers_every_outcome() -> None:
    assert len(CASES) >= 150
    assert {c.code for c in CASES} == {INVALID, NOT_FOUND, AMBIGUOUS, CONFLICT}
    assert len({c.args for c in CASES}) == len(CASES), "a case is listed twice"


SETUP = [
    ("init", "--me", "Robin Vale", "--time-zone", "Europe/Berlin"),
    ("person", "add", "Ann Lee", "--email", "ann@x.com", "--tag", "client"),
    ("person", "add", "Bob Ray", "--email", "bob@x.com"),
    ("person", "add", "Sam Hill", "--email", "sam1@x.com"),
    ("person", "add", "Sam Hill", "--email", "sam2@x.com"),
    ("group", "add", "Chamber"),
    ("group", "join", "Chamber", "Ann Lee"),
    ("event", "add", "Mixer", "--at", "2026-03-05T18:30"),
    ("log", "call", "Ann Lee", "--at", "2026-03-01"),
    ("referral", "give", "--to", "Ann Lee", "--prospect", "Zed", "--at", "2026-03-02"),
    ("ask", "add", "an intro", "--to", "Ann Lee", "--at", "2026-03-02"),
    ("followup", "add", "Ann Lee", "call back", "--due", "2030-01-01"),
]


def fingerprint(url: str) -> tuple[dict[str, int], str]:
    """Row counts of every table and a hash of every row (what the lossless export is
    made of), read with the sqlite3 module itself: a few milliseconds a case."""
    path = url.removeprefix("sqlite:///")
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    with closing(sqlite3.connect(path)) as conn:
        for name in sorted(metadata.tables):
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            counts[name] = len(rows)
            digest.update(repr(sorted(rows, key=repr)).encode())
    return counts, digest.hexdigest()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[object, ...]]:
    """The workspace every case starts from: a closed SQLite file, and its fingerprint."""
    path = tmp_path_factory.mktemp("bad-input") / "base.db"
    runner = Netweave(f"sqlite:///{path}", _Quiet())  # type: ignore[arg-type]
    for args in SETUP:
        runner.ok(*args)
    runner.close()
    return path, fingerprint(f"sqlite:///{path}")


class _Quiet:
    """Stands in for capsys (one per test) while the module's workspace is built."""

    def readouterr(self) -> _Said:
        return _Said()


class _Said:
    out = ""
    err = ""


def _copy(base_file: Path, to: Path) -> str:
    target = to / "case.db"
    shutil.copyfile(base_file, target)  # closed: no -wal or -shm file beside it
    return f"sqlite:///{target}"


def _refused_well(found_code: int, err: str, out: str, expected: int) -> None:
    assert found_code == expected, f"exit {found_code}, wanted {expected}: {err or out}"
    said = err.strip()
    assert re.search(r"[A-Za-z]{3,}.*[A-Za-z]{3,}", said), f"no sentence on stderr: {said!r}"
    assert not MACHINERY.search(err + out), err + out


@pytest.mark.parametrize("bad", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_with_a_sentence_and_changes_nothing(
    bad: Case,
    base: tuple[Path, tuple[object, ...]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base_file, before = base
    url = _copy(base_file, tmp_path)
    result = Netweave(url, capsys)(*bad.args)
    _refused_well(result.code, result.err, result.out, bad.code)
    assert fingerprint(url) == before


SAMPLE = [
    case(INVALID, "group", "add", "\x1fCtl"),
    case(INVALID, "person", "add", "Zoe", "--url", "javascript:alert(1)"),
    case(INVALID, "review", "--as-of", "9999-12-31"),
    case(NOT_FOUND, "person", "show", "#99999999999999999999"),
    case(AMBIGUOUS, "log", "call", "Sam Hill"),
    case(CONFLICT, "person", "add", "Zoe", "--email", "ann@x.com"),
]


@pytest.mark.parametrize("bad", SAMPLE, ids=[c.id for c in SAMPLE])
def test_the_real_command_refuses_the_same_way(
    bad: Case, base: tuple[Path, tuple[object, ...]], tmp_path: Path
) -> None:
    base_file, before = base
    url = _copy(base_file, tmp_path)
    done = subprocess.run(
        [*netweave_command(), "--db", url, *bad.args],
        capture_output=True,
        text=True,
        env=source_env(),
        timeout=60,
        check=False,
    )
    _refused_well(done.returncode, done.stderr, done.stdout, bad.code)
    assert fingerprint(url) == before
