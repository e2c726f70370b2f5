"""Principle 4: givers and takers look alike at first (PRODUCT.md).

Only a record of what people do when asked tells them apart; cherish the givers, do not
let the takers sour you; any judgement needs enough evidence and shows its uncertainty.

Three contacts of Robin Vale (the owner), the workspace pinned to 2026-11-02:

- Gina Hart, an insurance broker, who turns out to be a giver;
- Tom Reyes, a web designer, who only takes;
- Nora Blake, a printer, who never comes through when asked.

After one ask each nobody is labelled; after three months of asks and referrals Gina is
on "cherish", Tom and Nora on "stop counting on", each with the evidence and the 80 %
interval, in every interface, and the owner on neither list.

The rules (docs/analytics.md): help is counted in units (a referral 1, one that closed
business 2, an ask answered with help 1); the share given is Beta(2 + given,
2 + received); giver when the whole central 80 % interval is above ½, taker when below.
Ask reliability is Beta(1 + came through, 1 + did not), unreliable when the interval's
high end is at most 0.4; an ask unanswered after 30 days counts as no response.
For whole a and b, the Beta CDF is a binomial tail: I_x(a, b) = P(Bin(a + b − 1, x) ≥ a),
which is how the intervals below were solved by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.scenarios._giving_helpers import Scene, panel, text_of


@pytest.fixture
def scene(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    opened = Scene(database_url, capsys)
    try:
        yield opened
    finally:
        opened.close()


def _listed(notes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(n["name"], n["label"]) for n in notes]


def test_givers_and_takers_look_alike_until_the_record_tells_them_apart(scene: Scene) -> None:
    scene.ok("person", "add", "Gina Hart", "--category", "insurance")
    scene.ok("person", "add", "Tom Reyes", "--category", "web design")
    scene.ok("person", "add", "Nora Blake", "--category", "printing")

    # -- August: one ask each ---------------------------------------------------------
    scene.ok("ask", "add", "an intro to her banker", "--to", "Gina Hart", "--at", "2026-08-03",
             "--outcome", "helped")  # fmt: skip
    scene.ok("ask", "add", "a printing quote", "--to", "Nora Blake", "--at", "2026-08-04",
             "--outcome", "declined")  # fmt: skip
    scene.ok("ask", "add", "feedback on his site", "--from", "Tom Reyes", "--at", "2026-08-05",
             "--outcome", "helped")  # fmt: skip

    # Nobody has a label yet, whatever happened: one data point is not a pattern.
    assert scene.ok("givers", "--json").json() == {"cherish": [], "stop_counting_on": []}
    api = scene.web()
    answer = api.get("/api/v1/givers").json()
    assert (answer["cherish"], answer["stop_counting_on"]) == ([], [])
    nw = scene.python()
    assert nw.givers() == ([], [])

    # Each person's page says so, with the interval (by hand):
    # Gina gave 1, received 0: Beta(3, 2), mean 3/5 = 60 %; CDF 4x³ − 3x⁴ is 0.1 at
    #   x = 0.3205 and 0.9 at x = 0.8574: "32%–86%". Asked once, helped: Beta(2, 1),
    #   CDF x²: √0.1 = 0.316, √0.9 = 0.949: "32%–95%".
    # Tom gave 0, received 1: Beta(2, 3), the mirror image: 40 %, "14%–68%".
    # Nora gave and received nothing: Beta(2, 2), CDF 3x² − 2x³ is 0.1 at 0.1958:
    #   50 %, "20%–80%". Asked once, declined: Beta(1, 2), CDF 1 − (1 − x)²:
    #   1 − √0.9 = 0.051, 1 − √0.1 = 0.684: "5%–68%".
    expected = {
        "Gina Hart": ("share given 60% (80% interval 32%–86%)", "80% interval 32%–95%"),
        "Tom Reyes": ("share given 40% (80% interval 14%–68%)", None),
        "Nora Blake": ("share given 50% (80% interval 20%–80%)", "80% interval 5%–68%"),
    }
    for name, (share, asked) in expected.items():
        shown = scene.ok("person", "show", name, "--json").json()["scores"]
        assert shown["reciprocity"]["label"] == "not enough to tell"
        assert share in shown["reciprocity"]["reasons"]
        assert "too little evidence for a label" in shown["reciprocity"]["reasons"]
        assert shown["reliability"]["label"] == "not enough to tell"
        if asked:
            assert asked in shown["reliability"]["reasons"]
        assert nw.scores(name).reciprocity.label == "not enough to tell"

    # -- August to October: the record builds up ----------------------------------------
    # Gina: a second ask answered with help (1), and four leads to me that all closed
    # business (4 × 2 = 8): she gave 1 + 1 + 8 = 10 units, received 0.
    nw.make_ask("a quote for my office insurance", to="Gina Hart", at="2026-09-07",
                outcome="helped")  # fmt: skip
    for prospect, given, won in [
        ("Acme Bakery", "2026-08-10", "2026-08-31"),
        ("Birch Dental", "2026-08-24", "2026-09-21"),
        ("Cole Legal", "2026-09-14", "2026-10-05"),
        ("Dune Cafe", "2026-09-28", "2026-10-19"),
    ]:
        lead = nw.give_referral("me", prospect, giver="Gina Hart", at=given)
        assert lead.id is not None
        nw.move_referral(lead.id, "won", at=won, value="1,500")
    # Tom: I pass him three leads (3) on top of the help he asked for (1): he received 4
    # and gave 0. When I ask him for once, he is too busy (no help, no credit).
    for prospect, given in [
        ("Elm Florist", "2026-08-20"),
        ("Fox Gym", "2026-09-10"),
        ("Gale Realty", "2026-10-01"),
    ]:
        nw.give_referral("Tom Reyes", prospect, at=given)
    nw.make_ask("an intro to his web clients", to="Tom Reyes", at="2026-09-15",
                outcome="too-busy")  # fmt: skip
    # Nora: four more asks that did not come through, and one still open. The ask of
    # 09-01 was never answered: by 11-02 that is 62 days, past 30, so no response. The
    # ask of 10-28 is 5 days old and waits (not counted).
    for what, asked, outcome in [
        ("flyers for the mixer", "2026-08-18", "too-busy"),
        ("a paper supplier", "2026-08-25", "no-response"),
        ("business cards", "2026-09-01", None),
        ("a reference", "2026-09-20", "declined"),
        ("a banner", "2026-10-28", None),
    ]:
        nw.make_ask(what, to="Nora Blake", at=asked, outcome=outcome)

    # By hand, as of 2026-11-02:
    # Gina: Beta(2 + 10, 2 + 0) = Beta(12, 2), mean 12/14 = 85.7 %. CDF P(Bin(13, x) ≥ 12)
    #   = x¹²(13 − 12x): at 0.7322, 0.02374 × 4.214 = 0.100; at 0.9583, 0.5998 × 1.500
    #   = 0.900: "73%–96%". P(share < ½) = 7/4096 = 0.002: the whole interval is above ½,
    #   giver.
    # Tom: Beta(2 + 0, 2 + 4) = Beta(2, 6), mean 2/8 = 25 %. CDF P(Bin(7, x) ≥ 2)
    #   = 1 − (1 − x)⁷ − 7x(1 − x)⁶: 0.100 at 0.0788, 0.900 at 0.4526: "8%–45%".
    #   P(share < ½) = 1 − 8/128 = 0.9375 ≥ 0.9: taker.
    # Nora: 5 asks counted (declined, too busy, no response, unanswered, declined), none
    #   came through: Beta(1, 6), mean 1/7 = 14.3 %, CDF 1 − (1 − x)⁶: low 1 − 0.9^(1/6)
    #   = 0.0174, high 1 − 0.1^(1/6) = 0.3187 ≤ 0.4: unreliable, "2%–32%", 1 still open.
    # Surest first on "stop counting on": 1 − 1/7 = 0.857 (Nora) before 1 − 0.25 (Tom).
    # The owner gave Tom 4 and received 10 from Gina: Beta(6, 12), P(share < ½)
    #   = P(Bin(17, ½) ≥ 6) = 1 − 9402/131072 = 0.928 ≥ 0.9, a taker (a careful friend
    #   would say: pay Gina back) but on neither list.
    gina = ("gave 10 units of help, received 0 units of help",
            "share given 86% (80% interval 73%–96%)")  # fmt: skip
    tom = ("gave 0 units of help, received 4 units of help",
           "share given 25% (80% interval 8%–45%)")  # fmt: skip
    nora = ("came through on 0 of 5 asks", "80% interval 2%–32%", "1 still open")

    # The command line: the weekly review and `netweave givers`.
    review = scene.ok("review", "--json").json()
    assert _listed(review["cherish"]) == [("Gina Hart", "giver")]
    assert _listed(review["stop_counting_on"]) == [
        ("Nora Blake", "rarely comes through"),
        ("Tom Reyes", "taker"),
    ]
    assert [tuple(n["reasons"]) for n in review["cherish"]] == [gina]
    assert [tuple(n["reasons"]) for n in review["stop_counting_on"]] == [nora, tom]
    assert review["me"]["name"] == "Robin Vale"
    assert review["me"]["label"] == "taker"
    assert "share given 33% (80% interval 20%–48%)" in review["me"]["reasons"]
    givers = scene.ok("givers", "--json").json()
    assert (givers["cherish"], givers["stop_counting_on"]) == (
        review["cherish"],
        review["stop_counting_on"],
    )

    # The JSON API: each judgement with its measure, mean, interval and evidence.
    answer = scene.web().get("/api/v1/givers").json()
    judged = {
        n["name"]: (j["measure"], j["verdict"], round(j["mean"], 3), j["low"], j["high"],
                    j["evidence"])
        for key in ("cherish", "stop_counting_on")
        for n in answer[key]
        for j in n["judgements"]
    }  # fmt: skip
    assert judged == {
        "Gina Hart": ("share given", "giver", 0.857, 0.7322, 0.9583, 10.0),
        "Tom Reyes": ("share given", "taker", 0.25, 0.0788, 0.4526, 4.0),
        "Nora Blake": ("came through when asked", "unreliable", 0.143, 0.0174, 0.3187, 5.0),
    }
    assert [n["name"] for n in answer["stop_counting_on"]] == ["Nora Blake", "Tom Reyes"]

    # The Python API.
    cherish, doubtful = nw.givers()
    assert [(n.name, n.label, n.reasons) for n in cherish] == [("Gina Hart", "giver", gina)]
    assert [(n.name, n.reasons) for n in doubtful] == [("Nora Blake", nora), ("Tom Reyes", tom)]
    robin = scene.id_of("me")
    assert robin not in [n.person_id for n in [*cherish, *doubtful]]

    # The dashboard: the "Stop counting on" panel names Nora and Tom with their evidence;
    # Gina is cherished; the owner is told apart ("You: taker"), not listed.
    page = scene.web().get("/").text
    stop = panel(page, "Stop counting on")
    words = text_of(stop)
    for line in (*tom, *nora, "Tom Reyes", "Nora Blake", "taker", "rarely comes through"):
        assert line in words
    assert words.index("Nora Blake") < words.index("Tom Reyes")
    assert "Gina Hart" not in words
    cherished = panel(page, "Cherish your givers")
    assert "Gina Hart" in text_of(cherished)
    assert all(reason in text_of(cherished) for reason in gina)
    assert "You: taker" in text_of(cherished)
    assert "Tom Reyes" not in text_of(cherished)
    for shown in (stop, cherished):
        assert f'href="/people/{robin}"' not in shown
