"""Principle 7, know when to move on: a group that keeps costing dues, fees and hours for a
year with nothing coming back is a signal. The scene is acted out through the ``netweave``
command; the verdict and its cost, computed by hand below, are the same through the
command, the JSON API and the Python API, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.scenarios._principle_doors import AS_OF, Scene, open_scene

LAKESIDE = "Lakeside Business Association"
BNI = "BNI Lakes"


@pytest.fixture
def scene(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    yield from open_scene(database_url, capsys)


def _act(scene: Scene) -> None:
    do = scene.do
    do("settings", "set", "--hourly-value", "75")
    do("market", "set", "--category", "restaurant", "--region", "Minneapolis")
    # Lakeside: 600.00 a year in dues, 2.5 hours a breakfast with the drive, 25.00 a
    # breakfast; a member since 1 September 2025 (more than a year).
    do("group", "add", LAKESIDE, "--kind", "association", "--dues", "600", "--hours", "2.5")
    do("group", "join", LAKESIDE, "me", "--since", "2025-09-01")
    members = (("Gil Ames", "printing"), ("Hana Roy", "law"), ("Ivan Holt", "insurance"))
    for name, category in members:
        do("person", "add", name, "--category", category, "--location", "St. Paul, MN")
        do("group", "join", LAKESIDE, name, "--since", "2024-01-01")
    # Hana is an old friend (a one-on-one every six weeks since June 2025): close, but the
    # relationship was not formed at Lakeside, though I marked her met at its January
    # breakfast.
    for day in ("2025-06-03", "2025-07-15", "2025-08-26", "2025-10-07", "2025-11-18",
                "2025-12-30", "2026-02-10", "2026-03-24", "2026-05-05", "2026-06-16",
                "2026-07-28", "2026-09-08", "2026-10-20"):  # fmt: skip
        scene.python.log_touch("one-on-one", "Hana Roy", at=f"{day}T12:00")
    # Breakfasts on the 15th, January to October 2026: I skipped February and August.
    for month in range(1, 11):
        name = f"Lakeside breakfast {month:02d}"
        at = f"2026-{month:02d}-15T07:30"
        do("event", "add", name, "--at", at, "--hours", "1.5", "--group", LAKESIDE, "--cost", "25")
        if month not in (2, 8):
            do("event", "attend", name, "me")
    do("event", "attend", "Lakeside breakfast 01", "Gil Ames", "Hana Roy", "--met")
    do("log", "email", "Gil Ames", "--at", "2026-01-20T09:00")  # one email: no tie to speak of
    # My contribution there: a lead for Ivan.
    do("referral", "give", "--to", "Ivan Holt", "--prospect", "Corner Bakery",
       "--at", "2026-05-20T10:00")  # fmt: skip

    # The contrast: a referral group whose member Kim sends business (one lead won 3,000.00).
    do("group", "add", BNI, "--kind", "referral-group", "--dues", "500", "--hours", "1.5")
    do("group", "join", BNI, "me", "--since", "2025-09-01")
    do("person", "add", "Kim Voss", "--category", "insurance")
    do("group", "join", BNI, "Kim Voss", "--since", "2024-01-01")
    for day in ("2026-03-03", "2026-09-01"):
        do("event", "add", f"BNI {day}", "--at", f"{day}T07:00", "--group", BNI)
        do("event", "attend", f"BNI {day}", "me")
    given = [
        json.loads(do("referral", "give", "--from", "Kim Voss", "--to", "me", "--prospect",
                      f"Diner of {day}", "--at", f"{day}T10:00", "--json"))["id"]
        for day in ("2026-03-10", "2026-06-16")
    ]  # fmt: skip
    do("referral", "status", str(given[0]), "won", "--value", "3000", "--at", "2026-07-01")


# By hand, as of noon on Monday 2 November 2026; the last four quarters are 2026 Q1
# (1 Jan - 31 Mar, 90 days), Q2 (91), Q3 (92) and Q4 to date (1 Oct - 2 Nov, 33 days).
# Dues, 600.00 a year prorated per quarter and rounded to the cent:
#   60000 × 90/365 = 14794.52 → 147.95;  × 91/365 = 14958.90 → 149.59;
#   × 92/365 = 15123.29 → 151.23;        × 33/365 = 5424.66 → 54.25;   in all 503.02.
# Breakfasts attended: Jan, Mar | Apr, May, Jun | Jul, Sep | Oct = 2, 3, 2, 1 = 8 of 10.
# Fees 8 × 25.00 = 200.00; hours 8 × 2.5 = 20 (the group's hours with travel, not the
# breakfast's 1.5), at 75.00 an hour = 1,500.00. Cost 503.02 + 200.00 + 1,500.00 = 2,203.02.
# Back: no referral from a member, no business, nobody met there became close (Hana was
# close before: no relationship formed there). So: move on.
DUES = [14_795, 14_959, 15_123, 5_425]
ATTENDED = [2, 3, 2, 1]
COST = 220_302
REASONS = [
    "nothing came back for 2,203.02 USD and 20 hours: "
    "no referrals, no close relationships, no business",
    "cost 2,203.02 USD over 4 quarters: dues 503.02 USD, fees 200.00 USD, "
    "20 hours (1,500.00 USD of your time); 8 of 10 meetings attended",
    "0 referrals from members, closed business 0.00 USD",
    "0 people met there became close",
    "0 of 3 members fit your target market (0%)",
    "you gave members 1 referral; your role: member",
]


def _by_name(returns: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in returns}


def test_a_year_of_dues_fees_and_hours_with_nothing_back_is_move_on(scene: Scene) -> None:
    _act(scene)
    # The trap is live: Hana, a member marked met at the January breakfast, is a close tie.
    hana = scene.python.tie("Hana Roy", AS_OF)
    assert hana is not None
    assert hana.layer in ("inner", "close")

    found = _by_name(scene.cli_json("groups", "review", "--as-of", AS_OF))
    lakeside = found[LAKESIDE]
    assert lakeside["verdict"] == "move on"
    assert [q["dues_cents"] for q in lakeside["quarters"]] == DUES
    assert [q["attended"] for q in lakeside["quarters"]] == ATTENDED
    assert [q["meetings"] for q in lakeside["quarters"]] == [3, 3, 3, 1]
    assert [q["fees_cents"] for q in lakeside["quarters"]] == [5_000, 7_500, 5_000, 2_500]
    assert [q["hours"] for q in lakeside["quarters"]] == [5.0, 7.5, 5.0, 2.5]
    assert lakeside["cost_cents"] == COST
    assert (lakeside["referrals_in"], lakeside["relationships"], lakeside["won_cents"]) == (0, 0, 0)
    assert lakeside["reasons"] == REASONS
    # The referral group that sends business is the opposite advice: it pays (3,000.00
    # won against about 600.00 of cost) and I am a plain member there, so get more involved.
    assert found[BNI]["verdict"] == "get more involved"
    assert found[BNI]["reasons"][0] == "it pays off; you could do more there"

    # The weekly review ends with the same verdicts, and its text says why.
    assert scene.cli_json("review", "--as-of", AS_OF)["groups"] == list(found.values())
    text = scene.cli("review", "--as-of", AS_OF)
    assert f"{LAKESIDE}: move on" in text
    assert REASONS[0] in " ".join(text.split())

    # The JSON API (its clock at the same noon) and the Python API say the same.
    assert _by_name(scene.get("/group-returns"))[LAKESIDE] == lakeside
    python = {r.name: r for r in scene.python.group_returns(AS_OF)}[LAKESIDE]
    assert python.verdict == "move on"
    assert python.cost_cents == COST
    assert [q.dues_cents for q in python.quarters] == DUES
    assert list(python.reasons) == REASONS


def test_without_a_target_market_no_group_is_called_the_wrong_pond(scene: Scene) -> None:
    """Three referrals a year from a club's member, no business yet, and no target market
    set: the club is worth keeping. "Few members are your market" would be advice about a
    market never named (every member scores 0 against an empty one)."""
    do = scene.do
    do("group", "add", "Rotary Club", "--kind", "club", "--dues", "300", "--hours", "2")
    do("group", "join", "Rotary Club", "me", "--since", "2025-06-01")
    do("person", "add", "Amy Fox", "--category", "law")
    do("group", "join", "Rotary Club", "Amy Fox", "--since", "2024-01-01")
    for day in ("2026-02-10", "2026-05-12", "2026-09-15"):
        do("referral", "give", "--from", "Amy Fox", "--to", "me", "--prospect", f"Client {day}",
           "--at", f"{day}T10:00")  # fmt: skip
    # Dues 300.00 × 90, 91, 92 and 33 days / 365 = 73.97 + 74.79 + 75.62 + 27.12 = 251.50;
    # no meeting logged. 3 referrals from members ≥ 3, no business: keep.
    reasons = [
        "referrals and relationships come, the business does not cover it yet",
        "cost 251.50 USD over 4 quarters: dues 251.50 USD, fees 0.00 USD, "
        "0 hours (0.00 USD of your time)",
        "3 referrals from members, closed business 0.00 USD",
        "0 people met there became close",
        "no target market set to judge the members by",
        "you gave members 0 referrals; your role: member",
    ]
    [rotary] = scene.cli_json("groups", "review", "--as-of", AS_OF)
    assert rotary["verdict"] == "keep"
    assert rotary["cost_cents"] == 25_150
    assert rotary["reasons"] == reasons
    assert scene.get("/group-returns") == [rotary]
    [python] = scene.python.group_returns(AS_OF)
    assert python.verdict == "keep"
    assert list(python.reasons) == reasons
