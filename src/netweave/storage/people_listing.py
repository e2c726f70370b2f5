"""Pages of people for screens: the filters, the orders, a computed ranking, last touches.

Each function is a fixed number of set-based queries whatever the page size, so that a
page of fifty people never turns into fifty queries. Each person's last touch is stored
(``person_last_touch``, kept by the triggers of storage/last_touch.py): a page reads its
fifty rows by key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Select, func, select

from netweave.domain import Person
from netweave.domain.base import storable_id
from netweave.storage import tables as t
from netweave.storage.bulk import CHUNK_SIZE, chunked
from netweave.storage.people import get_people, where_people

PeopleSort = Literal["name", "recent", "newest", "strength"]


@dataclass(frozen=True)
class PeopleQuery:
    """Which people a page lists, and in which order.

    ``ranked`` (people in an order computed elsewhere, such as tie strength) puts those
    first, in that order, then everyone else by name; with ``ranked_only``, only they are
    listed (a filter on a score).
    """

    search: str | None = None
    tag: str | None = None
    category: str | None = None
    group_id: int | None = None
    sort: PeopleSort = "name"
    ranked: Sequence[int] | None = None
    ranked_only: bool = False


def people_page(
    conn: Connection, ws: int, query: PeopleQuery, *, limit: int = 50, offset: int = 0
) -> tuple[list[Person], int]:
    """One page of the people ``query`` matches, and how many it matches in all."""
    search, sort, ranked = query.search, query.sort, query.ranked
    matching = where_people(
        select(t.person.c.id),
        ws,
        search=search,
        tag=query.tag,
        category=query.category,
        group_id=query.group_id,
    )
    if ranked is not None:
        page, matched = _ranked_page(
            conn, matching, ranked, only=query.ranked_only, limit=limit, offset=offset
        )
        by_id = {p.id: p for p in get_people(conn, ws, page)}
        return [by_id[i] for i in page if i in by_id], matched
    if sort == "recent":
        last = t.last_touch.c
        ordered = (
            matching.outerjoin(t.last_touch, last.person_id == t.person.c.id)
            # People never touched come last, on every backend.
            .order_by(last.occurred_at.is_(None), last.occurred_at.desc(), t.person.c.id)
        )
    elif sort == "newest":
        ordered = matching.order_by(t.person.c.created_at.desc(), t.person.c.id.desc())
    else:
        # By the stored name, so the (workspace, name) index serves the page: lower() is a
        # Python function on SQLite and would be called for every person.
        ordered = matching.order_by(t.person.c.name, t.person.c.id)
    if not search:
        # The page from the index and the count from the index: the window below would
        # number every person to give the total (4 ms at 10,000).
        ids = list(conn.execute(ordered.limit(limit).offset(offset)).scalars().all())
        total = _count(conn, matching)
        by_id = {p.id: p for p in get_people(conn, ws, ids)}
        return [by_id[i] for i in ids if i in by_id], total
    # A search reads every person once: the total rides along with the page.
    rows = conn.execute(ordered.add_columns(func.count().over()).limit(limit).offset(offset)).all()
    ids = [row[0] for row in rows]
    if rows:
        total = int(rows[0][1])
    elif offset == 0:
        total = 0
    else:
        total = _count(conn, matching)
    by_id = {p.id: p for p in get_people(conn, ws, ids)}
    return [by_id[i] for i in ids if i in by_id], total


def _count(conn: Connection, matching: Select[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one())


def _ranked_page(
    conn: Connection,
    matching: Select[Any],
    ranked: Sequence[int],
    *,
    only: bool,
    limit: int,
    offset: int,
) -> tuple[list[int], int]:
    """One page of the matching ids, the ranked ones first in their order, then the rest by
    name; and how many match in all.

    Only the ranked ids are looked up, and only the page's part of the rest: a page of the
    strongest ties at 10,000 people reads a few hundred ids, not every person's.
    """
    present: set[int] = set()
    for chunk in chunked(ranked, CHUNK_SIZE):
        present.update(conn.execute(matching.where(t.person.c.id.in_(chunk))).scalars().all())
    first = [i for i in ranked if i in present]
    page = first[offset : offset + limit]
    if only:
        return page, len(first)
    matched = _count(conn, matching)
    if len(page) < limit and offset + len(page) < matched:
        rest = matching.order_by(t.person.c.name, t.person.c.id)
        if first:
            rest = rest.where(t.person.c.id.not_in(first))
        window = rest.limit(limit - len(page)).offset(max(0, offset - len(first)))
        page += conn.execute(window).scalars().all()
    return page, matched


def last_touches(
    conn: Connection, ws: int, person_ids: Sequence[int] | None = None
) -> dict[int, datetime]:
    """The moment of each person's latest interaction, as stored (people without any are left
    out); of every person of ``ws`` without ``person_ids``."""
    last = t.last_touch.c
    query = select(last.person_id, last.occurred_at).where(last.workspace_id == ws)
    if person_ids is not None:
        ids = sorted({i for i in person_ids if storable_id(i)})
        if not ids:
            return {}
        query = query.where(last.person_id.in_(ids))
    return {int(person): at for person, at in conn.execute(query)}


__all__ = ["PeopleSort", "last_touches", "people_page"]
