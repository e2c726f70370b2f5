"""`netweave sync`: touches from an mbox, a Maildir, an IMAP account or LinkedIn's messages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netweave.cli.context import App, app_of
from netweave.cli.output import emit_json

if TYPE_CHECKING:
    from netweave.services.mail_sync import SyncReport

app = typer.Typer(
    help="Log email and message touches from your mail (headers only; see docs/mail.md).",
    no_args_is_help=True,
)

DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be logged; write nothing.")
]
Json = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def show_report(nw: App, report: SyncReport) -> None:
    say = nw.out.print
    what = f"{report.source} {report.place}"
    if report.up_to_date and not report.read:
        say(f"Nothing new in {what} since the last sync.", markup=False, highlight=False)
    else:
        say(f"{what}: {_count(report.read, 'message')} read.", markup=False, highlight=False)
    verb = "would be logged" if report.dry_run else "logged"
    lines = [
        (report.added, f"{_count(report.added, 'touch', 'touches')} {verb}"),
        (
            report.added_from_before,
            f"{_count(report.added_from_before, 'touch', 'touches')} {verb} from earlier "
            "messages with people added since",
        ),
        (
            report.same_day,
            f"{_count(report.same_day, 'message')} with someone already counted "
            "that day (once per person, day and direction)",
        ),
        (
            report.seen_before,
            f"{_count(report.seen_before, 'message')} read before (another sync, folder or source)",
        ),
        (
            report.deleted,
            f"{_count(report.deleted, 'message')} whose touch you deleted: not logged again",
        ),
    ]
    for n, line in lines:
        if n or line.endswith(verb):
            say(f"  {line}", markup=False, highlight=False)
    left_out = sum(report.left_out.values())
    if left_out:
        say(f"Left out: {_count(left_out, 'message')}", markup=False, highlight=False)
        for reason, n in report.left_out.most_common():
            say(f"  {reason.value}: {n:,}", markup=False, highlight=False)
    if report.strangers:
        parts = []
        if report.wrote_to_strangers:
            n = report.wrote_to_strangers
            parts.append(
                f"you wrote to {_count(n, 'person', 'people')} "
                f"who {'is' if n == 1 else 'are'} not in netweave"
            )
        if report.strangers_wrote:
            parts.append(
                f"{_count(report.strangers_wrote, 'person', 'people')} not in netweave wrote to you"
            )
        say(("; ".join(parts) + ":").capitalize(), markup=False, highlight=False)
        top = report.top_strangers()
        for s in top:
            name = f" ({s.name})" if s.name else ""
            say(
                f"  {s.handle}{name}: {s.wrote_to} from you, {s.wrote_you} to you",
                markup=False,
                highlight=False,
            )
        if len(report.strangers) > len(top):
            say(f"  ... and {len(report.strangers) - len(top):,} more", highlight=False)
        say(
            "Add those you know ('netweave person add NAME --email ADDRESS') and sync again: "
            "their days are logged then.",
            markup=False,
            highlight=False,
        )
    if report.dry_run:
        say("Dry run: nothing was written.")


def _render(nw: App, reports: list[SyncReport], json_out: bool) -> None:
    if json_out:
        emit_json(nw, [r.as_json() for r in reports] if len(reports) != 1 else reports[0].as_json())
        return
    for report in reports:
        show_report(nw, report)


@app.command("mbox")
def mbox(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="An mbox file (Google Takeout, Thunderbird).")],
    dry_run: DryRun = False,
    json_out: Json = False,
) -> None:
    """Log touches from an mbox file; a later sync reads only what was added to it."""
    from netweave.services.mail_sources import sync_mbox

    nw = app_of(ctx)
    _render(nw, [sync_mbox(nw.store(), nw.ws, path, dry_run=dry_run, now=nw.now())], json_out)


@app.command("maildir")
def maildir(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="A Maildir (with cur/ and new/), and its subfolders.")
    ],
    dry_run: DryRun = False,
    json_out: Json = False,
) -> None:
    """Log touches from a Maildir and its subfolders (.Sent, .Archive, ...)."""
    from netweave.services.mail_sources import sync_maildir

    nw = app_of(ctx)
    _render(nw, [sync_maildir(nw.store(), nw.ws, path, dry_run=dry_run, now=nw.now())], json_out)


@app.command("linkedin")
def linkedin(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="messages.csv from LinkedIn's data export.")],
    dry_run: DryRun = False,
    json_out: Json = False,
) -> None:
    """Log message touches from LinkedIn's messages.csv (people matched by profile or name)."""
    from netweave.services.mail_sources import sync_linkedin

    nw = app_of(ctx)
    _render(nw, [sync_linkedin(nw.store(), nw.ws, path, dry_run=dry_run, now=nw.now())], json_out)


@app.command("imap")
def imap_(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="The IMAP server, e.g. imap.gmail.com.")],
    user: Annotated[str, typer.Option("--user", help="The account's user name.")],
    folder: Annotated[
        list[str] | None,
        typer.Option("--folder", help="A folder to read (repeat for several; default INBOX)."),
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Default 993 (SSL) or 143.")] = None,
    ssl: Annotated[
        bool, typer.Option("--ssl/--starttls", help="SSL from the start, or STARTTLS on 143.")
    ] = True,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="No encryption: only for a server on this machine."),
    ] = False,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            help="A file holding the password, readable by you only (chmod 600). "
            "Default: the OS keyring (service 'netweave', user USER@HOST).",
        ),
    ] = None,
    dry_run: DryRun = False,
    json_out: Json = False,
) -> None:
    """Log touches from an IMAP account (read-only, headers only).

    Each folder is read from where its last sync stopped.
    """
    from netweave.mail.credentials import password_from_file, password_from_keyring
    from netweave.mail.imap import Account, Security
    from netweave.services.mail_sources import sync_imap

    nw = app_of(ctx)
    security = Security.PLAIN if plain else Security.SSL if ssl else Security.STARTTLS
    account = Account(host=host.strip(), user=user.strip(), port=port, security=security)
    password = (
        password_from_file(password_file)
        if password_file is not None
        else password_from_keyring(account.user, account.host)
    )
    reports = sync_imap(
        nw.store(), nw.ws, account, password, folder or ["INBOX"], dry_run=dry_run, now=nw.now()
    )
    _render(nw, reports, json_out)


@app.command("suggestions")
def suggestions(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many to list.")] = 30,
    json_out: Json = False,
) -> None:
    """People on your synced mail who are not in netweave yet, the busiest first.

    Add those you know: the next sync logs the days you wrote.
    """
    from netweave.services.mail_sync import suggestions as find

    nw = app_of(ctx)
    found = find(nw.store(), nw.ws)
    if json_out:
        emit_json(
            nw,
            {
                "you_wrote_to": found.you_wrote_to,
                "wrote_to_you": found.wrote_to_you,
                "people": found.people[:limit],
            },
        )
        return
    if not found.people:
        nw.out.print("Everyone on the mail synced so far is in netweave.")
        return
    n = found.you_wrote_to
    nw.out.print(
        f"You wrote to {_count(n, 'person', 'people')} who {'is' if n == 1 else 'are'} not in "
        f"netweave; {_count(found.wrote_to_you, 'person', 'people')} not in netweave wrote to you.",
        markup=False,
        highlight=False,
    )
    for s in found.people[:limit]:
        name = f" ({s.name})" if s.name else ""
        nw.out.print(
            f"  {s.handle}{name}: {_count(s.wrote_to, 'day')} you wrote, "
            f"{_count(s.wrote_you, 'day')} they wrote",
            markup=False,
            highlight=False,
        )
    if len(found.people) > limit:
        nw.out.print(f"  ... and {len(found.people) - limit:,} more (--limit)", highlight=False)
    nw.out.print(
        "Add those you know ('netweave person add NAME --email ADDRESS'); the next sync logs "
        "their days.",
        markup=False,
        highlight=False,
    )


__all__ = ["app", "show_report"]
