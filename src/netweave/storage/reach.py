"""Which tables a write reaches: those it names, and those the database changes with them.

A value kept between requests (the web app's network view and its panels, docs/
architecture.md) says which tables it reads; :meth:`netweave.storage.Store.changed` says
whether a committed write reached one of them since it was made. A write reaches more
than the tables its statements name: removing a row removes or empties the rows that refer
to it (``ON DELETE CASCADE`` / ``SET NULL``, read from the foreign keys of the metadata),
and the triggers keep state derived from the touches (tie strength's, the last touches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

TRIGGERED: dict[str, tuple[str, ...]] = {
    "interaction": ("tie_touch", "person_last_touch"),
    "interaction_participant": ("tie_touch", "person_last_touch"),
    "tie_touch": ("tie_pair",),
    "tie_pair": ("tie_total",),
    "workspace": ("tie_total",),
}
"""Table → the tables its triggers write (storage/tie_triggers.py, storage/last_touch.py)."""

DERIVED = frozenset(table for tables in TRIGGERED.values() for table in tables)
"""The state the triggers keep: a row added to the records may change or replace rows of
it (a pair's sums, a latest touch), so any write that reaches it alters it."""


@cache
def _referring() -> dict[str, frozenset[str]]:
    """Table → the tables with a foreign key to it (their rows may go or change with its)."""
    from netweave.storage.tables import metadata  # every table: with the first write only

    found: dict[str, set[str]] = defaultdict(set)
    for table in metadata.tables.values():
        for key in table.foreign_keys:
            found[key.column.table.name].add(table.name)
    return {name: frozenset(children) for name, children in found.items()}


def reached(writes: Iterable[tuple[str, bool]]) -> set[str]:
    """Every table the ``writes`` (table, whether rows were removed) may change (see the
    module): a removal reaches the tables that refer to its table (a removal or an emptied
    reference there, so onwards); any write, what the triggers keep."""
    seen: set[tuple[str, bool]] = set()
    waiting = list(writes)
    while waiting:
        write = waiting.pop()
        if write in seen:
            continue
        seen.add(write)
        table, removed = write
        if removed:
            waiting.extend((other, True) for other in _referring().get(table, ()))
        waiting.extend((other, removed) for other in TRIGGERED.get(table, ()))
    return {table for table, _ in seen}


__all__ = ["DERIVED", "TRIGGERED", "reached"]
