"""`netweave suggest`: referrals I could give and introductions I could make."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.cli.output import emit_json, table
from netweave.services import suggestions

app = typer.Typer(help="Giving: referrals to pass and introductions to make.", no_args_is_help=True)

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Use only records up to this moment.", metavar="WHEN"),
]


@app.command("referrals")
def referrals(
    ctx: typer.Context,
    for_person: Annotated[
        str | None,
        typer.Option("--for", help="Only leads for this person.", metavar="PERSON"),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 10,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Leads you could pass: who you know that fits what someone is looking for."""
    nw = app_of(ctx)
    receiver = nw.person_id(for_person) if for_person else None
    ideas = suggestions.referral_ideas(
        nw.store(), nw.ws, nw.moment(as_of, "as-of"), receiver_id=receiver, limit=limit
    )
    if json_out:
        emit_json(nw, ideas)
    elif not ideas:
        nw.out.print("No referral to suggest: no one you know fits what they are looking for.")
    else:
        table(
            nw,
            "Referrals you could give",
            ["to", "introduce", "why"],
            [(i.receiver, i.prospect, "; ".join(i.reasons)) for i in ideas],
        )


@app.command("introductions")
def introductions(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 5,
    as_of: AsOf = None,
    json_out: Json = False,
) -> None:
    """Pairs of people you know who should meet, and why."""
    nw = app_of(ctx)
    found = suggestions.introduction_ideas(
        nw.store(), nw.ws, nw.moment(as_of, "as-of"), limit=limit
    )
    if json_out:
        emit_json(nw, found)
    elif not found:
        nw.out.print("No introduction to suggest yet.")
    else:
        table(
            nw,
            "Introductions you could make",
            ["who", "and", "why"],
            [(i.a, i.b, "; ".join(i.reasons)) for i in found],
        )


__all__ = ["app", "introductions", "referrals"]
