"""Top-level commands: init, export, restore, demo."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from netweave.cli.context import app_of
from netweave.cli.files import write_atomically
from netweave.cli.hints import SET_OWNER
from netweave.cli.output import STDOUT, done, fields, table, write_file
from netweave.commands import ChangeSettings
from netweave.domain import Settings, build
from netweave.domain.money import format_amount
from netweave.errors import InvalidInput
from netweave.services import exchange, exports, workspaces
from netweave.services.exports import ExportFormat


def init(
    ctx: typer.Context,
    me: Annotated[
        str | None, typer.Option("--me", help="Your own name (the workspace owner).")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="Workspace name.")] = workspaces.DEFAULT_NAME,
    currency: Annotated[str, typer.Option(help="ISO currency code.")] = "EUR",
    time_zone: Annotated[str, typer.Option("--time-zone", help="e.g. Europe/Berlin.")] = "UTC",
) -> None:
    """Create the database (if needed) and a workspace in it."""
    nw = app_of(ctx)
    settings = build(Settings, {"currency": currency, "time_zone": time_zone})
    created = workspaces.init_workspace(nw.store(create=True), name=name, me=me, settings=settings)
    done(nw, f"Created workspace '{created.name}' in {nw.store().where}")
    if me is None:
        nw.out.print(f"Tip: say who you are, so that 'me' means you: {SET_OWNER}")


def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write ('-' or none: standard output)."),
    ] = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: everything, lossless (restore reads it); vcard: people as vCard 3.0; "
            "csv: people as a Google Contacts CSV.",
        ),
    ] = ExportFormat.JSON,
) -> None:
    """Write the workspace to a file: all of it as JSON, or the people as vCard or CSV."""
    nw = app_of(ctx)
    data = exports.export_bytes(nw.store(), nw.ws, format)
    if output in (None, STDOUT):
        write_file(STDOUT, data, "output")
        return
    write_atomically(output, data)
    nw.err.print(Text(f"Wrote {output}"))


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by 'netweave export'.")],
    as_name: Annotated[
        str | None, typer.Option("--as", help="Workspace name to restore into.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a workspace of the same name.")
    ] = False,
) -> None:
    """Rebuild a workspace from an export, all or nothing."""
    nw = app_of(ctx)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"there is no file {file}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {file}: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{file} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    try:
        restored = exchange.restore_workspace(
            nw.store(create=True), document, name=as_name, replace=replace
        )
    except InvalidInput as error:
        raise InvalidInput(f"{file}: {error}") from None
    done(nw, f"Restored workspace '{restored.name}' from {file}")


def demo(
    ctx: typer.Context,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Start from an empty database file.")
    ] = False,
    size: Annotated[
        int, typer.Option(min=20, max=100_000, help="People in the sample network.")
    ] = 300,
    seed: Annotated[int, typer.Option(help="Seed of the sample network.")] = 7,
) -> None:
    """Build the sample network in a workspace and show what netweave knows."""
    from netweave.sample import SAMPLE_TODAY, build_sample_workspace
    from netweave.services import overview

    nw = app_of(ctx)
    url = nw.config.database_url
    if fresh and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = nw.store(create=True)
    name = nw.config.workspace or "demo"
    workspace = build_sample_workspace(store, seed=seed, size=size, name=name)
    # The sample's history ends on its own date: the workspace lives on that day, so
    # that commands and the web app do not find a network gone silent since.
    pinned = build(ChangeSettings, {"set": {"pinned_today": SAMPLE_TODAY}})
    workspaces.change_settings(store, workspace.id, pinned)
    summary = overview.workspace_overview(
        store, workspace.id, now=datetime.combine(SAMPLE_TODAY, time(12), tzinfo=UTC)
    )
    done(nw, f"Built the sample network in workspace '{name}' ({store.where}).")
    fields(nw, "What netweave knows", list(summary.counts.items()))
    currency = workspace.settings.currency
    table(
        nw,
        "Groups (last 12 months)",
        ["group", "kind", "dues/year", "members", "events"],
        [
            (
                g["name"],
                g["kind"],
                format_amount(g["dues_cents"], currency),
                g["members"],
                g["events"],
            )
            for g in summary.groups
        ],
    )
    if summary.owner is not None:
        table(
            nw,
            f"Who {summary.owner.name} met most in the last 90 days",
            ["person", "company", "touches"],
            [(p.name, p.company, n) for p, n in summary.closest],
        )
    nw.out.print(
        f"\nTry: netweave --db {url.removeprefix('sqlite:///')} -w {name} review\n"
        f"(the workspace is pinned to {SAMPLE_TODAY.isoformat()}, the sample network's date: "
        "commands and 'netweave serve' take it as today)"
    )


__all__ = ["demo", "export", "init", "restore"]
