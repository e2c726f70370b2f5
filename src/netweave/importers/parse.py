"""One entry point for every format: bytes (or a path) in, a ParsedFile out.

The format comes from the content unless the caller names it (``--format``).
The options only matter to some formats: ``zone`` for times written without a
zone (iCalendar floating times, contact logs), ``window`` for expanding
recurring events, ``start`` and ``groups`` for proximity logs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from importlib import import_module
from pathlib import Path
from types import ModuleType

from netweave.domain.dates import ensure_utc
from netweave.errors import InvalidInput
from netweave.importers import (
    contact_log,
    from_disk,
    google,
    limits,
    linkedin,
    outlook,
    sociopatterns,
)
from netweave.importers.detect import DecodedText, decode, detect
from netweave.importers.model import ContactStream, Format, ParsedFile


@dataclass(frozen=True, slots=True)
class GroupsFile:
    """The ``id<TAB>group`` metadata that goes with a proximity log (``--groups FILE``)."""

    name: str
    data: bytes

    @classmethod
    def read(cls, path: str | Path) -> GroupsFile:
        return cls(name=Path(path).name, data=read_bytes(Path(path)))


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """What a caller may choose about reading a file; the defaults suit most files.

    - ``zone``: the zone of times written without one (the workspace's zone);
    - ``window``: ``(from, until)`` over which recurring events are expanded
      (naive bounds are read in ``zone``); None expands each series over the
      year after its first start;
    - ``start``: the moment ``t = 0`` of a proximity log (default: the Unix epoch, UTC);
    - ``groups``: the metadata file of a proximity log.
    """

    zone: tzinfo = UTC
    window: tuple[datetime, datetime] | None = None
    start: datetime = sociopatterns.EPOCH
    groups: GroupsFile | None = None


def read_bytes(path: Path) -> bytes:
    """The content of the file at ``path``, read within :mod:`.limits` (a file too large,
    or with a line too long, is refused before it is read whole)."""
    with _readable(path):
        return limits.read_path(path)


def file_size(path: Path) -> int:
    """The size of the file at ``path``; InvalidInput (:func:`read_bytes`'s) if it cannot
    be read."""
    with _readable(path), path.open("rb") as stream:
        return os.fstat(stream.fileno()).st_size


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Reading the file at ``path``: why it cannot be read, in words (InvalidInput)."""
    try:
        yield
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise InvalidInput(f"{path} cannot be read (permission denied)") from None


def open_path(
    path: Path, *, format: Format | None = None, options: ParseOptions | None = None
) -> tuple[ParsedFile | ContactStream, str] | None:
    """:func:`stream_bytes` of a long file of a format read from disk as it is used
    (:mod:`.from_disk`: a contact log), with the file's SHA-256; None for other files,
    which are read whole (:func:`read_bytes`)."""
    with _readable(path):
        decoded = from_disk.open_text(path, format)
        if decoded is None:
            return None
        digest = from_disk.digest(path)
    options = _checked(options)
    return _parsers(options)[format or detect(decoded)](decoded), digest


def _load(name: str) -> ModuleType:
    """The reader of one format, imported when a file of it is read."""
    return import_module(f"netweave.importers.{name}")


def _parsers(options: ParseOptions) -> dict[Format, Callable[[DecodedText], ParsedFile]]:
    groups = options.groups
    # vCard and iCalendar readers load their libraries (vobject, icalendar: 4 and 30 MB of
    # a process's memory, a tenth and a third of a second) only for their own files.
    return {
        Format.LINKEDIN: linkedin.parse,
        Format.GOOGLE: google.parse,
        Format.OUTLOOK: outlook.parse,
        Format.VCARD: lambda d: _load("vcard").parse(d),
        Format.ICAL: lambda d: _load("ical").parse(d, zone=options.zone, window=options.window),
        Format.CONTACT_LOG: lambda d: contact_log.parse(d, zone=options.zone),
        Format.SOCIOPATTERNS: lambda d: sociopatterns.parse(
            d,
            start=options.start,
            groups=decode(groups.data, groups.name) if groups else None,
        ),
    }


def _streams() -> dict[Format, Callable[[DecodedText], ContactStream]]:
    return {
        Format.LINKEDIN: linkedin.stream,
        Format.GOOGLE: google.stream,
        Format.OUTLOOK: outlook.stream,
        Format.VCARD: lambda d: _load("vcard").stream(d),
    }


def parse_bytes(
    data: bytes,
    file: str,
    *,
    format: Format | None = None,
    options: ParseOptions | None = None,
) -> ParsedFile:
    """Drafts of everything in ``data``, the content of the file named ``file``.

    InvalidInput (naming the file and the reason) when the file is empty,
    binary, in an unknown encoding, cut off, past a limit of :mod:`.limits`
    (size, line length, records), or not of the format given or of any format
    netweave reads. Bad rows, cards and events are not errors: they
    are the ParsedFile's problems.
    """
    decoded, found, options = _prepare(data, file, format, options)
    return _parsers(options)[found](decoded)


def stream_bytes(
    data: bytes,
    file: str,
    *,
    format: Format | None = None,
    options: ParseOptions | None = None,
) -> ParsedFile | ContactStream:
    """:func:`parse_bytes`, but the contacts of a contacts file (LinkedIn, Google, Outlook,
    vCard) are read one at a time as they are used (:class:`ContactStream`): an import
    then never holds them all. Errors found only at the end of the file (a file cut off)
    are raised when the stream gets there."""
    decoded, found, options = _prepare(data, file, format, options)
    streamed = _streams().get(found)
    return streamed(decoded) if streamed else _parsers(options)[found](decoded)


def _checked(options: ParseOptions | None) -> ParseOptions:
    options = options or ParseOptions()
    if options.window is not None:
        start, end = (ensure_utc(moment, options.zone) for moment in options.window)
        if end < start:
            raise InvalidInput("the window ends before it starts", field="window")
        options = replace(options, window=(start, end))
    return options


def _prepare(
    data: bytes, file: str, format: Format | None, options: ParseOptions | None
) -> tuple[DecodedText, Format, ParseOptions]:
    """The decoded text, its format and the options checked, or InvalidInput."""
    options = _checked(options)
    limits.check_size(file, data)
    decoded = decode(data, file)
    return decoded, format or detect(decoded), options


def parse_file(
    path: str | Path,
    *,
    format: Format | None = None,
    options: ParseOptions | None = None,
) -> ParsedFile:
    """:func:`parse_bytes` of the file at ``path``; problems name the file by its name."""
    path = Path(path)
    return parse_bytes(read_bytes(path), path.name, format=format, options=options)


__all__ = [
    "GroupsFile",
    "ParseOptions",
    "file_size",
    "open_path",
    "parse_bytes",
    "parse_file",
    "read_bytes",
    "stream_bytes",
]
