"""`netweave mail`: where and when the digest and the reminders go out, and what went."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.context import app_of
from netweave.cli.output import done, emit_json, fields, table
from netweave.commands import SetMailOut
from netweave.domain import build
from netweave.domain.mailout import MailOut
from netweave.errors import InvalidInput
from netweave.outbox import secrets
from netweave.outbox.channels import shown
from netweave.services.mailout import delivery
from netweave.services.mailout.settings import mail_out, set_mail_out

app = typer.Typer(
    help="Mail out: the weekly digest and reminders by email or channel.", no_args_is_help=True
)

NAMES = {
    "to": "to_address",
    "from": "from_address",
    "smtp-host": "smtp_host",
    "smtp-port": "smtp_port",
    "smtp-user": "smtp_user",
    "password-file": "smtp_password_file",
    "channels": "channels",
}
"""Fields as the command line names them (for --clear)."""


def describe_mail(mail: MailOut) -> list[tuple[str, Any]]:
    """The settings as label: value lines (no password: there is none to show)."""
    password = (
        f"in the file {mail.smtp_password_file}"
        if mail.smtp_password_file
        else f"from the OS keyring ({secrets.KEYRING_SERVICE})"
    )
    return [
        ("to", mail.to_address or "nowhere by email"),
        ("from", mail.sender),
        (
            "smtp server",
            f"{mail.smtp_host}:{mail.port} ({mail.smtp_security.value})"
            if mail.smtp_host
            else "none",
        ),
        ("smtp user", mail.smtp_user),
        ("password", password if mail.smtp_user else None),
        *((f"channel {n}", shown(url)) for n, url in enumerate(mail.channels, 1)),
        (
            "digest",
            f"{mail.digest_day.value} at {mail.digest_at:%H:%M}"
            + ("" if mail.digest_on else " (off)"),
        ),
        (
            "reminders",
            f"daily from {mail.remind_at:%H:%M}" + ("" if mail.reminders_on else " (off)"),
        ),
    ]


@app.command("show")
def show(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (channels hidden).")] = False,
) -> None:
    """Show where and when mail goes out."""
    nw = app_of(ctx)
    mail = mail_out(nw.store(), nw.ws)
    if json_out:
        data = mail.model_dump(mode="json")
        data["channels"] = [shown(url) for url in mail.channels]
        emit_json(nw, data)
        return
    fields(nw, "Mail out", describe_mail(mail))


def _channel(mail: MailOut, ref: str) -> str:
    """A channel named by its number in 'mail show' or by its URL."""
    if ref.isdigit():
        number = int(ref)
        if not 1 <= number <= len(mail.channels):
            raise InvalidInput(
                f"there is no channel {number} (see 'netweave mail show')", field="channels"
            )
        return mail.channels[number - 1]
    return ref


@app.command("set")
def set_(
    ctx: typer.Context,
    to: Annotated[
        str | None, typer.Option("--to", help="Send the digest and reminders to this address.")
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--from", help="From address (default: the SMTP user, else --to).")
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option("--smtp-host", help="SMTP server, e.g. smtp.fastmail.com.")
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option("--smtp-port", help="Default: 587, 465 with ssl, 25 with none.")
    ] = None,
    security: Annotated[
        str | None, typer.Option("--security", help="starttls (default), ssl or none.")
    ] = None,
    smtp_user: Annotated[
        str | None, typer.Option("--smtp-user", help="Log in to the SMTP server as this user.")
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            help="A file holding the SMTP password (chmod 600); default: the OS keyring.",
        ),
    ] = None,
    digest_day: Annotated[
        str | None, typer.Option("--digest-day", help="Weekday of the digest (monday).")
    ] = None,
    digest_at: Annotated[
        str | None, typer.Option("--digest-at", help="Local time of the digest (07:30).")
    ] = None,
    remind_at: Annotated[
        str | None, typer.Option("--remind-at", help="Local time of the reminders (08:00).")
    ] = None,
    digest: Annotated[
        bool | None,
        typer.Option("--digest/--no-digest", help="Whether the schedule sends the digest."),
    ] = None,
    reminders: Annotated[
        bool | None,
        typer.Option("--reminders/--no-reminders", help="Whether the schedule sends reminders."),
    ] = None,
    add_channel: Annotated[
        list[str] | None,
        typer.Option(
            "--add-channel", help="An Apprise URL (ntfy://topic, tgram://token/chat, ...)."
        ),
    ] = None,
    remove_channel: Annotated[
        list[str] | None,
        typer.Option("--remove-channel", help="A channel's number in 'mail show', or its URL."),
    ] = None,
    clear: Annotated[
        list[str] | None, typer.Option("--clear", help=f"Empty a setting: {', '.join(NAMES)}.")
    ] = None,
) -> None:
    """Change where and when mail goes out (no password: see 'netweave mail password')."""
    nw = app_of(ctx)
    typed: dict[str, Any] = {
        "to_address": to,
        "from_address": sender,
        "smtp_host": smtp_host,
        "smtp_port": smtp_port,
        "smtp_security": security,
        "smtp_user": smtp_user,
        "smtp_password_file": str(password_file.expanduser().absolute()) if password_file else None,
        "digest_day": digest_day,
        "digest_at": digest_at,
        "remind_at": remind_at,
        "digest_on": digest,
        "reminders_on": reminders,
    }
    cleared = []
    for name in clear or []:
        if name not in NAMES:
            raise InvalidInput(
                f"'{name}' is not a setting to clear (choose from {', '.join(NAMES)})",
                field="clear",
            )
        cleared.append(NAMES[name])
    current = mail_out(nw.store(), nw.ws) if remove_channel else None
    command = build(
        SetMailOut,
        {
            "set": {k: v for k, v in typed.items() if v is not None},
            "clear": cleared,
            "add_channels": add_channel or [],
            "remove_channels": [_channel(current, ref) for ref in remove_channel or []]
            if current
            else [],
        },
    )
    updated = set_mail_out(nw.store(), nw.ws, command)
    fields(nw, "Mail out", describe_mail(updated))


@app.command("password")
def password(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Write it to this file (mode 600) instead of the OS keyring."),
    ] = None,
) -> None:
    """Keep the SMTP password: asked here (or read from standard input), kept in the OS
    keyring or in a file only you can read; never in the database."""
    nw = app_of(ctx)
    mail = mail_out(nw.store(), nw.ws)
    if not mail.smtp_user or not mail.smtp_host:
        raise InvalidInput(
            "set the SMTP server and user first (--smtp-host, --smtp-user)", field="smtp_user"
        )
    if sys.stdin.isatty():
        secret = typer.prompt(f"Password for {mail.smtp_user} at {mail.smtp_host}", hide_input=True)
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise InvalidInput("no password given", field="password")
    if file is None:
        secrets.keep_in_keyring(mail.smtp_user, mail.smtp_host, secret)
        if mail.smtp_password_file:
            set_mail_out(nw.store(), nw.ws, build(SetMailOut, {"clear": ["smtp_password_file"]}))
        done(nw, f"The password for {mail.smtp_user} is in the OS keyring")
        return
    path = file.expanduser().absolute()
    try:
        secrets.write_password_file(path, secret)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}", field="file") from None
    set_mail_out(nw.store(), nw.ws, build(SetMailOut, {"set": {"smtp_password_file": str(path)}}))
    done(nw, f"The password for {mail.smtp_user} is in {path} (readable by you only)")


@app.command("log")
def log(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.", min=1)] = 30,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What was sent lately, to where, and whether it went."""
    nw = app_of(ctx)
    found = delivery.sent_log(nw.store(), nw.ws, limit=limit)
    if json_out:
        emit_json(nw, found)
        return
    if not found:
        nw.out.print("Nothing was sent yet.")
        return
    status = {"sending": "unknown (stopped while sending)"}
    table(
        nw,
        "Mail out",
        ["recorded", "what", "to", "status", "tries", "why"],
        [
            (
                nw.local(m.recorded_at),
                m.key,
                m.route.removeprefix("email:"),
                status.get(m.status, m.status),
                m.attempts,
                m.error or "",
            )
            for m in found
        ],
    )


def register(root: typer.Typer) -> None:
    """Add `mail`, `digest` and `remind` to the root command."""
    from netweave.cli.mailruns import digest, remind

    root.add_typer(app, name="mail")
    root.command("digest")(digest)
    root.command("remind")(remind)


__all__ = ["app", "describe_mail", "register"]
