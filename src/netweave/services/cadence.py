"""Keep-in-touch cadences: the default of each tag, and who is losing touch.

A person's own cadence and a group's default are fields of the person and the
group (``edit_person``, ``edit_group``); a tag's default is set here. The
rules are applied by :mod:`netweave.analytics.cadence`: the most specific one
wins, and the reason names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from netweave.analytics import seconds
from netweave.analytics.cadence import CadenceDefaults, Overdue, cadence_of, overdue
from netweave.analytics.layers import Layer, Tie
from netweave.analytics.rhythm import span
from netweave.commands import SetTagCadence
from netweave.domain import build
from netweave.domain.dates import utc_now
from netweave.domain.touch import DAY, moment
from netweave.errors import InvalidInput
from netweave.services import command_log
from netweave.services.keeping import Keeper, fresh
from netweave.services.tie_views import TieView, as_tie
from netweave.storage import Store, Tx
from netweave.storage import cadence as cadence_db


def tag_cadences(store: Store, ws: int) -> dict[str, int]:
    """Tag → days between touches, by tag."""
    with store.transaction() as conn:
        return cadence_db.tag_cadences(conn, ws)


def checked_tag_cadence(tag: Any, days: Any, *, where: str = "") -> tuple[str, int | None]:
    """``(tag, days)`` made canonical as :class:`SetTagCadence` makes them, or InvalidInput
    naming the field (``where`` before it)."""
    try:
        command = build(SetTagCadence, {"tag": tag, "days": days})
    except InvalidInput as error:
        raise InvalidInput(error.reason, field=f"{where}{error.field or 'tag'}") from None
    return command.tag, command.days


def set_tag_cadence(
    store: Store, ws: int, command: SetTagCadence, *, now: datetime | None = None
) -> str:
    """Carry out ``command``: the people tagged with its tag get its cadence (no days
    removes the tag's); the tag as stored."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.replay(conn, ws, command, lambda _: command.tag) is not None:
            return command.tag
        cadence_db.set_tag_cadence(conn, ws, command.tag, command.days)
        command_log.record(conn, ws, command, ws, now)
    return command.tag


def restore_tag_cadences(conn: Tx, ws: int, by_tag: Any, where: str) -> None:
    """Write an export's ``{tag: days}`` (inside the restore's transaction)."""
    if not isinstance(by_tag, dict):
        raise InvalidInput("must be an object of tag: days", field=where)
    for tag, days in by_tag.items():
        cadence_db.set_tag_cadence(conn, ws, *checked_tag_cadence(tag, days, where=f"{where}."))


def _defaults(rules: cadence_db.CadenceRules) -> CadenceDefaults:
    return CadenceDefaults(
        people={p: d * DAY for p, d in rules.people.items()},
        tags={tag: d * DAY for tag, d in rules.tags.items()},
        groups={g: d * DAY for g, (_, d) in rules.groups.items()},
        group_names={g: name for g, (name, _) in rules.groups.items()},
    )


def losing_touch_in(
    conn: Tx,
    ws: int,
    ties: Sequence[TieView],
    as_of: datetime,
    *,
    limit: int | None = None,
    keep: Keeper = fresh,
) -> list[Overdue]:
    """The ties past their cadence as of ``as_of``, most overdue first (the first ``limit``);
    ``keep``: where the cadence rules may be kept until a table they read is written."""
    return overdue_in(conn, ws, [as_tie(t) for t in ties], as_of, limit=limit, keep=keep)


def overdue_in(
    conn: Tx,
    ws: int,
    ties: Sequence[Tie],
    as_of: datetime,
    *,
    limit: int | None = None,
    keep: Keeper = fresh,
) -> list[Overdue]:
    """:func:`losing_touch_in` over the analytics' ties (as their views give them back:
    :func:`netweave.services.tie_views.as_shown`)."""
    day, people = as_of.date(), tuple(sorted({t.other for t in ties}))
    rules = keep(
        ("cadence rules", ws, day, people),
        cadence_db.RULES_READS,
        lambda: cadence_db.cadence_rules(conn, ws, day, people),
    )
    return overdue(
        ties,
        seconds(as_of),
        tags=rules.tags_of,
        groups=rules.groups_of,
        defaults=_defaults(rules),
        limit=limit,
    )


def cadence_note(
    store: Store, ws: int, person_id: int, as_of: datetime, *, tie: TieView | None
) -> str | None:
    """A person's cadence in words ("every 30 days, as a member of BNI Northstar; due ...").

    ``tie``: the owner's tie with them as of ``as_of`` (None: no touch yet).
    """
    with store.transaction() as conn:
        rules = cadence_db.cadence_rules(conn, ws, as_of.date(), [person_id])
    found = cadence_of(
        person_id,
        Layer(tie.layer) if tie else Layer.DORMANT,
        tags=rules.tags_of.get(person_id, ()),
        groups=rules.groups_of.get(person_id, ()),
        defaults=_defaults(rules),
    )
    if found is None:
        return None
    cadence, source = found
    every = f"every {span(cadence)}, {source}"
    if tie is None:
        return f"{every}; no touch yet"
    due = moment(seconds(tie.last_touch) + cadence)
    state = "overdue since" if due < as_of else "next touch due"
    return f"{every}; {state} {due:%Y-%m-%d}"


__all__ = [
    "as_tie",
    "cadence_note",
    "checked_tag_cadence",
    "losing_touch_in",
    "overdue_in",
    "restore_tag_cadences",
    "set_tag_cadence",
    "tag_cadences",
]
