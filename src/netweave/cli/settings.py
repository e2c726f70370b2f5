"""`netweave settings`: hourly value, currency, time zone, phone region."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.cli.context import app_of
from netweave.cli.output import done, emit_json, fields
from netweave.domain.money import format_amount
from netweave.services import workspaces

app = typer.Typer(help="Workspace settings.", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the settings."""
    nw = app_of(ctx)
    settings = workspaces.get_settings(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, settings)
        return
    fields(
        nw,
        f"Settings of workspace '{nw.workspace().name}'",
        [
            ("hourly value", format_amount(settings.hourly_value_cents, settings.currency)),
            ("currency", settings.currency),
            ("time zone", settings.time_zone),
            ("phone region", settings.default_region),
        ],
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    hourly_value: Annotated[
        str | None, typer.Option("--hourly-value", help="What an hour of your time is worth.")
    ] = None,
    currency: Annotated[str | None, typer.Option(help="ISO currency code, e.g. EUR.")] = None,
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="e.g. Europe/Berlin.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Country code for phone numbers without one, e.g. DE.")
    ] = None,
) -> None:
    """Change settings."""
    nw = app_of(ctx)
    changes: dict[str, Any] = {}
    if hourly_value is not None:
        changes["hourly_value_cents"] = nw.cents(hourly_value, "hourly-value")
    if currency is not None:
        changes["currency"] = currency.strip().upper()
    if time_zone is not None:
        changes["time_zone"] = time_zone.strip()
    if region is not None:
        changes["default_region"] = region.strip().upper()
    if not changes:
        raise typer.BadParameter("name at least one setting to change")
    workspaces.update_settings(nw.store(), nw.ws, changes)
    done(nw, f"Settings updated ({', '.join(k.replace('_', ' ') for k in changes)})")


__all__ = ["app"]
