"""`netweave plan` and `netweave debrief`: go to an event with a plan, come back with follow-ups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import STDOUT, done, emit_json, table, write_file
from netweave.commands import DebriefEvent
from netweave.domain import build
from netweave.domain.dates import Direction
from netweave.errors import InvalidInput
from netweave.planning.plans import PlanRules
from netweave.services import debriefs, plans
from netweave.services.plan_pages import KIND_TITLES, html, markdown
from netweave.services.plans import EventPlan

EventRef = Annotated[str, typer.Argument(help="Event name or #id.", metavar="EVENT")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Act as of this moment (default: now).", metavar="WHEN"),
]


def _show(nw: App, plan: EventPlan) -> None:
    nw.out.print(f"[bold]{plan.event}[/bold] ({nw.local(plan.starts_at)})", highlight=False)
    nw.out.print(f"Purpose: {plan.purpose}", highlight=False, markup=False)
    nw.out.print(f"Targets from {plan.drawn_from}.", highlight=False, markup=False)
    if plan.targets:
        table(
            nw,
            None,
            ["person", "kind", "why", "opener"],
            [
                (
                    t.name + (" (reached)" if t.reached else ""),
                    KIND_TITLES[t.kind].lower(),
                    t.reason,
                    t.opener,
                )
                for t in plan.targets
            ],
        )


def plan(
    ctx: typer.Context,
    event: EventRef,
    again: Annotated[
        bool, typer.Option("--again", help="Make a new plan even when one is saved.")
    ] = False,
    purpose: Annotated[
        str | None, typer.Option(help="State the purpose yourself (default: from the targets).")
    ] = None,
    expect: Annotated[
        list[str] | None,
        typer.Option(
            "--expect", help="Someone you know will come (repeat for more).", metavar="PERSON"
        ),
    ] = None,
    per_kind: Annotated[int, typer.Option(help="At most this many of each kind.", min=1)] = 2,
    total: Annotated[int, typer.Option(help="At most this many in all.", min=1)] = 4,
    html_file: Annotated[
        Path | None,
        typer.Option("--html", help="Also write a printable HTML page ('-': standard output)."),
    ] = None,
    markdown_file: Annotated[
        Path | None,
        typer.Option(
            "--markdown",
            help="Also write the plan as Markdown ('-': standard output).",
        ),
    ] = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Whom to look for at an event and why (saved with the event; shown again later)."""
    nw = app_of(ctx)
    if html_file and markdown_file:
        raise InvalidInput("choose --html or --markdown, not both", field="html")
    page_out = STDOUT in (html_file, markdown_file)
    if page_out and json_out:
        raise InvalidInput(
            "--json and a page written to '-' both want standard output", field="json"
        )
    event_id = nw.event(event).id
    found = plans.plan_for(
        nw.store(),
        nw.ws,
        event_id,
        nw.moment(as_of, "as-of"),
        again=again,
        rules=PlanRules(per_kind=per_kind, total=total),
        purpose=purpose,
        expect=[nw.person_id(ref) for ref in expect or []],
    )
    when = nw.local(found.starts_at)
    if html_file:
        write_file(html_file, html(found, when), "html")
    if markdown_file:
        write_file(markdown_file, markdown(found, when), "markdown")
    if page_out:
        return
    if json_out:
        emit_json(nw, found)
    else:
        _show(nw, found)
        for written in filter(None, [html_file, markdown_file]):
            done(nw, f"Wrote {written}")


def debrief(
    ctx: typer.Context,
    event: EventRef,
    met: Annotated[
        list[str] | None,
        typer.Option("--met", help="Someone you talked to (repeat for more).", metavar="PERSON"),
    ] = None,
    new: Annotated[
        list[str] | None,
        typer.Option(
            "--new",
            help='Someone new you met: "Name <email>", "Name, phone" or a name; a known '
            "person is found first (repeat for more).",
            metavar="CONTACT",
        ),
    ] = None,
    follow_up: Annotated[
        list[str] | None,
        typer.Option(
            "--follow-up",
            help="Someone for a one-on-one within 7 days (repeat for more).",
            metavar="PERSON",
        ),
    ] = None,
    due: Annotated[
        str | None, typer.Option(help="When the follow-ups are due (within 7 days).")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="How it went.")] = None,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """After an event: whom you met (adding new people), targets reached, follow-ups."""
    nw = app_of(ctx)
    moment = nw.moment(as_of, "as-of")
    command = build(
        DebriefEvent,
        {
            "event_id": nw.event(event).id,
            "met": met or [],
            "new": new or [],
            "follow_up": follow_up or [],
            "due_on": nw.day(due, "due", Direction.FUTURE) if due else None,
            "notes": notes,
        },
    )
    result = debriefs.debrief_event(nw.store(), nw.ws, command, now=moment)
    if json_out:
        emit_json(nw, result)
        return
    met_count = len(result.met) + len(result.added) + len(result.known)
    done(nw, f"Debriefed {result.event}: met {counted(met_count, 'person', 'people')}")
    if result.added:
        done(nw, f"Added: {', '.join(result.added)}")
    if result.known:
        done(nw, f"Already in your network: {', '.join(result.known)}")
    if result.reached or result.not_reached:
        done(nw, f"Targets reached: {', '.join(result.reached) or 'none'}")
        if result.not_reached:
            done(nw, f"Not reached: {', '.join(result.not_reached)}")
    for f in result.follow_ups:
        done(nw, f"Follow-up #{f.follow_up_id} with {f.name}, due {f.due_on}: {f.reason}")


__all__ = ["debrief", "plan"]
