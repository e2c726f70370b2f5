"""One service call, one transaction: a call that fails leaves the database exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from netweave.commands import EditTouch
from netweave.domain import AskOutcome, PersonDraft, ReferralStatus, Workspace, build
from netweave.errors import NetweaveError
from netweave.services import (
    interactions,
    people,
    workspaces,
)
from netweave.storage import Store
from netweave.storage import people as people_db
from netweave.storage import tables as t
from netweave.storage.pair_sums import pair_sums
from tests import writes
from tests.integration.snapshot import database_rows

T0 = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)


def test_a_transaction_commits_when_the_block_ends(store: Store, workspace: Workspace) -> None:
    assert workspace.id is not None
    with store.transaction() as conn:
        people_db.insert_person(conn, workspace.id, build(PersonDraft, {"name": "Ann Lee"}), T0)
    assert [p.name for p in people.list_people(store, workspace.id)] == ["Ann Lee", "Robin Vale"]


def test_a_transaction_rolls_back_on_any_error(store: Store, workspace: Workspace) -> None:
    assert workspace.id is not None
    before = database_rows(store)
    seen_inside: list[int] = []

    def add_then_fail(ws: int) -> None:
        with store.transaction() as conn:
            ann = build(PersonDraft, {"name": "Ann Lee", "emails": ["a@b.example"]})
            people_db.insert_person(conn, ws, ann, T0)
            seen_inside.append(people_db.count_people(conn, ws))
            raise RuntimeError("half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        add_then_fail(workspace.id)
    assert seen_inside == [2]
    assert database_rows(store) == before


def test_a_statement_the_driver_cannot_run_leaves_later_transactions_working(
    store: Store, workspace: Workspace
) -> None:
    """A value SQLite cannot bind, raised while another result of the transaction was still
    unread, used to leave that statement open on the pooled connection: tie strength's
    working tables were 'locked' for every later request."""
    ws = workspace.id
    assert ws is not None
    assert workspace.owner_id is not None

    def read_past_any_integer() -> None:
        with store.transaction() as conn:
            unread = conn.execute(select(t.person.c.id))  # noqa: F841 - left unread on purpose
            conn.execute(select(t.person.c.id).limit(1).offset(10**21))

    with pytest.raises(Exception) as caught:  # noqa: PT011 - the driver's own error, whichever
        read_past_any_integer()
    # The driver's own error, not one of ours (the error and its frames stay held, as a
    # server's error handler holds them while the next requests come in).
    assert not isinstance(caught.value, NetweaveError)
    cy = writes.add_person(store, ws, {"name": "Cy Dunn"})
    writes.log_interaction(
        store,
        ws,
        {"kind": "call", "occurred_at": T0, "participant_ids": [workspace.owner_id, cy.id]},
    )
    with store.transaction() as conn:
        _, sums = pair_sums(conn, ws, until=T0 + timedelta(days=1))
    assert [(s.a, s.b) for s in sums] == [tuple(sorted((workspace.owner_id, cy.id or 0)))]


def test_a_merge_that_fails_after_moving_records_moves_nothing(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id
    assert ws is not None
    assert workspace.owner_id is not None
    keep = writes.add_person(store, ws, {"name": "Ann Lee", "notes": "k" * 6000})
    drop = writes.add_person(
        store, ws, {"name": "Ann L.", "notes": "d" * 6000, "emails": ["ann@example.com"]}
    )
    assert keep.id is not None
    assert drop.id is not None
    bob = writes.add_person(store, ws, {"name": "Bob Stone"})
    writes.log_interaction(
        store, ws, {"kind": "call", "occurred_at": T0, "participant_ids": [drop.id, bob.id]}
    )
    before = database_rows(store)
    # Both notes together are longer than a note may be: found only once the records moved.
    with pytest.raises(NetweaveError, match="notes"):
        writes.merge_people(store, ws, keep.id, drop.id)
    assert database_rows(store) == before


Scenario = Callable[[Store, dict[str, int]], Any]


def _setup(store: Store, workspace: Workspace) -> dict[str, int]:
    assert workspace.id is not None
    assert workspace.owner_id is not None
    ws = workspace.id
    ids = {"ws": ws, "me": workspace.owner_id}
    for key, name, email in [("ann", "Ann Lee", "ann@example.com"), ("bob", "Bob Stone", None)]:
        made = writes.add_person(store, ws, {"name": name, "emails": [email] if email else []})
        assert made.id is not None
        ids[key] = made.id
    bni = writes.add_group(store, ws, {"name": "BNI"})
    assert bni.id is not None
    ids["bni"] = bni.id
    writes.join_group(store, ws, {"group_id": bni.id, "person_id": ids["ann"]})
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": T0})
    assert mixer.id is not None
    ids["mixer"] = mixer.id
    call = writes.log_interaction(
        store, ws, {"kind": "call", "occurred_at": T0, "participant_ids": [ids["me"], ids["ann"]]}
    )
    assert call.id is not None
    ids["call"] = call.id
    lead = writes.give_referral(
        store,
        ws,
        {"giver_id": ids["ann"], "receiver_id": ids["me"], "prospect_name": "Acme", "given_at": T0},
    )
    assert lead.id is not None
    writes.update_status(store, ws, lead.id, ReferralStatus.MEETING, at=T0 + timedelta(days=1))
    ids["lead"] = lead.id
    task = writes.add_follow_up(
        store, ws, {"person_id": ids["ann"], "due_on": date(2026, 2, 9), "reason": "coffee"}
    )
    assert task.id is not None
    writes.complete_follow_up(store, ws, task.id, T0 + timedelta(days=3))
    ids["task"] = task.id
    made = writes.record_ask(
        store,
        ws,
        {"asker_id": ids["me"], "asked_id": ids["bob"], "what": "intro", "asked_at": T0},
    )
    assert made.id is not None
    ids["ask"] = made.id
    return ids


FAILING: dict[str, Scenario] = {
    "add a person with a taken email": lambda s, i: writes.add_person(
        s, i["ws"], {"name": "Annie", "emails": ["ANN@example.com"]}
    ),
    "edit a person onto another's email": lambda s, i: writes.edit_person(
        s, i["ws"], i["bob"], {"emails": ["bob@example.com", "ann@example.com"]}
    ),
    "edit a person's id": lambda s, i: writes.edit_person(s, i["ws"], i["ann"], {"id": i["bob"]}),
    "merge two people who talked": lambda s, i: writes.merge_people(s, i["ws"], i["me"], i["ann"]),
    "remove the owner": lambda s, i: writes.remove_person(s, i["ws"], i["me"]),
    "add a group of a taken name": lambda s, i: writes.add_group(s, i["ws"], {"name": "bni"}),
    "join a group twice": lambda s, i: writes.join_group(
        s, i["ws"], {"group_id": i["bni"], "person_id": i["ann"]}
    ),
    "attend with an unknown person": lambda s, i: writes.mark_attendance(
        s,
        i["ws"],
        [
            {"event_id": i["mixer"], "person_id": i["ann"]},
            {"event_id": i["mixer"], "person_id": 999},
        ],
    ),
    "log with an unknown person": lambda s, i: writes.log_interaction(
        s, i["ws"], {"kind": "call", "occurred_at": T0, "participant_ids": [i["me"], 999]}
    ),
    "edit an interaction down to one person": lambda s, i: interactions.edit_interaction(
        s, i["ws"], build(EditTouch, {"touch_id": i["call"], "set": {"participant_ids": [i["me"]]}})
    ),
    "move a referral backwards": lambda s, i: writes.update_status(
        s, i["ws"], i["lead"], ReferralStatus.CONTACTED, at=T0 + timedelta(days=2)
    ),
    "give a referral to nobody": lambda s, i: writes.give_referral(
        s, i["ws"], {"giver_id": i["me"], "receiver_id": 999, "prospect_name": "X", "given_at": T0}
    ),
    "complete a follow-up twice": lambda s, i: writes.complete_follow_up(
        s, i["ws"], i["task"], T0 + timedelta(days=4)
    ),
    "answer an ask before it was asked": lambda s, i: writes.answer_ask(
        s, i["ws"], i["ask"], AskOutcome.HELPED, T0 - timedelta(days=1)
    ),
    "set an unknown time zone": lambda s, i: writes.change_settings(
        s, i["ws"], {"currency": "USD", "time_zone": "Nowhere/Land"}
    ),
    "create a workspace of a taken name": lambda s, i: workspaces.init_workspace(
        s, name="default", me="Someone"
    ),
}


@pytest.mark.parametrize("scenario", list(FAILING))
def test_a_refused_call_changes_nothing(store: Store, workspace: Workspace, scenario: str) -> None:
    ids = _setup(store, workspace)
    before = database_rows(store)
    with pytest.raises(NetweaveError):
        FAILING[scenario](store, ids)
    assert database_rows(store) == before
