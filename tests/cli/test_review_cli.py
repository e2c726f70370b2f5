"""`netweave review`, `givers`, `ties` and the scores in `person show`."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.conftest import Netweave


def _small_network(nw: Netweave) -> None:
    for name in ("Ann Bell", "Carl Dorn", "Eve Fink"):
        nw.ok("person", "add", name)
    weeks = ("2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09")
    for day in weeks:
        nw.ok("log", "one-on-one", "Ann Bell", "--at", day, "--minutes", "60", "--by", "Ann Bell")
        nw.ok("log", "call", "Ann Bell", "--at", day, "--minutes", "10", "--by", "me")
    nw.ok("log", "email", "Carl Dorn", "--at", "2025-03-01", "--by", "me")
    nw.ok("log", "call", "Ann Bell", "Eve Fink", "--at", "2026-01-10", "--without-me")
    for _ in range(6):
        nw.ok(
            "referral",
            "give",
            "--from",
            "Eve Fink",
            "--to",
            "me",
            "--prospect",
            "Zed",
            "--at",
            "2026-02-01",
        )


def test_ties_csv_as_of_a_moment(nw: Netweave) -> None:
    _small_network(nw)
    out = nw.ok("ties", "--as-of", "2026-02-10", "--csv").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["a", "b", "strength"]
    assert [r[:2] for r in rows[1:]] == [["Robin Vale", "Ann Bell"], ["Robin Vale", "Carl Dorn"]]
    assert float(rows[1][2]) > float(rows[2][2]) >= 0
    every = list(csv.reader(io.StringIO(nw.ok("ties", "--all-pairs", "--csv").out)))
    assert ["Ann Bell", "Eve Fink"] in [sorted(r[:2]) for r in every[1:]]
    # Before any record: only the header.
    assert nw.ok("ties", "--as-of", "2020-01-01", "--csv").out.strip() == "a,b,strength"


def test_ties_csv_quotes_a_name_a_spreadsheet_would_run(nw: Netweave) -> None:
    nw.ok("person", "add", "=HYPERLINK(1)")
    nw.ok("log", "call", "=HYPERLINK(1)", "--at", "2026-01-05", "--minutes", "30")
    rows = list(csv.reader(io.StringIO(nw.ok("ties", "--as-of", "2026-02-10", "--csv").out)))
    assert rows[1][:2] == ["Robin Vale", "'=HYPERLINK(1)"]


def test_ties_refuses_two_formats_and_bad_dates(nw: Netweave) -> None:
    assert nw("ties", "--csv", "--json").code == 2
    bad = nw("ties", "--as-of", "the day after never")
    assert bad.code == 2
    assert "as-of" in bad.err


def test_review_json_and_text(nw: Netweave) -> None:
    _small_network(nw)
    data = json.loads(nw.ok("review", "--as-of", "2026-02-25", "--json").out)
    assert data["me"]["name"] == "Robin Vale"
    assert data["me"]["label"] == "taker"  # received six referrals, gave none
    assert [n["name"] for n in data["cherish"]] == ["Eve Fink"]
    # Weekly one-on-ones make Ann an inner tie: two silent weeks are overdue.
    assert data["losing_touch"][0]["name"] == "Ann Bell"
    assert data["losing_touch"][0]["label"] == "inner"
    assert "due every 7 days, as an inner tie" in data["losing_touch"][0]["reasons"][0]
    text = nw.ok("review", "--as-of", "2026-03-01").out
    assert "Cherish (proven givers)" in text
    assert "Eve Fink" in text


def test_givers_lists_the_evidence(nw: Netweave) -> None:
    assert "Not enough evidence" in nw.ok("givers").out
    _small_network(nw)
    data = json.loads(nw.ok("givers", "--json").out)
    assert data["cherish"][0]["name"] == "Eve Fink"
    assert data["cherish"][0]["reasons"][0] == "gave 6 units of help, received 0 units of help"


def test_person_show_has_scores(nw: Netweave) -> None:
    _small_network(nw)
    data = json.loads(nw.ok("person", "show", "Ann Bell", "--json").out)
    assert data["scores"]["tie"]["name"] == "Ann Bell"
    assert "you both start conversations" in data["scores"]["tie"]["reasons"]
    assert data["scores"]["tie"]["touches"] == 12  # scores are as of now: every touch counts
    assert data["scores"]["reciprocity"]["label"] == "not enough to tell"
    text = nw.ok("person", "show", "Eve Fink").out
    assert "reciprocity: giver" in text


def _takers(nw: Netweave) -> None:
    """Bob received 6 referrals from me and gave nothing; Dan never answered my 5 asks;
    I gave 7 referrals and never answered Bob's asks (but I am on no list)."""
    for name in ("Bob Stone", "Dan Reyes", "Eve Fink"):
        nw.ok("person", "add", name)
    for _ in range(6):
        nw.ok("referral", "give", "--from", "me", "--to", "Bob Stone", "--prospect", "Zed",
              "--at", "2026-01-05")  # fmt: skip
    nw.ok("referral", "give", "--from", "me", "--to", "Eve Fink", "--prospect", "Zed",
          "--at", "2026-01-05")  # fmt: skip
    for _ in range(5):
        nw.ok("ask", "add", "an intro", "--to", "Dan Reyes", "--at", "2026-01-05")
        nw.ok("ask", "add", "a quote", "--from", "Bob Stone", "--at", "2026-01-05")


def test_takers_and_the_unreliable_are_listed_with_the_evidence(nw: Netweave) -> None:
    _takers(nw)
    data = json.loads(nw.ok("givers", "--as-of", "2026-06-01", "--json").out)
    assert data["cherish"] == []  # I am a giver, but never on my own list
    dan, bob = data["stop_counting_on"]
    assert (dan["name"], dan["label"]) == ("Dan Reyes", "rarely comes through")
    assert dan["reasons"][:2] == ["came through on 0 of 5 asks", "80% interval 2%–32%"]
    assert (bob["name"], bob["label"]) == ("Bob Stone", "taker")
    assert bob["judgements"][0]["verdict"] == "taker"
    assert bob["judgements"][0]["high"] < 0.5
    for command in ("givers", "review"):
        text = nw.ok(command, "--as-of", "2026-06-01").out
        assert "Stop counting on" in text
        assert "Bob Stone" in text
        assert "Dan Reyes" in text
        assert "Eve Fink" not in text.split("Stop counting on", 1)[1]  # one referral: no label
