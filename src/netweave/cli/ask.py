"""`netweave ask`: requests for help, made or received, and how they went."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import app_of
from netweave.cli.edits import Clear, cleared, typed
from netweave.cli.output import done, emit_json, table
from netweave.commands import AnswerAsk, EditAsk, MakeAsk, RemoveAsk
from netweave.domain import AskOutcome, build
from netweave.services import asks, people

app = typer.Typer(help="Asks: requests for help and their outcomes.", no_args_is_help=True)

Id = Annotated[int, typer.Argument(help="The ask's id.", metavar="ID", min=1)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.command("add")
def add(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="What was asked.")],
    to: Annotated[str, typer.Option("--to", help="Who was asked (default: me).")] = "me",
    asker: Annotated[str, typer.Option("--from", help="Who asked (default: me).")] = "me",
    at: Annotated[str | None, typer.Option("--at", help="When (default now).")] = None,
    outcome: Annotated[AskOutcome | None, typer.Option(help="Outcome, if known already.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    json_out: Json = False,
) -> None:
    """Record an ask: --to someone (I asked them) or --from someone (they asked me)."""
    nw = app_of(ctx)
    command = build(
        MakeAsk,
        {
            "asker_id": nw.person_id(asker),
            "asked_id": nw.person_id(to),
            "what": what,
            "asked_at": nw.moment(at, "at") if at else None,
            "outcome": outcome,
            "notes": notes,
        },
    )
    ask = asks.record_ask(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, ask)
    else:
        done(nw, f"Recorded ask #{ask.id}")


@app.command("answer")
def answer(
    ctx: typer.Context,
    ask_id: Id,
    outcome: Annotated[AskOutcome, typer.Argument(help="How it went.", metavar="OUTCOME")],
    at: Annotated[
        str | None, typer.Option("--at", help="When it was answered (default now).")
    ] = None,
) -> None:
    """Record how an ask was answered: helped, partly, declined, too-busy or no-response."""
    nw = app_of(ctx)
    command = build(
        AnswerAsk,
        {"ask_id": ask_id, "outcome": outcome, "answered_at": nw.moment(at, "at") if at else None},
    )
    asks.answer_ask(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Ask #{ask_id}: {outcome.value}")


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only asks made by or to them.")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only unanswered asks.")] = False,
    json_out: Json = False,
) -> None:
    """List asks, newest first."""
    nw = app_of(ctx)
    found = asks.list_asks(
        nw.store(), nw.ws, person_id=nw.person_id(person) if person else None, open_only=open_only
    )
    if json_out:
        emit_json(nw, found)
        return
    ids = [i for a in found for i in (a.asker_id, a.asked_id)]
    names = {pid: p.name for pid, p in people.people_by_id(nw.store(), nw.ws, ids).items()}
    table(
        nw,
        counted(len(found), "ask"),
        ["id", "asked", "from", "to", "what", "outcome"],
        [
            (
                a.id,
                nw.local_day(a.asked_at),
                names.get(a.asker_id),
                names.get(a.asked_id),
                a.what,
                a.outcome.value if a.outcome else "open",
            )
            for a in found
        ],
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    ask_id: Id,
    what: Annotated[str | None, typer.Option(help="What was asked.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Who was asked.")] = None,
    asker: Annotated[str | None, typer.Option("--from", help="Who asked.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="When it was asked.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    clear: Clear = None,
    json_out: Json = False,
) -> None:
    """Change an ask; how it went is recorded with 'netweave ask answer'."""
    nw = app_of(ctx)
    changes = {
        "what": what,
        "asked_id": nw.person_id(to) if to else None,
        "asker_id": nw.person_id(asker) if asker else None,
        "asked_at": nw.moment(at, "at") if at else None,
        "notes": notes,
    }
    command = build(EditAsk, {"ask_id": ask_id, "set": typed(changes), "clear": cleared(clear, {})})
    updated = asks.edit_ask(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Updated ask #{ask_id}")


@app.command("remove")
def remove(ctx: typer.Context, ask_id: Id) -> None:
    """Remove an ask."""
    nw = app_of(ctx)
    asks.remove_ask(nw.store(), nw.ws, build(RemoveAsk, {"ask_id": ask_id}), now=nw.now())
    done(nw, f"Removed ask #{ask_id}")


__all__ = ["app"]
