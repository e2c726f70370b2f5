"""`netweave calendar`: planned events and due follow-ups as an iCalendar file; and
calendars subscribed to by URL (`calendar subscribe|subscriptions|refresh|unsubscribe`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netweave.cli.context import App, app_of
from netweave.cli.output import STDOUT, done, emit_json, write_file

if TYPE_CHECKING:
    from netweave.services.calendar_subscriptions import Refreshed

app = typer.Typer(add_completion=False, invoke_without_command=True, no_args_is_help=False)


@app.callback()
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
    """Write planned events and open follow-ups as iCalendar (.ics) for calendar apps.

    Its commands subscribe to calendars by URL and import them again on refresh.
    """
    if ctx.invoked_subcommand is not None:
        return
    from netweave.services import calendar as calendar_service  # icalendar: only when asked

    nw = app_of(ctx)
    feed = calendar_service.calendar(nw.store(), nw.ws, nw.moment(as_of, "as-of"))
    write_file(output or STDOUT, feed, "output")
    if output not in (None, STDOUT):
        done(nw, f"Wrote {output}")


def _said(nw: App, refreshed: Refreshed) -> None:
    sub = refreshed.subscription
    if refreshed.report is not None:
        from netweave.cli.imports import _show

        nw.out.print(f"{sub.name} ({sub.url}):", markup=False, highlight=False)
        _show(nw, refreshed.report, everything=False)


@app.command("subscribe")
def subscribe(
    ctx: typer.Context,
    url: Annotated[
        str, typer.Argument(help="The calendar's address (http, https or webcal).", metavar="URL")
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="Its name (default: the URL's server and file).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Subscribe to a calendar by URL: it is imported now and again on each refresh."""
    from netweave.commands import SubscribeCalendar
    from netweave.domain import build
    from netweave.services.calendar_subscriptions import subscribe as subscribe_

    nw = app_of(ctx)
    command = build(SubscribeCalendar, {"url": url, "name": name})
    refreshed = subscribe_(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, _as_json(refreshed))
        return
    _said(nw, refreshed)
    sub = refreshed.subscription
    done(nw, f"Subscribed to {sub.name}. Import it again with 'netweave calendar refresh'.")


@app.command("subscriptions")
def subscriptions(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The calendars subscribed to, with their last fetch."""
    from netweave.services.calendar_subscriptions import list_subscriptions

    nw = app_of(ctx)
    found = list_subscriptions(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, found)
        return
    if not found:
        nw.out.print("No calendar is subscribed to ('netweave calendar subscribe URL').")
    for sub in found:
        last = (
            f"{nw.local(sub.fetched_at)} {sub.status}: {sub.summary}"
            if sub.fetched_at
            else "never fetched"
        )
        nw.out.print(f"{sub.name}: {sub.url} (last fetched {last})", markup=False, highlight=False)


@app.command("refresh")
def refresh(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="The subscription's name (none: all of them).", metavar="[NAME]"),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Fetch subscribed calendars again and import them: changed events are updated."""
    from netweave.services.calendar_subscriptions import refresh as refresh_

    nw = app_of(ctx)
    results = refresh_(nw.store(), nw.ws, name, now=nw.now())
    failed = [r for r in results if r.error is not None]
    if json_out:
        emit_json(nw, [_as_json(r) for r in results])
    else:
        if not results:
            nw.out.print("No calendar is subscribed to ('netweave calendar subscribe URL').")
        for r in results:
            _said(nw, r)
        for r in failed[1:]:
            nw.err.print(f"Error: {r.error}", markup=False, highlight=False)
    if failed:
        assert failed[0].error is not None
        raise failed[0].error


@app.command("unsubscribe")
def unsubscribe(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The subscription's name.")],
) -> None:
    """Forget a subscribed calendar; the events and touches it brought stay."""
    from netweave.commands import UnsubscribeCalendar
    from netweave.domain import build
    from netweave.services.calendar_subscriptions import unsubscribe as unsubscribe_

    nw = app_of(ctx)
    sub = unsubscribe_(nw.store(), nw.ws, build(UnsubscribeCalendar, {"name": name}), now=nw.now())
    done(nw, f"Unsubscribed from {sub.name}; its events stay.")


def _as_json(refreshed: Refreshed) -> dict[str, object]:
    from netweave.cli.output import plain

    error = refreshed.error
    return {
        "subscription": plain(refreshed.subscription),
        "report": refreshed.report.as_json() if refreshed.report is not None else None,
        "error": None
        if error is None
        else {"code": error.code, "message": str(error), "facts": plain(error.facts)},
    }


__all__ = ["app", "calendar"]
