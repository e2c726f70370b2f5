"""`netweave groups review` / `group review`, referral conflicts, and both in `netweave review`."""

from __future__ import annotations

import io
import json
import sys

import pytest

from tests.cli.conftest import Netweave


def _two_groups(nw: Netweave) -> None:
    nw.ok("settings", "set", "--hourly-value", "100", "--currency", "USD")
    nw.ok("person", "add", "Ann Bell")
    nw.ok("person", "add", "Carl Dorn")
    nw.ok("group", "add", "Good Chamber", "--kind", "chamber", "--dues", "400", "--hours", "2")
    nw.ok("group", "add", "Dear Club", "--kind", "club", "--dues", "1,000", "--hours", "3")
    nw.ok("group", "join", "Good Chamber", "me", "--since", "2025-01-01")
    nw.ok("group", "join", "Good Chamber", "Ann Bell", "--since", "2025-01-01")
    nw.ok("group", "join", "Dear Club", "me", "--since", "2025-01-01")
    nw.ok("group", "join", "Dear Club", "Carl Dorn", "--since", "2025-01-01")
    for month in ("03", "06", "09"):
        nw.ok("event", "add", f"Mixer {month}", "--at", f"2026-{month}-10T18:00", "--group",
              "Good Chamber", "--cost", "20")  # fmt: skip
        nw.ok("event", "attend", f"Mixer {month}", "me")
        nw.ok("event", "add", f"Gala {month}", "--at", f"2026-{month}-12T18:00", "--group",
              "Dear Club", "--cost", "80")  # fmt: skip
        nw.ok("event", "attend", f"Gala {month}", "me")
    nw.ok("referral", "give", "--from", "Ann Bell", "--to", "me", "--prospect", "Zed",
          "--at", "2026-05-01")  # fmt: skip
    nw.ok("referral", "status", "1", "won", "--at", "2026-06-01", "--value", "5,000")


def test_groups_review_json_judges_cost_against_return(nw: Netweave) -> None:
    _two_groups(nw)
    data = json.loads(nw.ok("groups", "review", "--as-of", "2026-11-02", "--json").out)
    by_name = {g["name"]: g for g in data}
    good, dear = by_name["Good Chamber"], by_name["Dear Club"]
    # Dues for the 306 days of 2026 to 2 November (per quarter: 90, 91, 92 and 33 days
    # of 400.00 a year), and 3 mixers x (20.00 fee + 2 h x 100.00).
    dues = sum(round(40_000 * days / 365) for days in (90, 91, 92, 33))
    assert good["cost_cents"] == dues + 3 * (2_000 + 20_000)
    assert good["won_cents"] == 500_000
    assert good["verdict"] == "get more involved"
    assert dear["verdict"] == "move on"
    assert [g["name"] for g in data] == ["Good Chamber", "Dear Club"]
    # `group review` is the same command.
    assert json.loads(nw.ok("group", "review", "--as-of", "2026-11-02", "--json").out) == data


def test_groups_review_text_and_in_the_weekly_review(nw: Netweave) -> None:
    _two_groups(nw)
    out = nw.ok("groups", "review", "--as-of", "2026-11-02").out
    assert "Good Chamber: get more involved" in out
    assert "nothing came back" in out
    review = json.loads(nw.ok("review", "--as-of", "2026-11-02", "--json").out)
    assert [g["verdict"] for g in review["groups"]] == ["get more involved", "move on"]
    assert "Group return" in nw.ok("review", "--as-of", "2026-11-02").out


def test_no_groups_yet(nw: Netweave) -> None:
    assert "no group yet" in nw.ok("groups", "review").out
    assert json.loads(nw.ok("groups", "review", "--json").out) == []


def _lawyers(nw: Netweave) -> None:
    for name in ("Lee Law", "Lou Legal"):
        nw.ok("person", "add", name, "--category", "business law")
    nw.ok("referral", "give", "--to", "Lee Law", "--prospect", "Acme Corp", "--at", "2026-03-01")


def _referral_count(nw: Netweave) -> int:
    return len(json.loads(nw.ok("referral", "list", "--json").out))


def test_giving_a_lead_to_a_competitor_is_refused_when_not_interactive(nw: Netweave) -> None:
    _lawyers(nw)
    refused = nw("referral", "give", "--to", "Lou Legal", "--prospect", "Acme Corp")
    assert refused.code == 5
    assert "Acme Corp was passed to Lee Law on 2026-03-01" in refused.err
    assert "--force" in refused.err
    assert "Traceback" not in refused.err
    assert _referral_count(nw) == 1
    nw.ok("referral", "give", "--to", "Lou Legal", "--prospect", "Acme Corp", "--force")
    assert _referral_count(nw) == 2
    # Listed in the review.
    data = json.loads(nw.ok("review", "--json").out)
    [conflict] = data["conflicts"]
    assert (conflict["first_receiver"], conflict["second_receiver"]) == ("Lee Law", "Lou Legal")
    assert conflict["category"] == "business law"


def test_another_category_or_prospect_is_no_conflict(nw: Netweave) -> None:
    _lawyers(nw)
    nw.ok("referral", "give", "--to", "Lou Legal", "--prospect", "Other Inc")
    nw.ok("referral", "give", "--to", "Lou Legal", "--prospect", "Acme Corp", "--category", "tax")
    assert _referral_count(nw) == 3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_warns_and_asks(nw: Netweave, monkeypatch: pytest.MonkeyPatch) -> None:
    _lawyers(nw)
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    declined = nw("referral", "give", "--to", "Lou Legal", "--prospect", "Acme Corp")
    assert declined.code == 1
    assert "Warning: Acme Corp was passed to Lee Law" in declined.err
    assert "Give it anyway?" in declined.out
    assert _referral_count(nw) == 1
    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    nw.ok("referral", "give", "--to", "Lou Legal", "--prospect", "Acme Corp")
    assert _referral_count(nw) == 2


def test_groups_spread_text_and_json(nw: Netweave) -> None:
    _two_groups(nw)
    nw.ok("event", "add", "Expo", "--at", "2026-09-20T10:00")
    nw.ok("event", "attend", "Expo", "Ann Bell", "--met")
    nw.ok("event", "attend", "Expo", "me")
    nw.ok("log", "call", "Ann Bell", "--at", "2026-09-22")
    data = json.loads(nw.ok("groups", "spread", "--as-of", "2026-10-01", "--json").out)
    assert data["groups"] == 2
    assert data["events"] == 3  # the September mixer and gala, and the expo
    assert data["funnel"] == {
        "met": 1, "judged": 1, "followed_up": 1, "one_on_one": 0, "referral": 0
    }  # fmt: skip
    assert data["thin"] is False
    out = nw.ok("groups", "spread", "--as-of", "2026-10-01").out
    assert "met 1 new person: followed up within 7 days 1 of 1 (100%)" in out
    assert "Spread" in nw.ok("review", "--as-of", "2026-10-01").out


def test_fit_of_a_person_an_event_and_the_referrals_received(nw: Netweave) -> None:
    nw.ok("market", "set", "--category", "construction", "--role", "owner", "--region", "Edina")
    nw.ok("person", "add", "Bo Build", "--category", "construction", "--title", "Owner",
          "--location", "Edina, MN")  # fmt: skip
    nw.ok("person", "add", "Cy Cook", "--category", "catering", "--location", "Duluth")
    nw.ok("person", "add", "Di Giver")
    out = nw.ok("person", "show", "Bo Build").out
    assert "market fit: fits (100%): category construction; role owner; region edina" in out
    assert "does not fit (0%): nothing matches" in nw.ok("person", "show", "Cy Cook").out
    nw.ok("event", "add", "Expo", "--at", "2026-09-20T10:00")
    nw.ok("event", "attend", "Expo", "Bo Build", "Cy Cook", "me")
    data = json.loads(nw.ok("event", "show", "Expo", "--json").out)
    assert data["fit"] == {"people": 2, "fitting": 1, "mean": 0.5, "judged": True}
    assert "1 of 2 attendees fit your target market (50%)" in nw.ok("event", "show", "Expo").out
    for prospect in ("Bo Build", "Cy Cook", "Someone Unknown"):
        nw.ok("referral", "give", "--from", "Di Giver", "--to", "me", "--prospect", prospect,
              "--at", "2026-10-01")  # fmt: skip
    review = json.loads(nw.ok("review", "--as-of", "2026-10-02", "--json").out)
    assert review["wrong_fish"] == {
        "received": 3,
        "judged": 2,
        "fitting": 1,
        "reason": "1 of 2 referrals whose client you know fit your market (50%); 1 wrong fish; "
        "1 other not judged (the client is only a name)",
    }


def test_network_lists_connectors_and_brokers(nw: Netweave) -> None:
    for name in ("Ann Bell", "Bo Bridge", "Cy Cook", "Di Dale"):
        nw.ok("person", "add", name)
    for pair in (("Ann Bell", "Bo Bridge"), ("Bo Bridge", "Cy Cook"), ("Cy Cook", "Di Dale")):
        nw.ok("log", "one-on-one", *pair, "--at", "2026-10-01", "--without-me")
    data = json.loads(nw.ok("network", "--as-of", "2026-10-02", "--json").out)
    assert (data["people"], data["ties"]) == (4, 3)
    assert [b["name"] for b in data["brokers"]] == ["Bo Bridge", "Cy Cook"]
    assert data["brokers"][0]["betweenness"] == pytest.approx(2 / 3, abs=1e-3)
    out = nw.ok("network", "--as-of", "2026-10-02").out
    assert "Brokers" in out
    assert "on 66.7% of the shortest paths between others" in out
    assert "No ties yet" in nw.ok("network", "--as-of", "2020-01-01").out
