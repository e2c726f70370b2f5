"""`netweave market`: the target market (ideal-client profile)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.cli.context import app_of
from netweave.cli.output import done, emit_json, fields
from netweave.commands import ChangeTargetMarket
from netweave.domain import build
from netweave.services import workspaces

app = typer.Typer(help="Your target market: who your ideal clients are.", no_args_is_help=True)

Many = Annotated[list[str] | None, typer.Option()]


@app.command("show")
def show(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the target market."""
    nw = app_of(ctx)
    market = workspaces.get_target_market(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, market)
        return
    fields(
        nw,
        "Target market",
        [
            ("categories", market.categories or ["(none)"]),
            ("roles", market.roles),
            ("regions", market.regions),
            ("keywords", market.keywords),
            *(
                [("company sizes", [*market.company_sizes, "(not counted: people have none)"])]
                if market.company_sizes
                else []
            ),
        ],
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", help="Industry or business category (repeatable)."),
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option("--role", help="Role or title (repeatable).")
    ] = None,
    region: Annotated[
        list[str] | None, typer.Option("--region", help="Region (repeatable).")
    ] = None,
    size: Annotated[
        list[str] | None,
        typer.Option("--size", hidden=True, help="Refused: people have no company size."),
    ] = None,
    keyword: Annotated[
        list[str] | None, typer.Option("--keyword", "-w", help="Keyword (repeatable).")
    ] = None,
) -> None:
    """Replace the parts of the target market you name; the others stay.

    Company size (--size) is refused: people have no size on record, so it could not count.
    """
    nw = app_of(ctx)
    given: dict[str, Any] = {
        "categories": category,
        "roles": role,
        "regions": region,
        "company_sizes": size,
        "keywords": keyword,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise typer.BadParameter("name at least one of --category, --role, --region, --keyword")
    command = build(ChangeTargetMarket, {"set": changes})
    workspaces.change_target_market(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Target market updated ({', '.join(k.replace('_', ' ') for k in changes)})")


@app.command("clear")
def clear(ctx: typer.Context) -> None:
    """Empty the target market."""
    nw = app_of(ctx)
    command = build(ChangeTargetMarket, {"clear": list(ChangeTargetMarket.lists)})
    workspaces.change_target_market(nw.store(), nw.ws, command, now=nw.now())
    done(nw, "Target market cleared")


__all__ = ["app"]
