"""What the command says is written for people: one touch is "1 touch", a field has its
everyday name, and a refused lead's hint has no parentheses inside parentheses."""

from __future__ import annotations

from tests.cli.conftest import Netweave


def test_a_list_of_one_says_one(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("log", "call", "Anna Smith", "--at", "yesterday")
    assert nw.ok("log", "list").out.lstrip().startswith("1 touch ")
    nw.ok("followup", "add", "Anna Smith", "send the deck", "--due", "tomorrow")
    assert nw.ok("followup", "list").out.lstrip().startswith("1 follow-up ")


def test_a_bad_value_names_the_field_as_the_option_does(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    result = nw("log", "call", "Anna Smith", "--minutes", "99999")
    assert result.code == 2
    assert "minutes: " in result.err
    assert "duration_minutes" not in result.err


def test_a_lead_given_twice_in_a_category_says_so_without_nested_parentheses(
    nw: Netweave,
) -> None:
    nw.ok("person", "add", "Anna Smith", "--category", "plumbing")
    nw.ok("person", "add", "Ben Jones", "--category", "plumbing")
    nw.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Acme Ltd")
    result = nw("referral", "give", "--to", "Ben Jones", "--prospect", "Acme Ltd")
    assert result.code == 5, result.err
    said = " ".join(result.err.split())
    assert "the same lead twice in one category" in said
    assert said.endswith("(give it anyway with 'netweave referral give ... --force')")
    assert "((" not in said
    assert "))" not in said
