"""`netweave person duplicates|distinct|merge|unmerge|merges`, then the database they left."""

from __future__ import annotations

import json
from io import StringIO

import pytest

from netweave.errors import NotFound
from netweave.services import interactions, merge, people
from tests.cli.conftest import Netweave
from tests.integration.snapshot import database_rows


def add_the_smiths(nw: Netweave) -> tuple[int, int]:
    nw.ok("person", "add", "Robert Smith", "--email", "rsmith@acme.example", "--company", "Acme",
          "--title", "CFO")  # fmt: skip
    nw.ok("person", "add", "Bob Smith", "--email", "bob@gmail.com", "--company", "ACME Inc.",
          "--title", "Finance", "--location", "Edina")  # fmt: skip
    nw.ok("person", "add", "Maria Garcia", "--company", "Acme")
    robert = people.find_person(nw.store, nw.ws, "Robert Smith").id
    bob = people.find_person(nw.store, nw.ws, "Bob Smith").id
    assert robert is not None
    assert bob is not None
    return robert, bob


def test_duplicates_lists_the_pair_with_score_and_reasons(nw: Netweave) -> None:
    robert, bob = add_the_smiths(nw)
    shown = nw.ok("person", "duplicates").out
    assert "1 probable duplicates" in shown
    assert "Bob is a nickname of Robert" in shown
    assert "Maria" not in shown
    [found] = json.loads(nw.ok("person", "duplicates", "--json").out)
    assert (found["first_id"], found["second_id"]) == (robert, bob)
    assert found["score"] >= 0.85
    assert found["reasons"][:2] == [
        "same name key 'robert smith' (Bob is a nickname of Robert)",
        "same company Acme",
    ]
    assert found["second"]["name"] == "Bob Smith"
    assert json.loads(nw.ok("person", "duplicates", "--min-score", "0.99", "--json").out) == []
    assert nw("person", "duplicates", "--min-score", "2").code == 2


def test_distinct_hides_a_pair_until_undone(nw: Netweave) -> None:
    add_the_smiths(nw)
    said = nw.ok("person", "distinct", "Robert Smith", "Bob Smith").out
    assert "are two people" in said
    assert "No probable duplicates" in nw.ok("person", "duplicates").out
    assert "already" in nw.ok("person", "distinct", "Bob Smith", "Robert Smith").out
    nw.ok("person", "distinct", "Bob Smith", "Robert Smith", "--undo")
    assert len(json.loads(nw.ok("person", "duplicates", "--json").out)) == 1
    assert nw("person", "distinct", "Bob Smith", "Nobody Here").code == 3


def test_merge_takes_chosen_fields_and_names_what_was_left(nw: Netweave) -> None:
    robert, bob = add_the_smiths(nw)
    out = nw.ok("person", "merge", "Robert Smith", "Bob Smith", "--take", "title").out
    assert "Merged Bob Smith" in out
    assert (
        f"company: 'Acme' (from Robert Smith #{robert}); 'ACME Inc.' (from Bob Smith #{bob}) "
        "is kept in merge #1 only"
    ) in out
    assert f"title: 'Finance' (from Bob Smith #{bob}); 'CFO' (from Robert Smith #{robert})" in out
    merged = people.get_person(nw.store, nw.ws, robert)
    assert (merged.name, merged.company, merged.title, merged.location) == (
        "Robert Smith",
        "Acme",
        "Finance",
        "Edina",
    )
    assert merged.emails == ["rsmith@acme.example", "bob@gmail.com"]
    with pytest.raises(NotFound):
        people.get_person(nw.store, nw.ws, bob)
    bad = nw("person", "merge", "Robert Smith", "Maria Garcia", "--take", "shoe-size")
    assert bad.code == 2
    assert "cannot take shoe_size" in bad.err


def test_merge_asks_per_field_on_a_terminal_only(
    nw: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    robert, _ = add_the_smiths(nw)
    monkeypatch.setattr("netweave.cli.person_merge._interactive", lambda *_: True)
    # name: keep Robert's; company: take Bob's; title: keep Robert's.
    monkeypatch.setattr("sys.stdin", StringIO("1\n2\n1\n"))
    out = nw.ok("person", "merge", "Robert Smith", "Bob Smith").out
    assert "[1] Acme (Robert Smith" in out
    merged = people.get_person(nw.store, nw.ws, robert)
    assert (merged.name, merged.company, merged.title) == ("Robert Smith", "ACME Inc.", "CFO")


def test_merge_without_a_terminal_never_asks(nw: Netweave, monkeypatch: pytest.MonkeyPatch) -> None:
    robert, _ = add_the_smiths(nw)
    monkeypatch.setattr("sys.stdin", StringIO(""))
    result = json.loads(nw.ok("person", "merge", "Robert Smith", "Bob Smith", "--json").out)
    assert result["person"]["company"] == "Acme"
    assert [c["field"] for c in result["merge"]["choices"]] == ["name", "company", "title"]
    assert people.get_person(nw.store, nw.ws, robert).title == "CFO"


def test_unmerge_restores_both_and_merges_lists_them(nw: Netweave) -> None:
    add_the_smiths(nw)
    nw.ok("log", "meal", "Bob Smith", "--minutes", "60")
    before = database_rows(nw.store)
    nw.ok("person", "merge", "Robert Smith", "Bob Smith", "--yes")
    listed = nw.ok("person", "merges").out
    assert "#1" in listed
    assert "Bob Smith" in listed
    out = nw.ok("person", "unmerge").out
    assert "Undid merge #1" in out
    after = database_rows(nw.store)
    # Every row as it was, but the record of the merge and the log of the two commands.
    kept = ("person_merge", "command_log")
    assert {k: v for k, v in after.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept
    }
    assert [row[2] for row in after["command_log"][-2:]] == ["merge-people", "undo-merge"]
    bob = people.find_person(nw.store, nw.ws, "bob@gmail.com")
    assert len(interactions.list_interactions(nw.store, nw.ws, person_id=bob.id or 0)) == 1
    [record] = json.loads(nw.ok("person", "merges", "--json").out)
    assert record["undone_at"] is not None
    again = nw("person", "unmerge", "#1")
    assert again.code == 5
    assert "already undone" in again.err
    assert nw("person", "unmerge").code == 3
    assert nw("person", "unmerge", "one").code == 2
    assert merge.list_merges(nw.store, nw.ws)[0].id == 1
