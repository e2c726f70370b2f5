"""Badge proximity logs: merging 20-second records into conversations, on real data sets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from netweave.domain.kinds import InteractionKind
from netweave.importers import Format, GroupsFile, ParseOptions, parse_file
from tests.unit.importers.conftest import FIXTURES, parse_fixture

SMALL_GROUPS = GroupsFile.read(FIXTURES / "sociopatterns/small-groups.txt")


def test_consecutive_records_of_a_pair_merge_into_one_conversation() -> None:
    parsed = parse_fixture("sociopatterns/small.dat")
    assert parsed.format is Format.SOCIOPATTERNS
    spans = [
        (i.participants, i.occurred_at.second + 60 * i.occurred_at.minute, i.duration_seconds)
        for i in parsed.interactions
    ]
    assert spans == [
        (("badge:1", "badge:2"), 0, 60),  # t = 20, 40 (as "2 1"), 60
        (("badge:1", "badge:3"), 40, 20),  # t = 60 alone
        (("badge:1", "badge:2"), 80, 20),  # t = 100: 40 s after the last record, a new one
        (("badge:1", "badge:3"), 80, 40),  # t = 100, 120 and 120 again (a duplicate)
    ]
    assert all(
        i.kind is InteractionKind.EVENT_CONVERSATION and i.in_person for i in parsed.interactions
    )
    assert [i.duration_minutes for i in parsed.interactions] == [1, 1 / 3, 1 / 3, 2 / 3]
    assert [c.name for c in parsed.contacts] == ["1", "2", "3"]
    assert [(p.source.locator, p.skipped) for p in parsed.problems] == [
        ("line 9", True),
        ("line 10", True),
    ]
    assert parsed.problems[1].reason == "4 is in contact with itself"
    assert parsed.records == 10


def test_start_moment_and_groups() -> None:
    start = datetime(2013, 6, 24, tzinfo=UTC)
    parsed = parse_fixture(
        "sociopatterns/small.dat", options=ParseOptions(start=start, groups=SMALL_GROUPS)
    )
    assert parsed.interactions[0].occurred_at == start
    assert [(m.person, m.group) for m in parsed.memberships] == [
        ("badge:1", "Sales"),
        ("badge:2", "Sales"),
        ("badge:3", "Legal"),
        ("badge:5", "Legal"),
    ]
    # 5 is in a group but met no one: still a person.
    assert [c.ref for c in parsed.contacts] == ["badge:1", "badge:2", "badge:3", "badge:5"]
    assert parsed.contacts[-1].source.file == "small-groups.txt"


def test_sfhh_conference(shared_data: Path) -> None:
    parsed = parse_file(shared_data / "sociopatterns/SFHH/tij_SFHH.dat")
    assert parsed.records == 70_261
    assert len(parsed.contacts) == 403
    assert parsed.problems == ()
    pairs = {i.participants for i in parsed.interactions}
    assert len(pairs) == 9_565
    total = sum(i.duration_seconds or 0 for i in parsed.interactions)
    assert total == 70_261 * 20  # no record lost or counted twice


def test_invs13_workplace_with_departments(shared_data: Path) -> None:
    folder = shared_data / "sociopatterns/InVS13"
    options = ParseOptions(
        start=datetime(2013, 6, 24, tzinfo=UTC),
        groups=GroupsFile.read(folder / "metadata_InVS13.txt"),
    )
    parsed = parse_file(folder / "tij_InVS.dat", options=options)
    assert parsed.encoding == "utf-8"
    assert parsed.records == 9_827
    assert len(parsed.contacts) == 92
    assert len(parsed.memberships) == 92
    assert {m.group for m in parsed.memberships} == {"DISQ", "DMCT", "DSE", "SFLE", "SRH"}
    assert parsed.interactions[0].occurred_at >= datetime(2013, 6, 24, 8, tzinfo=UTC)
    last = parsed.interactions[-1].occurred_at
    assert (last - datetime(2013, 6, 24, tzinfo=UTC)).days == 11  # 11.4 days of records
