"""What the database refuses that no check saw (another writer at the same moment) comes
back as a Conflict naming what is taken, never as SQL, and changes nothing.

Each test writes past the service's own check (straight through the storage functions,
as a second writer whose check ran before the first one committed would), on SQLite
and PostgreSQL. tests/integration/test_concurrency.py races real processes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from netweave.domain import GroupDraft, MembershipDraft, PersonDraft, Workspace, build
from netweave.errors import Conflict
from netweave.services import people
from netweave.storage import Store
from netweave.storage import groups as groups_db
from netweave.storage import merges as merges_db
from netweave.storage import people as people_db
from netweave.storage import tables as t
from tests.integration.snapshot import database_rows

T0 = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)
SQL_WORDS = ("INSERT", "UNIQUE", "constraint", "sqlite", "psycopg", "workspace_id", "SQL")


def _refused(store: Store, write: object) -> Conflict:
    before = database_rows(store)
    with pytest.raises(Conflict) as caught, store.transaction() as conn:
        write(conn)  # type: ignore[operator]
    assert database_rows(store) == before
    said = f"{caught.value} {caught.value.hint}"
    assert not [word for word in SQL_WORDS if word.lower() in said.lower()], said
    return caught.value


def test_an_email_taken_at_the_same_moment_is_a_conflict(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id or 0
    with store.transaction() as conn:
        people_db.insert_person(
            conn, ws, build(PersonDraft, {"name": "Ann", "emails": ["a@x.io"]}), T0
        )
    second = build(PersonDraft, {"name": "Ann Two", "emails": ["A@x.io"]})
    refused = _refused(store, lambda conn: people_db.insert_person(conn, ws, second, T0))
    assert refused.code == "taken"
    assert refused.facts == {"what": "email"}
    assert str(refused).startswith("that email address already belongs to another person")
    assert [p.name for p in people.list_people(store, ws)] == ["Ann", "Robin Vale"]


def test_a_group_name_taken_at_the_same_moment_is_a_conflict(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id or 0
    chamber = build(GroupDraft, {"name": "Chamber"})
    with store.transaction() as conn:
        groups_db.insert_group(conn, ws, chamber)
    refused = _refused(store, lambda conn: groups_db.insert_group(conn, ws, chamber))
    assert (refused.code, refused.facts) == ("taken", {"what": "group name"})
    assert "there is already a group of that name" in str(refused)


def test_a_record_removed_at_the_same_moment_is_a_conflict(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id or 0
    gone = build(MembershipDraft, {"group_id": 4242, "person_id": workspace.owner_id})
    refused = _refused(store, lambda conn: groups_db.insert_membership(conn, ws, gone))
    assert refused.code == "gone"
    assert "was removed at the same moment" in str(refused)


def test_a_value_missing_is_a_bug_and_stays_one(store: Store, workspace: Workspace) -> None:
    """Only clashes with other data become conflicts: a missing value is no user's doing."""
    with pytest.raises(IntegrityError), store.transaction() as conn:
        conn.execute(insert(t.group).values(workspace_id=workspace.id))


def test_an_undo_that_would_take_a_value_back_says_what_is_taken_not_sql(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id or 0
    with store.transaction() as conn:
        for name, email in (("Ann", "a@x.io"), ("Bea", "b@x.io")):
            people_db.insert_person(
                conn, ws, build(PersonDraft, {"name": name, "emails": [email]}), T0
            )
        ann_row = conn.execute(
            select(t.person_email.c.id).where(t.person_email.c.email == "a@x.io")
        ).scalar_one()
    # An undo putting back an address that someone else holds by now.
    diff = {
        "person_email": {
            "removed": [],
            "added": [],
            "changed": [
                {"key": [ann_row], "before": {"email": "b@x.io"}, "after": {"email": "a@x.io"}}
            ],
        }
    }
    refused = _refused(store, lambda conn: merges_db.undo_or_explain(conn, diff, {}))
    assert refused.code == "undo-clash"
    assert str(refused) == (
        "the merge cannot be undone: data added since clashes with what it would restore "
        "(that email address already belongs to another person)"
    )
