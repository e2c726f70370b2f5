"""Each person's latest interaction, kept in ``person_last_touch`` by database triggers.

A page of people shows when each was last touched. Counted from the records, that is a
look at every participation of the page's people (about 9,500 rows for fifty people at
10,000 people and 1M touches, 12 ms on SQLite); stored, it is fifty rows by key.

Every write of a touch, whatever its path (a logged touch, an edit, a removal, a merge
moving participants, an import, mail sync, a restore, a person or a workspace deleted
with their records), changes rows of ``interaction_participant`` or ``interaction``; the
triggers on those two tables keep the stored moment in the writer's own transaction:

- a participant added: the person's moment becomes the interaction's when it is later;
- a participant removed or moved: the person's (old and new) moment is counted again
  from their remaining touches;
- an interaction's moment changed: its participants' moments are counted again.

A person without touches has no row. Many interactions written at once (an import, a
sync: :func:`netweave.storage.tie_bulk.bulk_touches`) are taken in as tie strength's are:
while ``tie_quiet`` holds a row the trigger on an added participant stands aside, and
:func:`added_in_bulk` sets the moments of a chunk's people in one statement. Row by row,
PostgreSQL planned that trigger's look-up of the interaction on statistics taken before
the import (an empty table: a full scan per row), and a 100,000-row contact log took
minutes. Removals and moves always recount (no bulk path writes them). Pages read the
moments through :func:`netweave.storage.people_listing.last_touches`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from netweave.storage import tables as t

_COUNT = (
    "SELECT x.person_id, min(x.workspace_id), max(i.occurred_at) "
    "FROM interaction_participant x JOIN interaction i ON i.id = x.interaction_id "
    "JOIN person p ON p.id = x.person_id WHERE {where} GROUP BY x.person_id"
)
"""The latest moment of each person ``where`` picks, from the records (people still there)."""


def _recount(who: str) -> list[str]:
    """The moments of the people ``who`` selects (a SELECT of person ids) counted again."""
    kept = (
        "SELECT 1 FROM interaction_participant x JOIN interaction i ON i.id = x.interaction_id "
        "WHERE x.person_id = person_last_touch.person_id"
    )
    return [
        f"DELETE FROM person_last_touch WHERE person_id IN ({who}) AND NOT EXISTS ({kept})",
        "INSERT INTO person_last_touch (person_id, workspace_id, occurred_at) "
        + _COUNT.format(where=f"x.person_id IN ({who})")
        + " ON CONFLICT (person_id) DO UPDATE SET occurred_at = excluded.occurred_at",
    ]


_LATER = (
    " ON CONFLICT (person_id) DO UPDATE SET occurred_at = excluded.occurred_at "
    "WHERE excluded.occurred_at > person_last_touch.occurred_at"
)
_QUIET = "NOT EXISTS (SELECT 1 FROM tie_quiet)"


def _added(new: str, quiet: bool) -> str:
    """The person of participant ``new`` touched at the interaction's moment, if later (with
    ``quiet``, not while a bulk write holds ``tie_quiet``: :func:`added_in_bulk` does it)."""
    return (
        "INSERT INTO person_last_touch (person_id, workspace_id, occurred_at) "
        f"SELECT {new}.person_id, {new}.workspace_id, i.occurred_at FROM interaction i "
        f"WHERE i.id = {new}.interaction_id{f' AND {_QUIET}' if quiet else ''}" + _LATER
    )


def added_in_bulk(conn: Connection, interactions: str) -> None:
    """The people of the new interactions ``interactions`` selects (a SELECT of ids; their
    participants written while ``tie_quiet`` held a row) touched at their latest, if later."""
    conn.exec_driver_sql(
        "INSERT INTO person_last_touch (person_id, workspace_id, occurred_at) "
        "SELECT x.person_id, min(x.workspace_id), max(i.occurred_at) "
        "FROM interaction_participant x JOIN interaction i ON i.id = x.interaction_id "
        f"WHERE x.interaction_id IN ({interactions}) GROUP BY x.person_id" + _LATER
    )


def _one(row: str) -> str:
    return f"SELECT {row}.person_id"


def _of_interaction(row: str) -> str:
    return f"SELECT person_id FROM interaction_participant WHERE interaction_id = {row}.id"


def _sqlite(quiet: bool) -> dict[str, tuple[str, str, list[str]]]:
    return {
        "last_touch_added": ("INSERT ON interaction_participant", "", [_added("NEW", quiet)]),
        "last_touch_removed": ("DELETE ON interaction_participant", "", _recount(_one("OLD"))),
        "last_touch_moved": (
            "UPDATE OF person_id, interaction_id ON interaction_participant",
            "",
            _recount(_one("OLD")) + _recount(_one("NEW")),
        ),
        "last_touch_moment": (
            "UPDATE OF occurred_at ON interaction",
            " WHEN OLD.occurred_at IS NOT NEW.occurred_at",
            _recount(_of_interaction("NEW")),
        ),
    }


def _postgres(quiet: bool) -> dict[str, tuple[str, str, str]]:
    return {
        "last_touch_participant": (
            "INSERT OR DELETE OR UPDATE OF person_id, interaction_id ON interaction_participant",
            "",
            f"IF TG_OP = 'INSERT' THEN {_added('NEW', quiet)};\nELSE "
            + ";\n".join(_recount(_one("OLD")))
            + ";\nIF TG_OP = 'UPDATE' THEN "
            + ";\n".join(_recount(_one("NEW")))
            + "; END IF;\nEND IF;",
        ),
        "last_touch_moment": (
            "UPDATE OF occurred_at ON interaction",
            " WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at)",
            ";\n".join(_recount(_of_interaction("NEW"))) + ";",
        ),
    }


_TABLES = {"last_touch_participant": "interaction_participant", "last_touch_moment": "interaction"}


def install(conn: Connection, *, quiet_in_bulk: bool = True) -> None:
    """Create the triggers (a new database; migrations 0021 and 0024). ``quiet_in_bulk``:
    the trigger on an added participant stands aside while ``tie_quiet`` holds a row (from
    0024; 0021 made it without)."""
    if conn.dialect.name == "sqlite":
        for name, (event, when, steps) in _sqlite(quiet_in_bulk).items():
            body = "".join(f"{step};\n" for step in steps)
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW{when}\nBEGIN\n{body}END"
            )
        return
    for name, (event, when, code) in _postgres(quiet_in_bulk).items():
        conn.exec_driver_sql(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{code}\nRETURN NULL;\nEND\n$$"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW{when} EXECUTE FUNCTION {name}()"
        )


def uninstall(conn: Connection) -> None:
    """Drop the triggers (migration 0021's downgrade)."""
    if conn.dialect.name == "sqlite":
        for name in _sqlite(True):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, table in _TABLES.items():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def fill(conn: Connection) -> None:
    """Every person's moment counted from the records (migration 0021, on existing data)."""
    conn.exec_driver_sql(
        "INSERT INTO person_last_touch (person_id, workspace_id, occurred_at) "
        + _COUNT.format(where="1 = 1")
    )


def counted(conn: Connection, ws: int) -> dict[int, datetime]:
    """Each person's latest interaction counted from the records (what the state must equal)."""
    query = (
        select(t.participant.c.person_id, func.max(t.interaction.c.occurred_at))
        .join(t.interaction, t.interaction.c.id == t.participant.c.interaction_id)
        .where(t.interaction.c.workspace_id == ws)
        .group_by(t.participant.c.person_id)
    )
    return {int(person): at for person, at in conn.execute(query)}


__all__ = ["added_in_bulk", "counted", "fill", "install", "uninstall"]
