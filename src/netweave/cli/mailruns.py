"""`netweave digest` and `netweave remind`: send now (from cron, a systemd timer, or by
hand), or show what would go (--dry-run)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from netweave.cli.context import App, app_of
from netweave.cli.output import STDOUT, write_file
from netweave.outbox.letter import render_text
from netweave.services.mailout import runs
from netweave.services.mailout.delivery import NOTHING_NEW, SENT
from netweave.services.mailout.runs import Preview, Run

To = Annotated[
    list[str] | None,
    typer.Option("--to", help="Send by email to this address instead (repeat for more)."),
]
DryRun = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Send nothing: print the email (.eml) instead, or write it to --eml."
    ),
]
Eml = Annotated[
    Path | None,
    typer.Option(
        "--eml", help="With --dry-run: write the email to this .eml file ('-': print it)."
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="As of this moment (default: now).", metavar="WHEN"),
]


def _show_preview(nw: App, preview: Preview, eml: Path | None) -> None:
    if preview.waiting:
        nw.err.print(Text(f"Not now: {preview.waiting}."), style="dim")
    if preview.letter is None:
        nw.out.print("Nothing to send: every reminder due went out already.")
        return
    if preview.routes:
        nw.err.print(Text(f"Would go to: {', '.join(preview.routes)}"), style="dim")
    if preview.message is None:
        # No email address (only channels, or nothing set yet): the text channels get.
        write_file(eml or STDOUT, render_text(preview.letter), "eml")
        return
    write_file(eml or STDOUT, preview.message.as_bytes(), "eml")
    if eml is not None and eml != STDOUT:
        nw.err.print(Text(f"Wrote {eml}"), style="dim")


def _report(nw: App, run: Run, what: str) -> None:
    if run.waiting:
        nw.out.print(Text(f"Nothing sent: {run.waiting}."))
        return
    for outcome in run.outcomes:
        if outcome.status == SENT:
            nw.out.print(Text(f"{what} sent to {outcome.route} ({outcome.message_id})"))
        elif outcome.status == NOTHING_NEW:
            earlier = outcome.earlier
            when = f" (recorded {nw.local(earlier.recorded_at)})" if earlier else ""
            nw.out.print(Text(f"Nothing new for {outcome.route}: it went there already{when}"))
        else:
            nw.err.print(Text(f"{what} to {outcome.route} failed: {outcome.error}"))
    run.check()


def digest(
    ctx: typer.Context,
    to: To = None,
    dry_run: DryRun = False,
    eml: Eml = None,
    as_of: AsOf = None,
    again: Annotated[
        bool, typer.Option("--again", help="Send it even if this week's went out already.")
    ] = False,
) -> None:
    """Send the weekly review by email and to the channels (once a week to each)."""
    nw = app_of(ctx)
    now = nw.now()
    moment = nw.moment(as_of, "as-of") if as_of else None
    if dry_run:
        _show_preview(
            nw, runs.preview_digest(nw.store(), nw.ws, now=now, as_of=moment, to=to or []), eml
        )
        return
    run = runs.send_digest(nw.store(), nw.ws, now=now, as_of=moment, to=to or [], again=again)
    if any(o.status == NOTHING_NEW for o in run.outcomes):
        nw.err.print(Text("(--again sends another this week)"), style="dim")
    _report(nw, run, "Digest")


def remind(
    ctx: typer.Context,
    to: To = None,
    dry_run: DryRun = False,
    eml: Eml = None,
    as_of: AsOf = None,
) -> None:
    """Send the reminders due (follow-ups, keep-in-touch dates, tomorrow's events), each
    once, from the reminders' time (08:00) to 21:00 local time."""
    nw = app_of(ctx)
    now = nw.moment(as_of, "as-of") if as_of else nw.now()
    if dry_run:
        _show_preview(nw, runs.preview_reminders(nw.store(), nw.ws, now=now, to=to or []), eml)
        return
    _report(nw, runs.send_reminders(nw.store(), nw.ws, now=now, to=to or []), "Reminders")


__all__ = ["digest", "remind"]
