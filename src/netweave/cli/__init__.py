"""The `netweave` command: one module per noun, each command a few lines over one service."""

from __future__ import annotations

from collections.abc import Sequence

from netweave.cli import (
    ask,
    event,
    followup,
    group,
    groups,
    log,
    mailout,
    market,
    network,
    person,
    person_merge,
    person_show,
    plan,
    referral,
    review,
    settings,
    suggest,
    sync,
)
from netweave.cli.app import cli, run
from netweave.cli.calendar import calendar
from netweave.cli.imports import import_
from netweave.cli.phone import card, cert
from netweave.cli.serve import serve
from netweave.cli.workspace import demo, export, init, restore

cli.command("init")(init)
person_show.register(person.app)
person_merge.register(person.app)
cli.add_typer(person.app, name="person")
cli.add_typer(group.app, name="group")
cli.add_typer(groups.app, name="groups")
group.app.command("review")(groups.review)
cli.add_typer(event.app, name="event")
cli.add_typer(log.app, name="log")
cli.add_typer(referral.app, name="referral")
cli.add_typer(ask.app, name="ask")
cli.add_typer(followup.app, name="followup")
cli.add_typer(market.app, name="market")
cli.add_typer(settings.app, name="settings")
cli.command("import")(import_)
cli.command("export")(export)
cli.command("restore")(restore)
cli.command("demo")(demo)
cli.command("serve")(serve)
cli.command("cert")(cert)
cli.command("card")(card)
cli.command("review")(review.review)
cli.command("givers")(review.givers)
cli.command("ties")(review.ties)
cli.command("plan")(plan.plan)
cli.command("debrief")(plan.debrief)
cli.add_typer(suggest.app, name="suggest")
cli.add_typer(sync.app, name="sync")
cli.command("calendar")(calendar)
cli.command("network")(network.network)
mailout.register(cli)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `netweave` command."""
    run(argv)


__all__ = ["cli", "main"]
