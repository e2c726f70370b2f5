"""Whom to cherish and whom to stop counting on, on SQLite and PostgreSQL (PRODUCT.md
principle 4): proven takers and the unreliable are listed with their evidence and
interval, only with enough evidence, and the owner is on neither list."""

from __future__ import annotations

from datetime import UTC, datetime

from netweave.domain import Workspace
from netweave.services import review
from netweave.storage import Store
from tests.integration.people_network import ask, new_person, refer, ws_of

# Months after T0 (when the referrals and asks are dated): unanswered asks are "no response".
AS_OF = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _network(store: Store, workspace: Workspace) -> dict[str, int]:
    """I give Bob 6 referrals and Eve 1; Cara gives Fay 6; I ask Dan 5 times, he never
    answers; Bob asks me 5 times and I never answer either."""
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    ids = {"me": workspace.owner_id}
    for name in ("Bob Stone", "Cara Diaz", "Dan Reyes", "Eve Fink", "Fay Lund"):
        ids[name.split()[0]] = new_person(store, ws, name)
    for _ in range(6):
        refer(store, ws, ids["me"], ids["Bob"])
        refer(store, ws, ids["Cara"], ids["Fay"])
    refer(store, ws, ids["me"], ids["Eve"])
    for _ in range(5):
        ask(store, ws, ids["me"], ids["Dan"])
        ask(store, ws, ids["Bob"], ids["me"])
    return ids


def test_takers_and_the_unreliable_are_listed_with_their_interval(
    store: Store, workspace: Workspace
) -> None:
    ids = _network(store, workspace)
    cherish, takers = review.givers(store, ws_of(workspace), AS_OF)
    assert [n.person_id for n in cherish] == [ids["Cara"]]
    by_id = {n.person_id: n for n in takers}
    # Bob: received 6 and asked 5 times, gave nothing. Dan: 5 asks, no answer.
    assert set(by_id) == {ids["Bob"], ids["Fay"], ids["Dan"]}
    bob = by_id[ids["Bob"]]
    assert bob.label == "taker"
    assert bob.reasons[0] == "gave 0 units of help, received 6 units of help"
    assert any("80% interval" in reason for reason in bob.reasons)
    [share] = bob.judgements
    assert share.measure == "share given"
    assert share.verdict == "taker"
    assert share.evidence == 6
    assert share.low < share.mean < share.high < 0.5
    dan = by_id[ids["Dan"]]
    assert dan.label == "rarely comes through"
    assert dan.reasons[0] == "came through on 0 of 5 asks"
    [asked] = dan.judgements
    assert (asked.measure, asked.verdict, asked.evidence) == (
        "came through when asked",
        "unreliable",
        5,
    )
    assert asked.high <= 0.4
    # One referral is not a pattern: Eve is on neither list.
    assert ids["Eve"] not in {n.person_id for n in [*cherish, *takers]}


def test_the_owner_is_never_on_either_list(store: Store, workspace: Workspace) -> None:
    ids = _network(store, workspace)
    found = review.review(store, ws_of(workspace), AS_OF, AS_OF.date())
    # I gave 7 and received nothing (a giver by the rule), and never answered Bob's asks.
    assert found.me.label == "giver"
    listed = [n.person_id for n in [*found.cherish, *found.stop_counting_on]]
    assert ids["me"] not in listed
    assert [n.person_id for n in found.cherish] == [ids["Cara"]]
    # The review's lists are the ones `givers` gives.
    cherish, takers = review.givers(store, ws_of(workspace), AS_OF)
    assert (list(found.cherish), list(found.stop_counting_on)) == (cherish, takers)


def test_the_surest_come_first_and_the_limit_holds(store: Store, workspace: Workspace) -> None:
    ids = _network(store, workspace)
    ws = ws_of(workspace)
    # Dan (0 of 5 asks) is surer than Bob and Fay (0 of 6 units given; equal, by id).
    _, takers = review.givers(store, ws, AS_OF, limit=2)
    assert [n.person_id for n in takers] == [ids["Dan"], ids["Bob"]]
    _, takers = review.givers(store, ws, AS_OF, limit=1)
    assert [n.person_id for n in takers] == [ids["Dan"]]
