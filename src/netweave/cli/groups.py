"""`netweave groups review` (also `netweave group review`): which of my groups pay off."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.markup import escape

from netweave.analytics.group_return import GroupReturn
from netweave.analytics.spread import Spread
from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import emit_json, table
from netweave.domain.money import format_amount
from netweave.services import group_return
from netweave.services import spread as spread_service

app = typer.Typer(help="All my groups at once: which ones pay off.", no_args_is_help=True)

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Use only records up to this moment (default: now).", metavar="WHEN"
    ),
]


def show_group_returns(nw: App, returns: Sequence[GroupReturn]) -> None:
    """The verdicts table, then each group's reasons."""
    if not returns:
        nw.out.print("You belong to no group yet.")
        return
    currency = nw.settings().currency
    table(
        nw,
        "Group return (last four quarters)",
        ["group", "verdict", "trend", "cost", "closed business", "referrals", "close", "fit"],
        [
            (
                r.name,
                r.verdict.value,
                r.trend.value,
                format_amount(r.cost_cents, currency),
                format_amount(r.won_cents, currency),
                f"{r.referrals_in:g}",
                r.relationships,
                f"{r.member_fit.share:.0%}",
            )
            for r in returns
        ],
    )
    for r in returns:
        nw.out.print(f"[bold]{escape(r.name)}[/bold]: {r.verdict.value}", highlight=False)
        for reason in r.reasons:
            nw.out.print(f"  - {escape(reason)}", highlight=False)


def show_spread(nw: App, spread: Spread) -> None:
    """Spread in a few lines: the warning first, with the groups to keep and why."""
    nw.out.print(f"[bold]Spread (last {counted(spread.weeks, 'week')})[/bold]", highlight=False)
    for warning in spread.warnings:
        nw.out.print(f"  [yellow]{escape(warning)}[/yellow]", highlight=False)
    if spread.advice:
        nw.out.print(f"  {escape(spread.advice)}", highlight=False)
    for kept in spread.keep:
        nw.out.print(f"  [bold]{escape(kept.name)}[/bold]: {escape('; '.join(kept.reasons))}",
                     highlight=False)  # fmt: skip
        nw.out.print(f"    getting involved: {escape('; '.join(kept.involve))}", highlight=False)
    for reason in spread.reasons:
        nw.out.print(f"  - {escape(reason)}", highlight=False)


@app.command("spread")
def spread(ctx: typer.Context, as_of: AsOf = None, json_out: Json = False) -> None:
    """Am I spread too thin? Groups, events a week, people met against relationships formed."""
    nw = app_of(ctx)
    found = spread_service.spread(nw.store(), nw.ws, nw.moment(as_of, "as-of"))
    if json_out:
        emit_json(nw, found)
    else:
        show_spread(nw, found)


@app.command("review")
def review(ctx: typer.Context, as_of: AsOf = None, json_out: Json = False) -> None:
    """Each group's cost against its return, with a verdict, the reasons and the trend."""
    nw = app_of(ctx)
    found = group_return.group_returns(nw.store(), nw.ws, nw.moment(as_of, "as-of"))
    if json_out:
        emit_json(nw, found)
    else:
        show_group_returns(nw, found)


__all__ = ["app", "review", "show_group_returns", "show_spread", "spread"]
