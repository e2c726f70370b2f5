"""A database's refusal of a change, as a sentence: the one place that reads them.

The services check what they can before writing (an email another person has, a group
name in use) and say so in their own words. What no check can see is another writer at
the same moment: two ``person add --email same@x`` in two terminals, two API requests,
an import while the web app adds someone. Both checks pass; the database's unique
constraint then refuses the second insert. :func:`refusal` turns that refusal (SQLite's
or PostgreSQL's) into a :class:`~netweave.errors.Conflict` naming what is taken, never
the SQL: :meth:`netweave.storage.store.Store.transaction` calls it for every transaction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import UniqueConstraint
from sqlalchemy.exc import IntegrityError

from netweave.errors import Conflict
from netweave.storage import tables as t

_TAKEN: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {
    ("workspace", ("name",)): ("workspace name", "there is already a workspace of that name"),
    ("person_email", ("workspace_id", "email")): (
        "email",
        "that email address already belongs to another person",
    ),
    ("person_tag", ("person_id", "tag")): ("tag", "the person already has that tag"),
    ("tag_cadence", ("workspace_id", "tag")): (
        "tag",
        "that tag already has its keep-in-touch rhythm",
    ),
    ("network_group", ("workspace_id", "name")): (
        "group name",
        "there is already a group of that name",
    ),
    ("attendance", ("event_id", "person_id")): (
        "attendance",
        "that person is already on the event's list",
    ),
    ("interaction_participant", ("interaction_id", "person_id")): (
        "participant",
        "that person is already part of the touch",
    ),
    ("event_plan", ("event_id",)): ("plan", "the event already has a plan"),
    ("plan_target", ("plan_id", "person_id")): (
        "target",
        "that person is already a target of the plan",
    ),
    ("external_key", ("workspace_id", "kind", "value")): (
        "import key",
        "another person already holds that key from an earlier import",
    ),
    ("person_distinct", ("first_id", "second_id")): (
        "not-the-same mark",
        "those two people are already marked as different people",
    ),
    ("command_log", ("workspace_id", "idempotency_key")): (
        "idempotency key",
        "a change with that idempotency key was already made",
    ),
}
"""What each unique rule of the schema protects, in words: (what, sentence)."""

_HINT = "nothing was changed; try again to see which record holds it"
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")
_UNIQUE_STATE = "23505"
_FOREIGN_KEY_STATE = "23503"


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[str, tuple[str, ...]]]:
    """PostgreSQL names the constraint: its table and columns, from the one metadata."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for table in t.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint) and isinstance(constraint.name, str):
                columns = tuple(column.name for column in constraint.columns)
                found[constraint.name] = (table.name, columns)
    return found


def _state(error: IntegrityError) -> str | None:
    """What kind of refusal: "unique", "foreign key", or None (a value missing, a check)."""
    driver = error.orig
    code = getattr(driver, "sqlstate", None) or getattr(driver, "pgcode", None)
    if code is not None:  # PostgreSQL says it with a code
        return {_UNIQUE_STATE: "unique", _FOREIGN_KEY_STATE: "foreign key"}.get(code)
    text = str(driver).strip()
    if text.startswith("UNIQUE constraint failed"):
        return "unique"
    return "foreign key" if text.startswith("FOREIGN KEY constraint failed") else None


def _rule(error: IntegrityError) -> tuple[str, tuple[str, ...]] | None:
    """The (table, columns) of the unique rule ``error`` broke, when known."""
    driver = error.orig
    diag = getattr(driver, "diag", None)
    if diag is not None:  # PostgreSQL names the constraint
        return _by_name().get(str(getattr(diag, "constraint_name", None) or ""))
    found = _SQLITE_UNIQUE.match(str(driver).strip())  # SQLite names table.column, ...
    if found is None:
        return None
    columns = [part.strip().partition(".") for part in found[1].split(",")]
    tables = {table for table, _, _ in columns}
    return (tables.pop(), tuple(c for _, _, c in columns)) if len(tables) == 1 else None


def refusal(error: IntegrityError) -> Conflict | None:
    """The Conflict to report for ``error``, or None when it is no clash with other data
    (a value missing or against a check: a bug, reported as one)."""
    state = _state(error)
    if state is None:
        return None
    if state == "foreign key":
        return Conflict(
            "a record this change refers to was removed at the same moment",
            code="gone",
            hint=_HINT,
        )
    rule = _rule(error)
    what, sentence = _TAKEN.get(rule, ("value", "")) if rule is not None else ("value", "")
    return Conflict(
        sentence or "another record already holds one of these values",
        code="taken",
        hint=_HINT,
        facts={"what": what},
    )


__all__ = ["refusal"]
