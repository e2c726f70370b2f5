"""What the `edit` subcommands share: the fields typed on the command line, and the
fields to empty (--clear), named as the options name them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

Clear = Annotated[
    list[str] | None,
    typer.Option("--clear", help="Empty a field, e.g. --clear notes.", metavar="FIELD"),
]


def typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields given (an option left out is None: that field stays as it is)."""
    return {name: value for name, value in values.items() if value is not None}


def cleared(names: Sequence[str] | None, options: Mapping[str, str]) -> list[str]:
    """The fields to empty: an option's name (``minutes``) stands for its field
    (``duration_minutes``); any other name is the record's own."""
    return [options.get(name, name.replace("-", "_")) for name in names or []]


__all__ = ["Clear", "cleared", "typed"]
