"""Group return, referral conflicts, spread and fit on the sample network, on both backends.

One sample per backend for the whole module: the tests only read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time

import pytest

from netweave.analytics.group_return import Verdict
from netweave.commands import GiveReferral
from netweave.domain import ReferralStatus, build
from netweave.errors import Conflict
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import conflicts, fit, group_return, network, referrals, review, spread
from netweave.storage import Store
from tests import writes
from tests.conftest import postgres_schema, postgres_url

AS_OF = datetime.combine(SAMPLE_TODAY, time(12), UTC)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def sample(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, int]]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('db') / 'nw.db'}"])
    else:
        urls = (postgres_url(schema) for schema in postgres_schema())
    for url in urls:
        store = Store.open(url, create=True)
        try:
            ws = build_sample_workspace(store, size=150, name="sample").id
            assert ws is not None
            yield store, ws
        finally:
            store.close()


def test_the_paying_chamber_beats_the_costly_one(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = {r.name: r for r in group_return.group_returns(store, ws, AS_OF)}
    paying = found["Northside Business Chamber"]
    costly = found["Metro Chamber of Commerce"]
    assert paying.verdict.rank > costly.verdict.rank
    assert costly.verdict in (Verdict.RECONSIDER, Verdict.MOVE_ON)
    assert paying.won_cents > paying.cost_cents > 0
    assert costly.won_cents < costly.cost_cents
    assert paying.member_fit.share > 0.5 > costly.member_fit.share
    # The association the owner left is not judged again.
    assert "Professional Services Association of Minnesota" not in found
    for r in found.values():
        assert [q.label for q in r.quarters] == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
        assert r.cost_cents == sum(q.cost_cents for q in r.quarters)
        assert len(r.reasons) >= 5


def test_the_review_carries_the_group_verdicts(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = review.review(store, ws, AS_OF, SAMPLE_TODAY)
    assert [g.name for g in found.groups] == [
        g.name for g in group_return.group_returns(store, ws, AS_OF)
    ]
    ranks = [g.verdict.rank for g in found.groups]
    assert ranks == sorted(ranks, reverse=True)


def test_nothing_before_the_history(sample: tuple[Store, int]) -> None:
    store, ws = sample
    early = datetime(2024, 1, 1, tzinfo=UTC)
    found = group_return.group_returns(store, ws, early)
    assert all(r.won_cents == 0 and r.referrals_in == 0 for r in found)


def test_the_careless_referrals_of_the_sample_are_found(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = conflicts.recent_conflicts(store, ws, AS_OF)
    assert found
    assert [c.given for c in found] == sorted((c.given for c in found), reverse=True)
    for c in found:
        assert c.first_receiver != c.second_receiver
        assert c.first_given <= c.given <= AS_OF
        assert c.category in c.reason
    later = referrals.get_referral(store, ws, found[0].referral_id or 0)
    again = {
        "giver_id": later.giver_id,
        "receiver_id": later.receiver_id,
        "prospect_id": later.prospect_id,
        "prospect_name": later.prospect_name,
        "category": later.category,
        "given_at": AS_OF,
    }
    # Once more to the same receiver: a conflict only with the earlier one, if still alive.
    earlier = referrals.get_referral(store, ws, found[0].earlier_id)
    alive = earlier.status is not ReferralStatus.LOST
    assert [
        n.earlier_id
        for n in referrals.conflicts_before_giving(store, ws, build(GiveReferral, again))
    ] == ([earlier.id] if alive else [])
    before = len(referrals.list_referrals(store, ws))
    if alive:
        with pytest.raises(Conflict):
            writes.give_referral(store, ws, again)
        assert len(referrals.list_referrals(store, ws)) == before


def test_the_owner_of_the_sample_is_spread_thin(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = spread.spread(store, ws, AS_OF)
    # Four groups (two chambers, a referral group, an online community) and a weekly breakfast.
    assert found.groups == 4
    assert found.events_per_week > 1
    funnel = found.funnel
    assert funnel.met >= funnel.judged >= funnel.followed_up
    assert funnel.met >= funnel.one_on_one
    assert funnel.met >= funnel.referral
    assert 0 <= found.follow_ups_on_time <= found.follow_ups_due
    assert found.thin
    # Keep the paying chamber and the referral group (one chamber and one non-chamber
    # group); not the costly chamber or the online community.
    kept = {k.name: k.kind for k in found.keep}
    assert kept == {
        "Northside Business Chamber": "chamber",
        "BNI Northstar Chapter": "referral-group",
    }
    assert "(one chamber and one non-chamber group), and leave the other 2 groups" in found.advice
    assert review.review(store, ws, AS_OF, SAMPLE_TODAY).spread == found


def test_fit_of_the_referrals_received_and_of_the_members(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = fit.received_fit(store, ws, AS_OF)
    assert found.received >= found.judged >= found.fitting
    assert found.judged > 0
    assert found.wrong_fish == found.judged - found.fitting
    assert f"{found.wrong_fish} wrong fish" in found.reason
    assert review.review(store, ws, AS_OF, SAMPLE_TODAY).wrong_fish == found


def test_the_network_view_of_the_sample(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = network.network(store, ws, AS_OF, top=5)
    assert found.people > 50
    assert found.ties > found.people
    assert len(found.connectors) == len(found.brokers) == 5
    owner = review.ego_ties(store, ws, AS_OF).ego_id
    assert owner not in [r.person_id for r in (*found.connectors, *found.brokers)]
    ties = [c.ties for c in found.connectors]
    assert ties == sorted(ties, reverse=True)
    between = [b.betweenness for b in found.brokers]
    assert between == sorted(between, reverse=True)
    assert all(0 <= r.constraint <= 1.5 and r.name for r in found.brokers)
    with_me = network.network(store, ws, AS_OF, top=1, with_me=True)
    assert with_me.connectors[0].person_id == owner  # the hub of their own network
