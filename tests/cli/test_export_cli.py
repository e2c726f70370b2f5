"""`netweave export --format vcard|csv`: the stored people come back through our importers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netweave.exporters import vcard
from netweave.importers import Format, parse_bytes, parse_file
from netweave.services import exchange, people, workspaces
from tests import writes
from tests.cli.conftest import Netweave
from tests.unit.exporters.awkward import AWKWARD, FIELDS, differences


@pytest.fixture
def crowd(nw: Netweave) -> Netweave:
    """Robin Vale's workspace with the awkward people in it."""
    for fields in AWKWARD:
        writes.add_person(nw.store, nw.ws, fields)
    return nw


@pytest.mark.parametrize(("format", "parsed_as"), [("vcard", Format.VCARD), ("csv", Format.GOOGLE)])
def test_export_then_import_gives_back_the_stored_people(
    crowd: Netweave, tmp_path: Path, format: str, parsed_as: Format
) -> None:
    target = tmp_path / f"people.{format}"
    result = crowd.ok("export", "--format", format, "--output", str(target))
    assert f"Wrote {target}" in result.err
    assert result.out == ""
    parsed = parse_file(target)
    assert parsed.format is parsed_as
    assert parsed.problems == ()
    stored = sorted(people.list_people(crowd.store, crowd.ws), key=lambda p: p.id or 0)
    assert [p.name for p in stored][:2] == ["Robin Vale", AWKWARD[0]["name"]]  # the owner too
    assert len(parsed.contacts) == len(stored) == len(AWKWARD) + 1
    found = [d for p, c in zip(stored, parsed.contacts, strict=True) for d in differences(p, c)]
    assert found == []


def test_vcard_uids_name_the_workspace_and_stay_the_same(crowd: Netweave) -> None:
    first = crowd.ok("export", "-f", "vcard").out
    writes.edit_person(crowd.store, crowd.ws, 2, {"title": "Founder"})
    second = crowd.ok("export", "-f", "vcard").out
    uids = [c.external_id for c in parse_bytes(second.encode(), "again.vcf").contacts]
    assert uids == [c.external_id for c in parse_bytes(first.encode(), "first.vcf").contacts]
    assert uids[0] == vcard.uid("default", 1)
    assert "TITLE:Founder\r\n" in second
    assert "TITLE:Founder\r\n" not in first


def test_csv_to_standard_output_with_dash(crowd: Netweave) -> None:
    out = crowd.ok("export", "--format", "csv", "--output", "-").out
    assert out.startswith("\ufeffFirst Name,Middle Name,Last Name,")
    assert out.count("\r\n") >= len(AWKWARD) + 2
    assert parse_bytes(out.encode("utf-8"), "contacts.csv").format is Format.GOOGLE


def test_json_stays_the_default_and_unchanged(crowd: Netweave, tmp_path: Path) -> None:
    expected = exchange.dumps(exchange.export_workspace(crowd.store, crowd.ws))
    assert crowd.ok("export").out == expected
    assert crowd.ok("export", "--format", "json").out == expected
    crowd.ok("export", "-o", str(tmp_path / "all.json"))
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == expected


def test_an_unknown_format_is_refused(nw: Netweave) -> None:
    result = nw("export", "--format", "ldif")
    assert result.code == 2
    assert "ldif" in result.err
    assert "vcard" in result.err


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/people.vcf", "No such file or directory"),
        ("a-file/people.vcf", "Not a directory"),
        ("a-folder", "it is a folder"),
    ],
)
def test_an_unwritable_output_is_a_clear_error_and_leaves_nothing(
    nw: Netweave, tmp_path: Path, where: str, reason: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a-file").write_text("keep me")
    (folder / "a-folder").mkdir()
    before = sorted(p.name for p in folder.rglob("*"))
    target = folder / where
    result = nw("export", "--format", "vcard", "--output", str(target))
    assert result.code == 2
    assert f"cannot write {target}" in result.err
    assert reason in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in folder.rglob("*")) == before
    assert (folder / "a-file").read_text() == "keep me"


def test_a_file_is_replaced_whole_and_keeps_its_mode(crowd: Netweave, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "people.vcf"
    target.write_text("an older export")
    target.chmod(0o640)
    crowd.ok("export", "--format", "vcard", "--output", str(target))
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\n")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["people.vcf"]  # no temporary file left


@pytest.mark.parametrize("format", ["vcard", "csv"])
def test_import_into_a_fresh_workspace_gives_back_the_same_people(
    crowd: Netweave, tmp_path: Path, format: str
) -> None:
    target = tmp_path / f"people.{format}"
    crowd.ok("export", "--format", format, "--output", str(target))
    crowd.ok("init", "--name", "fresh")
    crowd.ok("--workspace", "fresh", "import", str(target))
    fresh = workspaces.open_workspace(crowd.store, "fresh").id
    assert fresh is not None
    stored = people.list_people(crowd.store, crowd.ws)
    back = people.list_people(crowd.store, fresh)
    assert [p.name for p in back] == [p.name for p in stored]
    for before, after in zip(stored, back, strict=True):
        assert {f: getattr(after, f) for f in FIELDS} == {f: getattr(before, f) for f in FIELDS}
    # "Just A Name" has no email or phone: only the UID can say it is the same person.
    [nameless] = [p for p in stored if p.name == "Just A Name"]
    assert nameless.id is not None
    writes.edit_person(crowd.store, crowd.ws, nameless.id, {"title": "Founder"})
    crowd.ok("export", "--format", format, "--output", str(target))
    report = json.loads(crowd.ok("--workspace", "fresh", "import", str(target), "--json").out)
    assert report["kinds"]["people"]["created"] == 0, report
    assert report["kinds"]["people"]["updated"] == 1, report
    [updated] = [p for p in people.list_people(crowd.store, fresh) if p.name == "Just A Name"]
    assert updated.title == "Founder"
