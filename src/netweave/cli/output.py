"""Rendering for the terminal and for scripts (--json).

Stored text is shown, never obeyed: a control character in it (an escape sequence that
would recolour the terminal, retitle its window or move the cursor; data stored before
netweave refused them, or read from a file) is printed as ``\\x1b``, by every helper
here and, as a last line of defence, by the console itself (:class:`SafeConsole`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.highlighter import JSONHighlighter
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from netweave.cli.console import SafeConsole
from netweave.cli.context import App
from netweave.controls import visible
from netweave.errors import InvalidInput


def plain(value: Any) -> Any:
    """JSON-ready data from records, lists and dicts of them."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


_UNESCAPED = re.compile(r"[\x7f-\x9f]")
"""What ``json.dumps`` leaves raw (it escapes C0 itself): DEL and the C1 controls."""


def emit_json(app: App, value: Any) -> None:
    text = json.dumps(plain(value), ensure_ascii=False, indent=2)
    text = _UNESCAPED.sub(lambda found: f"\\u{ord(found[0]):04x}", text)
    shown = JSONHighlighter()(Text(text))
    shown.no_wrap, shown.overflow = True, None
    app.out.print(shown, soft_wrap=True)


def table(
    app: App, title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    grid = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(Text("" if cell is None else visible(str(cell))) for cell in row))
    app.out.print(grid)


def done(app: App, message: str) -> None:
    """One line saying what a command changed (user text in it is never markup)."""
    app.out.print(Text(visible(message)))


def fields(app: App, title: str, pairs: Sequence[tuple[str, Any]]) -> None:
    """A record as label: value lines, skipping the empty ones."""
    app.out.print(f"[bold]{escape(visible(title))}[/bold]", highlight=False)
    for label, value in pairs:
        if value in (None, "", [], False):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        shown = escape(visible(shown))
        app.out.print(f"  [dim]{label}:[/dim] {shown}" if label else f"  {shown}", highlight=False)


STDOUT = Path("-")
"""The file name that means standard output, as in most command-line tools."""


def write_file(path: Path, data: str | bytes, field: str) -> None:
    """Write a file a command was asked for (``-``: standard output); a failure is the
    user's input, not a crash."""
    if path == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data if isinstance(data, bytes) else data.encode())
        sys.stdout.buffer.flush()
        return
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}", field=field) from None


__all__ = [
    "STDOUT",
    "SafeConsole",
    "done",
    "emit_json",
    "fields",
    "plain",
    "table",
    "visible",
    "write_file",
]
