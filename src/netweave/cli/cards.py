"""`netweave card`: your own card (with no command: phone.py's ``card``), and the card
photos the phone sent, waiting to be confirmed (services/cards_waiting.py, as the
``/capture/cards`` pages and ``/api/v1/captures/card-photos`` list them)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli import phone
from netweave.cli.context import app_of
from netweave.cli.output import done, emit_json, table

app = typer.Typer(add_completion=False, no_args_is_help=False)

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CardId = Annotated[int, typer.Argument(help="The waiting card's id ('netweave card waiting').")]


@app.callback(invoke_without_command=True)
def card(
    ctx: typer.Context,
    qr: Annotated[
        Path | None,
        typer.Option("--qr", help="Write the card as a QR code to this SVG (or .png) file."),
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="Print the card (vCard) as text.")] = False,
    version: Annotated[str, typer.Option(help="vCard version: 3.0 or 4.0.")] = "3.0",
) -> None:
    """Your own card as a vCard or a QR code (no command), and the card photos waiting to
    be confirmed (waiting, confirm, dismiss).

    With no command: your own card (name, company, title, emails, phones, web addresses),
    for another person's phone to scan. The web app shows it at /me/card."""
    if ctx.invoked_subcommand is None:
        phone.card(ctx, qr=qr, text=text, version=version)


@app.command("waiting")
def waiting(ctx: typer.Context, json_out: Json = False) -> None:
    """The card photos the phone sent, waiting to be confirmed, oldest first."""
    from netweave.services import cards_waiting

    nw = app_of(ctx)
    found = cards_waiting.waiting(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, found)
        return
    if not found:
        nw.out.print("No card waits.")
        return
    table(
        nw,
        f"{len(found)} card{'s' if len(found) != 1 else ''} to confirm",
        ["id", "name", "company", "email", "phone", "known as", "received"],
        [
            [
                c.id,
                c.name or "",
                c.company or "",
                ", ".join(c.emails),
                ", ".join(c.phones),
                f"{c.known_name} (#{c.known_person_id})" if c.known_person_id else "",
                f"{c.received_at:%Y-%m-%d %H:%M}",
            ]
            for c in found
        ],
    )
    nw.out.print(
        "Confirm one with 'netweave card confirm ID' (correct what was read with --name, "
        "--company, ...), or drop it with 'netweave card dismiss ID'."
    )


@app.command("confirm")
def confirm(
    ctx: typer.Context,
    card_id: CardId,
    name: Annotated[str | None, typer.Option("--name", help="Instead of the name read.")] = None,
    company: Annotated[str | None, typer.Option("--company", help="Instead of the read.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Instead of the read.")] = None,
    email: Annotated[
        list[str] | None, typer.Option("--email", help="Instead of the emails read (repeat).")
    ] = None,
    phone_: Annotated[
        list[str] | None, typer.Option("--phone", help="Instead of the phones read (repeat).")
    ] = None,
    json_out: Json = False,
) -> None:
    """Save the person a waiting card is, as read or corrected (the photo joins them).

    A known person (the same email, phone or LinkedIn) is completed, anyone else added."""
    from netweave.services import cards_waiting

    nw = app_of(ctx)
    store = nw.store()
    fields = cards_waiting.card(store, nw.ws, card_id).draft()
    given = {"name": name, "company": company, "title": title, "emails": email, "phones": phone_}
    fields.update({k: v for k, v in given.items() if v is not None})
    kept = {k: v for k, v in fields.items() if v not in (None, "", [])}
    saved, _ = cards_waiting.confirm(store, nw.ws, card_id, kept, now=nw.now())
    if json_out:
        emit_json(nw, saved.person)
        return
    who = f"{saved.person.name} (#{saved.person.id})"
    if saved.added:
        done(nw, f"Added {who}; the card photo is kept with them.")
    else:
        filled = ", ".join(saved.filled) or "nothing new"
        done(nw, f"Card #{card_id} is {who}: added {filled}; the photo is kept with them.")


@app.command("dismiss")
def dismiss(ctx: typer.Context, card_id: CardId) -> None:
    """Drop a waiting card: it and its photo are deleted."""
    from netweave.commands import DismissCardPhoto
    from netweave.domain import build
    from netweave.services import cards_waiting

    nw = app_of(ctx)
    command = build(DismissCardPhoto, {"card_id": card_id})
    cards_waiting.dismiss(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Card #{card_id} and its photo are deleted.")


__all__ = ["app"]
