"""Referral conflicts on hand-built referrals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netweave.analytics.conflicts import conflicts_among, conflicts_of, lead_of, same_prospect
from netweave.domain import Referral, ReferralDraft, ReferralStatus, StatusChange

DAY0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _ref(
    ref_id: int | None,
    receiver: int,
    *,
    day: int = 0,
    giver: int = 1,
    prospect: str | None = "Acme Corp",
    prospect_id: int | None = None,
    category: str | None = "law",
    lost_on: int | None = None,
) -> ReferralDraft:
    at = DAY0 + timedelta(days=day)
    history = [StatusChange(status=ReferralStatus.NEW, changed_at=at)]
    status = ReferralStatus.NEW
    if lost_on is not None:
        status = ReferralStatus.LOST
        history.append(StatusChange(status=status, changed_at=DAY0 + timedelta(days=lost_on)))
    draft = ReferralDraft(
        giver_id=giver, receiver_id=receiver, prospect_id=prospect_id,
        prospect_name=prospect if prospect_id is None else None, category=category,
        given_at=at, status=status, history=history,
    )  # fmt: skip
    # A referral with an id is stored; without one, it is about to be given.
    return draft if ref_id is None else Referral(id=ref_id, **draft.model_dump())


def test_the_same_lead_to_another_receiver_in_the_category_conflicts() -> None:
    first = _ref(1, receiver=2)
    again = _ref(None, receiver=3, day=2, prospect="  ACME   corp ")
    assert conflicts_of(again, [first]) == [first]


def test_no_conflict_for_the_same_receiver_another_category_giver_prospect_or_a_lost_lead() -> None:
    first = _ref(1, receiver=2)
    assert conflicts_of(_ref(None, receiver=2, day=1), [first]) == []
    assert conflicts_of(_ref(None, receiver=3, category="banking"), [first]) == []
    assert conflicts_of(_ref(None, receiver=3, giver=9), [first]) == []
    assert conflicts_of(_ref(None, receiver=3, prospect="Other Inc"), [first]) == []
    assert conflicts_of(_ref(None, receiver=3), [_ref(1, receiver=2, lost_on=1)]) == []


def test_without_a_category_nothing_can_be_checked() -> None:
    assert lead_of(_ref(None, receiver=3, category=None)) is None
    assert conflicts_of(_ref(None, receiver=3, category=None), [_ref(1, 2, category=None)]) == []


def test_a_prospect_in_the_network_is_matched_by_id() -> None:
    first = _ref(1, receiver=2, prospect_id=7)
    assert conflicts_of(_ref(None, receiver=3, prospect_id=7), [first]) == [first]
    assert conflicts_of(_ref(None, receiver=3, prospect_id=8), [first]) == []


def test_a_typed_name_and_the_person_of_that_name_are_the_same_lead() -> None:
    # Acme Corp was typed for the first referral, then became person 7 of the network.
    typed, names = _ref(1, receiver=2), {7: "ACME Corp."}
    person = _ref(None, receiver=3, day=2, prospect_id=7)
    assert conflicts_of(person, [typed], names) == [typed]
    [found] = conflicts_among([typed, _ref(2, 3, prospect_id=7)], names)
    assert (found.earlier.id, found.later.id) == (1, 2)
    # Two people who share a name are two prospects; an unknown name matches nothing.
    assert not same_prospect(_ref(1, 2, prospect_id=7), _ref(2, 3, prospect_id=8), {7: "A", 8: "A"})
    assert conflicts_of(person, [typed]) == []


def test_conflicts_among_pairs_each_later_lead_with_a_live_earlier_one() -> None:
    a = _ref(1, receiver=2, day=0, lost_on=10)
    b = _ref(2, receiver=3, day=5)  # a still alive: conflict with a
    c = _ref(3, receiver=4, day=20)  # a lost by then: conflict with b
    d = _ref(4, receiver=3, day=30, prospect="Beta LLC")  # another lead: alone
    found = conflicts_among([d, c, b, a])
    assert [(x.earlier.id, x.later.id) for x in found] == [(2, 3), (1, 2)]
    assert conflicts_among([]) == []


def test_no_referrals_no_conflicts() -> None:
    assert conflicts_among([]) == []
    assert conflicts_of(_ref(None, 2), []) == []


def test_two_leads_given_at_the_same_moment_conflict_in_id_order() -> None:
    first, second = _ref(1, 2), _ref(2, 3)
    [found] = conflicts_among([second, first])
    assert (found.earlier.id, found.later.id) == (1, 2)


def test_a_lead_lost_by_the_moment_of_the_new_one_does_not_conflict() -> None:
    lost_that_day = _ref(1, 2, lost_on=5)
    assert conflicts_among([lost_that_day, _ref(2, 3, day=5)]) == []
    # Lost only later: at the time it was still alive, so passing it on was a conflict.
    lost_later = _ref(1, 2, lost_on=9)
    assert len(conflicts_among([lost_later, _ref(2, 3, day=5)])) == 1
