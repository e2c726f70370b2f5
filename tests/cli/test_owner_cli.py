"""A workspace made without --me: every read command works or says how to set the owner,
and `netweave settings owner` sets it (someone already there, or a new person)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from netweave.services import people, workspaces
from tests.cli.conftest import Netweave

FIXTURES = Path(__file__).parents[1] / "fixtures"
HINT = re.compile(r'netweave settings owner "Your Name"')

READS = [
    ["person", "list"],
    ["person", "show", "Ann Lee"],
    ["group", "list"],
    ["event", "list"],
    ["referral", "list"],
    ["ask", "list"],
    ["followup", "list"],
    ["log", "list"],
    ["market", "show"],
    ["settings", "show"],
    ["review"],
    ["givers"],
    ["ties"],
    ["network"],
    ["group", "review"],
    ["groups", "spread"],
    ["suggest", "referrals"],
    ["suggest", "introductions"],
    ["plan", "#1"],
    ["debrief", "#1"],
    ["calendar", "--output", "-"],
]


@pytest.fixture
def unowned(blank: Netweave) -> Netweave:
    """`netweave init` without --me, then a LinkedIn export and a calendar imported."""
    made = blank.ok("init")
    assert 'netweave settings owner "Your Name"' in made.out
    blank.ok("import", str(FIXTURES / "linkedin" / "Connections.csv"))
    blank.ok("import", str(FIXTURES / "ics" / "netweave" / "networking-google.ics"))
    return blank


def test_every_read_command_works_or_says_how_to_set_the_owner(unowned: Netweave) -> None:
    needed_owner = []
    for args in READS:
        result = unowned(*args)
        if result.code != 0:
            assert "no owner yet" in result.err, f"{args}: {result.err}"
            assert HINT.search(result.err), f"{args}: {result.err}"
            needed_owner.append(args[0])
        else:
            assert "internal error" not in result.err, args
    assert "review" in needed_owner  # the weekly review is about the owner's network
    assert "nobody yet" in unowned.ok("settings", "show").out


def test_the_command_the_hint_gives_sets_the_owner(unowned: Netweave) -> None:
    said = unowned("review").err
    hinted = HINT.search(said)
    assert hinted is not None
    command = shlex.split(hinted[0])[1:]  # without "netweave"
    command[-1] = "Ann Lee"  # someone the LinkedIn import brought in
    before = len(people.list_people(unowned.store, unowned.ws))
    result = unowned.ok(*command)
    assert "You are Ann Lee" in result.out
    assert "added" not in result.out
    assert len(people.list_people(unowned.store, unowned.ws)) == before
    assert people.find_person(unowned.store, unowned.ws, "me").name == "Ann Lee"
    for args in READS:
        if args[0] not in ("plan", "debrief"):  # event #1 is past: its plan can't be made
            unowned.ok(*args)
    assert "Ann Lee" in unowned.ok("settings", "show").out


def test_a_new_name_adds_the_owner_and_a_taken_one_asks(unowned: Netweave) -> None:
    result = unowned.ok("settings", "owner", "Robin Vale")
    assert "added as a new person" in result.out
    owner = workspaces.owner_id(unowned.store, unowned.ws)
    assert owner is not None
    assert people.get_person(unowned.store, unowned.ws, owner).name == "Robin Vale"
    unowned.ok("person", "add", "Robin Vale", "--email", "robin@other.example")
    twice = unowned("settings", "owner", "robin vale")
    assert twice.code == 4
    assert "matches 2 people" in twice.err
    assert unowned.ok("settings", "owner", f"#{owner}").out.startswith("You are Robin Vale")
    assert unowned("settings", "owner", "  ").code != 0
