"""`netweave followup`: dated next actions with people."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import app_of
from netweave.cli.edits import Clear, cleared, typed
from netweave.cli.output import done, emit_json, table
from netweave.commands import AddFollowUp, EditFollowUp, FinishFollowUp, RemoveFollowUp
from netweave.domain import build
from netweave.domain.dates import Direction, utc_now
from netweave.services import followups, people
from netweave.services.refs import parse_id

app = typer.Typer(help="Follow-ups: dated next actions with a person.", no_args_is_help=True)

Id = Annotated[int, typer.Argument(help="The follow-up's id.", metavar="ID", min=1)]


@app.command("add")
def add(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="With whom.", metavar="PERSON")],
    reason: Annotated[str, typer.Argument(help="What to do.")],
    due: Annotated[
        str | None,
        typer.Option(help="Due date, e.g. 'in 3 days' or 2026-03-12 (default: in a week)."),
    ] = None,
    event: Annotated[str | None, typer.Option(help="The event it came from.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Add a follow-up."""
    nw = app_of(ctx)
    who = nw.person(person)
    command = build(
        AddFollowUp,
        {
            "person_id": who.id,
            "due_on": nw.day(due, "due", Direction.FUTURE) if due else None,
            "reason": reason,
            "event_id": nw.event(event).id if event else None,
        },
    )
    created = followups.add_follow_up(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, created)
    else:
        done(nw, f"Follow-up #{created.id} with {who.name} due {created.due_on}")


@app.command("done")
def complete(
    ctx: typer.Context,
    which: Annotated[
        str,
        typer.Argument(
            help="The follow-up's id (#3 or 3), or a person with one open follow-up.",
            metavar="ID|PERSON",
        ),
    ],
    at: Annotated[str | None, typer.Option("--at", help="When it was done (default now).")] = None,
) -> None:
    """Mark a follow-up done: by its id, or by the person it is with."""
    nw = app_of(ctx)
    follow_up_id = parse_id(which)
    command = build(
        FinishFollowUp,
        {
            "follow_up_id": follow_up_id,
            "person_id": None if follow_up_id is not None else nw.person_id(which),
            "done_at": nw.moment(at, "at") if at else None,
        },
    )
    finished = followups.complete_follow_up(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Follow-up #{finished.id} done on {nw.local(finished.done_at or utc_now())}")


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only with this person.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include the done ones.")] = False,
    due_by: Annotated[str | None, typer.Option("--due-by", help="Only due by this date.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List follow-ups by due date (open ones unless --all)."""
    nw = app_of(ctx)
    found = followups.list_follow_ups(
        nw.store(),
        nw.ws,
        person_id=nw.person_id(person) if person else None,
        open_only=not all_,
        due_by=nw.day(due_by, "due-by", Direction.FUTURE) if due_by else None,
    )
    if json_out:
        emit_json(nw, found)
        return
    today = nw.now().astimezone(nw.settings().zone).date()
    names = {
        pid: p.name
        for pid, p in people.people_by_id(nw.store(), nw.ws, [f.person_id for f in found]).items()
    }
    table(
        nw,
        counted(len(found), "follow-up"),
        ["id", "due", "with", "what", "state"],
        [
            (
                f.id,
                f.due_on,
                names.get(f.person_id),
                f.reason,
                f"done {nw.local_day(f.done_at)}"
                if f.done_at
                else ("overdue" if f.overdue_on(today) else "open"),
            )
            for f in found
        ],
    )


_OPTIONS = {"event": "event_id", "done": "done_at"}
"""The fields --clear names by their options' names (--clear done opens it again)."""


@app.command("edit")
def edit(
    ctx: typer.Context,
    follow_up_id: Id,
    reason: Annotated[str | None, typer.Option(help="What to do.")] = None,
    due: Annotated[str | None, typer.Option(help="Due date, e.g. 'in 3 days'.")] = None,
    person: Annotated[str | None, typer.Option(help="With whom.")] = None,
    event: Annotated[str | None, typer.Option(help="The event it came from.")] = None,
    clear: Clear = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Change a follow-up (--clear done opens a done one again)."""
    nw = app_of(ctx)
    changes = {
        "reason": reason,
        "due_on": nw.day(due, "due", Direction.FUTURE) if due else None,
        "person_id": nw.person_id(person) if person else None,
        "event_id": nw.event(event).id if event else None,
    }
    command = build(
        EditFollowUp,
        {"follow_up_id": follow_up_id, "set": typed(changes), "clear": cleared(clear, _OPTIONS)},
    )
    updated = followups.edit_follow_up(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Follow-up #{follow_up_id} due {updated.due_on}: {updated.reason}")


@app.command("remove")
def remove(ctx: typer.Context, follow_up_id: Id) -> None:
    """Remove a follow-up."""
    nw = app_of(ctx)
    command = build(RemoveFollowUp, {"follow_up_id": follow_up_id})
    followups.remove_follow_up(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed follow-up #{follow_up_id}")


__all__ = ["app"]
