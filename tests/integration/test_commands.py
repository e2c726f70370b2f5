"""The commands carried out: idempotency keys, the command log, and the rules a command
brings to its write (follow-ups closed by a touch, one open follow-up by person, a
debrief's conversations and known people). SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from netweave.commands import (
    AddFollowUp,
    AnswerAsk,
    DebriefEvent,
    EditPerson,
    FinishFollowUp,
    GiveReferral,
    LogTouch,
    MakeAsk,
    Source,
)
from netweave.domain import InteractionKind, Workspace, build
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services import asks, debriefs, followups, interactions, people, referrals
from netweave.storage import Store
from netweave.storage import commands as commands_db
from netweave.storage import tables as t
from tests import writes
from tests.integration.people_network import new_person, ws_of
from tests.integration.snapshot import database_rows

NOW = datetime(2026, 11, 2, 15, tzinfo=UTC)


def test_a_command_sent_twice_under_one_key_writes_once(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    touch = build(
        LogTouch,
        {"kind": "call", "with_ids": [ann], "idempotency_key": "phone-capture-17"},
    )
    first = interactions.log_interaction(store, ws, touch, now=NOW)
    before = database_rows(store)
    again = interactions.log_interaction(store, ws, touch, now=NOW + timedelta(minutes=3))
    assert again.interaction == first.interaction
    assert database_rows(store) == before
    ask = build(MakeAsk, {"what": "an intro", "asked_id": ann, "idempotency_key": "ask-1"})
    assert asks.record_ask(store, ws, ask, now=NOW) == asks.record_ask(store, ws, ask, now=NOW)
    assert len(asks.list_asks(store, ws)) == 1
    # The same key for another kind of change is a mistake, said as such.
    reused = build(
        GiveReferral,
        {"receiver_id": ann, "prospect_name": "Acme", "idempotency_key": "phone-capture-17"},
    )
    with pytest.raises(Conflict) as caught:
        referrals.give_referral(store, ws, reused, now=NOW)
    assert caught.value.code == "key-reused"
    assert referrals.list_referrals(store, ws) == []


def test_every_command_is_logged_with_its_source_and_actor(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    command = build(
        LogTouch,
        {"kind": "email", "with_ids": [ann], "source": "synced", "actor_id": workspace.owner_id},
    )
    logged = interactions.log_interaction(store, ws, command, now=NOW)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                t.command_log.c.command,
                t.command_log.c.record_id,
                t.command_log.c.source,
                t.command_log.c.actor_id,
            ).order_by(t.command_log.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("add-person", ann, "typed", None),
        ("log-touch", logged.interaction.id, "synced", workspace.owner_id),
    ]


def test_a_typed_touch_closes_the_open_follow_ups_it_answers(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    bob = new_person(store, ws, "Bob Stone")
    due = build(AddFollowUp, {"person_id": ann, "reason": "one-on-one about the deck"})
    follow_up = followups.add_follow_up(store, ws, due, now=NOW)
    assert follow_up.due_on == date(2026, 11, 9)  # a week later, in the workspace's zone
    other = followups.add_follow_up(
        store, ws, build(AddFollowUp, {"person_id": bob, "reason": "call"}), now=NOW
    )

    def log(**fields: object) -> interactions.LoggedTouch:
        command = build(LogTouch, {"kind": "one-on-one", "with_ids": [ann], **fields})
        return interactions.log_interaction(store, ws, command, now=NOW)

    # An email synced from the mailbox is not the one-on-one the follow-up asks for.
    assert log(kind="email", source=Source.SYNCED).closed == ()
    # Last month's lunch, logged late, does not answer this week's follow-up.
    assert log(at=NOW - timedelta(days=30)).closed == ()
    assert log(close_follow_ups=False).closed == ()
    done = log(at=NOW - timedelta(hours=1))
    assert [f.id for f in done.closed] == [follow_up.id]
    assert done.closed[0].done_at == NOW - timedelta(hours=1)
    assert followups.list_follow_ups(store, ws, open_only=True) == [other]


def test_a_follow_up_is_finished_by_its_person_when_there_is_one(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    by_person = build(FinishFollowUp, {"person_id": ann})
    with pytest.raises(NotFound, match="has no open follow-up"):
        followups.complete_follow_up(store, ws, by_person, now=NOW)
    for reason in ("send the deck", "ask about the CFO"):
        followups.add_follow_up(
            store, ws, build(AddFollowUp, {"person_id": ann, "reason": reason}), now=NOW
        )
    with pytest.raises(Ambiguous) as caught:
        followups.complete_follow_up(store, ws, by_person, now=NOW)
    assert caught.value.candidates[0].endswith("send the deck")
    first = followups.list_follow_ups(store, ws, person_id=ann)[0]
    assert first.id is not None
    followups.complete_follow_up(
        store, ws, build(FinishFollowUp, {"follow_up_id": first.id}), now=NOW
    )
    finished = followups.complete_follow_up(store, ws, by_person, now=NOW)
    assert (finished.reason, finished.done_at) == ("ask about the CFO", NOW)


def test_a_debrief_logs_each_conversation_once_and_finds_known_people(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    cleo = new_person(store, ws, "Cleo Park", phones=["+1 612 555 0142"])
    event = writes.add_event(
        store, ws, {"name": "Chamber Mixer", "starts_at": NOW - timedelta(days=1), "hours": 2}
    )
    assert event.id is not None
    command = build(
        DebriefEvent,
        {
            "event_id": event.id,
            "met": ["Ann Lee"],
            # Cleo is known by her phone (written otherwise); Dev is new.
            "new": ["Cleo Park, (612) 555-0142", "Dev Rao <dev@rao.example>"],
        },
    )
    result = debriefs.debrief_event(store, ws, command, now=NOW)
    assert (result.added, result.known) == (("Dev Rao",), ("Cleo Park",))
    debriefs.debrief_event(store, ws, command, now=NOW)  # again: nothing twice
    everyone = people.list_people(store, ws)
    assert sorted(p.name for p in everyone) == ["Ann Lee", "Cleo Park", "Dev Rao", "Robin Vale"]
    dev = next(p.id for p in everyone if p.name == "Dev Rao")
    talks = interactions.list_interactions(store, ws)
    assert sorted(p for i in talks for p in i.participant_ids if p != workspace.owner_id) == (
        sorted([ann, cleo, dev or 0])
    )
    assert {(i.kind, i.event_id, i.occurred_at) for i in talks} == {
        (InteractionKind.EVENT_CONVERSATION, event.id, event.starts_at)
    }


def test_the_same_key_logged_twice_at_once_is_a_conflict_not_a_crash(
    store: Store, workspace: Workspace
) -> None:
    # Two captures with one key racing past the replay check: the second one to log its
    # key is refused as a conflict (and rolled back), never an internal error.
    ws = ws_of(workspace)
    entry = {"command": "log-touch", "record_id": 1, "source": "captured", "actor_id": None}
    with store.transaction() as conn:
        commands_db.log_command(conn, ws, **entry, key="phone-42", at=NOW)
    with pytest.raises(Conflict) as caught, store.transaction() as conn:
        commands_db.log_command(conn, ws, **entry, key="phone-42", at=NOW)
    assert caught.value.code == "key-in-flight"
    with store.engine.connect() as conn:
        keys = conn.execute(select(t.command_log.c.idempotency_key)).scalars().all()
    assert keys == ["phone-42"]


def test_a_person_is_edited_in_one_command_and_a_missing_value_is_refused(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee", emails=["ann@lee.example"], company="Acme")
    command = build(
        EditPerson,
        {
            "person_id": ann,
            "set": {"title": "Owner"},
            "add": {"emails": ["ann@work.example"], "tags": ["client"]},
            "remove": {"emails": ["ANN@lee.example"]},
            "clear": ["company"],
        },
    )
    edited = people.edit_person(store, ws, command, now=NOW)
    assert (edited.title, edited.emails, edited.tags, edited.company) == (
        "Owner",
        ["ann@work.example"],
        ["client"],
        None,
    )
    before = database_rows(store)
    gone = build(EditPerson, {"person_id": ann, "remove": {"phones": ["+1 612 555 0100"]}})
    with pytest.raises(InvalidInput, match="Ann Lee has no phone '\\+1 612 555 0100'"):
        people.edit_person(store, ws, gone, now=NOW)
    with pytest.raises(InvalidInput, match="'created_at' is not a field of a person"):
        build(EditPerson, {"person_id": ann, "set": {"created_at": NOW}})
    with pytest.raises(InvalidInput, match="'name' cannot be cleared"):
        build(EditPerson, {"person_id": ann, "clear": ["name"]})
    assert database_rows(store) == before


def test_a_key_used_for_one_change_cannot_answer_for_another(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    ann = new_person(store, ws, "Ann Lee")
    touch = build(LogTouch, {"kind": "call", "with_ids": [ann], "idempotency_key": "k-1"})
    interactions.log_interaction(store, ws, touch, now=NOW)
    ask = asks.record_ask(store, ws, build(MakeAsk, {"what": "a quote", "asked_id": ann}), now=NOW)
    answer = build(AnswerAsk, {"ask_id": ask.id, "outcome": "helped", "idempotency_key": "k-1"})
    with pytest.raises(Conflict) as caught:
        asks.answer_ask(store, ws, answer, now=NOW)
    assert caught.value.code == "key-reused"
    fresh = answer.model_copy(update={"idempotency_key": "k-2"})
    assert asks.answer_ask(store, ws, fresh, now=NOW).outcome is not None
    # Sent again, the answer is the first one's; the ask is not answered twice.
    assert asks.answer_ask(store, ws, fresh, now=NOW + timedelta(days=1)).answered_at == NOW
