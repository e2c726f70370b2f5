"""What the web app needs around imports: the formats it reads and the latest imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netweave.importers.model import Format
from netweave.storage import Store
from netweave.storage import imports as imports_db


@dataclass(frozen=True, slots=True)
class ImportRun:
    """One import that changed the workspace: which file, when, and how many of each kind."""

    id: int
    file: str
    format: str
    records: int
    imported_at: datetime
    created: int
    updated: int


def recent_imports(store: Store, ws: int, limit: int = 10) -> list[ImportRun]:
    """The latest imports of the workspace, newest first."""
    with store.transaction() as conn:
        rows = imports_db.import_runs(conn, ws, limit=limit)
    runs = []
    for row in rows:
        counts = row["counts"] if isinstance(row["counts"], dict) else {}
        tallies = [c for c in counts.values() if isinstance(c, dict)]
        runs.append(
            ImportRun(
                id=row["id"],
                file=row["file_name"],
                format=row["format"],
                records=row["records"],
                imported_at=row["imported_at"],
                created=sum(int(c.get("created", 0)) for c in tallies),
                updated=sum(int(c.get("updated", 0)) for c in tallies),
            )
        )
    return runs


FORMATS: dict[str, Format] = {f.value: f for f in Format}
"""Every format netweave reads, by the name ``--format`` takes."""


__all__ = ["FORMATS", "Format", "ImportRun", "recent_imports"]
