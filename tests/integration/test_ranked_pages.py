"""Pages of people in an order computed elsewhere (tie strength, a score filter): the ranked
first, then everyone else by name, page by page, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from netweave.commands import people as commands
from netweave.domain import Workspace
from netweave.services import people
from netweave.storage import Store
from netweave.storage.people_listing import PeopleQuery, people_page

NAMES = ("Dana Brook", "Ann Cole", "Eli Marsh", "Cora Vance", "Ben Hale", "Finn Oak", "Gus Ray")


def _everyone(store: Store, ws: int) -> dict[str, int]:
    ids = {}
    for name in NAMES:
        added = people.add_person(store, ws, commands.add_person({"name": name}))
        assert added.id is not None
        ids[name] = added.id
    return ids


def _pages(
    store: Store, ws: int, ranked: list[int], *, only: bool, size: int, search: str | None = None
) -> tuple[list[str], set[int]]:
    found: list[str] = []
    totals: set[int] = set()
    with store.transaction() as conn:
        for offset in range(0, 12, size):
            query = PeopleQuery(search=search, ranked=ranked, ranked_only=only)
            page, total = people_page(conn, ws, query, limit=size, offset=offset)
            found.extend(p.name for p in page)
            totals.add(total)
    return found, totals


@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_the_ranked_come_first_then_the_rest_by_name(
    store: Store, workspace: Workspace, size: int
) -> None:
    assert workspace.id is not None
    ids = _everyone(store, workspace.id)
    # Ranked: two of them and a person who is not there (removed since it was computed).
    ranked = [ids["Finn Oak"], 999_999, ids["Ann Cole"]]
    found, totals = _pages(store, workspace.id, ranked, only=False, size=size)
    rest = sorted(n for n in (*NAMES, "Robin Vale") if n not in ("Finn Oak", "Ann Cole"))
    assert found == ["Finn Oak", "Ann Cole", *rest]
    assert totals == {len(NAMES) + 1}
    only, totals = _pages(store, workspace.id, ranked, only=True, size=size)
    assert only == ["Finn Oak", "Ann Cole"]
    assert totals == {2}


def test_a_search_narrows_the_ranked_and_the_rest(store: Store, workspace: Workspace) -> None:
    assert workspace.id is not None
    ids = _everyone(store, workspace.id)
    ranked = [ids["Eli Marsh"], ids["Ann Cole"]]
    found, totals = _pages(store, workspace.id, ranked, only=False, size=2, search="a")
    matching = sorted(n for n in NAMES if "a" in n.lower() and n not in ("Eli Marsh", "Ann Cole"))
    assert found == ["Eli Marsh", "Ann Cole", *sorted([*matching, "Robin Vale"])]
    assert totals == {len(found)}
