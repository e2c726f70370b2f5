"""`netweave network`: connectors and brokers among everyone's ties."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.analytics.network import NetworkRole
from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import emit_json, table
from netweave.services import network as network_service


def _roles(nw: App, title: str, roles: tuple[NetworkRole, ...]) -> None:
    table(
        nw,
        title,
        ["person", "why"],
        [(r.name, "; ".join(r.reasons)) for r in roles],
    )


def network(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Use only records up to this moment (default: now).", metavar="WHEN"
        ),
    ] = None,
    top: Annotated[int, typer.Option(help="At most this many on each list.", min=1)] = 10,
    with_me: Annotated[
        bool, typer.Option("--with-me", help="List me too (I am the hub of my own network).")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Connectors (most ties) and brokers (bridges between circles: betweenness, constraint)."""
    nw = app_of(ctx)
    found = network_service.network(
        nw.store(), nw.ws, nw.moment(as_of, "as-of"), top=top, with_me=with_me
    )
    if json_out:
        emit_json(nw, found)
        return
    if not found.ties:
        nw.out.print("No ties yet: log interactions to see the network.")
        return
    sampled = " (betweenness estimated from a sample)" if found.sampled else ""
    people, ties = counted(found.people, "person", "people"), counted(found.ties, "tie")
    nw.out.print(f"{people}, {ties}{sampled}", highlight=False)
    _roles(nw, "Connectors (most ties)", found.connectors)
    _roles(nw, "Brokers (bridges between circles)", found.brokers)


__all__ = ["network"]
