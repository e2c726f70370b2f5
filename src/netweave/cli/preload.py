"""`netweave preload`: the process that keeps the command line loaded (netweave.preload)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.cli.output import emit_json
from netweave.errors import NetweaveError
from netweave.preload import client, place

app = typer.Typer(
    help="A process that keeps netweave loaded, so that each command starts at once.",
    no_args_is_help=True,
)

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _described(status: dict[str, object]) -> str:
    since = status.get("since")
    age = f", up {time.time() - since:.0f} s" if isinstance(since, (int, float)) else ""
    idle = status.get("idle")
    ends = f", ends after {idle:.0f} s idle" if isinstance(idle, (int, float)) else ""
    return (
        f"preload process {status.get('pid')} at {status.get('path')}{age}, "
        f"{status.get('served')} commands run{ends}"
    )


@app.command("start")
def start(ctx: typer.Context, json_out: Json = False) -> None:
    """Start the preload process (if none runs) and wait until it answers."""
    status = client.start_and_wait(place.socket_path())
    if status is None:
        raise NetweaveError(
            f"the preload process did not start (its folder {place.folder()} must be yours "
            "alone); commands run by themselves as before"
        )
    _show(ctx, status, json_out)


@app.command("status")
def status(ctx: typer.Context, json_out: Json = False) -> None:
    """Whether a preload process runs for this netweave, and what it has done."""
    answer = client.ask(place.socket_path(), "status")
    if json_out:
        emit_json(app_of(ctx), {"running": answer is not None, **(answer or {})})
    elif answer is None:
        app_of(ctx).out.print(f"no preload process (mode: {place.mode()})")
    else:
        _show(ctx, answer, json_out)


@app.command("stop")
def stop(ctx: typer.Context) -> None:
    """Stop the preload process; the next commands run by themselves (or start a new one)."""
    answer = client.ask(place.socket_path(), "stop")
    out = app_of(ctx).out
    out.print("no preload process" if answer is None else f"stopped {answer.get('stopped')}")


def _show(ctx: typer.Context, status: dict[str, object], json_out: bool) -> None:
    out = app_of(ctx).out
    if json_out:
        emit_json(app_of(ctx), {"running": True, **status})
    else:
        out.print(_described(status))
