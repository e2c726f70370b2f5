"""`netweave suggest referrals|introductions`: the wrong answers they used to give are gone."""

from __future__ import annotations

import json

from tests.cli.conftest import Netweave

AS_OF = "2026-11-02T12:00"


def _world(nw: Netweave) -> None:
    """People I know (a call each): needs, what fits them, and what only seems to."""
    for name, *fields in (
        ("Eve Watt", "--category", "electrical", "--looking-for", "general contractors"),
        ("Gus Beam", "--category", "construction", "--title", "Owner"),
        ("Lou Fund", "--category", "banking", "--title", "Loan Officer"),
        ("Ona Kell", "--category", "commercial cleaning", "--looking-for", "offices"),
        ("Pia Lund", "--category", "event planning", "--looking-for", "associations"),
        ("Cal Ames", "--category", "printing", "--company", "Ames & Associates"),
        ("Ana Ruiz", "--category", "mortgage", "--looking-for", "realtors"),
        ("Cy Dunn", "--category", "residential real estate", "--title", "Realtor"),
        ("Ed Fox", "--category", "catering", "--looking-for", "event planners"),
    ):
        nw.ok("person", "add", name, *fields)
        nw.ok("log", "call", name, "--at", "2026-10-01")


def _referrals(nw: Netweave, *more: str) -> list[tuple[str, str]]:
    ideas = json.loads(nw.ok("suggest", "referrals", "--as-of", AS_OF, "--json", *more).out)
    return [(i["receiver"], i["prospect"]) for i in ideas]


def _introductions(nw: Netweave) -> list[set[str]]:
    found = json.loads(
        nw.ok("suggest", "introductions", "--as-of", AS_OF, "--limit", "20", "--json").out
    )
    return [{i["a"], i["b"]} for i in found]


def test_suggestions_name_lines_of_business_not_fragments(nw: Netweave) -> None:
    _world(nw)
    assert sorted(_referrals(nw)) == [
        ("Ana Ruiz", "Cy Dunn"),
        ("Ed Fox", "Pia Lund"),
        ("Eve Watt", "Gus Beam"),
    ]
    intros = _introductions(nw)
    assert {"Eve Watt", "Gus Beam"} in intros
    assert {"Ona Kell", "Lou Fund"} not in intros
    assert {"Pia Lund", "Cal Ames"} not in intros
    table = nw.ok("suggest", "referrals", "--as-of", AS_OF).out
    assert "Loan Officer" not in table
    assert "Associates" not in table


def test_a_pair_put_in_touch_before_is_not_suggested_again(nw: Netweave) -> None:
    _world(nw)
    assert ("Ana Ruiz", "Cy Dunn") in _referrals(nw)
    assert {"Ed Fox", "Pia Lund"} in _introductions(nw)
    nw.ok("referral", "give", "--from", "Cy Dunn", "--to", "Ana Ruiz", "--prospect", "Acme Homes",
          "--at", "2026-10-05")  # fmt: skip
    nw.ok("person", "edit", "Pia Lund", "--introduced-by", "Ed Fox")
    ideas = _referrals(nw)
    assert ("Ana Ruiz", "Cy Dunn") not in ideas
    assert ("Ed Fox", "Pia Lund") not in ideas
    intros = _introductions(nw)
    assert {"Ana Ruiz", "Cy Dunn"} not in intros
    assert {"Ed Fox", "Pia Lund"} not in intros


def test_ideas_for_me_are_refused_by_name(nw: Netweave) -> None:
    _world(nw)
    nw.ok("person", "edit", "me", "--looking-for", "realtors")
    assert all("Robin Vale" not in pair for pair in _referrals(nw))
    mine = nw("suggest", "referrals", "--for", "me")
    assert mine.code == 2
    assert "not to yourself" in mine.err
