"""Paths to the fixtures: real exports in tests/fixtures, real data sets in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.importers import Format, ParsedFile, ParseOptions, parse_file

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DATA = ROOT / ".." / "shared" / "data"
VCARDS = FIXTURES / "vcard" / "ez-vcard"
ICS_EVENTS = FIXTURES / "ics" / "icalendar" / "events"


def parse_fixture(
    relative: str, *, format: Format | None = None, options: ParseOptions | None = None
) -> ParsedFile:
    """The fixture at ``tests/fixtures/<relative>``, parsed."""
    return parse_file(FIXTURES / relative, format=format, options=options)


@pytest.fixture
def shared_data() -> Path:
    """The real data sets beside the repository (present in CI)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"the shared data sets are missing: expected them in {SHARED_DATA.resolve()}")
    return SHARED_DATA
