"""Keep-in-touch cadences from the command line: each command, then the database."""

from __future__ import annotations

import json

from netweave.services import cadence, groups, people
from tests.cli.conftest import Netweave


def test_person_and_group_cadences_are_set_and_removed(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--keep-in-touch", "14")
    assert people.find_person(nw.store, nw.ws, "Anna Smith").keep_in_touch_days == 14
    nw.ok("person", "edit", "Anna Smith", "--keep-in-touch", "21")
    assert people.find_person(nw.store, nw.ws, "Anna Smith").keep_in_touch_days == 21
    nw.ok("person", "edit", "Anna Smith", "--keep-in-touch", "0")
    assert people.find_person(nw.store, nw.ws, "Anna Smith").keep_in_touch_days is None
    nw.ok("group", "add", "BNI Northstar", "--keep-in-touch", "30")
    assert groups.find_group(nw.store, nw.ws, "BNI Northstar").keep_in_touch_days == 30
    nw.ok("group", "edit", "BNI Northstar", "--keep-in-touch", "45")
    assert groups.find_group(nw.store, nw.ws, "BNI Northstar").keep_in_touch_days == 45
    nw.ok("group", "edit", "BNI Northstar", "--keep-in-touch", "0")
    assert groups.find_group(nw.store, nw.ws, "BNI Northstar").keep_in_touch_days is None


def test_a_bad_cadence_is_a_clear_error_that_changes_nothing(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--keep-in-touch", "14")
    negative = nw("person", "edit", "Anna Smith", "--keep-in-touch", "-3")
    assert negative.code == 2
    assert "--keep-in-touch" in negative.err
    too_long = nw("person", "edit", "Anna Smith", "--keep-in-touch", "5000")
    assert too_long.code == 2
    assert "keep in touch days" in too_long.err
    assert "Traceback" not in too_long.err
    assert people.find_person(nw.store, nw.ws, "Anna Smith").keep_in_touch_days == 14


def test_tag_cadences_are_set_listed_and_removed(nw: Netweave) -> None:
    nw.ok("settings", "keep-in-touch", "Client", "30")
    nw.ok("settings", "keep-in-touch", "board", "90")
    assert cadence.tag_cadences(nw.store, nw.ws) == {"board": 90, "client": 30}
    shown = json.loads(nw.ok("settings", "show", "--json").out)
    assert shown["keep_in_touch_days_by_tag"] == {"board": 90, "client": 30}
    assert "every 30 days" in nw.ok("settings", "show").out
    nw.ok("settings", "keep-in-touch", "board", "0")
    assert cadence.tag_cadences(nw.store, nw.ws) == {"client": 30}
    bad = nw("settings", "keep-in-touch", "!!", "30")
    assert bad.code == 2
    assert "tag" in bad.err
    assert cadence.tag_cadences(nw.store, nw.ws) == {"client": 30}


def test_the_review_says_which_rule_applied(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("group", "add", "BNI Northstar", "--keep-in-touch", "30")
    nw.ok("group", "join", "BNI Northstar", "Anna Smith")
    nw.ok("log", "call", "Anna Smith", "--at", "2026-01-01T12:00")
    found = json.loads(nw.ok("review", "--as-of", "2026-03-01T12:00", "--json").out)
    [late] = found["losing_touch"]
    assert late["name"] == "Anna Smith"
    assert late["reasons"] == [
        "last touch 59 days ago; due every 30 days, as a member of BNI Northstar"
    ]


def test_person_show_says_the_cadence_and_its_rule(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--tag", "client")
    nw.ok("settings", "keep-in-touch", "client", "21")
    shown = json.loads(nw.ok("person", "show", "Anna Smith", "--json").out)
    assert shown["keep_in_touch"] == "every 21 days, for people tagged client; no touch yet"
    assert "every 21 days, for people tagged client" in nw.ok("person", "show", "Anna Smith").out
    assert json.loads(nw.ok("person", "show", "me", "--json").out)["keep_in_touch"] is None
