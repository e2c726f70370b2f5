"""init, export, restore, and what a user sees when the database is not right."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup, TyperOption

from netweave.cli import cli
from netweave.cli.app import LazyCommand
from netweave.services import people, workspaces
from tests.cli.conftest import Netweave


def test_init_creates_database_and_owner(blank: Netweave) -> None:
    result = blank.ok(
        "init", "--me", "Robin Vale", "--currency", "usd", "--time-zone", "America/Chicago"
    )
    assert "Created workspace 'default'" in result.out
    [created] = workspaces.list_workspaces(blank.store)
    assert created.settings.currency == "USD"
    assert created.settings.time_zone == "America/Chicago"
    assert people.find_person(blank.store, blank.ws, "me").name == "Robin Vale"
    again = blank("init")
    assert again.code == 5
    assert "already exists" in again.err


def test_missing_database_says_run_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runner = Netweave(f"sqlite:///{tmp_path / 'nothing.db'}", capsys)
    result = runner("person", "list")
    assert result.code == 6
    assert "there is no database" in result.err
    assert "netweave init" in result.err
    assert not (tmp_path / "nothing.db").exists()


def test_newer_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "future.db"
    runner = Netweave(f"sqlite:///{path}", capsys)
    runner.ok("init")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    result = runner("person", "list")
    assert result.code == 6
    assert "newer version of netweave" in result.err


def test_not_a_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    result = Netweave(f"sqlite:///{path}", capsys)("person", "list")
    assert result.code == 6
    assert "not a netweave database" in result.err
    assert "Traceback" not in result.err
    assert path.read_text().startswith("these are my notes")


def test_locked_database_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "busy.db"
    runner = Netweave(f"sqlite:///{path}", capsys)
    runner.ok("init", "--me", "Robin Vale")
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("PRAGMA busy_timeout=0")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = runner("person", "add", "Anna Smith")
    finally:
        holder.rollback()
        holder.close()
    assert result.code == 6
    assert "locked" in result.err
    assert [p.name for p in people.list_people(runner.store, runner.ws)] == ["Robin Vale"]


def test_export_restore_export_is_identical(nw: Netweave, tmp_path: Path) -> None:
    nw.ok("person", "add", "Anna Smith", "--email", "anna@acme.com", "--tag", "bni")
    nw.ok("person", "add", "Bob Jones", "--introduced-by", "Anna Smith")
    nw.ok("group", "add", "Chamber", "--dues", "450")
    nw.ok("group", "join", "Chamber", "Anna Smith")
    nw.ok("event", "add", "Mixer", "--at", "2026-03-05T18:30", "--group", "Chamber")
    nw.ok("event", "attend", "Mixer", "Anna Smith", "--met")
    nw.ok("log", "meal", "Anna Smith", "--minutes", "90", "--event", "Mixer")
    nw.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Bob Jones")
    nw.ok("ask", "add", "an intro", "--to", "Anna Smith")
    nw.ok("followup", "add", "Bob Jones", "coffee")
    nw.ok("market", "set", "--category", "law")
    first = tmp_path / "first.json"
    nw.ok("export", "--output", str(first))
    nw.ok("restore", str(first), "--as", "copy")
    second = nw.ok("--workspace", "copy", "export").out
    assert json.loads(first.read_text())["workspace"]["name"] == "default"
    assert second == first.read_text(encoding="utf-8").replace(
        '"name": "default"', '"name": "copy"', 1
    )
    refused = nw("restore", str(first))
    assert refused.code == 5
    assert "already exists" in refused.err
    nw.ok("restore", str(first), "--replace")
    assert sorted(w.name for w in workspaces.list_workspaces(nw.store)) == ["copy", "default"]


def test_restore_of_a_broken_file_writes_nothing(nw: Netweave, tmp_path: Path) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("log", "call", "Anna Smith")
    exported = json.loads(nw.ok("export").out)
    exported["interactions"][0]["participants"].append("p404")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(exported))
    result = nw("restore", str(broken), "--as", "copy")
    assert result.code == 2
    assert "interactions[0].participants" in result.err
    assert "p404" in result.err
    assert [w.name for w in workspaces.list_workspaces(nw.store)] == ["default"]
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    unreadable = nw("restore", str(garbage))
    assert unreadable.code == 2
    assert "garbage.json" in unreadable.err
    missing = nw("restore", str(tmp_path / "absent.json"))
    assert missing.code == 2
    assert "there is no file" in missing.err


def _commands(group: TyperGroup, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    with typer.Context(group) as ctx:
        names = group.list_commands(ctx)
        for name in sorted(names):
            command = group.get_command(ctx, name)
            if isinstance(command, LazyCommand):
                command = command.real()
            path = f"{prefix} {name}".strip()
            found.append((path, command))
            if isinstance(command, TyperGroup):
                found.extend(_commands(command, path))
    return found


def test_every_command_and_option_is_documented() -> None:
    root = typer.main.get_command(cli)
    assert isinstance(root, TyperGroup)
    commands = _commands(root)
    assert len(commands) > 40
    undocumented = [path for path, command in commands if not (command.help or "").strip()]
    assert undocumented == [], f"commands without help: {undocumented}"
    bare = [
        f"{path} {param.name}"
        for path, command in commands
        for param in command.params
        if isinstance(param, TyperOption) and not (param.help or "").strip()
    ]
    assert bare == [], f"options without help: {bare}"
