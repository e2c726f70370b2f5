"""Principle 2, go with a plan: an event with one person of each kind worth looking for, the
plan that names them, the debrief afterwards (on the command line, and the same debrief through
the JSON API on a second database), and the one-on-one within the week that closes the loop.

The network (owner Robin Vale, time zone UTC; target market: construction owners):

- Dana Reyes: one-on-ones on 2025-09-02, 10-07, 11-04 and 12-09 (12:00), none since: a strong
  tie gone quiet, to *reconnect* with;
- Ellis Grant: one conversation at a chamber meeting on 2026-02-10 18:30: met once, to
  *deepen*;
- Morgan Hale: never met, marked admired: to *learn* from;
- Quinn Parker: never met, an owner in construction (my market): to *discover*;
- Pat Lowe: never met, a dentist, not admired or intriguing: nobody a careful person would
  single out;

all five said they will come (RSVP) to the Northside Chamber mixer, 2026-03-10 18:00.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import netweave
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL
from tests.scenarios._plan_helpers import Cli, another_database

EVENT = "Northside Chamber mixer"
PLANNED = "2026-03-09T12:00"
DEBRIEFED = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
DEBRIEF = [
    *("--met", "Dana Reyes", "--met", "Ellis Grant"),
    *("--new", "Sam Novak <sam@novak.example>"),
    *("--follow-up", "Ellis Grant", "--follow-up", "Sam Novak"),
]


def build_network(cli: Cli) -> None:
    """The network above (groups, the event and the plan on the command line), and the plan
    made the day before."""
    cli("init", "--me", "Robin Vale", "--time-zone", "UTC")
    # Today is the day after the mixer: every moment below is typed explicitly, and none
    # is in the future whatever the real date and time.
    cli("settings", "set", "--today", "2026-03-12")
    cli("market", "set", "--category", "construction", "--role", "owner")
    cli("group", "add", "Northside Chamber", "--kind", "chamber", "--cadence", "monthly")
    cli("group", "join", "Northside Chamber", "me", "--since", "2025-01-01")
    with netweave.open(cli.url) as nw:  # the people and past touches, through the Python API
        nw.add_person("Dana Reyes", category="insurance")
        nw.add_person("Ellis Grant", category="printing")
        nw.add_person(
            "Morgan Hale", admired=True, category="consulting", title="Managing Partner",
            company="Hale & Co",
        )  # fmt: skip
        nw.add_person("Quinn Parker", category="construction", title="Owner",
                      company="Parker Builders")  # fmt: skip
        nw.add_person("Pat Lowe", category="dentistry")
        for day in ("2025-09-02", "2025-10-07", "2025-11-04"):
            nw.log_touch("one-on-one", "Dana Reyes", at=f"{day}T12:00")
        nw.log_touch("one-on-one", "Dana Reyes", at="2025-12-09T12:00",
                     notes="her agency opening a second office in Edina")  # fmt: skip
        nw.log_touch("event-conversation", "Ellis Grant", at="2026-02-10T18:30")
    cli("event", "add", EVENT, "--at", "2026-03-10T18:00", "--hours", "2",
        "--group", "Northside Chamber")  # fmt: skip
    cli("event", "attend", EVENT, "Dana Reyes", "Ellis Grant", "Morgan Hale", "Quinn Parker",
        "Pat Lowe", "--status", "rsvp")  # fmt: skip
    cli("plan", EVENT, "--as-of", PLANNED)


def test_principle_2_a_plan_names_four_kinds_and_the_debrief_closes_the_loop(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(database_url, capsys)
    build_network(cli)

    # -- the plan, as of 2026-03-09 12:00 ----------------------------------------------
    # The rhythm of my circle: only Dana has repeat touches, 98 days (09-02 → 12-09) over 3
    # gaps, so the usual gap is 32.67 days and the half-life 8 × 32.67 = 261.3 days; Dana's
    # pair adds the age of the tie: 261.3 + 98 = 359.3 days.
    # Dana: one-on-ones (weight 1, length 1) 90, 125, 153 and 188 days old:
    #   2^(-90/359.3) + 2^(-125/359.3) + 2^(-153/359.3) + 2^(-188/359.3)
    #   = 0.8406 + 0.7858 + 0.7445 + 0.6958 = 3.067 → close (at least 2, under 4);
    #   12-09 → 03-09 is 22 + 31 + 28 + 9 = 90 days without one-on-one time (≥ 60):
    #   reconnect. Half a half-life, 130.7 days, reaches back to 2025-10-29: 2 one-on-ones.
    # Ellis: one conversation at an event (weight 0.5), 26.7 days old, half-life 261.3:
    #   0.5 · 2^(-26.73/261.3) = 0.466 → acquaintance, met once: deepen.
    # Morgan is admired (learn); Quinn fits both parts of the market (category 0.4 + role
    # 0.25 of the 0.65 named: 100 %) and was never met: discover. Pat fits nothing.
    with netweave.open(database_url) as nw:
        dana = nw.tie("Dana Reyes", PLANNED)
        ellis = nw.tie("Ellis Grant", PLANNED)
    assert dana is not None
    assert ellis is not None
    assert (dana.strength, dana.layer) == (pytest.approx(3.067, abs=0.001), "close")
    assert (ellis.strength, ellis.layer) == (pytest.approx(0.466, abs=0.001), "acquaintance")

    plan = cli.json("plan", EVENT)
    assert plan["made_at"] == "2026-03-09T12:00:00+00:00"
    targets = {t["name"]: t for t in plan["targets"]}
    assert [(t["name"], t["kind"]) for t in plan["targets"]] == [
        ("Dana Reyes", "reconnect"),
        ("Ellis Grant", "deepen"),
        ("Morgan Hale", "learn"),
        ("Quinn Parker", "discover"),
    ]  # Pat Lowe is not a target: nothing makes a dentist stand out to me
    assert targets["Dana Reyes"]["reason"] == (
        "close tie (2 one-on-ones in the last 131 days), but no one-on-one in 90 days"
    )
    assert targets["Dana Reyes"]["opener"] == (
        "Pick up from your talk on Dec 9 2025: her agency opening a second office in Edina"
    )
    assert targets["Ellis Grant"]["reason"].startswith("met before (1 touch), but not known")
    assert targets["Morgan Hale"]["reason"] == (
        "you admire them and want to learn from them (Managing Partner, Hale & Co)"
    )
    assert targets["Quinn Parker"]["reason"] == (
        "new to you: fits your target market (construction, an owner)"
    )
    assert plan["purpose"] == (
        f"Leave {EVENT} with one or two people for a one-on-one within a week: reconnect with "
        "Dana Reyes; get to know Ellis Grant; learn from Morgan Hale; meet Quinn Parker."
    )
    assert not any(t["reached"] for t in plan["targets"])

    # -- the debrief, the morning after ------------------------------------------------
    debrief = cli.json("debrief", EVENT, "--as-of", DEBRIEFED.isoformat(), *DEBRIEF)
    assert debrief["added"] == ["Sam Novak"]
    assert debrief["reached"] == ["Dana Reyes", "Ellis Grant"]
    assert debrief["not_reached"] == ["Morgan Hale", "Quinn Parker"]
    # The 7-day rule: due on the 7th day after the debrief, 03-11 + 7 = 03-18.
    assert [(f["name"], f["due_on"]) for f in debrief["follow_ups"]] == [
        ("Ellis Grant", "2026-03-18"),
        ("Sam Novak", "2026-03-18"),
    ]
    after_cli = cli.stored()
    ids = {p["name"]: p["ref"] for p in after_cli["people"]}
    me, dana_ref, ellis_ref, sam_ref = (
        ids["Robin Vale"], ids["Dana Reyes"], ids["Ellis Grant"], ids["Sam Novak"],
    )  # fmt: skip
    sam = next(p for p in after_cli["people"] if p["name"] == "Sam Novak")
    assert (sam["emails"], sam["how_met"], sam["met_on"]) == (
        ["sam@novak.example"],
        f"met at {EVENT}",
        "2026-03-10",
    )
    met = {a["person"] for a in after_cli["attendance"] if a["met"]}
    assert met == {dana_ref, ellis_ref, sam_ref}
    assert {a["person"]: a["status"] for a in after_cli["attendance"]}[sam_ref] == "attended"
    # One conversation at the mixer with each person met, at its start.
    talks = [i for i in after_cli["interactions"] if i.get("event") == "e1"]
    assert sorted((i["kind"], i["occurred_at"], tuple(i["participants"])) for i in talks) == [
        ("event-conversation", "2026-03-10T18:00:00Z", (me, who))
        for who in sorted([dana_ref, ellis_ref, sam_ref])
    ]
    assert [t["reached"] for t in after_cli["plans"][0]["targets"]] == [True, True, False, False]

    # -- the same debrief through the JSON API, on a second database: the same records --
    with another_database(database_url, tmp_path) as second_url:
        build_network(Cli(second_url, capsys))
        store = Store.open(second_url)
        try:
            with TestClient(create_app(store, clock=lambda: DEBRIEFED), base_url=LOCAL) as client:
                answer = client.post(
                    f"/api/v1/events/{plan['event_id']}/debrief",
                    json={
                        "met": ["Dana Reyes", "Ellis Grant"],
                        "new": ["Sam Novak <sam@novak.example>"],
                        "follow_up": ["Ellis Grant", "Sam Novak"],
                    },
                )
                assert answer.status_code == 200, answer.text
                assert answer.json()["follow_ups"] == debrief["follow_ups"]
        finally:
            store.close()
        assert Cli(second_url, capsys).stored() == after_cli

    # -- debriefing again that evening adds nothing twice --------------------------------
    again = cli.json("debrief", EVENT, "--as-of", "2026-03-11T21:00", *DEBRIEF)
    assert (again["added"], again["known"]) == ([], ["Sam Novak"])
    assert again["follow_ups"] == debrief["follow_ups"]
    after_again = cli.stored()
    assert after_again["plans"][0].pop("debriefed_at") == "2026-03-11T21:00:00Z"
    after_cli["plans"][0].pop("debriefed_at")
    assert after_again == after_cli

    # -- a one-on-one with Ellis on 03-14 closes Ellis's follow-up, not Sam's ------------
    cli("settings", "set", "--today", "2026-03-15")
    cli("log", "one-on-one", "Ellis Grant", "--at", "2026-03-14T12:00")
    follow_ups = {f["person_id"]: f for f in cli.json("followup", "list", "--all")}
    people = {p["name"]: p["id"] for p in cli.json("person", "list")}
    assert follow_ups[people["Ellis Grant"]]["done_at"] == "2026-03-14T12:00:00Z"
    assert follow_ups[people["Sam Novak"]]["done_at"] is None

    # -- the review on 03-20: one follow-up done within the week, Sam's missed ----------
    cli("settings", "set", "--today", "2026-03-21")
    review = cli.json("review", "--as-of", "2026-03-20T12:00")
    spread = review["spread"]
    # Both follow-ups came due on 03-18, inside the 13 weeks; Ellis's was done on 03-14.
    assert (spread["follow_ups_due"], spread["follow_ups_on_time"]) == (2, 1)
    assert "follow-ups done on time: 1 of 2 (50%)" in spread["reasons"]
    assert review["follow_through"] == (
        "50% done within the week: 1 in time, 0 late, 1 missed, 0 open"
    )
    # Sam is the one new person met (Dana and Ellis were met before the mixer); 10 days
    # later, nobody has followed up with Sam: the review says so, 2 days late.
    assert spread["funnel"] == {
        "met": 1, "judged": 1, "followed_up": 0, "one_on_one": 0, "referral": 0,
    }  # fmt: skip
    assert [(f["name"], f["days_late"]) for f in review["follow_ups"]] == [("Sam Novak", 2)]
