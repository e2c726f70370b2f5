"""Every command pays for what the command line imports at start: heavy parts wait until used.

A fresh interpreter loads the command line as ``netweave`` does; the libraries that only one
command needs must not be among the modules it loaded.
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from netweave.cli import main
from netweave.cli.commands import ENTRIES, build

LOADED_ONLY_WHEN_USED = (
    "alembic",  # creating or upgrading a schema
    "networkx",  # the network view
    "icalendar",  # netweave calendar, netweave import of .ics
    "vobject",  # vCard import
    "recurring_ical_events",
    "netweave.importers.parse",  # netweave import
    "netweave.services.imports",
    "rich.progress",  # the progress bar of a big import
)


def _loaded_by(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_starting_the_command_line_leaves_the_heavy_parts_for_later() -> None:
    loaded = _loaded_by("import netweave.cli.app")
    assert "typer" in loaded  # the check sees what was imported
    early = sorted(name for name in LOADED_ONLY_WHEN_USED if name in loaded)
    assert early == [], f"imported at start: {early}"


NOT_FOR_HELP = (
    "sqlalchemy",  # the database
    "pydantic",  # the records
    "netweave.domain",
    "netweave.services",
    "netweave.cli.person",  # any one command's module
)


def test_help_loads_no_command_and_no_database() -> None:
    """`netweave --help` lists the commands from their entries, loading none of them."""
    loaded = _loaded_by(
        "from netweave.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "netweave.cli.commands" in loaded
    early = sorted(name for name in NOT_FOR_HELP if name in loaded)
    assert early == [], f"imported for --help: {early}"


def test_a_command_loads_its_own_module_only() -> None:
    loaded = _loaded_by(
        "from netweave.cli import main\n"
        "try:\n    main(['ask', '--help'])\nexcept SystemExit:\n    pass"
    )
    assert "netweave.cli.ask" in loaded
    others = sorted(m for m in ("netweave.cli.person", "netweave.cli.serve") if m in loaded)
    assert others == [], f"loaded for `ask --help`: {others}"


def test_each_entry_says_what_its_command_says_of_itself() -> None:
    """The root's help shows an entry's line without loading it: it must be the line the
    command's own help starts with."""
    for entry in ENTRIES:
        own = " ".join((build(entry).help or "").split("\n\n")[0].split())
        assert entry.line == own, entry.name


NOT_FOR_A_READ = (
    "netweave.commands",  # the typed writes a read does not make (the package: none at all)
    "netweave.commands.base",
    "netweave.commands.people",
    "netweave.commands.asks",
    "netweave.commands.events",
    "netweave.commands.referrals",
    "netweave.commands.touches",
    "netweave.commands.merges",
    "sqlalchemy.dialects.postgresql",  # JSONB: only when the URL is PostgreSQL's
    "netweave.storage.events",  # finding an event by name, and its bulk writes
    "netweave.storage.bulk",
    "netweave.storage.groups",  # finding a group by name (only with --group)
    "netweave.domain.group",
    "netweave.storage.referrals",  # what removing a person does to referrals
    "netweave.domain.referral",
    "netweave.analytics.ties",  # the tie-strength model (`counted` is all a list needs)
    "netweave.analytics.rhythm",
    "platformdirs",  # the default database's folder: --db names one
    "netweave.storage.tables.history",  # the tables a list of people does not read
    "netweave.storage.tables.mail",
    "netweave.storage.tables.mailout",
    "netweave.storage.tables.photos",
    "netweave.storage.tables.records",
    "netweave.storage.tables.groups",  # nor groups, target markets and tag cadences
    "netweave.storage.tables.aims",
    "netweave.cli.person_show",  # the person command's other modules
    "netweave.cli.person_merge",
    "netweave.services.review",  # the weekly review, tie strength, the network
    "netweave.services.groups",
    "phonenumbers",  # checking typed phone numbers and regions
    "rapidfuzz",  # finding duplicates
    "email_validator",  # checking typed addresses
    "jinja2",  # the web app's pages
    "alembic",
    "sqlalchemy.orm",  # storage speaks SQLAlchemy Core only
    "sqlalchemy.ext.asyncio",  # no async engine: the aiosqlite dialect's module is loaded
    "sqlalchemy.dialects.mysql",  # by SQLAlchemy's SQLite package, its driver never is
    "aiosqlite",
    "psycopg",  # PostgreSQL's driver: only for a PostgreSQL URL
    "fastapi",  # the web app
    "netweave.web",
    "typer.rich_utils",  # Typer's help in panels: for --help only
)


def _small_db(tmp_path: Path) -> str:
    """A database with the owner and one person, made by the command line."""
    db = str(tmp_path / "small.db")
    for args in (["init", "--me", "Robin Vale"], ["person", "add", "Ann Example"]):
        subprocess.run(
            [sys.executable, "-m", "netweave", "--db", db, *args],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return db


def test_a_read_loads_what_it_reads_and_no_more(tmp_path: Path) -> None:
    """`netweave person list` on a small database: the database and the people, none of
    the writes' models, the other person commands or the heavy checkers (issue 16)."""
    db = _small_db(tmp_path)
    loaded = _loaded_by(
        "from netweave.cli import main\n"
        f"try:\n    main(['--db', {db!r}, 'person', 'list'])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )
    assert {"netweave.cli.person", "netweave.storage.people", "sqlalchemy"} <= loaded
    early = sorted(name for name in NOT_FOR_A_READ if name in loaded)
    assert early == [], f"imported for `person list`: {early}"


def test_a_read_builds_no_validator_for_the_records_it_does_not_validate(tmp_path: Path) -> None:
    """People read back are trusted (no validation): `person list` builds no validator
    for them (pydantic's deferred build, domain.deferred.Deferred) and compiles none of the
    expressions that check typed values; the workspace it validates as it reads it is
    built."""
    db = _small_db(tmp_path)
    script = (
        "from netweave.cli import main\n"
        f"try:\n    main(['--db', {db!r}, 'person', 'list'])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "from netweave.domain import Person, PersonDraft, PostalAddress, Workspace\n"
        "from netweave.domain import dates, money, person\n"
        "checks = (person._phone, person._plain_email, person._birthday, person._slug,\n"
        "          money._amount, dates._relative, dates._time_after)\n"
        "print('compiled', sum(check.cache_info().currsize for check in checks))\n"
        "for model in (Person, PersonDraft, PostalAddress, Workspace):\n"
        "    print(model.__name__, model.__pydantic_complete__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    # Nor are the expressions that check typed values compiled (netweave.lazy.pattern);
    # the currency's is: the settings read back are checked.
    assert done.stdout.splitlines()[-5] == "compiled 0"
    built = dict(line.split() for line in done.stdout.splitlines()[-4:])
    assert built == {
        "Person": "False",
        "PersonDraft": "False",
        "PostalAddress": "False",
        "Workspace": "True",
    }


def test_the_web_app_builds_every_record_when_it_loads() -> None:
    """FastAPI reads a model's config when a route names it: the web app's records are
    built before its routes are made, those defined later as they are defined."""
    script = (
        "from netweave.domain import Person, PostalAddress\n"
        "assert not Person.__pydantic_complete__\n"
        "import netweave.web\n"
        "from netweave.domain.deferred import Deferred, _subclasses\n"
        "from netweave.domain.referral import Referral\n"
        "models = [Deferred, *_subclasses(Deferred)]\n"
        "assert {Person, PostalAddress, Referral} <= set(models)\n"
        "late = [m.__name__ for m in models if m.model_config.get('defer_build')]\n"
        "unbuilt = [m.__name__ for m in models if not m.__pydantic_complete__]\n"
        "assert late == [] and unbuilt == [], (late, unbuilt)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]


def test_the_parsers_load_when_an_import_needs_them() -> None:
    loaded = _loaded_by("from netweave.importers import parse_bytes")
    assert "netweave.importers.parse" in loaded
    # The calendar and vCard readers' libraries load for their own files only.
    assert not {"icalendar", "vobject"} & loaded
    loaded = _loaded_by(
        "from netweave.importers import parse_bytes\n"
        "parse_bytes(b'BEGIN:VCALENDAR\\r\\nEND:VCALENDAR\\r\\n', 'a.ics')"
    )
    assert "icalendar" in loaded
    # The encoding detector, for files that are not UTF-8 only (5.7 MB of an import's peak).
    assert "charset_normalizer" not in loaded


def _loaded_by_a_run(tmp_path: Path, argv: list[str]) -> set[str]:
    """The modules ``netweave argv`` loads on a small database (its owner and one person)."""
    db = _small_db(tmp_path)
    return _loaded_by(
        "from netweave.cli import main\n"
        f"try:\n    main(['--db', {db!r}, *{argv!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )


NOT_FOR_THE_REVIEW = (
    "numpy",  # tie strength's arrays: a network without pairs has none to compute
    "phonenumbers",  # reading typed phone numbers: not for comparing stored ones' names
    "alembic",
    "sqlalchemy.dialects.postgresql",
    "platformdirs",
)


def test_the_review_loads_no_phone_number_tables(tmp_path: Path) -> None:
    loaded = _loaded_by_a_run(tmp_path, ["review"])
    assert {"netweave.services.review", "netweave.domain.identity"} <= loaded
    early = sorted(name for name in NOT_FOR_THE_REVIEW if name in loaded)
    assert early == [], f"imported for `review`: {early}"


NOT_FOR_TIES = (
    "netweave.cli.review",  # the weekly review's command and service, and what they read
    "netweave.services.review",
    "netweave.services.group_return",
    "netweave.services.standings",
    "netweave.services.cadence",
    "netweave.exporters.vcard",  # a CSV of strengths makes names safe, it writes no contacts
    "phonenumbers",
    "alembic",
)


def test_the_ties_csv_loads_neither_the_review_nor_the_contact_writers(tmp_path: Path) -> None:
    loaded = _loaded_by_a_run(tmp_path, ["ties", "--all-pairs", "--csv"])
    assert {"netweave.cli.ties", "netweave.services.ties"} <= loaded
    early = sorted(name for name in NOT_FOR_TIES if name in loaded)
    assert early == [], f"imported for `ties`: {early}"


TABLE_MODULES = ("aims", "groups", "history", "mail", "mailout", "people", "photos", "records")


def test_each_module_of_tables_loads_the_tables_its_keys_name() -> None:
    """The tables load by module, on first use: whichever loads first, every foreign key of
    its tables finds the table it names (a join or a DDL statement never misses one)."""
    for module in TABLE_MODULES:
        code = (
            "from sqlalchemy import Table\n"
            f"from netweave.storage.tables import {module} as m\n"
            "for table in vars(m).values():\n"
            "    if isinstance(table, Table):\n"
            "        for key in table.foreign_keys:\n"
            "            key.column\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, f"{module}: {done.stderr[-300:]}"


def test_the_whole_schema_is_there_when_its_metadata_is_asked_for() -> None:
    """Every table of it is one that ``tables`` names (one added to a module only is found)."""
    loaded = _loaded_by(
        "from netweave.storage import tables\n"
        "assert len(tables.metadata.tables) == len(tables._HOMES)"
    )
    assert {f"netweave.storage.tables.{module}" for module in TABLE_MODULES} <= loaded


def test_a_command_run_in_process_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """The start-up's pause of the cycle collector (netweave.collector) ends with the
    command: a program (or a test) that runs commands in-process keeps collecting, and
    nothing of its own stays frozen."""
    db = str(tmp_path / "small.db")
    assert gc.isenabled()
    for args in (["init", "--me", "Robin Vale"], ["person", "list"], ["--help"], ["nope"]):
        with pytest.raises(SystemExit):
            main(["--db", db, *args])
        assert gc.isenabled(), args
        assert gc.get_freeze_count() == 0, args


def test_a_command_of_a_noun_is_made_alone(tmp_path: Path) -> None:
    """`person list` makes its own command, not `add` and `edit` with their many options;
    the noun's help and a mistyped command still see them all."""
    db = str(tmp_path / "small.db")
    subprocess.run(
        [sys.executable, "-m", "netweave", "--db", db, "init", "--me", "Robin Vale"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    script = (
        "from netweave.cli import main\n"
        "from netweave.cli.commands import BY_NAME, build\n"
        f"try:\n    main(['--db', {db!r}, 'person', 'list'])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(' '.join(build(BY_NAME['person']).commands))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    made = set(done.stdout.split("\n")[-2].split())
    assert "list" in made
    assert not made & {"add", "edit", "remove"}, made

    helped = subprocess.run(
        [sys.executable, "-m", "netweave", "person", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )
    panel = helped.stdout.split("Commands")[-1]
    listed = re.findall(r"^│ ([a-z]+) ", panel, flags=re.MULTILINE)
    assert listed == [
        "add",
        "edit",
        "list",
        "remove",
        "show",
        "duplicates",
        "distinct",
        "merge",
        "unmerge",
        "merges",
    ]
    mistyped = subprocess.run(
        [sys.executable, "-m", "netweave", "person", "lsit"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert mistyped.returncode == 2
    assert "Did you mean 'list'?" in mistyped.stderr
