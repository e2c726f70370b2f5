"""Every reader of target-market fit agrees, on SQLite and PostgreSQL.

The plain cases of tests/unit/analytics/test_fit_rule.py, each in a workspace of
its own (me, the person, a giver; a group we both belong to; an event they are
expected at; a referral to me about them), through every service that judges
fit: the person's scores, the event's plan ('discover'), the group's member fit,
the event's attendee fit and the fit of the referrals I received.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netweave.domain import (
    Attendance,
    AttendanceStatus,
    Event,
    Group,
    MembershipDraft,
    Person,
    Referral,
    TargetMarket,
    Workspace,
)
from netweave.errors import InvalidInput
from netweave.services import fit, group_return, plans, scores, workspaces
from netweave.services.ties import owner_of
from netweave.storage import Store
from netweave.storage.bulk import BulkLoader
from tests import writes
from tests.unit.analytics.test_fit_rule import CASES, RESTAURANTS, Case

NOW = datetime(2026, 10, 1, 12, tzinfo=UTC)
ME = 100
"""The provisional id the owner is adopted under."""


def _load(
    store: Store, ws: int, people: list[dict[str, object]], *, prospect: str | None
) -> tuple[int, int]:
    """People 1.. (as given) and a giver (99); a group of them all with me; an event they
    are expected at; a referral from the giver to me about person 1 (or ``prospect``,
    a name only). Returns the ids of person 1 and of the event."""
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        load = BulkLoader(conn, ws, now=NOW)
        load.adopt("person", {ME: me})
        ids = range(1, len(people) + 1)
        load.people(
            [
                Person.model_validate({"id": i, "name": f"Pat {i}", **p})
                for i, p in enumerate(people, 1)
            ]
            + [Person(id=99, name="Di Giver")]
        )
        load.groups([Group(id=1, name="Breakfast club")])
        joined = date(2026, 1, 5)
        load.memberships(
            MembershipDraft(group_id=1, person_id=p, joined_on=joined) for p in [ME, *ids]
        )
        load.events([Event(id=1, name="Mixer", group_id=1, starts_at=NOW + timedelta(days=7))])
        load.attendance(
            Attendance(event_id=1, person_id=p, status=AttendanceStatus.INVITED) for p in ids
        )
        load.referrals(
            [
                Referral(
                    id=1,
                    giver_id=99,
                    receiver_id=ME,
                    prospect_id=None if prospect else 1,
                    prospect_name=prospect,
                    category="accounting",
                    given_at=NOW - timedelta(days=30),
                )
            ]
        )
        return load.person_id(1), load.event_id(1)


def _workspace(store: Store, name: str, market: TargetMarket) -> int:
    ws = workspaces.init_workspace(store, name=name, me="Robin Vale").id
    assert ws is not None
    writes.change_target_market(store, ws, market.model_dump())
    return ws


def _answers(store: Store, ws: int, pid: int, event_id: int) -> dict[str, object]:
    """What each reader says of person ``pid``, alone at ``event_id`` and in the group."""
    event = plans.make_plan(store, ws, event_id, NOW)
    discover = [t.reason for t in event.targets if t.kind == "discover"]
    (group,) = group_return.group_returns(store, ws, NOW)
    received = fit.received_fit(store, ws, NOW)
    assert received.judged == 1
    return {
        "score": scores.person_scores(store, ws, pid, NOW).fit.fits,
        "plan": bool(discover),
        "group": group.member_fit.fitting == 1,
        "event": fit.event_fit(store, ws, event_id).fitting == 1,
        "received": received.fitting == 1,
    }


def test_every_reader_gives_each_plain_case_the_same_answer(store: Store) -> None:
    wrong = {}
    for number, case in enumerate(CASES):
        ws = _workspace(store, f"case {number}", case.market)
        answers = _answers(store, ws, *_load(store, ws, [case.person], prospect=None))
        if set(answers.values()) != {case.fits}:
            wrong[case.name] = answers
    assert wrong == {}


def test_a_group_and_an_event_of_the_same_people_have_the_same_fit(store: Store) -> None:
    ws = _workspace(store, "mixed", RESTAURANTS)
    people = [c.person for c in CASES if c.market == RESTAURANTS]
    _, event_id = _load(store, ws, people, prospect=None)
    (group,) = group_return.group_returns(store, ws, NOW)
    event = fit.event_fit(store, ws, event_id)
    assert group.member_fit == event
    assert (event.people, event.fitting) == (7, 3)


def test_a_referral_whose_client_is_only_a_name_is_said_to_be_unjudged(store: Store) -> None:
    case: Case = CASES[0]
    ws = _workspace(store, "a name", case.market)
    _load(store, ws, [case.person], prospect="Someone at the diner")
    found = fit.received_fit(store, ws, NOW)
    assert (found.received, found.judged, found.fitting) == (1, 0, 0)
    assert found.reason == (
        "1 referral received, not judged: its client is only a name, not a person in your network"
    )


def test_company_size_is_refused_with_the_reason(store: Store, workspace: Workspace) -> None:
    assert workspace.id is not None
    with pytest.raises(InvalidInput) as caught:
        writes.change_target_market(store, workspace.id, {"company_sizes": ["10-49"]})
    assert "netweave records no company size for people" in str(caught.value)
    assert workspaces.get_target_market(store, workspace.id).company_sizes == []
