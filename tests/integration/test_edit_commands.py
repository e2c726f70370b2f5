"""Editing and removing touches, referrals, asks and follow-ups as commands: the rules of
the write that made a record hold for its edit (a touch is not in the future, a lead
given twice in one category is refused, a new receiver brings their category), and a
command sent again under its key changes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

import netweave
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
from netweave.domain import ReferralStatus, Workspace, build
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import asks, followups, interactions, referrals
from netweave.storage import Store
from netweave.storage import tables as t
from tests import writes
from tests.integration.people_network import new_person, ws_of
from tests.integration.snapshot import database_rows

NOW = datetime(2026, 11, 2, 15, tzinfo=UTC)
PAST = NOW - timedelta(days=10)


def _logged(store: Store) -> list[tuple[str, int | None, str | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                t.command_log.c.command,
                t.command_log.c.record_id,
                t.command_log.c.idempotency_key,
            ).order_by(t.command_log.c.id)
        ).all()
    return [(r.command, r.record_id, r.idempotency_key) for r in rows]


def _referral(store: Store, ws: int, to: int, prospect: str, **more: Any) -> int:
    made = writes.give_referral(
        store, ws, {"receiver_id": to, "prospect_name": prospect, "given_at": PAST, **more}
    )
    assert made.id is not None
    return made.id


def test_a_touch_edit_keeps_the_rules_of_logging_one(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    touch = writes.log_interaction(
        store,
        ws,
        {"kind": "call", "occurred_at": PAST, "participant_ids": [workspace.owner_id, ann]},
    )
    assert touch.id is not None
    before = database_rows(store)
    later = build(
        EditTouch, {"touch_id": touch.id, "set": {"occurred_at": NOW + timedelta(days=3)}}
    )
    with pytest.raises(InvalidInput) as caught:
        interactions.edit_interaction(store, ws, later, now=NOW)
    assert caught.value.code == "touch-in-future"
    assert "3 days from now" in str(caught.value)
    assert database_rows(store) == before
    longer = build(EditTouch, {"touch_id": touch.id, "set": {"duration_minutes": "1.5 h"}})
    edited = interactions.edit_interaction(store, ws, longer, now=NOW)
    assert edited.duration_minutes == 90.0
    assert interactions.get_interaction(store, ws, touch.id) == edited
    # A touch already dated ahead of a clock (imported) can still have its notes changed.
    noted = build(EditTouch, {"touch_id": touch.id, "set": {"notes": "budget talk"}})
    assert interactions.edit_interaction(store, ws, noted, now=PAST - timedelta(days=1)).notes
    assert _logged(store)[-2:] == [("edit-touch", touch.id, None), ("edit-touch", touch.id, None)]


def test_an_edited_lead_is_checked_for_a_competitor_unless_forced(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    anna = new_person(store, ws, "Anna Smith", category="tax law")
    ben = new_person(store, ws, "Ben Ode", category="Tax Law")
    cleo = new_person(store, ws, "Cleo Park", category="catering")
    first = _referral(store, ws, anna, "Zed Corp")
    other = _referral(store, ws, cleo, "Zed Corp")
    before = database_rows(store)
    # A new receiver brings their category, and with it the conflict with Anna.
    to_ben = build(EditReferral, {"referral_id": other, "set": {"receiver_id": ben}})
    with pytest.raises(Conflict) as caught:
        referrals.edit_referral(store, ws, to_ben, now=NOW)
    assert caught.value.code == "lead-conflict"
    assert caught.value.facts["earlier_referral"] == first
    assert caught.value.facts["first_receiver"] == "Anna Smith"
    assert database_rows(store) == before
    forced = referrals.edit_referral(store, ws, to_ben.model_copy(update={"force": True}), now=NOW)
    assert (forced.receiver_id, forced.category) == (ben, "Tax Law")
    # Its lead unchanged, a referral given anyway keeps taking edits of its details.
    notes = build(EditReferral, {"referral_id": other, "set": {"notes": "warm"}})
    assert referrals.edit_referral(store, ws, notes, now=NOW).notes == "warm"
    # Named with the receiver, the category is the one named.
    back = build(
        EditReferral, {"referral_id": other, "set": {"receiver_id": cleo, "category": "events"}}
    )
    assert referrals.edit_referral(store, ws, back, now=NOW).category == "events"


def test_a_referral_is_given_in_the_past_and_before_it_moved(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    anna = new_person(store, ws, "Anna Smith")
    lead = _referral(store, ws, anna, "Zed Corp")
    writes.update_status(store, ws, lead, ReferralStatus.CONTACTED, at=PAST + timedelta(days=2))
    before = database_rows(store)
    for at, says in (
        (NOW + timedelta(days=1), "a referral is recorded once it happened"),
        (PAST + timedelta(days=3), "this one was contacted on"),
    ):
        command = build(EditReferral, {"referral_id": lead, "set": {"given_at": at}})
        with pytest.raises(InvalidInput, match=says):
            referrals.edit_referral(store, ws, command, now=NOW)
    assert database_rows(store) == before
    earlier = build(EditReferral, {"referral_id": lead, "set": {"given_at": PAST - timedelta(1)}})
    edited = referrals.edit_referral(store, ws, earlier, now=NOW)
    assert edited.given_at == PAST - timedelta(days=1)
    assert [step.status for step in edited.history] == [
        ReferralStatus.NEW,
        ReferralStatus.CONTACTED,
    ]


def test_an_ask_and_a_follow_up_keep_their_moments_in_the_past(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    anna = new_person(store, ws, "Anna Smith")
    ask = writes.record_ask(store, ws, {"what": "a quote", "asked_id": anna, "asked_at": PAST})
    task = writes.add_follow_up(store, ws, {"person_id": anna, "reason": "call back"})
    assert ask.id is not None
    assert task.id is not None
    writes.complete_follow_up(store, ws, task.id, PAST)
    before = database_rows(store)
    ahead = NOW + timedelta(hours=2)
    with pytest.raises(InvalidInput, match="an ask is recorded once it happened"):
        asks.edit_ask(
            store, ws, build(EditAsk, {"ask_id": ask.id, "set": {"asked_at": ahead}}), now=NOW
        )
    done_ahead = build(EditFollowUp, {"follow_up_id": task.id, "set": {"done_at": ahead}})
    with pytest.raises(InvalidInput, match="a follow-up done is recorded once it happened"):
        followups.edit_follow_up(store, ws, done_ahead, now=NOW)
    assert database_rows(store) == before
    reopen = build(EditFollowUp, {"follow_up_id": task.id, "clear": ["done_at"]})
    assert followups.edit_follow_up(store, ws, reopen, now=NOW).done_at is None
    assert followups.list_follow_ups(store, ws, open_only=True) != []


def test_an_edit_or_a_removal_sent_again_under_its_key_changes_nothing(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    anna = new_person(store, ws, "Anna Smith")
    lead = _referral(store, ws, anna, "Zed Corp")
    ask = writes.record_ask(store, ws, {"what": "a quote", "asked_id": anna, "asked_at": PAST})
    task = writes.add_follow_up(store, ws, {"person_id": anna, "reason": "call back"})
    other = writes.add_follow_up(store, ws, {"person_id": anna, "reason": "send the deck"})
    touch = writes.log_interaction(
        store,
        ws,
        {"kind": "call", "occurred_at": PAST, "participant_ids": [workspace.owner_id, anna]},
    )
    assert ask.id is not None
    assert task.id is not None
    assert touch.id is not None
    edit = build(
        EditReferral, {"referral_id": lead, "set": {"notes": "hot"}, "idempotency_key": "e-1"}
    )
    first = referrals.edit_referral(store, ws, edit, now=NOW)
    rows = database_rows(store)
    assert referrals.edit_referral(store, ws, edit, now=NOW + timedelta(minutes=1)) == first
    assert database_rows(store) == rows
    removals = [
        (interactions.remove_interaction, build(RemoveTouch, {"touch_id": touch.id})),
        (asks.remove_ask, build(RemoveAsk, {"ask_id": ask.id})),
        (followups.remove_follow_up, build(RemoveFollowUp, {"follow_up_id": task.id})),
        (referrals.remove_referral, build(RemoveReferral, {"referral_id": lead})),
    ]
    for number, (remove, command) in enumerate(removals):
        keyed = command.model_copy(update={"idempotency_key": f"r-{number}"})
        removed: Any = remove(store, ws, keyed, now=NOW)
        assert removed is not None
        rows = database_rows(store)
        # Sent again (a phone retrying), it is the same removal: no error, nothing changed.
        assert remove(store, ws, keyed, now=NOW) is None
        assert database_rows(store) == rows
    # A key used for one removal cannot answer for the removal of another record.
    reused = build(RemoveFollowUp, {"follow_up_id": other.id, "idempotency_key": "r-2"})
    with pytest.raises(Conflict) as caught:
        followups.remove_follow_up(store, ws, reused, now=NOW)
    assert caught.value.code == "key-reused"
    assert [r[0] for r in _logged(store) if r[2]] == [
        "edit-referral",
        "remove-touch",
        "remove-ask",
        "remove-follow-up",
        "remove-referral",
    ]


def test_the_python_api_removes_by_id_once_under_a_key(
    database_url: str, store: Store, workspace: Workspace
) -> None:
    """A removal sent again under its key, by the record's id, answers as the first time
    did (nothing to find is not an error then); without a key, the id must still exist."""
    group = writes.add_group(store, ws_of(workspace), {"name": "Chamber"})
    with netweave.open(database_url) as nw:
        event = nw.add_event("Mixer", at="2026-03-05T18:30")
        anna = nw.add_person("Anna Smith")
        for _ in range(2):
            nw.remove_event(event.id, idempotency_key="rm-event-1")
            nw.remove_group(group.id, idempotency_key="rm-group-1")
            nw.remove_person(anna.id, idempotency_key="rm-person-1")
        with pytest.raises(NotFound):
            nw.remove_event(event.id)
    removals = [c for c, _, _ in _logged(store) if c.startswith("remove-")]
    assert removals == ["remove-event", "remove-group", "remove-person"]
