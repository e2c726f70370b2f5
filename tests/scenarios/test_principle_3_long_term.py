"""Principle 3, long-term, not the next sale: two relationships kept up for a year outrank a
burst of twenty cards collected this month.

The network (owner Robin Vale, time zone UTC), as of T = 2026-06-30 12:00:

- Alex Moreno and Blair Chen, with me in the Tuesday Referral Circle since 2025-07-01: a
  one-on-one every 30 days for a year (12 each; Alex's last 10 days before T, Blair's 25),
  and referrals both ways with each;
- the Spring Business Expo on 2026-06-15 10:00: twenty new people met there once (quick-added
  by the debrief, a conversation at the event with each), none heard from since.

Tie strength (docs/analytics.md): Σ kind weight · length · 2^(−age / pair half-life), times
1 (nobody's initiative recorded), + 0.5 per shared group. Lengths are 1 (no minutes typed).

- The usual gap of my circle: Alex and Blair each have 12 touches over 330 days (11 gaps); the
  expo people one touch each, no gap: (330 + 330) / (11 + 11) = 30 days. The network's
  half-life is 8 × 30 = 240 days; a pair's adds the tie's age.
- Alex: half-life 240 + 330 = 570 days; one-on-ones (weight 1) 10, 40, ..., 340 days old:
  Σ_{k=0..11} 2^(−(10 + 30k)/570) = 2^(−10/570) · (1 − r^12) / (1 − r), r = 2^(−30/570)
  = 0.98791 · (1 − 0.64547) / (1 − 0.96418) = 9.777; + 0.5 (one shared group) = 10.277.
- Blair: the same touches 15 days older: 9.777 · 2^(−15/570) = 9.600; + 0.5 = 10.100.
- Each expo person: a conversation at an event (weight 0.5), 15 days 2 hours = 15.083 days
  old, half-life 240 + 0 = 240 days: 0.5 · 2^(−15.083/240) = 0.479.

Layers: ranked by strength, the first 5 are inner when at least 4 → Alex and Blair are inner;
the expo people (at least 0.25, under 1) are acquaintances, although they are twenty touches
this month against two.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import netweave
from tests.scenarios._plan_helpers import Cli

T = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
EXPO = "Spring Business Expo"
CARDS = [f"Expo Contact {n:02d} <contact{n:02d}@expo.example>" for n in range(1, 21)]


def build_network(cli: Cli) -> None:
    cli("init", "--me", "Robin Vale", "--time-zone", "UTC")
    cli("settings", "set", "--today", "2026-07-01")  # T and everything before it is past
    cli("group", "add", "Tuesday Referral Circle", "--kind", "referral-group",
        "--cadence", "weekly")  # fmt: skip
    with netweave.open(cli.url) as nw:  # the year's records, through the Python API
        nw.add_person("Alex Moreno", category="commercial insurance")
        nw.add_person("Blair Chen", category="accounting")
        for k in range(12):
            nw.log_touch("one-on-one", "Alex Moreno", at=T - timedelta(days=10 + 30 * k))
            nw.log_touch("one-on-one", "Blair Chen", at=T - timedelta(days=25 + 30 * k))
        nw.give_referral("Alex Moreno", "Harbor Dental", at="2025-11-15T10:00")
        nw.give_referral("me", "Lakeside Bakery", giver="Alex Moreno", at="2026-01-20T10:00")
        nw.give_referral("Blair Chen", "Pine Street Cafe", at="2026-02-10T10:00")
        nw.give_referral("me", "Rivera Logistics", giver="Blair Chen", at="2026-04-02T10:00")
    for who in ("me", "Alex Moreno", "Blair Chen"):
        cli("group", "join", "Tuesday Referral Circle", who, "--since", "2025-07-01")
    # This month's burst: twenty cards from one expo, typed in by the debrief.
    cli("event", "add", EXPO, "--at", "2026-06-15T10:00", "--hours", "6")
    news = [arg for card in CARDS for arg in ("--new", card)]
    cli("debrief", EXPO, "--as-of", "2026-06-15T20:00", *news)


def test_principle_3_a_year_of_ties_outranks_twenty_cards_this_month(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(database_url, capsys)
    build_network(cli)
    burst = [card.split(" <")[0] for card in CARDS]

    # -- the ties, through the Python API ------------------------------------------------
    with netweave.open(database_url) as nw:
        ties = nw.ties(T)
    assert ties.rhythm == "pairs usually meet every 30 days; a touch counts half after 240 days"
    by_name = {tie.name: tie for tie in ties.ties}
    assert set(by_name) == {"Alex Moreno", "Blair Chen", *burst}
    alex, blair = by_name["Alex Moreno"], by_name["Blair Chen"]
    assert (alex.strength, alex.layer) == (pytest.approx(10.277, abs=0.001), "inner")
    assert (blair.strength, blair.layer) == (pytest.approx(10.100, abs=0.001), "inner")
    for name in burst:
        card = by_name[name]
        assert (card.strength, card.layer, card.touches) == (
            pytest.approx(0.479, abs=0.001),
            "acquaintance",
            1,
        )
    # The order a careful person would give: the two long-term ties first, Alex (seen more
    # recently) ahead of Blair, every card far behind.
    ranked = sorted(ties.ties, key=lambda tie: -tie.strength)
    assert [tie.name for tie in ranked[:2]] == ["Alex Moreno", "Blair Chen"]
    assert min(alex.strength, blair.strength) > 20 * max(by_name[n].strength for n in burst)
    # Counting this month's touches would say the opposite: 20 at the expo, 1 with Alex
    # (06-20), 1 with Blair (06-05).
    assert alex.touches == blair.touches == 12

    # -- the same ties on the command line -----------------------------------------------
    table = {row["b"]: row["strength"] for row in cli.json("ties", "--as-of", T.isoformat())}
    assert table["Alex Moreno"] == pytest.approx(10.277, abs=0.001)
    assert table["Blair Chen"] == pytest.approx(10.100, abs=0.001)
    assert max(table[name] for name in burst) == pytest.approx(0.479, abs=0.001)

    # -- the review: twenty cards collected, no relationship formed from them ------------
    review = cli.json("review", "--as-of", T.isoformat())
    spread = review["spread"]
    # Met at an event in the 13 weeks: the twenty (Alex and Blair were known long before);
    # all met 15 days ago, so all are judged on the 7-day rule; none followed up, none a
    # one-on-one, no referral: cards, not relationships.
    assert spread["funnel"] == {
        "met": 20, "judged": 20, "followed_up": 0, "one_on_one": 0, "referral": 0,
    }  # fmt: skip
    assert (
        "met 20 new people: followed up within 7 days 0 of 20 (0%), one-on-one 0 of 20 (0%), "
        "referral 0 of 20 (0%)"
    ) in spread["reasons"]
    # Neither long-term tie is fading: both kept their monthly rhythm to this month.
    assert not {entry["name"] for entry in review["fading"]} & {"Alex Moreno", "Blair Chen"}


def test_principle_3_steady_monthly_partners_are_not_losing_touch(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(database_url, capsys)
    build_network(cli)
    # Alex: last one-on-one 06-20, every 30 days for a year: next due about 07-20.
    # Blair: last one-on-one 06-05: next due about 07-05. Neither is late on 06-30.
    review = cli.json("review", "--as-of", T.isoformat())
    assert not {entry["name"] for entry in review["losing_touch"]} & {"Alex Moreno", "Blair Chen"}
