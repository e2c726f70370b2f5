"""Importing a file into a workspace: one transaction, no duplicates, a report.

``import_bytes`` parses the file (outside any transaction: parsing touches no
data), then, in one transaction, matches the file's people against what the
workspace holds (:mod:`.people`), writes them as they are settled, a chunk at
a time (:mod:`.write`), plans and writes the rest (:mod:`.links`), and plans and
writes the file's interactions a chunk at a time (:mod:`.stream`). Any error rolls the
whole import back. Importing the same file again finds every record already
there and writes nothing, not even an entry in the import history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from netweave.collector import paused
from netweave.domain.dates import utc_now
from netweave.domain.workspace import Workspace
from netweave.errors import NetweaveError, NotFound
from netweave.importers.model import ContactStream, Format, ParsedFile
from netweave.importers.parse import (
    GroupsFile,
    ParseOptions,
    open_path,
    read_bytes,
    stream_bytes,
)
from netweave.services.imports.links import plan_links, plan_people
from netweave.services.imports.plan import Progress
from netweave.services.imports.report import KINDS, ImportReport, Issue, Tally, build_report
from netweave.services.imports.stream import write_interactions
from netweave.services.imports.write import write_people, write_plan
from netweave.storage import Store, Tx
from netweave.storage import imports as imports_db
from netweave.storage import workspaces as workspaces_db
from netweave.storage.bulk import BulkLoader


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What a user may choose about one import (``netweave import`` options).

    ``window`` bounds the expansion of recurring events; ``start`` is the
    moment ``t = 0`` of a proximity log; ``groups`` its ``id<TAB>group`` file.
    Times without a zone are read in the workspace's time zone.
    """

    format: Format | None = None
    window: tuple[datetime, datetime] | None = None
    start: datetime | None = None
    groups: GroupsFile | None = None
    dry_run: bool = False


def _quiet(step: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


def import_bytes(
    store: Store,
    ws: int,
    data: bytes,
    file_name: str,
    options: ImportOptions | None = None,
    *,
    progress: Progress = _quiet,
) -> ImportReport:
    """Import the content of the file ``file_name``; the report says what happened.

    InvalidInput when the file is not one netweave reads (empty, binary, an
    unknown kind of CSV, not the ``format`` given). Bad records inside a good
    file are not errors: the report lists them, and the rest is imported.
    """
    options = options or ImportOptions()

    def read(parse_options: ParseOptions) -> tuple[ParsedFile | ContactStream, str]:
        # A contacts file's contacts are read as they are matched (a ContactStream).
        found = stream_bytes(data, file_name, format=options.format, options=parse_options)
        return found, hashlib.sha256(data).hexdigest()

    with paused():  # its many records stay alive: nothing for the collector (collector.py)
        return _import(store, ws, read, options, progress)


Reader = Callable[[ParseOptions], tuple[ParsedFile | ContactStream, str]]
"""Reads the file with these options: what it holds, and its SHA-256."""


def _import(
    store: Store, ws: int, read: Reader, options: ImportOptions, progress: Progress
) -> ImportReport:
    with store.transaction() as conn:
        workspace = workspaces_db.get_workspace(conn, ws=ws)
    if workspace is None:
        raise NotFound(f"there is no workspace #{ws}")
    settings = workspace.settings
    parse_options = ParseOptions(zone=settings.zone, window=options.window, groups=options.groups)
    if options.start is not None:
        parse_options = replace(parse_options, start=options.start)
    progress("reading", 0, 1)
    parsed, digest = read(parse_options)
    progress("reading", 1, 1)
    try:
        # Its memory bounded (a million rows: 448 MB before, 101 MB; storage/store.py).
        with store.transaction(large=True) as conn:
            return _write(conn, ws, parsed, digest, options, workspace, progress)
    except _Undone as undone:
        return undone.report


class _Undone(NetweaveError):
    """Rolls back an import that is a dry run or changed nothing; carries its report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("undone")
        self.report = report


def _write(
    conn: Tx,
    ws: int,
    source: ParsedFile | ContactStream,
    digest: str,
    options: ImportOptions,
    workspace: Workspace,
    progress: Progress,
) -> ImportReport:
    """Plan and write the import in ``conn``'s transaction: everything but the file's
    interactions planned first and written, then its interactions a chunk at a time
    (:mod:`.stream`). A dry run, or an import that changed nothing, is rolled back
    (:class:`_Undone`): a dry run is the import itself, undone, so they cannot disagree."""
    before = imports_db.previous_import(conn, ws, digest)
    # People are planned first and written as they are settled, a chunk at a time, then
    # the rest is planned and written (:mod:`.people`): an import holds no whole plan.
    planner = plan_people(
        conn,
        ws,
        source,
        region=workspace.settings.default_region,
        owner_id=workspace.owner_id,
        progress=progress,
    )
    parsed = planner.parsed
    now = utc_now()
    import_id = imports_db.insert_import_run(
        conn,
        ws,
        file_name=parsed.file,
        format=parsed.format.value,
        sha256=digest,
        records=parsed.records,
        counts={},
        imported_at=now,
    )
    loader = BulkLoader(conn, ws, now=now)
    person_keys = write_people(
        conn,
        ws,
        planner.settle_people(),
        loader,
        import_id=import_id,
        progress=progress,
        total=planner.contacts,
    )
    plan_links(planner)
    write_plan(conn, ws, planner.plan, loader, person_keys=person_keys, progress=progress)
    write_interactions(planner, loader, progress)
    report = build_report(
        parsed, planner.plan, dry_run=options.dry_run, imported_before=before, import_id=None
    )
    if options.dry_run or not report.changed_anything:
        raise _Undone(report)
    imports_db.set_import_counts(conn, import_id, report.as_json()["kinds"])
    return replace(report, import_id=import_id)


def import_file(
    store: Store,
    ws: int,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    progress: Progress = _quiet,
) -> ImportReport:
    """:func:`import_bytes` of the file at ``path``; a long contact log is read from disk a
    piece at a time as it is imported, never held whole (:func:`.parse.open_path`)."""
    path = Path(path)
    options = options or ImportOptions()
    chosen = options  # the closure's (mypy keeps a reassigned argument Optional)

    def read(parse_options: ParseOptions) -> tuple[ParsedFile | ContactStream, str]:
        found = open_path(path, format=chosen.format, options=parse_options)
        if found is None:
            data = read_bytes(path)
            streamed = stream_bytes(data, path.name, format=chosen.format, options=parse_options)
            return streamed, hashlib.sha256(data).hexdigest()
        return found

    with paused():  # as import_bytes
        return _import(store, ws, read, options, progress)


__all__ = [
    "KINDS",
    "ImportOptions",
    "ImportReport",
    "Issue",
    "Tally",
    "import_bytes",
    "import_file",
]
