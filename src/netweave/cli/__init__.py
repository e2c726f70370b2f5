"""The `netweave` command: one module per noun, each command a few lines over one service.

The commands are listed in :mod:`netweave.cli.commands` and loaded when they run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # not typing's: importing typing is a tenth of a preloaded command
if TYPE_CHECKING:
    from netweave.cli.app import cli

_NO_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `netweave` command."""
    if argv is None:
        # A preload process runs it, if one is there (netweave.preload): this process then
        # imports nothing more than the socket's client.
        from netweave.preload.client import run_preloaded

        code = run_preloaded(sys.argv)
        if code is not None:
            raise SystemExit(code)
    run_here(argv, whole_process=argv is None)


def run_here(argv: Sequence[str] | None, *, whole_process: bool = True) -> None:
    """Run the command in this process (``argv`` without the program's name; ``None``: this
    process's own command line)."""
    from netweave.collector import start_up

    # Until the command is loaded, what is made lives as long as the process: no cycle
    # collection for it (netweave.collector; LazyCommand resumes it). Without ``argv`` this
    # is the process's own command line (``netweave``, ``python -m netweave``).
    if whole_process:
        # No pydantic plugins for the command (unless the variable says which): looking
        # for them reads the metadata of every installed package when the first record
        # is validated, about 6% of `netweave person list` (issue 16). Typer turns them
        # off for its own parameters the same way.
        os.environ.setdefault(_NO_PLUGINS, "__all__")
    with start_up(whole_process=whole_process):
        from netweave.cli.app import run

        run(argv)


def __getattr__(name: str) -> object:
    if name == "cli":  # the Typer app, for those who embed the command (loaded on first use)
        from netweave.cli import app

        return app.cli
    raise AttributeError(f"module 'netweave.cli' has no attribute {name!r}")


__all__ = ["cli", "main", "run_here"]
