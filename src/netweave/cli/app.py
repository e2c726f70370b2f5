"""The root of the `netweave` command: options every command shares, and error handling."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from netweave.cli.commands import BY_NAME, ENTRIES, Entry, build
from netweave.cli.console import SafeConsole
from netweave.cli.hints import describe
from netweave.collector import started
from netweave.config import Config
from netweave.errors import DEBUG_ENV, INTERNAL_ERROR, NetweaveError


class LazyCommand(TyperCommand):
    """Stands for a command in the root's help (its line); the real one is loaded, and
    takes over, when the command runs or shows its own help."""

    def __init__(self, entry: Entry) -> None:
        super().__init__(entry.name, help=entry.line, add_help_option=False)
        self.entry = entry

    def real(self) -> Any:
        return build(self.entry)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        context = self.real().make_context(info_name, args, parent=parent, **extra)
        started()  # loaded: what the command does is collected as usual (netweave.collector)
        return context


class LazyGroup(TyperGroup):
    """The root: its commands are :data:`netweave.cli.commands.ENTRIES`, loaded one by one."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [entry.name for entry in ENTRIES]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = BY_NAME.get(cmd_name)
        return LazyCommand(entry) if entry else None


cli = typer.Typer(
    cls=LazyGroup,
    name="netweave",
    help="netweave: a relationship-first manager for business networking.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@cli.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file or database URL (default: $NETWEAVE_DATABASE_URL, "
            "else netweave.db in your data directory).",
            metavar="PATH|URL",
        ),
    ] = None,
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace", "-w", help="Workspace name (default: the only one, or 'default')."
        ),
    ] = None,
) -> None:
    """netweave: a relationship-first manager for business networking."""
    from netweave.cli.context import App  # the services: not for `--help`

    out = SafeConsole(highlight=False)
    if not out.is_terminal:
        # Piped output is read by programs and pagers: do not wrap at 80 columns.
        out.width = 200
    app = App(
        config=Config.load(os.environ, db=db, workspace=workspace),
        out=out,
        err=SafeConsole(stderr=True, highlight=False, soft_wrap=True),
    )
    ctx.obj = app
    ctx.call_on_close(app.close)


@cache
def _command() -> Any:  # Typer's own (vendored) click Command
    """The click command Typer builds from ``cli`` (most of a run's own time): built once
    per process, since the commands do not change once registered."""
    return typer.main.get_command(cli)


def run(argv: Sequence[str] | None = None) -> None:
    """Run the command; errors become one message and an exit code, never a traceback."""
    err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
    try:
        _command().main(args=list(sys.argv[1:] if argv is None else argv), prog_name="netweave")
    except NetweaveError as error:
        err.print(f"[bold red]error:[/bold red] {escape(describe(error))}")
        raise SystemExit(error.exit_code) from None
    except KeyboardInterrupt:
        err.print("interrupted; nothing was changed by the unfinished step")
        raise SystemExit(130) from None
    except Exception as error:  # the last line of defence: no traceback reaches a user
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        err.print(
            f"[bold red]internal error:[/bold red] {escape(type(error).__name__)}: "
            f"{escape(_first_line(error))}\nThis is a bug in netweave; nothing was "
            f"half-written. Run again with {DEBUG_ENV}=1 for details and report it."
        )
        raise SystemExit(INTERNAL_ERROR) from None


def _first_line(error: Exception) -> str:
    """What an unexpected error says, without the statement and values a database driver's
    error carries on its later lines (SQL and personal data are not for the terminal)."""
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else ""


__all__ = ["INTERNAL_ERROR", "LazyCommand", "LazyGroup", "cli", "run"]
