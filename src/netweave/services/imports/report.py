"""The report after an import: what was created, changed, left alone, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netweave.importers.model import ParsedFile
from netweave.services.imports.plan import Plan

KINDS = ("people", "groups", "memberships", "events", "attendance", "interactions")


@dataclass(frozen=True, slots=True)
class Tally:
    """How many records of one kind an import created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class Issue:
    """One line of the report about one record: where it is and what happened."""

    where: str
    line: int | None
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Everything an import did (or, with ``dry_run``, would do) to a workspace.

    ``failed`` are records left out whole (with the reason); ``warnings`` are
    values left out of records that were imported; ``conflicts`` are values
    that differ from what netweave keeps (kept, not overwritten);
    ``duplicates`` are people a contact also matches by another key;
    ``skipped`` counts records with nothing to import (an interaction whose
    participants turned out to be one person).
    """

    file: str
    format: str
    encoding: str
    records: int
    dry_run: bool
    tallies: dict[str, Tally]
    skipped: int = 0
    failed: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    conflicts: tuple[Issue, ...] = ()
    duplicates: tuple[Issue, ...] = ()
    imported_before: datetime | None = None
    import_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tallies.values())

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tallies.values())

    @property
    def changed_anything(self) -> bool:
        return self.created + self.updated > 0

    @property
    def imported_nothing(self) -> bool:
        """True when no record of the file could be imported at all (exit code non-zero)."""
        return self.created + self.updated + self.unchanged == 0 and (
            bool(self.failed) or self.records == 0
        )

    def as_json(self) -> dict[str, Any]:
        def issues(found: tuple[Issue, ...]) -> list[dict[str, Any]]:
            return [{"where": i.where, "line": i.line, "reason": i.text} for i in found]

        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "records": self.records,
            "dry_run": self.dry_run,
            "import_id": self.import_id,
            "imported_before": self.imported_before.isoformat() if self.imported_before else None,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": len(self.failed),
            "kinds": {
                kind: {"created": t.created, "updated": t.updated, "unchanged": t.unchanged}
                for kind, t in self.tallies.items()
            },
            "failures": issues(self.failed),
            "warnings": issues(self.warnings),
            "conflicts": issues(self.conflicts),
            "possible_duplicates": issues(self.duplicates),
        }


def build_report(
    parsed: ParsedFile,
    plan: Plan,
    *,
    dry_run: bool,
    imported_before: datetime | None,
    import_id: int | None,
) -> ImportReport:
    people = plan.people_counts()
    events = plan.events.values()
    tallies = {
        "people": Tally(
            created=people.get("created", 0),
            updated=people.get("updated", 0),
            unchanged=people.get("unchanged", 0),
        ),
        "groups": Tally(created=len(plan.groups), unchanged=len(plan.stored_groups)),
        "memberships": Tally(
            created=len(plan.memberships), unchanged=plan.unchanged.get("memberships", 0)
        ),
        "events": Tally(
            created=sum(1 for e in events if e.stored_id is None),
            updated=sum(1 for e in events if e.changed),
            unchanged=sum(1 for e in events if e.stored_id is not None and not e.changed),
        ),
        "attendance": Tally(
            created=len(plan.attendance),
            updated=len(plan.attendance_updates),
            unchanged=plan.unchanged.get("attendance", 0),
        ),
        "interactions": Tally(
            created=len(plan.interactions) + plan.interactions_written,
            unchanged=plan.unchanged.get("interactions", 0),
        ),
    }

    def issue(found: list[Any]) -> tuple[Issue, ...]:
        return tuple(
            Issue(str(f.source), f.source.line, f.text if hasattr(f, "text") else f.reason)
            for f in found
        )

    return ImportReport(
        file=parsed.file,
        format=parsed.format.value,
        encoding=parsed.encoding,
        records=parsed.records,
        dry_run=dry_run,
        tallies=tallies,
        skipped=plan.skipped,
        failed=issue(plan.failures),
        warnings=issue(plan.warnings),
        conflicts=issue(plan.conflicts),
        duplicates=issue(plan.duplicates),
        imported_before=imported_before,
        import_id=import_id,
    )


__all__ = ["KINDS", "ImportReport", "Issue", "Tally", "build_report"]
