"""`netweave calendar`: planned events and due follow-ups as an iCalendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.cli.output import STDOUT, done, write_file


def calendar(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-' or none: standard output)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The feed as of this moment (default: now).", metavar="WHEN"),
    ] = None,
) -> None:
    """Write planned events and open follow-ups as iCalendar (.ics) for calendar apps."""
    from netweave.services import calendar as calendar_service  # icalendar: only when asked

    nw = app_of(ctx)
    feed = calendar_service.calendar(nw.store(), nw.ws, nw.moment(as_of, "as-of"))
    write_file(output or STDOUT, feed, "output")
    if output not in (None, STDOUT):
        done(nw, f"Wrote {output}")


__all__ = ["calendar"]
