"""Every command pays for what the command line imports at start: heavy parts wait until used.

A fresh interpreter loads the command line as ``netweave`` does; the libraries that only one
command needs must not be among the modules it loaded.
"""

from __future__ import annotations

import subprocess
import sys

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


def test_the_parsers_load_when_an_import_needs_them() -> None:
    loaded = _loaded_by("from netweave.importers import parse_bytes")
    assert "netweave.importers.parse" in loaded
    assert "icalendar" in loaded
