"""CSV exports read by column NAME: find the header, then give each row as a mapping.

Exports differ by era and locale in column order, preamble lines above the
header ("Notes:" in LinkedIn's) and line endings; values may hold commas and
line breaks inside quotes. Reading by position breaks on every variant, so
the header row is found by its names and each value is looked up by name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from netweave.errors import InvalidInput
from netweave.exporters.cells import read_cell
from netweave.importers._contact import ContactParts, finish
from netweave.importers.detect import DecodedText, csv_format
from netweave.importers.limits import MAX_RECORDS, too_many
from netweave.importers.model import (
    ContactDraft,
    ContactStream,
    Format,
    ParsedFile,
    Problem,
    Source,
    collected,
)

_HEADER_SCAN_ROWS = 30
MULTI_SEPARATOR = " ::: "


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its first line in the file, and its values by lowercased header name."""

    line: int
    values: dict[str, str]

    def get(self, *names: str) -> str | None:
        """The first non-blank value among the columns ``names`` (any case).

        A cell that a spreadsheet-safe export quoted (``'=SUM(1)``) is read without its
        quote (:func:`netweave.exporters.cells.read_cell`).
        """
        values = self.values
        for name in names:
            value = values.get(name.lower())
            if value:
                value = value.strip()
                if value:
                    return read_cell(value) if value[0] == "'" else value
        return None

    def numbered(self, pattern: re.Pattern[str]) -> list[tuple[int, str, str]]:
        """``(number, column, value)`` for columns like ``E-mail 2 - Value``, in number order.

        ``pattern`` matches a lowercased column name and captures its number.
        """
        found = []
        for column, value in self.values.items():
            match = pattern.match(column)
            if match and value.strip():
                found.append((int(match[1]), column, read_cell(value.strip())))
        return sorted(found)


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[Row]
    problems: list[Problem]


def split_multi(value: str | None) -> list[str]:
    """Google's several values in one cell: ``a@x.com ::: b@y.com``."""
    if not value:
        return []
    return [part.strip() for part in value.split(":::") if part.strip()]


def _ends_inside_quotes(text: str) -> bool:
    """Whether CSV ``text`` ends inside a quoted value: the file was cut off."""
    inside = False
    at_field_start = True
    index = 0
    while index < len(text):
        ch = text[index]
        if inside:
            if ch == '"':
                if text[index + 1 : index + 2] == '"':
                    index += 1
                else:
                    inside = False
        elif ch == '"' and at_field_start:
            inside = True
        at_field_start = not inside and ch in ",\r\n"
        index += 1
    return inside


def read_table(decoded: DecodedText, expected: Format, description: str) -> Table:
    """The header and rows of a CSV of the ``expected`` format; InvalidInput if it is not one.

    ``description`` names the header for messages ("LinkedIn connections").
    """
    problems: list[Problem] = []
    header: list[str] = []
    rows = list(read_rows(decoded, expected, description, problems, header=header))
    return Table(header=header, rows=rows, problems=problems)


def read_rows(
    decoded: DecodedText,
    expected: Format,
    description: str,
    problems: list[Problem],
    *,
    limit: int = MAX_RECORDS,
    header: list[str] | None = None,
) -> Iterator[Row]:
    """The rows of a CSV of the ``expected`` format, one at a time (:func:`read_table`).

    Rows it leaves out go to ``problems``; ``header``, when given, receives the
    header's names. More than ``limit`` rows, no header, or a file cut off raise
    InvalidInput (the last two once every row is read).
    """
    file = decoded.file
    lines = _Recent(decoded.lines())
    reader = csv.reader(lines)
    found: list[str] | None = None
    last_start = 0
    previous_end = 0
    count = 0
    keys: tuple[str, ...] = ()
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            filled = any(map(str.strip, cells))  # a cell not blank (map: no generator a row)
            lines.row(values=found is not None and filled)
            if found is None:
                if csv_format(cells) == expected:
                    found = [c.strip() for c in cells]
                    keys = _keys(found)
                    if header is not None:
                        header.extend(found)
                elif start > _HEADER_SCAN_ROWS:
                    break
                continue
            if not filled:
                continue
            last_start = start
            if count >= limit:
                raise too_many(file, "more than", "rows", limit, start)
            count += 1
            row = _row(file, start, found, keys, cells, problems)
            if row is not None:
                yield row
    except csv.Error as error:
        raise InvalidInput(
            f"{file} is not readable as CSV near line {reader.line_num}: {error}"
        ) from None
    if found is None:
        raise InvalidInput(
            f"{file} has no {description} header in its first {_HEADER_SCAN_ROWS} lines",
            hint=f"is it really a {expected.value} export? Otherwise leave out --format",
        )
    if last_start and _ends_inside_quotes(lines.tail()):
        raise InvalidInput(
            f"{file} looks cut off: the value that starts on line {last_start} never ends "
            "(a quote is left open at the end of the file)",
            hint="export or download the file again",
        )


class _Recent:
    """The lines a CSV reader reads, keeping those from the last row that held values on:
    the end of the file from that row tells whether it was cut off inside a quote."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._next = lines.__next__
        self._kept: list[str] = []
        self._row: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._next()
        self._row.append(line)
        return line

    def row(self, *, values: bool) -> None:
        """The row just read: one with values starts the kept lines again."""
        if values:
            self._kept = self._row
        else:
            self._kept.extend(self._row)
        self._row = []

    def tail(self) -> str:
        """The lines from the last row with values to the end of what was read."""
        return "".join(self._kept + self._row)


def _keys(header: list[str]) -> tuple[str, ...]:
    """The lowercased header names when no two are alike (each value is then its column's);
    empty when some are, and the first non-blank of alike columns is wanted."""
    keys = tuple(name.lower() for name in header)
    return keys if len(set(keys)) == len(keys) else ()


def _row(
    file: str,
    line: int,
    header: list[str],
    keys: tuple[str, ...],
    cells: list[str],
    problems: list[Problem],
) -> Row | None:
    if len(cells) <= len(header):
        if keys:
            # zip stops at the shorter (not strict), said without a keyword: a third quicker.
            return Row(line, dict(zip(keys, cells)))  # noqa: B905
    elif any(c.strip() for c in cells[len(header) :]):
        problems.append(
            Problem(
                Source(file, f"line {line}", line),
                f"the row has {len(cells)} values but the header names {len(header)} columns "
                "(a comma inside a value that is not quoted?); row left out",
            )
        )
        return None
    values: dict[str, str] = {}
    for name, value in zip(header, cells, strict=False):
        key = name.lower()
        if key not in values or not values[key].strip():
            values[key] = value
    return Row(line=line, values=values)


def parse_contact_table(
    decoded: DecodedText,
    expected: Format,
    description: str,
    contact: Callable[[Row, Source, list[Problem]], ContactParts | None],
) -> ParsedFile:
    """Every row of a contacts CSV as a ContactDraft, ``contact`` mapping one row (None: the
    row is left out, the problem that says why already in the list it is given)."""
    return collected(stream_contact_table(decoded, expected, description, contact))


def stream_contact_table(
    decoded: DecodedText,
    expected: Format,
    description: str,
    contact: Callable[[Row, Source, list[Problem]], ContactParts | None],
) -> ContactStream:
    """:func:`parse_contact_table`, the rows read one at a time (:class:`ContactStream`)."""
    table_problems: list[Problem] = []
    problems: list[Problem] = []
    rows = 0
    file, encoding = decoded.file, decoded.encoding
    decoded = replace(decoded, data=b"")  # the rows are read from the text

    def contacts() -> Iterator[ContactDraft]:
        nonlocal rows
        for row in read_rows(decoded, expected, description, table_problems):
            rows += 1
            source = Source(decoded.file, f"line {row.line}", row.line)
            parts = contact(row, source, problems)
            if parts is None:
                continue
            draft, found = finish(parts)
            problems.extend(found)
            if draft is not None:
                yield draft

    def done() -> ParsedFile:
        return ParsedFile(
            file=file,
            format=expected,
            encoding=encoding,
            records=rows + sum(1 for p in table_problems if p.skipped),
            problems=(*table_problems, *problems),
        )

    return ContactStream(decoded.file, expected, contacts(), done)


__all__ = [
    "MULTI_SEPARATOR",
    "Row",
    "Table",
    "parse_contact_table",
    "read_rows",
    "read_table",
    "split_multi",
    "stream_contact_table",
]
