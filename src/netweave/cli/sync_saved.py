"""`netweave sync add|sources|remove|saved`: mailboxes saved by name, synced again by name
(the same saved sources and runs as the mail settings page and ``/api/v1/mail/sources``)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.cli.output import done, emit_json
from netweave.errors import InvalidInput


def add(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="The IMAP server.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="The account's user name.")] = None,
    folder: Annotated[
        list[str] | None,
        typer.Option("--folder", help="A folder to read (repeat for several; default INBOX)."),
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Default 993 (SSL) or 143.")] = None,
    security: Annotated[
        str, typer.Option("--security", help="ssl, starttls, or plain (this machine only).")
    ] = "ssl",
    mbox: Annotated[str | None, typer.Option("--mbox", help="An mbox file instead.")] = None,
    maildir: Annotated[str | None, typer.Option("--maildir", help="A Maildir instead.")] = None,
    linkedin: Annotated[
        str | None, typer.Option("--linkedin", help="LinkedIn's messages.csv instead.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Its name (default USER@HOST or the file's).")
    ] = None,
    ask_password: Annotated[
        bool,
        typer.Option(
            "--ask-password",
            help="Ask for the password (or read a line from standard input) and keep it in "
            "the OS keyring or a file only you can read; without it, the keyring's entry "
            "USER@HOST is used.",
        ),
    ] = False,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Save without reaching the server now.")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Save a mailbox to sync by name: an IMAP account (checked now), or a file."""
    from netweave.commands import AddMailSource
    from netweave.domain import build
    from netweave.services.mail_saved import add_source

    nw = app_of(ctx)
    files = {"mbox": mbox, "maildir": maildir, "linkedin": linkedin}
    named = [(kind, path) for kind, path in files.items() if path]
    if len(named) > 1:
        raise InvalidInput("name one file (--mbox, --maildir or --linkedin)", field="path")
    kind, path = named[0] if named else ("imap", None)
    fields = {
        "kind": kind,
        "name": name,
        "host": host,
        "user": user,
        "port": port,
        "security": security,
        "folders": folder or [],
        "path": path,
    }
    command = build(AddMailSource, fields)
    password = None
    if ask_password:
        if sys.stdin.isatty():
            password = typer.prompt(f"Password for {user} at {host}", hide_input=True)
        else:
            password = sys.stdin.readline().rstrip("\r\n")
    saved = add_source(
        nw.store(), nw.ws, command, password=password, check=not no_check, now=nw.now()
    )
    if json_out:
        emit_json(nw, saved)
        return
    done(nw, f"Saved {saved.name}: {saved.place}. Sync it with 'netweave sync saved {saved.name}'.")


def sources(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The saved mailboxes."""
    from netweave.services.mail_saved import list_sources

    nw = app_of(ctx)
    found = list_sources(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, found)
        return
    if not found:
        nw.out.print("No mailbox is saved ('netweave sync add --host HOST --user USER').")
    for s in found:
        nw.out.print(f"{s.name}: {s.kind} {s.place}", markup=False, highlight=False)


def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The saved mailbox's name.")],
) -> None:
    """Forget a saved mailbox and the password kept for it (its touches stay)."""
    from netweave.commands import RemoveMailSource
    from netweave.services.mail_saved import remove_source, source_named

    nw = app_of(ctx)
    row = source_named(nw.store(), nw.ws, name)
    remove_source(nw.store(), nw.ws, RemoveMailSource(source_id=row.id), now=nw.now())
    done(nw, f"Removed {row.name}.")


def saved(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The saved mailbox's name ('sync sources').")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be logged; write nothing.")
    ] = False,
) -> None:
    """Sync a saved mailbox now, from where its last sync stopped."""
    from netweave.cli.sync import show_report
    from netweave.services.mail_jobs import preview, run_now
    from netweave.services.mail_saved import source_named

    nw = app_of(ctx)
    row = source_named(nw.store(), nw.ws, name)
    if dry_run:
        previewed = preview(nw.store(), nw.ws, row.id, now=nw.now())
        if json_out:
            emit_json(nw, [r.as_json() for r in previewed])
            return
        for report in previewed:
            show_report(nw, report)
        return
    run, reports = run_now(nw.store(), nw.ws, row.id, now=nw.now())
    if json_out:
        emit_json(nw, run)
        return
    for report in reports:
        show_report(nw, report)


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("sources")(sources)
    app.command("remove")(remove)
    app.command("saved")(saved)


__all__ = ["register"]
