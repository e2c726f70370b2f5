"""The output model: every draft from every fixture builds a valid domain record."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
from datetime import UTC, datetime
from pathlib import Path

import pytest

import netweave.importers as importers
from netweave.domain import EventDraft, InteractionDraft, PersonDraft, build
from netweave.importers import (
    OWNER_REF,
    ContactDraft,
    GroupsFile,
    ParsedFile,
    ParseOptions,
    PartialDate,
    Problem,
    Source,
    parse_file,
)
from tests.unit.importers.conftest import FIXTURES

READABLE = sorted(
    path
    for path in FIXTURES.rglob("*")
    if path.suffix in {".csv", ".vcf", ".ics", ".dat"}
    and "garbage" not in path.parts
    and "hostile" not in path.parts  # tests/interfaces/test_hostile_files.py reads those
    and "truncated" not in path.name
)


def _parse(path: Path) -> ParsedFile:
    groups = GroupsFile.read(FIXTURES / "sociopatterns/small-groups.txt")
    return parse_file(path, options=ParseOptions(groups=groups))


def test_the_fixtures_are_all_there() -> None:
    assert len(READABLE) == 17 + 34 + 4 + 2 + 2 + 1 + 3 + 1 + 1


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_every_draft_builds_a_domain_record(path: Path) -> None:
    parsed = _parse(path)
    contacts = list(parsed.contacts)
    for event in parsed.events:
        build(EventDraft, event.event_fields())
        assert event.starts_at.tzinfo is UTC
        contacts += [a.contact for a in event.attendees]
        contacts += [event.organizer] if event.organizer else []
    for contact in contacts:
        person = build(PersonDraft, contact.person_fields())
        assert person.name == contact.name
        assert person.emails == list(contact.emails)
    ids = {contact.ref: number for number, contact in enumerate(parsed.contacts, 2)}
    ids[OWNER_REF] = 1
    for interaction in parsed.interactions:
        build(
            InteractionDraft,
            {
                "kind": interaction.kind,
                "occurred_at": interaction.occurred_at,
                "participant_ids": [ids[ref] for ref in interaction.participants],
                "duration_minutes": interaction.duration_minutes,
            },
        )
    assert {m.person for m in parsed.memberships} <= set(ids)
    assert len({c.ref for c in parsed.contacts}) == len(parsed.contacts)
    assert all(
        p.source.file == path.name or p.source.file.endswith(".txt") for p in parsed.problems
    )


def test_drafts_are_frozen() -> None:
    draft = ContactDraft(source=Source("a.csv", "line 2", 2), ref="line 2", name="Ann")
    with pytest.raises(dataclasses.FrozenInstanceError):
        draft.name = "Bob"  # type: ignore[misc]


def test_person_fields_leave_out_what_is_empty() -> None:
    draft = ContactDraft(
        source=Source("a.vcf", "card 1"),
        ref="card 1",
        name="Ann Lee",
        emails=("ann@example.com",),
        nickname="Annie",
        department="Sales",
    )
    assert draft.person_fields() == {
        "name": "Ann Lee",
        "emails": ["ann@example.com"],
        "nickname": "Annie",
        "department": "Sales",
    }


def test_partial_dates() -> None:
    assert str(PartialDate(2, 29)) == "--02-29"  # a birthday without a year may be 29 Feb
    assert str(PartialDate(3, 5, 1980)) == "1980-03-05"
    with pytest.raises(ValueError, match="day is out of range"):
        PartialDate(2, 30)
    with pytest.raises(ValueError, match="day is out of range"):
        PartialDate(2, 29, 2023)


def test_problems_read_as_sentences() -> None:
    problem = Problem(Source("Connections.csv", "line 7", 7), "the connection has no name")
    assert str(problem) == "Connections.csv, line 7: the connection has no name"
    assert problem.skipped


def test_interaction_minutes_keep_the_seconds() -> None:
    parsed = _parse(FIXTURES / "sociopatterns/small.dat")
    assert [i.duration_minutes for i in parsed.interactions] == [1, 1 / 3, 1 / 3, 2 / 3]
    assert parsed.interactions[0].occurred_at == datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "module",
    [
        "netweave.importers",
        "netweave.importers.model",
        "netweave.importers.detect",
        "netweave.importers.parse",
        "netweave.importers.linkedin",
        "netweave.importers.google",
        "netweave.importers.outlook",
        "netweave.importers.vcard",
        "netweave.importers.ical",
        "netweave.importers.contact_log",
        "netweave.importers.sociopatterns",
        "netweave.domain.identity",
    ],
)
def test_public_names_are_listed(module: str) -> None:
    loaded = importlib.import_module(module)
    exported = set(loaded.__all__)  # ruff (RUF022) keeps it sorted
    assert all(hasattr(loaded, name) for name in exported)
    tree = ast.parse(inspect.getsource(loaded))
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {t.id for t in targets if isinstance(t, ast.Name)}
    public = {name for name in defined if not name.startswith("_") and name != "__all__"}
    assert public <= exported, public - exported


def test_package_exports_the_model() -> None:
    assert {"ContactDraft", "EventDraft", "ParsedFile", "parse_file"} <= set(importers.__all__)
