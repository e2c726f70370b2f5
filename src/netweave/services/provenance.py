"""Where a person's fields came from: which import, which file, which line or card.

Kept apart from the import service so that showing a person does not load the importers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netweave.storage import Store
from netweave.storage import imports as imports_db


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Where some of a person's fields came from: which import, which file, where in it."""

    import_id: int
    file: str
    format: str
    imported_at: datetime
    locator: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return f"{', '.join(self.fields)}: {self.file}, {self.locator} (import #{self.import_id})"


def sources_of(store: Store, ws: int, person_id: int) -> list[FieldSource]:
    """Where each of a person's imported fields came from, newest import first."""
    with store.transaction() as conn:
        rows = imports_db.field_sources(conn, ws, person_id)
    return [
        FieldSource(
            import_id=row["import_id"],
            file=row["file_name"],
            format=row["format"],
            imported_at=row["imported_at"],
            locator=row["locator"],
            fields=tuple(row["fields"]),
        )
        for row in rows
    ]


__all__ = ["FieldSource", "sources_of"]
