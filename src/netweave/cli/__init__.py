"""The `netweave` command: one module per noun, each command a few lines over one service.

The commands are listed in :mod:`netweave.cli.commands` and loaded when they run.
"""

from __future__ import annotations

from collections.abc import Sequence

from netweave.cli.app import cli, run


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `netweave` command."""
    run(argv)


__all__ = ["cli", "main"]
