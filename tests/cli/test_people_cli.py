"""`netweave person ...`: each command, then the database it left behind."""

from __future__ import annotations

import json
from io import StringIO

import pytest

from netweave.services import groups, interactions, people
from tests.cli.conftest import Netweave


def test_add_stores_every_field(nw: Netweave) -> None:
    nw.ok(
        "person", "add", "Anna Smith",
        "--email", "Anna@Acme.com", "--email", "anna.smith@gmail.com",
        "--phone", "+49 30 1234567", "--company", "Acme", "--title", "CFO",
        "--category", "Tax Law", "--location", "Berlin", "--tag", "BNI", "--tag", "chamber",
        "--how-met", "chamber mixer", "--met-on", "2025-03-05",
        "--offers", "tax advice", "--looking-for", "founders", "--admired", "--notes", "likes jazz",
    )  # fmt: skip
    anna = people.find_person(nw.store, nw.ws, "anna smith")
    assert anna.emails == ["anna@acme.com", "anna.smith@gmail.com"]
    assert anna.phones == ["+49 30 1234567"]
    assert (anna.company, anna.title, anna.category, anna.location) == (
        "Acme",
        "CFO",
        "Tax Law",
        "Berlin",
    )
    assert anna.tags == ["bni", "chamber"]
    assert str(anna.met_on) == "2025-03-05"
    assert anna.admired is True
    assert anna.intriguing is False
    assert anna.notes == "likes jazz"


def test_add_json_output_is_the_stored_record(nw: Netweave) -> None:
    result = nw.ok("person", "add", "Bob Jones", "--company", "Jones & Co", "--json")
    printed = json.loads(result.out)
    stored = people.get_person(nw.store, nw.ws, printed["id"])
    assert printed["name"] == stored.name == "Bob Jones"
    assert printed["company"] == "Jones & Co"


def test_introduced_by_resolves_a_person(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("person", "add", "Bob Jones", "--introduced-by", "anna")
    anna = people.find_person(nw.store, nw.ws, "Anna Smith")
    bob = people.find_person(nw.store, nw.ws, "Bob Jones")
    assert bob.introduced_by_id == anna.id


def test_duplicate_email_is_refused_and_nothing_written(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--email", "anna@acme.com")
    result = nw("person", "add", "Anna Other", "--email", "ANNA@acme.com")
    assert result.code == 5
    assert "already belongs to Anna Smith" in result.err
    assert "Traceback" not in result.err
    assert [p.name for p in people.list_people(nw.store, nw.ws)] == ["Anna Smith", "Robin Vale"]


def test_invalid_email_names_the_field(nw: Netweave) -> None:
    result = nw("person", "add", "Anna", "--email", "not-an-email")
    assert result.code == 2
    assert "emails" in result.err
    assert "not-an-email" in result.err
    assert len(people.list_people(nw.store, nw.ws)) == 1


def test_ambiguous_name_asks_instead_of_guessing(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--company", "Acme")
    nw.ok("person", "add", "Anna Jones")
    result = nw("person", "edit", "anna", "--title", "CEO")
    assert result.code == 4
    assert "matches 2 people" in result.err
    assert "Anna Smith" in result.err
    assert "Anna Jones" in result.err
    assert all(p.title is None for p in people.list_people(nw.store, nw.ws))


def test_unknown_person_suggests_a_close_name(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    result = nw("person", "show", "Ana Smith")
    assert result.code == 3
    assert "did you mean 'Anna Smith'" in result.err


def test_edit_adds_and_removes_list_items_and_clears_fields(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna", "--email", "a@x.com", "--tag", "old", "--company", "Acme")
    nw.ok(
        "person", "edit", "Anna", "--email", "b@x.com", "--remove-email", "A@x.com",
        "--tag", "new", "--remove-tag", "old", "--clear", "company", "--title", "Partner",
    )  # fmt: skip
    anna = people.find_person(nw.store, nw.ws, "Anna")
    assert anna.emails == ["b@x.com"]
    assert anna.tags == ["new"]
    assert anna.company is None
    assert anna.title == "Partner"


def test_clear_refuses_a_required_field(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna")
    result = nw("person", "edit", "Anna", "--clear", "name")
    assert result.code == 2
    assert "'name' cannot be cleared" in result.err


def test_list_filters_and_json(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--tag", "bni", "--category", "law")
    nw.ok("person", "add", "Bob Jones", "--company", "Smithfield")
    nw.ok("person", "add", "Cara Diaz", "--tag", "bni")
    by_search = json.loads(nw.ok("person", "list", "--search", "smith", "--json").out)
    assert [p["name"] for p in by_search] == ["Anna Smith", "Bob Jones"]
    by_tag = json.loads(nw.ok("person", "list", "--tag", "BNI", "--json").out)
    assert [p["name"] for p in by_tag] == ["Anna Smith", "Cara Diaz"]
    table = nw.ok("person", "list").out
    assert "4 people" in table
    assert "Cara Diaz" in table


def test_list_by_group(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("person", "add", "Bob Jones")
    nw.ok("group", "add", "Chamber", "--kind", "chamber")
    nw.ok("group", "join", "Chamber", "Bob Jones")
    found = json.loads(nw.ok("person", "list", "--group", "Chamber", "--json").out)
    assert [p["name"] for p in found] == ["Bob Jones"]


def test_show_lists_groups_and_touches(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--company", "Acme")
    nw.ok("group", "add", "Chamber")
    nw.ok("group", "join", "Chamber", "Anna Smith", "--role", "leader")
    nw.ok("log", "one-on-one", "Anna Smith", "--at", "2026-01-10T09:00", "--notes", "[red]x[/red]")
    shown = nw.ok("person", "show", "Anna Smith").out
    assert "Chamber (leader)" in shown
    assert "one-on-one" in shown
    assert "[red]x[/red]" in shown  # user text is shown as typed, never as markup
    data = json.loads(nw.ok("person", "show", "Anna Smith", "--json").out)
    assert data["person"]["company"] == "Acme"
    assert len(data["recent_interactions"]) == 1


def test_show_names_whom_each_touch_was_with(nw: Netweave) -> None:
    for name in ("Anna Smith", "Eve Fink", "Carl Dorn"):
        nw.ok("person", "add", name)
    nw.ok("log", "one-on-one", "Anna Smith", "--at", "2026-01-10T09:00")
    nw.ok("log", "call", "Anna Smith", "Eve Fink", "--at", "2026-01-12T09:00", "--without-me")
    nw.ok("log", "email", "Carl Dorn", "--at", "2026-01-14T09:00")
    data = json.loads(nw.ok("person", "show", "Anna Smith", "--json").out)
    touches = [(t["kind"], [w["name"] for w in t["with"]]) for t in data["recent_interactions"]]
    # Only Anna's touches: with me, and with Eve without me (named); never Carl's.
    assert touches == [("call", ["Eve Fink"]), ("one-on-one", ["you"])]
    shown = nw.ok("person", "show", "Anna Smith").out
    rows = shown.split("Recent touches", 1)[1]
    assert "Eve Fink" in rows
    assert "you" in rows
    assert "Carl Dorn" not in shown
    # My own page names the other party of each of my touches.
    mine = json.loads(nw.ok("person", "show", "me", "--json").out)["recent_interactions"]
    assert [[w["name"] for w in t["with"]] for t in mine] == [["Carl Dorn"], ["Anna Smith"]]


def test_remove_with_records_needs_confirmation(
    nw: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("log", "call", "Anna Smith")
    monkeypatch.setattr("sys.stdin", StringIO("n\n"))
    refused = nw("person", "remove", "Anna Smith")
    assert refused.code == 1
    assert people.find_person(nw.store, nw.ws, "Anna Smith").name == "Anna Smith"
    nw.ok("person", "remove", "Anna Smith", "--yes")
    assert [p.name for p in people.list_people(nw.store, nw.ws)] == ["Robin Vale"]
    assert interactions.list_interactions(nw.store, nw.ws) == []


def test_owner_cannot_be_removed(nw: Netweave) -> None:
    result = nw("person", "remove", "me", "--yes")
    assert result.code == 5
    assert people.find_person(nw.store, nw.ws, "me").name == "Robin Vale"


def test_merge_moves_records_to_the_kept_person(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--email", "anna@acme.com")
    nw.ok("person", "add", "A. Smith", "--email", "asmith@gmail.com", "--company", "Acme")
    nw.ok("group", "add", "Chamber")
    nw.ok("group", "join", "Chamber", "A. Smith")
    nw.ok("log", "meal", "A. Smith", "--minutes", "60")
    nw.ok("person", "merge", "Anna Smith", "A. Smith")
    anna = people.find_person(nw.store, nw.ws, "anna@acme.com")
    assert anna.emails == ["anna@acme.com", "asmith@gmail.com"]
    assert anna.company == "Acme"
    assert anna.id is not None
    assert len(interactions.list_interactions(nw.store, nw.ws, person_id=anna.id)) == 1
    assert [g.name for _, g in groups.memberships_of(nw.store, nw.ws, anna.id)] == ["Chamber"]
    assert len(people.list_people(nw.store, nw.ws)) == 2
