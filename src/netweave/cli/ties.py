"""`netweave ties`: tie strength as a table, JSON or CSV (its own module: it starts without
the weekly review's)."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer

from netweave.cli.context import app_of
from netweave.errors import InvalidInput
from netweave.services import ties as ties_service

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Use only records up to this moment (default: now).", metavar="WHEN"
    ),
]


def ties(
    ctx: typer.Context,
    as_of: AsOf = None,
    all_pairs: Annotated[
        bool, typer.Option("--all-pairs", help="Every pair with a record, not only yours.")
    ] = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Write a,b,strength as CSV.")] = False,
    json_out: Json = False,
) -> None:
    """Tie strength as of a moment, from records up to it: yours, or every pair's."""
    nw = app_of(ctx)
    if csv_out and json_out:
        raise InvalidInput("choose --csv or --json, not both", field="csv")
    rows = ties_service.tie_table(nw.store(), nw.ws, nw.moment(as_of, "as-of"), all_pairs=all_pairs)
    if csv_out:
        from netweave.exporters.cells import neutralize

        # Each name made safe once (a spreadsheet must not run it), not once per row.
        cells = {name: neutralize(name) for row in rows for name in row[:2]}
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["a", "b", "strength"])
        if all(safe is name for name, safe in cells.items()):
            writer.writerows(rows)
        else:
            writer.writerows((cells[a], cells[b], s) for a, b, s in rows)
        return
    from netweave.cli.output import emit_json, table

    if json_out:
        emit_json(nw, [{"a": a, "b": b, "strength": s} for a, b, s in rows])
    else:
        table(nw, "Tie strength", ["a", "b", "strength"], [(a, b, f"{s:.2f}") for a, b, s in rows])


__all__ = ["AsOf", "Json", "ties"]
