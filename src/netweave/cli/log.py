"""`netweave log`: record touchpoints (one-on-ones, calls, meals, ...) and list them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import app_of
from netweave.cli.edits import Clear, cleared, typed
from netweave.cli.output import done, emit_json, table
from netweave.commands import EditTouch, LogTouch, RemoveTouch
from netweave.domain import InteractionKind, build
from netweave.services import interactions, people

app = typer.Typer(
    help="Log a touchpoint: netweave log one-on-one 'Anna Smith' --minutes 45.",
    no_args_is_help=True,
)

_KIND_HELP = {
    InteractionKind.ONE_ON_ONE: "a one-on-one meeting",
    InteractionKind.CALL: "a call",
    InteractionKind.MEAL: "a meal together",
    InteractionKind.EVENT_CONVERSATION: "a conversation at an event",
    InteractionKind.EMAIL: "an email exchange",
    InteractionKind.MESSAGE: "a message exchange",
    InteractionKind.OTHER: "another kind of touch",
}


def _logger(kind: InteractionKind) -> Callable[..., None]:
    def log_kind(
        ctx: typer.Context,
        people_refs: Annotated[
            list[str], typer.Argument(help="Who (name, email, #id).", metavar="PERSON...")
        ],
        at: Annotated[
            str | None, typer.Option("--at", help="When (default now), e.g. yesterday.")
        ] = None,
        minutes: Annotated[
            str | None,
            typer.Option(help="How long: minutes (45), or 1.5h, 1h30, 1:30, 'an hour'."),
        ] = None,
        by: Annotated[
            str | None, typer.Option("--by", help="Who started it (a participant, or 'me').")
        ] = None,
        event: Annotated[str | None, typer.Option(help="The event where it happened.")] = None,
        in_person: Annotated[
            bool | None, typer.Option("--in-person/--remote", help="Face to face or not.")
        ] = None,
        without_me: Annotated[
            bool, typer.Option("--without-me", help="I was not part of it (others met).")
        ] = False,
        notes: Annotated[str | None, typer.Option(help="What it was about.")] = None,
        keep_follow_ups: Annotated[
            bool,
            typer.Option(
                "--keep-follow-ups", help="Leave their open follow-ups open (closed by default)."
            ),
        ] = False,
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        nw = app_of(ctx)
        others = [nw.person(r) for r in people_refs]
        command = build(
            LogTouch,
            {
                "kind": kind,
                "with_ids": [p.id for p in others],
                "at": nw.moment(at, "at") if at else None,
                "minutes": minutes,
                "started_by_id": nw.person_id(by) if by else None,
                "event_id": nw.event(event).id if event else None,
                "in_person": in_person,
                "without_me": without_me,
                "notes": notes,
                "close_follow_ups": not keep_follow_ups,
            },
        )
        logged = interactions.log_interaction(nw.store(), nw.ws, command, now=nw.now())
        interaction = logged.interaction
        if json_out:
            emit_json(nw, interaction)
            return
        names = ", ".join(p.name for p in others)
        when = nw.local(interaction.occurred_at)
        done(nw, f"Logged {kind.value} #{interaction.id} with {names} at {when}")
        for follow_up in logged.closed:
            done(nw, f"Follow-up #{follow_up.id} is done: {follow_up.reason}")

    log_kind.__doc__ = f"Log {_KIND_HELP[kind]}."
    return log_kind


for _kind in InteractionKind:
    app.command(_kind.value)(_logger(_kind))


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Argument(help="Only touches with this person.", metavar="[PERSON]")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only since this date.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List touchpoints, newest first."""
    nw = app_of(ctx)
    person_id = nw.person_id(person) if person else None
    found = interactions.list_interactions(
        nw.store(),
        nw.ws,
        person_id=person_id,
        since=nw.moment(since, "since") if since else None,
        limit=limit,
    )
    if json_out:
        emit_json(nw, found)
        return
    everyone = people.people_by_id(nw.store(), nw.ws, [p for i in found for p in i.participant_ids])
    names = {pid: person.name for pid, person in everyone.items()}
    table(
        nw,
        counted(len(found), "touch", "touches"),
        ["id", "when", "kind", "with", "minutes", "notes"],
        [
            (
                i.id,
                nw.local(i.occurred_at),
                i.kind.value,
                ", ".join(names.get(p, f"#{p}") for p in i.participant_ids),
                i.minutes_shown,
                i.notes,
            )
            for i in found
        ],
    )


TouchId = Annotated[int, typer.Argument(help="The touch's id.", metavar="ID", min=1)]
_OPTIONS = {"minutes": "duration_minutes", "by": "initiated_by_id", "event": "event_id"}
"""The fields --clear names by their options' names."""


@app.command("edit")
def edit(
    ctx: typer.Context,
    interaction_id: TouchId,
    kind: Annotated[InteractionKind | None, typer.Option(help="What kind of touch.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="When it happened.")] = None,
    minutes: Annotated[
        str | None, typer.Option(help="How long: minutes (45), or 1.5h, 1h30, 1:30.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Who took part, everyone (me too, if I was there)."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who started it.")] = None,
    event: Annotated[str | None, typer.Option(help="The event where it happened.")] = None,
    in_person: Annotated[
        bool | None, typer.Option("--in-person/--remote", help="Face to face or not.")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="What it was about.")] = None,
    clear: Clear = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Change a logged touch (--clear minutes, by, event or notes empties one)."""
    nw = app_of(ctx)
    changes = {
        "kind": kind,
        "occurred_at": nw.moment(at, "at") if at else None,
        "duration_minutes": minutes,
        "participant_ids": [nw.person_id(ref) for ref in with_] if with_ else None,
        "initiated_by_id": nw.person_id(by) if by else None,
        "event_id": nw.event(event).id if event else None,
        "in_person": in_person,
        "notes": notes,
    }
    command = build(
        EditTouch,
        {"touch_id": interaction_id, "set": typed(changes), "clear": cleared(clear, _OPTIONS)},
    )
    updated = interactions.edit_interaction(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Updated {updated.kind.value} #{interaction_id}")


@app.command("remove")
def remove(ctx: typer.Context, interaction_id: TouchId) -> None:
    """Remove a logged touch."""
    nw = app_of(ctx)
    command = build(RemoveTouch, {"touch_id": interaction_id})
    found = interactions.remove_interaction(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed {found.kind.value if found else 'touch'} #{interaction_id}")


__all__ = ["app"]
