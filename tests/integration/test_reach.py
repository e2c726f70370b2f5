"""Which tables a committed write reaches (Store.written, storage/reach.py), on both backends.

The web app keeps values until a write reaches a table they read: a write must reach the
tables it names, those whose rows go with a removal, and the state its triggers keep;
and must not reach the others (else nothing would be kept).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from netweave.domain import Workspace
from netweave.services import workspaces
from netweave.storage import Store
from tests import writes

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def _reached(store: Store, write: object) -> set[str]:
    """The tables the transaction(s) of ``write`` reached."""
    since = store.generation
    assert callable(write)
    write()
    assert store.generation > since
    return {table for table, generation in store.written.items() if generation > since}


def test_a_touch_reaches_the_touches_and_their_state_not_the_referrals(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    fields = {"kind": "call", "occurred_at": AT, "participant_ids": [workspace.owner_id, ann]}
    reached = _reached(store, lambda: writes.log_interaction(store, ws, fields))
    assert {"interaction", "interaction_participant", "tie_touch", "tie_pair"} <= reached
    assert not reached & {"referral", "ask", "membership", "person", "target_market"}
    assert not store.changed(store.generation, ["interaction"])
    assert store.changed(store.generation - 1, ["interaction"])
    assert not store.changed(store.generation - 1, ["referral", "ask"])


def test_a_removal_reaches_the_rows_that_go_with_it(store: Store, workspace: Workspace) -> None:
    ws = workspace.id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    bob = writes.add_person(store, ws, {"name": "Bob Ode"}).id
    fields = {"receiver_id": bob, "giver_id": ann, "prospect_name": "Dana", "given_at": AT}
    writes.give_referral(store, ws, fields)
    edited = _reached(store, lambda: writes.edit_person(store, ws, bob, {"category": "law"}))
    assert "person" in edited
    assert "referral" not in edited  # an edit cascades nowhere
    removed = _reached(store, lambda: writes.remove_person(store, ws, bob))
    assert {"person", "referral", "membership", "interaction_participant"} <= removed


def test_a_bulk_write_in_sql_text_is_seen(store: Store) -> None:
    """An import writes its rows as SQL text on SQLite (storage/inserts.py): its tables are
    reached all the same."""
    from netweave.services.imports import import_bytes

    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    lines = ["time,participants,kind,duration_minutes,notes"]
    lines += [f"2026-03-0{1 + i % 5}T10:00:00+00:00,Ann Lee; Bob Ode,call,30," for i in range(9)]
    log = "\n".join(lines).encode()
    reached = _reached(store, lambda: import_bytes(store, ws, log, "log.csv"))
    assert {"person", "interaction", "interaction_participant", "tie_touch"} <= reached


def test_a_write_in_sql_text_after_common_table_expressions_reaches_every_table(
    store: Store, workspace: Workspace
) -> None:
    """``WITH ... UPDATE`` names its table where the plain pattern does not look: it counts as
    a change to every table (kept values are thrown away, never kept stale); a read in the
    same form is no write."""
    ws = workspace.id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    since = store.generation
    with store.transaction() as conn:
        conn.execute(
            text(
                "WITH chosen AS (SELECT id FROM person WHERE id = :ann) "
                "UPDATE person SET notes = 'met twice' WHERE id IN (SELECT id FROM chosen)"
            ),
            {"ann": ann},
        )
    assert store.generation == since + 1
    assert store.changed(since, ["referral"])  # every table: the one written is not known
    assert not store.only_added(since, ["person"])
    with store.transaction() as conn:
        conn.execute(text("WITH chosen AS (SELECT id FROM person) SELECT count(*) FROM chosen"))
    assert store.generation == since + 1


def test_a_touch_logged_only_adds_to_the_records_and_alters_their_state(
    store: Store, workspace: Workspace
) -> None:
    """Store.only_added: a touch logged adds rows to the touches (what is counted of them
    may be grown) but changes the state the triggers keep; an edit or a removal alters
    its table and the rows that go with it."""
    ws = workspace.id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    fields = {"kind": "call", "occurred_at": AT, "participant_ids": [workspace.owner_id, ann]}
    since = store.generation
    writes.log_interaction(store, ws, fields)
    assert store.only_added(since, ["interaction", "interaction_participant", "referral"])
    assert not store.only_added(since, ["tie_pair"])
    assert not store.only_added(since, ["person_last_touch"])
    since = store.generation
    writes.edit_person(store, ws, ann, {"category": "law"})
    assert not store.only_added(since, ["person"])
    assert store.only_added(since, ["interaction", "interaction_participant"])
    since = store.generation
    assert ann is not None
    writes.remove_person(store, ws, ann)
    assert not store.only_added(since, ["interaction_participant"])  # their rows went
    assert not store.only_added(since, ["interaction"])  # who started a touch is emptied


def test_a_person_restored_with_their_id_is_a_change(store: Store, workspace: Workspace) -> None:
    """An undone merge gives the person back their id, below the highest: the people's
    count kept may not be grown by the rows above its mark (Store.only_added)."""
    ws = workspace.id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    ann_too = writes.add_person(store, ws, {"name": "Ann Lea"}).id
    writes.add_person(store, ws, {"name": "Bob Ode"})  # the highest id
    assert ann is not None
    assert ann_too is not None
    writes.merge_people(store, ws, ann, ann_too)
    since = store.generation
    writes.undo_merge(store, ws)
    assert not store.only_added(since, ["person"])
    since = store.generation
    writes.add_person(store, ws, {"name": "Cy Ng"})
    assert store.only_added(since, ["person"])
