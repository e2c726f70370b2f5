"""`netweave group`: groups, their members and roles."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import done, emit_json, fields, table
from netweave.commands import AddGroup, EditGroup, JoinGroup, LeaveGroup, RemoveGroup, SetRole
from netweave.domain import Cadence, GroupKind, GroupPurpose, Role, build
from netweave.domain.money import format_amount
from netweave.services import events, groups

app = typer.Typer(
    help="Groups: chambers, referral groups, associations, clubs, communities.",
    no_args_is_help=True,
)

GroupRef = Annotated[str, typer.Argument(help="Group name or #id.", metavar="GROUP")]
PersonRef = Annotated[str, typer.Argument(help="Name, email, #id or 'me'.", metavar="PERSON")]
Kind = Annotated[GroupKind | None, typer.Option(help="What kind of group.")]
CadenceOpt = Annotated[Cadence | None, typer.Option(help="How often it meets.")]
Dues = Annotated[str | None, typer.Option(help="Dues per year, e.g. 450 or 1,200.00.")]
Hours = Annotated[float | None, typer.Option(help="Hours per meeting (with travel).")]
Purpose = Annotated[
    GroupPurpose | None, typer.Option(help="Reaching prospects, or working with peers.")
]
Website = Annotated[str | None, typer.Option(help="Website.")]
Notes = Annotated[str | None, typer.Option(help="Notes.")]
KeepInTouch = Annotated[
    int | None,
    typer.Option(
        "--keep-in-touch",
        help="Be in touch with its members every DAYS days by default; 0 removes it.",
        metavar="DAYS",
        min=0,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


_FIELDS = {"hours": "hours_per_meeting", "keep_in_touch": "keep_in_touch_days"}
"""The group's fields as the options name them (--hours, --keep-in-touch, --clear)."""


def _values(nw: App, **given: Any) -> dict[str, Any]:
    out = {_FIELDS.get(key, key): value for key, value in given.items() if value is not None}
    if "dues" in out:
        out["dues_cents"] = nw.cents(out.pop("dues"), "dues")
    return out


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Group name.")],
    kind: Kind = None,
    cadence: CadenceOpt = None,
    dues: Dues = None,
    hours: Hours = None,
    purpose: Purpose = None,
    website: Website = None,
    notes: Notes = None,
    keep_in_touch: KeepInTouch = None,
    json_out: Json = False,
) -> None:
    """Add a group."""
    nw = app_of(ctx)
    values = _values(
        nw,
        kind=kind,
        cadence=cadence,
        dues=dues,
        hours=hours,
        purpose=purpose,
        website=website,
        notes=notes,
        keep_in_touch=keep_in_touch or None,
    )
    command = build(AddGroup, {"name": name, **values})
    group = groups.add_group(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, group)
    else:
        done(nw, f"Added group {group.name} #{group.id}")


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: GroupRef,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    kind: Kind = None,
    cadence: CadenceOpt = None,
    dues: Dues = None,
    hours: Hours = None,
    purpose: Purpose = None,
    website: Website = None,
    notes: Notes = None,
    keep_in_touch: KeepInTouch = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", help="Empty a field: website, notes or keep-in-touch.", metavar="FIELD"
        ),
    ] = None,
) -> None:
    """Change a group's details."""
    nw = app_of(ctx)
    group = nw.group(ref)
    values = _values(
        nw,
        name=name,
        kind=kind,
        cadence=cadence,
        dues=dues,
        hours=hours,
        purpose=purpose,
        website=website,
        notes=notes,
        keep_in_touch=keep_in_touch or None,
    )
    cleared = [field.replace("-", "_") for field in clear or []]
    if keep_in_touch == 0:
        cleared.append("keep_in_touch")
    command = build(
        EditGroup,
        {
            "group_id": group.id,
            "set": values,
            "clear": [_FIELDS.get(field, field) for field in cleared],
        },
    )
    updated = groups.edit_group(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Updated group {updated.name} #{updated.id}")


@app.command("list")
def list_(ctx: typer.Context, json_out: Json = False) -> None:
    """List groups."""
    nw = app_of(ctx)
    found = groups.list_groups(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, found)
        return
    currency = nw.settings().currency
    table(
        nw,
        counted(len(found), "group"),
        ["id", "name", "kind", "meets", "dues/year", "hours", "purpose"],
        [
            (
                g.id,
                g.name,
                g.kind.value,
                g.cadence.value,
                format_amount(g.dues_cents, currency),
                g.hours_per_meeting,
                g.purpose.value,
            )
            for g in found
        ],
    )


@app.command("show")
def show(ctx: typer.Context, ref: GroupRef, json_out: Json = False) -> None:
    """A group with its members and recent events."""
    nw = app_of(ctx)
    group = nw.group(ref)
    roster = groups.members(nw.store(), nw.ws, group.id)
    its_events = events.list_events(nw.store(), nw.ws, group_id=group.id)
    if json_out:
        emit_json(nw, {"group": group, "memberships": [m for m, _ in roster], "events": its_events})
        return
    fields(
        nw,
        f"{group.name} #{group.id}",
        [
            ("kind", group.kind.value),
            ("meets", group.cadence.value),
            ("dues per year", format_amount(group.dues_cents, nw.settings().currency)),
            ("hours per meeting", group.hours_per_meeting),
            ("purpose", group.purpose.value),
            ("website", group.website),
            ("notes", group.notes),
            ("events", len(its_events)),
        ],
    )
    table(
        nw,
        f"{sum(1 for m, _ in roster if m.left_on is None)} current members",
        ["person", "role", "joined", "left"],
        [(p.label(), m.role.value, m.joined_on, m.left_on) for m, p in roster],
    )


@app.command("remove")
def remove(ctx: typer.Context, ref: GroupRef) -> None:
    """Remove a group and its memberships (its events stay, without a group)."""
    nw = app_of(ctx)
    group = nw.group(ref)
    command = build(RemoveGroup, {"group_id": group.id})
    groups.remove_group(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed group {group.name}")


@app.command("join")
def join(
    ctx: typer.Context,
    ref: GroupRef,
    person: PersonRef,
    role: Annotated[Role, typer.Option(help="Role in the group.")] = Role.MEMBER,
    since: Annotated[
        str | None,
        typer.Option(
            help="Joined on (date); leave it out for a membership from before your records."
        ),
    ] = None,
) -> None:
    """Make a person a member of a group."""
    nw = app_of(ctx)
    group, who = nw.group(ref), nw.person(person)
    command = build(
        JoinGroup,
        {
            "group_id": group.id,
            "person_id": who.id,
            "role": role,
            "joined_on": nw.day(since, "since") if since else None,
        },
    )
    membership = groups.join_group(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"{who.name} is now a {membership.role.value} of {group.name}")


@app.command("leave")
def leave(
    ctx: typer.Context,
    ref: GroupRef,
    person: PersonRef,
    on: Annotated[str | None, typer.Option(help="Left on (date; default today).")] = None,
) -> None:
    """End a person's membership of a group."""
    nw = app_of(ctx)
    group, who = nw.group(ref), nw.person(person)
    command = build(
        LeaveGroup,
        {"group_id": group.id, "person_id": who.id, "left_on": nw.day(on, "on") if on else None},
    )
    groups.leave_group(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"{who.name} left {group.name}")


@app.command("role")
def role(
    ctx: typer.Context,
    ref: GroupRef,
    person: PersonRef,
    new_role: Annotated[Role, typer.Argument(help="The new role.", metavar="ROLE")],
) -> None:
    """Change a member's role."""
    nw = app_of(ctx)
    group, who = nw.group(ref), nw.person(person)
    command = build(SetRole, {"group_id": group.id, "person_id": who.id, "role": new_role})
    membership = groups.set_role(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"{who.name} is now a {membership.role.value} of {group.name}")


__all__ = ["app"]
