"""Contact logs: a CSV of interactions kept by hand or written by another tool.

The header names the columns, in any order and any case::

    time,participants,kind,duration_minutes,notes
    2026-03-05T12:30:00+01:00,me; Ann Lee <ann@example.com>,meal,45,Lunch at Café Nord
    2026-03-06 09:00,me; bob@example.com; Carla Diaz,call,20,

- ``time`` (required): ISO 8601, with or without an offset (without one it is
  read in the caller's zone); a bare date means noon.
- ``participants`` (required): people separated by ``;``, each a name, an
  email address, or ``Name <email>``; ``me`` is the workspace owner. An
  interaction needs two different people, so a log of my own meetings lists
  ``me`` too.
- ``kind``: one of netweave's interaction kinds (one-on-one, call, meal,
  event-conversation, email, message, other; spaces or underscores for dashes
  are fine); blank means other.
- ``duration_minutes`` (or ``duration``): minutes; fractions keep seconds (0.5 is 30 s).
- ``notes``: free text.

Every participant becomes a contact, the same one wherever the same email (or,
without one, the same name) appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, tzinfo

from netweave.domain.identity import fold
from netweave.domain.kinds import InteractionKind
from netweave.importers._contact import ContactParts, clean, finish
from netweave.importers._table import Row, read_rows
from netweave.importers.detect import DecodedText
from netweave.importers.limits import MAX_LOG_ROWS
from netweave.importers.model import (
    OWNER_REF,
    ContactDraft,
    Format,
    InteractionDraft,
    InteractionStream,
    ParsedFile,
    Problem,
    Source,
)

HEADER = ("time", "participants", "kind", "duration_minutes", "notes")
_NAMED_EMAIL = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]+)>$")
_OWNER_WORDS = frozenset({"me", "myself", "i"})
_MAX_MINUTES = 7 * 24 * 60
_KINDS = ", ".join(kind.value for kind in InteractionKind)


class _RowError(ValueError):
    """A row that cannot be imported, with the reason in words."""


def _moment(text: str | None, zone: tzinfo) -> datetime:
    if not text:
        raise _RowError("the time is empty")
    cleaned = text.strip().replace(" ", "T", 1) if len(text.strip()) > 10 else text.strip()
    try:
        if len(cleaned) == 10:
            moment = datetime.combine(datetime.fromisoformat(cleaned).date(), time(12, 0))
        else:
            moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        raise _RowError(
            f"{text!r} is not a time (use 2026-03-05T18:30, an offset is optional)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _kind(text: str | None) -> InteractionKind:
    if not text:
        return InteractionKind.OTHER
    value = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    try:
        return InteractionKind(value)
    except ValueError:
        raise _RowError(f"{text!r} is not a kind of interaction (one of {_KINDS})") from None


def _duration(text: str | None, source: Source, problems: list[Problem]) -> int | None:
    if not text:
        return None
    try:
        minutes = float(text.strip())
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= _MAX_MINUTES:
        problems.append(
            Problem(source, f"{text!r} is not a duration in minutes; left out", skipped=False)
        )
        return None
    return round(minutes * 60)


class _People:
    """The contacts of one log: one draft per email, or per name without one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.drafts: dict[str, ContactDraft] = {}
        self.problems = problems

    def resolve(self, written: str, source: Source) -> tuple[str, ContactDraft | None]:
        """The ref of a participant as written, and its draft if it is new."""
        text = written.strip().strip('"').strip()
        if fold(text) in _OWNER_WORDS:
            return OWNER_REF, None
        match = _NAMED_EMAIL.match(text)
        name, email = (clean(match["name"]), match["email"].strip()) if match else (text, None)
        if email is None and "@" in text and " " not in text:
            name, email = None, text
        ref = f"email:{email.lower()}" if email else f"name:{fold(name or '')}"
        if ref in self.drafts:
            return ref, None
        parts = ContactParts(source=source, ref=ref, full_name=name)
        parts.email(email)
        draft, problems = finish(parts)
        if draft is None or (email and not draft.emails):
            self.problems.extend(problems)
            raise _RowError(f"the participant {text!r} is neither a name nor an email address")
        return ref, draft


def _interaction(
    row: Row, source: Source, people: _People, zone: tzinfo, problems: list[Problem]
) -> InteractionDraft:
    occurred_at = _moment(row.get("time"), zone)
    kind = _kind(row.get("kind"))
    refs: list[str] = []
    new: dict[str, ContactDraft] = {}
    for written in (row.get("participants") or "").split(";"):
        if written.strip():
            ref, draft = people.resolve(written, source)
            refs.append(ref)
            if draft is not None:
                new.setdefault(ref, draft)
    refs = list(dict.fromkeys(refs))
    if len(refs) < 2:
        raise _RowError("an interaction needs two different people (write 'me' for yourself)")
    interaction = InteractionDraft(
        source=source,
        kind=kind,
        occurred_at=occurred_at,
        participants=tuple(refs),
        duration_seconds=_duration(row.get("duration_minutes", "duration"), source, problems),
        in_person=None,
        notes=clean(row.get("notes")),
    )
    people.drafts.update(new)  # only now: a row left out brings in no one
    return interaction


def parse(decoded: DecodedText, *, zone: tzinfo = UTC) -> ParsedFile:
    """Every row of a contact log as an InteractionDraft, its people as ContactDrafts.

    A log may hold millions of rows (:data:`netweave.importers.limits.MAX_LOG_ROWS`),
    so its interactions are not held: this reads every row once for its people, its
    problems and its count, and the ParsedFile's ``interactions`` read the rows again
    each time they are iterated (an :class:`InteractionStream`, the same drafts in the
    same order, one at a time).
    """
    table_problems: list[Problem] = []
    problems: list[Problem] = []
    people = _People(problems)
    rows = good = 0
    for row in _rows(decoded, table_problems):
        rows += 1
        source = Source(decoded.file, f"line {row.line}", row.line)
        try:
            _interaction(row, source, people, zone, problems)
            good += 1
        except _RowError as error:
            problems.append(Problem(source, f"{error}; row left out"))

    def again() -> Iterator[InteractionDraft]:
        ignored: list[Problem] = []  # told by the first reading
        again_people = _People(ignored)
        for row in _rows(decoded, ignored):
            source = Source(decoded.file, f"line {row.line}", row.line)
            try:
                draft = _interaction(row, source, again_people, zone, ignored)
            except _RowError:
                continue  # told by the first reading
            finally:
                ignored.clear()
            yield draft

    return ParsedFile(
        file=decoded.file,
        format=Format.CONTACT_LOG,
        encoding=decoded.encoding,
        records=rows + sum(1 for p in table_problems if p.skipped),
        contacts=tuple(people.drafts.values()),
        interactions=InteractionStream(good, again),
        problems=(*table_problems, *problems),
    )


def _rows(decoded: DecodedText, problems: list[Problem]) -> Iterator[Row]:
    return read_rows(
        decoded,
        Format.CONTACT_LOG,
        "contact log (time,participants,...)",
        problems,
        limit=MAX_LOG_ROWS,
    )


__all__ = ["HEADER", "parse"]
