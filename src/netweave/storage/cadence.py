"""Keep-in-touch cadences: the rules set for people, groups and tags, read in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, delete, insert, or_, select, update

from netweave.storage import tables as t


@dataclass(frozen=True, slots=True)
class CadenceRules:
    """Every cadence (in days) set in a workspace, with what the rules need to apply."""

    people: dict[int, int] = field(default_factory=dict)
    """Person id → days, of the people asked for (at least)."""
    tags: dict[str, int] = field(default_factory=dict)
    groups: dict[int, tuple[str, int]] = field(default_factory=dict)
    """Group id → (its name, days)."""
    tags_of: dict[int, list[str]] = field(default_factory=dict)
    """The tags that carry a cadence, per person (only people who have one)."""
    groups_of: dict[int, list[int]] = field(default_factory=dict)
    """The groups with a cadence each person belongs to on the day asked."""


def tag_cadences(conn: Connection, ws: int) -> dict[str, int]:
    rows = conn.execute(
        select(t.tag_cadence.c.tag, t.tag_cadence.c.days)
        .where(t.tag_cadence.c.workspace_id == ws)
        .order_by(t.tag_cadence.c.tag)
    )
    return {row.tag: row.days for row in rows}


def set_tag_cadence(conn: Connection, ws: int, tag: str, days: int | None) -> None:
    """Set (or with None remove) the cadence of ``tag``."""
    where = (t.tag_cadence.c.workspace_id == ws, t.tag_cadence.c.tag == tag)
    if days is None:
        conn.execute(delete(t.tag_cadence).where(*where))
    elif conn.execute(update(t.tag_cadence).where(*where).values(days=days)).rowcount == 0:
        conn.execute(insert(t.tag_cadence).values(workspace_id=ws, tag=tag, days=days))


RULES_READS = frozenset({"person", "network_group", "tag_cadence", "person_tag", "membership"})
"""What :func:`cadence_rules` reads: the rules are kept until one of these is written (the
web app's network view, after a touch logged)."""
_BY_KEY = 100
"""Up to this many people asked for, their own cadences are read by key."""


def cadence_rules(conn: Connection, ws: int, day: date, people: Sequence[int] = ()) -> CadenceRules:
    """The workspace's cadences (of people: those of ``people``), with the tags and current
    groups of ``people`` that have one."""
    person, group, membership, tag = t.person, t.group, t.membership, t.person_tag
    wanted = sorted(set(people))
    own = select(person.c.id, person.c.keep_in_touch_days).where(
        person.c.workspace_id == ws, person.c.keep_in_touch_days.is_not(None)
    )
    if len(wanted) <= _BY_KEY:  # a person's page: their row, not a scan of everyone's
        own = own.where(person.c.id.in_(wanted))
    overrides = conn.execute(own).all()
    by_group = conn.execute(
        select(group.c.id, group.c.name, group.c.keep_in_touch_days).where(
            group.c.workspace_id == ws, group.c.keep_in_touch_days.is_not(None)
        )
    )
    groups = {row.id: (row.name, row.keep_in_touch_days) for row in by_group}
    tags = tag_cadences(conn, ws)
    tags_of: dict[int, list[str]] = defaultdict(list)
    groups_of: dict[int, list[int]] = defaultdict(list)
    # Chunks keep the IN lists within every driver's parameter limit.
    for start in range(0, len(wanted), 10_000):
        chunk = wanted[start : start + 10_000]
        if tags:
            rows = conn.execute(
                select(tag.c.person_id, tag.c.tag).where(
                    tag.c.workspace_id == ws,
                    tag.c.person_id.in_(chunk),
                    tag.c.tag.in_(list(tags)),
                )
            )
            for row in rows:
                tags_of[row.person_id].append(row.tag)
        if groups:
            rows = conn.execute(
                select(membership.c.person_id, membership.c.group_id).where(
                    membership.c.workspace_id == ws,
                    membership.c.person_id.in_(chunk),
                    membership.c.group_id.in_(list(groups)),
                    or_(membership.c.joined_on.is_(None), membership.c.joined_on <= day),
                    or_(membership.c.left_on.is_(None), membership.c.left_on >= day),
                )
            )
            for row in rows:
                groups_of[row.person_id].append(row.group_id)
    return CadenceRules(
        people={row.id: row.keep_in_touch_days for row in overrides},
        tags=tags,
        groups=groups,
        tags_of=dict(tags_of),
        groups_of=dict(groups_of),
    )


__all__ = ["RULES_READS", "CadenceRules", "cadence_rules", "set_tag_cadence", "tag_cadences"]
