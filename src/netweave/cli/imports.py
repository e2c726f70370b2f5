"""`netweave import FILE`: bring in contacts, calendars and contact logs, and say what happened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netweave.cli.context import App, app_of
from netweave.cli.output import emit_json, table
from netweave.errors import InvalidInput
from netweave.importers.model import Format

if TYPE_CHECKING:
    from netweave.services.imports import ImportReport, Issue
    from netweave.services.imports.plan import Progress as ProgressCallback

SHOWN = 20
"""Issues of each kind listed before "... and N more" (all with --all)."""

BAR_FROM_BYTES = 200_000
"""Files at least this large get a progress bar (smaller ones take a blink)."""


@contextmanager
def _progress(nw: App, size: int, *, quiet: bool) -> Iterator[ProgressCallback]:
    if quiet or size < BAR_FROM_BYTES or not nw.err.is_terminal:
        yield lambda step, done, total: None
        return
    # Imported here: rich's progress module takes 50 ms, which every other command would pay.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=nw.err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield update


def _issues(nw: App, title: str, found: tuple[Issue, ...], *, everything: bool) -> None:
    if not found:
        return
    shown = found if everything else found[:SHOWN]
    nw.out.print(f"[bold]{title}[/bold] ({len(found)})", highlight=False)
    for issue in shown:
        nw.out.print(f"  {issue}", markup=False, highlight=False)
    if len(found) > len(shown):
        nw.out.print(f"  ... and {len(found) - len(shown)} more (--all lists them)")


def _summary(nw: App, report: ImportReport) -> str:
    verb = "Would import" if report.dry_run else "Imported"
    unit = "record" if report.records == 1 else "records"
    head = f"{verb} {report.file} ({report.format}, {report.records} {unit})"
    if report.imported_nothing:
        return f"Nothing could be imported from {head.split(' ', 1)[1]}."
    if not report.changed_anything and not report.imported_nothing:
        when = (
            f"; it was imported on {nw.local(report.imported_before)}"
            if report.imported_before
            else ""
        )
        return f"Nothing new in {report.file}: everything in it is already in netweave{when}."
    return head


def _show(nw: App, report: ImportReport, *, everything: bool) -> None:
    nw.out.print(_summary(nw, report), markup=False, highlight=False)
    rows = [
        (kind, t.created, t.updated, t.unchanged) for kind, t in report.tallies.items() if t.total
    ]
    if rows:
        table(nw, None, ["", "created", "updated", "unchanged"], rows)
    if report.skipped:
        nw.out.print(f"skipped: {report.skipped} (nothing to import in them)")
    _issues(nw, "Failed: left out", report.failed, everything=everything)
    _issues(nw, "Warnings: values left out", report.warnings, everything=everything)
    _issues(nw, "Conflicts: netweave's value kept", report.conflicts, everything=everything)
    _issues(nw, "Possible duplicates", report.duplicates, everything=everything)
    if report.duplicates:
        nw.out.print("Review them with 'netweave person duplicates'.")
    if report.dry_run:
        nw.out.print("Dry run: nothing was written.")


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A contacts file (LinkedIn, Google or Outlook CSV, vCard), a calendar "
            "(.ics) or a contact log (CSV, or SocioPatterns 't i j' lines).",
            metavar="FILE",
        ),
    ],
    format: Annotated[
        Format | None,
        typer.Option("--format", help="The file's format, when detection gets it wrong."),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option("--groups", help="Proximity logs: the 'id<TAB>group' file.", metavar="FILE"),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="Proximity logs: the moment t = 0 (default 1970-01-01 UTC)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--from", help="Calendars: expand recurring events from this day."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Calendars: expand recurring events up to this day."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="List every failure, warning and conflict.")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import a file: new people are added, known ones completed, nothing is duplicated.

    Importing the same file again changes nothing. The whole import is one
    transaction: if it fails, nothing of it is kept.
    """
    # Imported here: the parsers of every format are a tenth of a second that no other
    # command should pay.
    from netweave.importers.parse import GroupsFile, file_size, read_bytes
    from netweave.services.imports import ImportOptions, import_file

    nw = app_of(ctx)
    if (since is None) != (until is None):
        raise InvalidInput("give both --from and --until, or neither", field="from")
    window = (nw.moment(since, "from"), nw.moment(until, "until")) if since and until else None
    options = ImportOptions(
        format=format,
        window=window,
        start=nw.moment(start, "start") if start else None,
        groups=GroupsFile(groups.name, read_bytes(groups)) if groups else None,
        dry_run=dry_run,
    )
    size = file_size(file)
    with _progress(nw, size, quiet=json_out) as progress:
        report = import_file(nw.store(), nw.ws, file, options, progress=progress)
    if json_out:
        emit_json(nw, report.as_json())
    else:
        _show(nw, report, everything=everything)
    if report.imported_nothing:
        nw.err.print(f"nothing in {file.name} could be imported", markup=False)
        raise typer.Exit(2)


__all__ = ["import_"]
