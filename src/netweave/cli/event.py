"""`netweave event`: events and who was there."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import done, emit_json, fields, table
from netweave.commands import AddEvent, EditEvent, MarkAttendance, RemoveAttendance, RemoveEvent
from netweave.domain import AttendanceStatus, build
from netweave.domain.dates import Direction
from netweave.domain.money import format_amount
from netweave.services import events
from netweave.services import fit as fit_service

app = typer.Typer(help="Events: meetings of groups, and standalone ones.", no_args_is_help=True)

EventRef = Annotated[str, typer.Argument(help="Event name or #id.", metavar="EVENT")]
At = Annotated[str | None, typer.Option("--at", help="When it starts, e.g. 2026-03-05T18:30.")]
Hours = Annotated[float | None, typer.Option(help="How long, in hours.")]
Group = Annotated[str | None, typer.Option(help="The group that holds it.")]
Place = Annotated[str | None, typer.Option(help="Where.")]
Cost = Annotated[str | None, typer.Option(help="What it costs me, e.g. 35.")]
Notes = Annotated[str | None, typer.Option(help="Notes.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


_CLEARED = {"group": "group_id", "hours": "ends_at"}
"""What --clear names, as the options name it, in the event's own words."""


def _values(nw: App, *, at: str | None, **given: Any) -> dict[str, Any]:
    """The event's fields as the options give them."""
    out = {key: value for key, value in given.items() if value is not None}
    if at is not None:
        out["starts_at"] = nw.moment(at, "at", Direction.NEAREST)
    if "group" in out:
        out["group_id"] = nw.group(out.pop("group")).id
    if "cost" in out:
        out["cost_cents"] = nw.cents(out.pop("cost"), "cost")
    return out


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Event name.")],
    at: Annotated[str, typer.Option("--at", help="When it starts, e.g. 2026-03-05T18:30.")],
    hours: Hours = None,
    group: Group = None,
    place: Place = None,
    cost: Cost = None,
    notes: Notes = None,
    json_out: Json = False,
) -> None:
    """Add an event."""
    nw = app_of(ctx)
    command = build(
        AddEvent,
        {
            "name": name,
            "starts_at": nw.moment(at, "at", Direction.NEAREST),
            "hours": hours,
            "group_id": nw.group(group).id if group else None,
            "place": place,
            "cost_cents": nw.cents(cost, "cost") or 0,
            "notes": notes,
        },
    )
    event = events.add_event(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, event)
    else:
        done(nw, f"Added event {event.name} #{event.id} on {nw.local(event.starts_at)}")


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: EventRef,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    at: At = None,
    hours: Hours = None,
    group: Group = None,
    place: Place = None,
    cost: Cost = None,
    notes: Notes = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", help="Empty a field: hours, group, place or notes.", metavar="FIELD"
        ),
    ] = None,
) -> None:
    """Change an event's details; --hours sets its end that long after its (new) start."""
    nw = app_of(ctx)
    event = nw.event(ref)
    values = _values(nw, at=at, name=name, group=group, place=place, cost=cost, notes=notes)
    cleared = [field.replace("-", "_") for field in clear or []]
    command = build(
        EditEvent,
        {
            "event_id": event.id,
            "set": values,
            "hours": hours,
            "clear": [_CLEARED.get(field, field) for field in cleared],
        },
    )
    updated = events.edit_event(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Updated event {updated.name} #{updated.id}")


@app.command("list")
def list_(
    ctx: typer.Context,
    group: Group = None,
    upcoming: Annotated[bool, typer.Option("--upcoming", help="Only events from now on.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    json_out: Json = False,
) -> None:
    """List events by date."""
    nw = app_of(ctx)
    group_id = nw.group(group).id if group else None
    found = events.list_events(
        nw.store(), nw.ws, group_id=group_id, since=nw.now() if upcoming else None, limit=limit
    )
    if json_out:
        emit_json(nw, found)
        return
    currency = nw.settings().currency
    table(
        nw,
        counted(len(found), "event"),
        ["id", "when", "name", "place", "cost"],
        [
            (
                e.id,
                nw.local(e.starts_at),
                e.name,
                e.place,
                format_amount(e.cost_cents, currency) if e.cost_cents else "",
            )
            for e in found
        ],
    )


@app.command("show")
def show(ctx: typer.Context, ref: EventRef, json_out: Json = False) -> None:
    """An event with who was there."""
    nw = app_of(ctx)
    event = nw.event(ref)
    present = events.attendees(nw.store(), nw.ws, event.id)
    fit = fit_service.event_fit(nw.store(), nw.ws, event.id)
    if json_out:
        emit_json(nw, {"event": event, "attendance": [a for a, _ in present], "fit": fit})
        return
    fields(
        nw,
        f"{event.name} #{event.id}",
        [
            ("starts", nw.local(event.starts_at)),
            ("ends", nw.local(event.ends_at) if event.ends_at else None),
            ("place", event.place),
            (
                "cost",
                format_amount(event.cost_cents, nw.settings().currency)
                if event.cost_cents
                else None,
            ),
            ("notes", event.notes),
            ("market fit", fit.describe("attendees") if fit.people else None),
        ],
    )
    table(
        nw,
        f"{len(present)} attendees",
        ["person", "status", "met"],
        [(p.label(), a.status.value, "yes" if a.met else "") for a, p in present],
    )


@app.command("remove")
def remove(ctx: typer.Context, ref: EventRef) -> None:
    """Remove an event and its attendance list."""
    nw = app_of(ctx)
    event = nw.event(ref)
    command = build(RemoveEvent, {"event_id": event.id})
    events.remove_event(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed event {event.name}")


@app.command("attend")
def attend(
    ctx: typer.Context,
    ref: EventRef,
    people_refs: Annotated[
        list[str], typer.Argument(help="People who were (or will be) there.", metavar="PERSON...")
    ],
    status: Annotated[
        AttendanceStatus, typer.Option(help="Attendance status.")
    ] = AttendanceStatus.ATTENDED,
    met: Annotated[bool, typer.Option("--met", help="I talked with them there.")] = False,
) -> None:
    """Record who attended an event (or was invited, or said they will come)."""
    nw = app_of(ctx)
    event = nw.event(ref)
    who = [nw.person(r) for r in people_refs]
    command = build(
        MarkAttendance,
        {"event_id": event.id, "person_ids": [p.id for p in who], "status": status, "met": met},
    )
    events.mark_attendance(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"{event.name}: {', '.join(p.name for p in who)} ({status.value})")


@app.command("unattend")
def unattend(
    ctx: typer.Context,
    ref: EventRef,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Who to take off the list.")],
) -> None:
    """Take a person off an event's attendance list."""
    nw = app_of(ctx)
    event, who = nw.event(ref), nw.person(person)
    command = build(RemoveAttendance, {"event_id": event.id, "person_id": who.id})
    events.remove_attendance(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"{who.name} is no longer listed at {event.name}")


__all__ = ["app"]
