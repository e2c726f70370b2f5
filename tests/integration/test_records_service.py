"""Interactions, referrals, asks and follow-ups through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from netweave.commands import (
    EditAsk,
    EditFollowUp,
    EditReferral,
    EditTouch,
    RemoveAsk,
    RemoveFollowUp,
    RemoveReferral,
    RemoveTouch,
)
from netweave.domain import (
    Ask,
    AskOutcome,
    FollowUp,
    Interaction,
    InteractionKind,
    Referral,
    ReferralStatus,
    Workspace,
    build,
)
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import asks, events, followups, interactions, people, referrals, workspaces
from netweave.storage import Store
from tests import writes
from tests.integration.snapshot import database_rows

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def me(workspace: Workspace) -> int:
    assert workspace.owner_id is not None
    return workspace.owner_id


def _edit_touch(store: Store, ws: int, touch_id: int, changes: dict[str, Any]) -> Interaction:
    command = build(EditTouch, {"touch_id": touch_id, "set": changes})
    return interactions.edit_interaction(store, ws, command)


def _edit_referral(store: Store, ws: int, referral_id: int, changes: dict[str, Any]) -> Referral:
    command = build(EditReferral, {"referral_id": referral_id, "set": changes})
    return referrals.edit_referral(store, ws, command)


def _edit_ask(store: Store, ws: int, ask_id: int, changes: dict[str, Any]) -> Ask:
    return asks.edit_ask(store, ws, build(EditAsk, {"ask_id": ask_id, "set": changes}))


def _edit_follow_up(store: Store, ws: int, follow_up_id: int, changes: dict[str, Any]) -> FollowUp:
    command = build(EditFollowUp, {"follow_up_id": follow_up_id, "set": changes})
    return followups.edit_follow_up(store, ws, command)


def person_id(store: Store, ws: int, name: str) -> int:
    found = writes.add_person(store, ws, {"name": name})
    assert found.id is not None
    return found.id


# Interactions


def test_log_and_read_back_an_interaction(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    logged = writes.log_interaction(
        store,
        ws,
        {
            "kind": "one-on-one",
            "occurred_at": T0,
            "participant_ids": [ann, me(workspace)],
            "duration_minutes": 45,
            "initiated_by_id": ann,
            "notes": "coffee at Oslo",
        },
    )
    assert logged.id is not None
    assert logged.in_person is True
    assert logged.participant_ids == sorted([ann, me(workspace)])
    stored = interactions.get_interaction(store, ws, logged.id)
    assert stored == logged
    assert stored.occurred_at == T0
    assert stored.kind is InteractionKind.ONE_ON_ONE


def test_logging_refuses_unknown_people_and_events(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    before = database_rows(store)
    base = {"kind": "call", "occurred_at": T0}
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.log_interaction(store, ws, {**base, "participant_ids": [me(workspace), 999]})
    with pytest.raises(NotFound, match="there is no event #999"):
        writes.log_interaction(
            store, ws, {**base, "participant_ids": [me(workspace), ann], "event_id": 999}
        )
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.log_interaction(
            store,
            ws,
            {**base, "participant_ids": [me(workspace), ann], "initiated_by_id": 999},
        )
    with pytest.raises(InvalidInput, match="whoever started it"):
        writes.log_interaction(
            store,
            ws,
            {**base, "participant_ids": [me(workspace), ann], "initiated_by_id": bob},
        )
    with pytest.raises(InvalidInput, match="at least two different people"):
        writes.log_interaction(store, ws, {**base, "participant_ids": [ann, ann]})
    assert database_rows(store) == before


def test_edit_and_remove_an_interaction(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    call = writes.log_interaction(
        store, ws, {"kind": "call", "occurred_at": T0, "participant_ids": [me(workspace), ann]}
    )
    assert call.id is not None
    edited = _edit_touch(
        store, ws, call.id, {"participant_ids": [me(workspace), ann, bob], "notes": "3-way"}
    )
    assert interactions.get_interaction(store, ws, call.id) == edited
    assert edited.participant_ids == sorted([me(workspace), ann, bob])
    with pytest.raises(InvalidInput):
        _edit_touch(store, ws, call.id, {"participant_ids": [ann]})
    with pytest.raises(NotFound):
        _edit_touch(store, ws, call.id, {"participant_ids": [ann, 999]})
    assert interactions.get_interaction(store, ws, call.id) == edited
    gone = build(RemoveTouch, {"touch_id": call.id})
    assert interactions.remove_interaction(store, ws, gone) == edited
    with pytest.raises(NotFound, match=f"there is no interaction #{call.id}"):
        interactions.get_interaction(store, ws, call.id)
    with pytest.raises(NotFound):
        interactions.remove_interaction(store, ws, gone)
    rows = database_rows(store)
    assert rows["interaction"] == []
    assert rows["interaction_participant"] == []


def test_interactions_list_newest_first(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    for days, who, notes in [(0, ann, "oldest"), (10, bob, "newest"), (5, ann, "middle")]:
        writes.log_interaction(
            store,
            ws,
            {
                "kind": "email",
                "occurred_at": T0 + timedelta(days=days),
                "participant_ids": [me(workspace), who],
                "notes": notes,
            },
        )

    def notes(**filters: object) -> list[str | None]:
        return [i.notes for i in interactions.list_interactions(store, ws, **filters)]  # type: ignore[arg-type]

    assert notes() == ["newest", "middle", "oldest"]
    assert notes(person_id=ann) == ["middle", "oldest"]
    assert notes(person_id=me(workspace), limit=1) == ["newest"]
    assert notes(since=T0 + timedelta(days=1)) == ["newest", "middle"]
    assert notes(until=T0 + timedelta(days=5)) == ["oldest"]


# Referrals


def give(store: Store, ws: int, giver: int, receiver: int, **fields: object) -> int:
    made = writes.give_referral(
        store,
        ws,
        {
            "giver_id": giver,
            "receiver_id": receiver,
            "prospect_name": "Acme",
            "given_at": T0,
            **fields,
        },
    )
    assert made.id is not None
    return made.id


def test_a_referral_starts_its_history_when_given(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    ref = give(store, ws, me(workspace), ann, category="Insurance")
    stored = referrals.get_referral(store, ws, ref)
    assert stored.status is ReferralStatus.NEW
    assert [(h.status, h.changed_at) for h in stored.history] == [(ReferralStatus.NEW, T0)]
    assert stored.category == "Insurance"
    assert stored.value_cents is None
    assert stored.currency is None


def test_status_moves_along_the_path_with_dates(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    writes.change_settings(store, ws, {"currency": "USD"})
    ann = person_id(store, ws, "Ann Lee")
    ref = give(store, ws, ann, me(workspace))
    steps = [
        (ReferralStatus.CONTACTED, T0 + timedelta(days=1)),
        (ReferralStatus.MEETING, T0 + timedelta(days=8)),
    ]
    for status, at in steps:
        writes.update_status(store, ws, ref, status, at=at)
    won_at = T0 + timedelta(days=30)
    won = writes.update_status(store, ws, ref, ReferralStatus.WON, at=won_at, value_cents=480_000)
    stored = referrals.get_referral(store, ws, ref)
    assert stored == won
    assert (stored.status, stored.value_cents, stored.currency) == (
        ReferralStatus.WON,
        480_000,
        "USD",
    )
    assert [(h.status.value, h.changed_at) for h in stored.history] == [
        ("new", T0),
        ("contacted", T0 + timedelta(days=1)),
        ("meeting", T0 + timedelta(days=8)),
        ("won", won_at),
    ]


def test_backwards_and_closed_moves_are_refused(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    ref = give(store, ws, me(workspace), ann)
    writes.update_status(store, ws, ref, ReferralStatus.MEETING, at=T0 + timedelta(days=2))
    before = database_rows(store)
    with pytest.raises(InvalidInput) as caught:
        writes.update_status(store, ws, ref, ReferralStatus.CONTACTED, at=T0 + timedelta(days=3))
    assert str(caught.value) == "status: a referral that is meeting cannot go back to contacted"
    with pytest.raises(InvalidInput, match=r"2026-03-06 is before the last change \(2026-03-07\)"):
        writes.update_status(store, ws, ref, ReferralStatus.WON, at=T0 + timedelta(days=1))
    with pytest.raises(InvalidInput, match="only a won referral has a value"):
        writes.update_status(
            store, ws, ref, ReferralStatus.LOST, at=T0 + timedelta(days=3), value_cents=100
        )
    assert database_rows(store) == before
    writes.update_status(store, ws, ref, ReferralStatus.LOST, at=T0 + timedelta(days=3))
    with pytest.raises(InvalidInput, match="the referral is already lost; it cannot become won"):
        writes.update_status(store, ws, ref, ReferralStatus.WON, at=T0 + timedelta(days=4))
    assert referrals.get_referral(store, ws, ref).status is ReferralStatus.LOST
    with pytest.raises(NotFound, match="there is no referral #999"):
        writes.update_status(store, ws, 999, ReferralStatus.WON, at=T0)


def test_a_naive_time_is_read_as_utc(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    ref = give(store, ws, me(workspace), ann)
    moved = writes.update_status(
        store, ws, ref, ReferralStatus.CONTACTED, at=datetime(2026, 3, 6, 9, 0)
    )
    assert moved.history[-1].changed_at == T0 + timedelta(days=1)
    with pytest.raises(InvalidInput, match="is before the last change"):
        writes.update_status(store, ws, ref, ReferralStatus.MEETING, at=datetime(2026, 3, 6, 8))


def test_won_takes_the_workspace_currency(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    ref = give(store, ws, ann, me(workspace))
    writes.update_status(store, ws, ref, ReferralStatus.WON, at=T0, value_cents=100_00)
    stored = referrals.get_referral(store, ws, ref)
    assert (stored.value_cents, stored.currency) == (100_00, "EUR")
    assert [h.status for h in stored.history] == [ReferralStatus.NEW, ReferralStatus.WON]
    late = give(store, ws, ann, me(workspace))
    writes.update_status(store, ws, late, ReferralStatus.WON, at=T0, value_cents=7, currency="CHF")
    assert referrals.get_referral(store, ws, late).currency == "CHF"


def test_giving_checks_the_people(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    before = database_rows(store)
    with pytest.raises(NotFound, match="there is no person #999"):
        give(store, ws, me(workspace), 999)
    with pytest.raises(NotFound, match="there is no person #999"):
        give(store, ws, me(workspace), ann, prospect_id=999, prospect_name=None)
    with pytest.raises(InvalidInput, match="giver and receiver must be different"):
        give(store, ws, ann, ann)
    # A referral is given new; the value of business closed comes with 'won'.
    with pytest.raises(InvalidInput, match="value: is not a field this takes"):
        give(store, ws, me(workspace), ann, value_cents=100)
    assert database_rows(store) == before


def test_edit_list_and_remove_referrals(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    first = give(store, ws, me(workspace), ann, category="law")
    second = give(store, ws, bob, me(workspace), category="tax", given_at=T0 + timedelta(days=1))
    with pytest.raises(InvalidInput, match="status: a referral moves from status to status"):
        _edit_referral(store, ws, first, {"status": "won"})
    with pytest.raises(InvalidInput, match="only a won referral has a value"):
        _edit_referral(store, ws, first, {"value_cents": 100})
    edited = _edit_referral(store, ws, first, {"category": "Family Law", "notes": "hot"})
    assert referrals.get_referral(store, ws, first) == edited
    assert edited.category == "Family Law"

    def ids(**filters: object) -> list[int | None]:
        return [r.id for r in referrals.list_referrals(store, ws, **filters)]

    assert ids() == [second, first]
    assert ids(person_id=ann) == [first]
    assert ids(person_id=bob) == [second]
    assert ids(category="tax") == [second]
    assert ids(category=" Family  LAW ") == [first]
    assert ids(status="new") == [second, first]
    gone = build(RemoveReferral, {"referral_id": first})
    assert referrals.remove_referral(store, ws, gone) == edited
    assert ids() == [second]
    assert len(database_rows(store)["referral_status_change"]) == 1
    with pytest.raises(NotFound):
        referrals.remove_referral(store, ws, gone)


# Asks


def test_record_and_answer_an_ask(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    made = writes.record_ask(
        store,
        ws,
        {"asker_id": me(workspace), "asked_id": ann, "what": "intro to Acme", "asked_at": T0},
    )
    assert made.id is not None
    assert asks.list_asks(store, ws, open_only=True) == [made]
    answered = writes.answer_ask(store, ws, made.id, AskOutcome.HELPED, T0 + timedelta(days=2))
    assert asks.list_asks(store, ws) == [answered]
    assert asks.list_asks(store, ws, open_only=True) == []
    assert (answered.outcome, answered.answered_at) == (AskOutcome.HELPED, T0 + timedelta(days=2))


def test_ask_rules(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    base = {"asker_id": ann, "asked_id": me(workspace), "what": "a lead", "asked_at": T0}
    before = database_rows(store)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.record_ask(store, ws, {**base, "asked_id": 999})
    with pytest.raises(InvalidInput, match="asker and asked must be different people"):
        writes.record_ask(store, ws, {**base, "asked_id": ann})
    assert database_rows(store) == before
    made = writes.record_ask(store, ws, base)
    assert made.id is not None
    with pytest.raises(InvalidInput, match="the answer comes before the ask"):
        writes.answer_ask(store, ws, made.id, AskOutcome.DECLINED, T0 - timedelta(days=1))
    silent = writes.answer_ask(store, ws, made.id, AskOutcome.NO_RESPONSE, None)
    assert (silent.outcome, silent.answered_at) == (AskOutcome.NO_RESPONSE, None)
    with pytest.raises(NotFound, match="there is no ask #999"):
        writes.answer_ask(store, ws, 999, AskOutcome.HELPED, T0)


def test_edit_list_and_remove_asks(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    older = writes.record_ask(
        store, ws, {"asker_id": ann, "asked_id": me(workspace), "what": "a", "asked_at": T0}
    )
    newer = writes.record_ask(
        store,
        ws,
        {"asker_id": me(workspace), "asked_id": bob, "what": "b", "asked_at": T0 + timedelta(1)},
    )
    assert older.id is not None
    assert [a.id for a in asks.list_asks(store, ws)] == [newer.id, older.id]
    assert [a.id for a in asks.list_asks(store, ws, person_id=bob)] == [newer.id]
    edited = _edit_ask(store, ws, older.id, {"what": "an intro", "asked_id": bob})
    assert [a.id for a in asks.list_asks(store, ws, person_id=bob)] == [newer.id, older.id]
    assert edited.what == "an intro"
    with pytest.raises(NotFound):
        _edit_ask(store, ws, older.id, {"asked_id": 999})
    assert asks.remove_ask(store, ws, build(RemoveAsk, {"ask_id": older.id})) == edited
    assert [a.id for a in asks.list_asks(store, ws)] == [newer.id]


# Follow-ups


def test_follow_ups_are_added_completed_once_and_listed(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    bob = person_id(store, ws, "Bob Stone")
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": T0})
    first = writes.add_follow_up(
        store,
        ws,
        {"person_id": ann, "due_on": date(2026, 3, 10), "reason": "coffee", "event_id": mixer.id},
    )
    later = writes.add_follow_up(
        store, ws, {"person_id": bob, "due_on": date(2026, 3, 20), "reason": "send deck"}
    )
    assert first.id is not None
    assert later.id is not None
    assert followups.list_follow_ups(store, ws) == [first, later]
    assert followups.list_follow_ups(store, ws, due_by=date(2026, 3, 10)) == [first]
    assert followups.list_follow_ups(store, ws, person_id=bob) == [later]
    done = writes.complete_follow_up(store, ws, first.id, T0 + timedelta(days=3))
    assert done.done_at == T0 + timedelta(days=3)
    assert followups.list_follow_ups(store, ws, open_only=True) == [later]
    before = database_rows(store)
    with pytest.raises(Conflict) as caught:
        writes.complete_follow_up(store, ws, first.id, T0 + timedelta(days=4))
    assert str(caught.value) == f"follow-up #{first.id} was already done on 2026-03-08"
    assert database_rows(store) == before
    edited = _edit_follow_up(store, ws, later.id, {"due_on": date(2026, 3, 9)})
    assert followups.list_follow_ups(store, ws, due_by=date(2026, 3, 9)) == [edited]
    gone = build(RemoveFollowUp, {"follow_up_id": later.id})
    assert followups.remove_follow_up(store, ws, gone) == edited
    assert followups.list_follow_ups(store, ws) == [done]
    with pytest.raises(NotFound, match=f"there is no follow-up #{later.id}"):
        writes.complete_follow_up(store, ws, later.id, T0)


def test_follow_ups_link_only_to_what_exists(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = person_id(store, ws, "Ann Lee")
    before = database_rows(store)
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.add_follow_up(
            store, ws, {"person_id": 999, "due_on": date(2026, 3, 1), "reason": "x"}
        )
    with pytest.raises(NotFound, match="there is no event #999"):
        writes.add_follow_up(
            store,
            ws,
            {"person_id": ann, "due_on": date(2026, 3, 1), "reason": "x", "event_id": 999},
        )
    assert database_rows(store) == before
    task = writes.add_follow_up(
        store, ws, {"person_id": ann, "due_on": date(2026, 3, 1), "reason": "x"}
    )
    assert task.id is not None
    other = workspaces.init_workspace(store, name="chapter")
    foreign = writes.add_event(store, ws_of(other), {"name": "Gala", "starts_at": T0})
    before = database_rows(store)
    for event_id in (999, foreign.id):
        with pytest.raises(NotFound, match=f"there is no event #{event_id}"):
            _edit_follow_up(store, ws, task.id, {"event_id": event_id})
    with pytest.raises(NotFound, match="there is no person #999"):
        _edit_follow_up(store, ws, task.id, {"person_id": 999})
    assert database_rows(store) == before


# Workspaces, settings, target market


def test_settings_are_read_and_changed(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    assert workspaces.get_settings(store, ws) == workspace.settings
    updated = writes.change_settings(
        store, ws, {"time_zone": "Europe/Berlin", "currency": "CHF", "hourly_value_cents": 9000}
    )
    assert workspaces.get_settings(store, ws) == updated
    assert updated.zone.key == "Europe/Berlin"
    before = database_rows(store)
    with pytest.raises(InvalidInput) as caught:
        writes.change_settings(store, ws, {"time_zone": "Mars/Base", "currency": "USD"})
    assert caught.value.field == "time_zone"
    with pytest.raises(InvalidInput) as caught:
        writes.change_settings(store, ws, {"currency": "dollars"})
    assert caught.value.field == "currency"
    assert database_rows(store) == before
    with pytest.raises(NotFound, match="there is no workspace #999"):
        workspaces.get_settings(store, 999)
    with pytest.raises(NotFound, match="there is no workspace #999"):
        writes.change_settings(store, 999, {"currency": "USD"})


def test_target_market(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    assert workspaces.get_target_market(store, ws).categories == []
    market = writes.change_target_market(
        store, ws, {"categories": ["Dentists", "law firms", "dentists"], "regions": ["Berlin"]}
    )
    assert market.categories == ["dentists", "law firms"]
    assert workspaces.get_target_market(store, ws) == market
    again = writes.change_target_market(store, ws, {"keywords": ["Practice owner"]})
    assert again.categories == ["dentists", "law firms"]
    assert workspaces.get_target_market(store, ws).keywords == ["practice owner"]
    with pytest.raises(InvalidInput):
        writes.change_target_market(store, ws, {"sizes": ["1-10"]})


def test_workspaces_are_created_opened_and_owned(store: Store, workspace: Workspace) -> None:
    assert workspaces.open_workspace(store) == workspace
    with pytest.raises(Conflict, match="a workspace called 'default' already exists"):
        workspaces.init_workspace(store)
    chapter = workspaces.init_workspace(store, name="chapter")
    assert chapter.owner_id is None
    assert workspaces.open_workspace(store, "chapter") == chapter
    # With two workspaces, the default one is chosen.
    assert workspaces.open_workspace(store) == workspace
    with pytest.raises(NotFound, match="there is no workspace called 'nope'"):
        workspaces.open_workspace(store, "nope")
    ws = ws_of(chapter)
    dana = person_id(store, ws, "Dana Fox")
    writes.set_owner(store, ws, dana)
    assert workspaces.open_workspace(store, "chapter").owner_id == dana
    assert people.find_person(store, ws, "me").name == "Dana Fox"
    with pytest.raises(NotFound):
        writes.set_owner(store, ws, me(workspace))
    assert [w.name for w in workspaces.list_workspaces(store)] == ["default", "chapter"]


def test_without_a_default_two_workspaces_need_a_choice(store: Store) -> None:
    with pytest.raises(NotFound, match="this database has no workspace yet"):
        workspaces.open_workspace(store)
    workspaces.init_workspace(store, name="b")
    workspaces.init_workspace(store, name="a")
    with pytest.raises(NotFound) as caught:
        workspaces.open_workspace(store)
    # The facts come with the error; each interface words the hint (--workspace, ...).
    assert str(caught.value) == "this database has 2 workspaces"
    assert (caught.value.code, caught.value.facts) == (
        "which-workspace",
        {"workspaces": ["a", "b"]},
    )


BIG = 2**40


def test_ids_beyond_the_integer_columns_name_nothing(store: Store, workspace: Workspace) -> None:
    # PostgreSQL refuses to even compare such a number with an INTEGER id.
    ws = ws_of(workspace)
    with pytest.raises(NotFound, match=f"there is no person #{2**31}"):
        people.find_person(store, ws, f"#{2**31}")
    with pytest.raises(NotFound):
        people.find_person(store, ws, f"#{BIG}")
    lookups = [
        lambda: people.get_person(store, ws, BIG),
        lambda: interactions.get_interaction(store, ws, BIG),
        lambda: referrals.get_referral(store, ws, BIG),
        lambda: writes.answer_ask(store, ws, BIG, AskOutcome.HELPED, T0),
        lambda: writes.complete_follow_up(store, ws, BIG, T0),
        lambda: events.find_event(store, ws, f"#{BIG}"),
    ]
    for lookup in lookups:
        with pytest.raises(NotFound):
            lookup()
    assert people.people_by_id(store, ws, [BIG, me(workspace)]).keys() == {me(workspace)}
    # An id no record can have names nobody, like any other missing one.
    with pytest.raises(NotFound, match=f"there is no person #{BIG}"):
        writes.log_interaction(
            store, ws, {"kind": "call", "occurred_at": T0, "participant_ids": [me(workspace), BIG]}
        )
