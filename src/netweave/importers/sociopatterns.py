"""Face-to-face proximity logs from wearable badges, in the SocioPatterns ``t i j`` form.

Each line says persons ``i`` and ``j`` were face to face during the 20-second
interval ``[t - 20 s, t]``; ``t`` counts seconds from a start moment the caller
gives (the Unix epoch, UTC, by default). Values are separated by spaces or tabs;
CRLF line endings are fine; the order of ``i`` and ``j`` does not matter.

Consecutive records of the same pair (``t``, ``t + 20``, ``t + 40``, ...) are
one conversation: an ``event-conversation`` interaction that starts at the
first record's interval and lasts as long as the run (a lone record lasts
20 s). Each id becomes a person named by that id. An optional metadata file of
``id<TAB>group`` lines (a department, a class) makes each label a group
membership.

Speed matters (the SFHH conference log has 70,261 lines): one pass over the
lines into per-pair lists of times, then one sorted scan per pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from netweave.domain.kinds import InteractionKind
from netweave.errors import InvalidInput
from netweave.importers import limits
from netweave.importers.detect import DecodedText
from netweave.importers.model import (
    ContactDraft,
    Format,
    InteractionDraft,
    MembershipDraft,
    ParsedFile,
    Problem,
    Source,
)

RESOLUTION = 20
"""Seconds covered by one record; records this far apart continue a conversation."""

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def person_ref(badge: str) -> str:
    """The draft ``ref`` of the person wearing ``badge``."""
    return f"badge:{badge}"


def _badge_order(badge: str) -> tuple[int, int | str]:
    return (0, int(badge)) if badge.isdigit() else (1, badge)


def _read_contacts(
    decoded: DecodedText, problems: list[Problem]
) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """``(i, j)`` (sorted) → ``[(t, line), ...]`` for every readable line."""
    pairs: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    file = decoded.file
    for number, line in enumerate(decoded.text.splitlines(), 1):
        fields = line.split()
        if len(fields) == 3 and fields[0].isdigit():
            t, i, j = fields
            if i == j:
                problems.append(
                    Problem(
                        Source(file, f"line {number}", number), f"{i} is in contact with itself"
                    )
                )
                continue
            pairs[(i, j) if i < j else (j, i)].append((int(t), number))
        elif fields:
            shown = line.strip()[:60]
            problems.append(
                Problem(
                    Source(file, f"line {number}", number),
                    f"expected 't i j' (seconds, then two ids), found {shown!r}",
                )
            )
    return pairs


def _conversations(
    file: str,
    pairs: dict[tuple[str, str], list[tuple[int, int]]],
    start: datetime,
) -> list[InteractionDraft]:
    drafts: list[InteractionDraft] = []
    for (i, j), records in pairs.items():
        records.sort()
        participants = (person_ref(i), person_ref(j))
        first, first_line = records[0]
        last = first
        for t, line in records[1:]:
            if t - last <= RESOLUTION:  # the next 20 s (or the same record twice)
                last = t
                continue
            drafts.append(_conversation(file, first, last, first_line, participants, start))
            first, last, first_line = t, t, line
        drafts.append(_conversation(file, first, last, first_line, participants, start))
    drafts.sort(key=lambda d: (d.occurred_at, d.participants))
    return drafts


def _conversation(
    file: str, first: int, last: int, line: int, participants: tuple[str, str], start: datetime
) -> InteractionDraft:
    return InteractionDraft(
        source=Source(file, f"line {line}", line),
        kind=InteractionKind.EVENT_CONVERSATION,
        occurred_at=start + timedelta(seconds=first - RESOLUTION),
        participants=participants,
        duration_seconds=last - first + RESOLUTION,
        in_person=True,
    )


def _read_groups(groups: DecodedText, problems: list[Problem]) -> list[tuple[str, str, int]]:
    """``(badge, group, line)`` from ``id<TAB>group`` lines."""
    found = []
    for number, line in enumerate(groups.text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t") if "\t" in line else line.split(None, 1)
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            problems.append(
                Problem(
                    Source(groups.file, f"line {number}", number),
                    f"expected 'id<TAB>group', found {line.strip()[:60]!r}",
                )
            )
            continue
        found.append((fields[0].strip(), " ".join(fields[1].split()), number))
    return found


def parse(
    decoded: DecodedText, *, start: datetime = EPOCH, groups: DecodedText | None = None
) -> ParsedFile:
    """Conversations, people and (with ``groups``) memberships of a proximity log.

    ``start`` is the moment ``t = 0``; a naive one is taken as UTC.
    """
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    start = start.astimezone(UTC)
    problems: list[Problem] = []
    lines = (match.start() for match in re.finditer("\n", decoded.text))
    limits.check_count(decoded.file, lines, "lines", decoded.text, limits.MAX_LOG_LINES)
    pairs = _read_contacts(decoded, problems)
    if not pairs and problems:
        raise InvalidInput(
            f"{decoded.file} is not a proximity log of 't i j' lines: {problems[0]}",
            hint="each line holds seconds and two ids, such as '20 1467 1591'",
        )
    records = sum(len(times) for times in pairs.values()) + len(problems)
    interactions = _conversations(decoded.file, pairs, start)
    first_seen: dict[str, Source] = {}
    for draft in interactions:
        for ref in draft.participants:
            first_seen.setdefault(ref.removeprefix("badge:"), draft.source)
    memberships: list[MembershipDraft] = []
    if groups is not None:
        for badge, group, line in _read_groups(groups, problems):
            source = Source(groups.file, f"line {line}", line)
            first_seen.setdefault(badge, source)
            memberships.append(
                MembershipDraft(source=source, person=person_ref(badge), group=group)
            )
    contacts = tuple(
        ContactDraft(source=first_seen[badge], ref=person_ref(badge), name=badge, external_id=badge)
        for badge in sorted(first_seen, key=_badge_order)
    )
    return ParsedFile(
        file=decoded.file,
        format=Format.SOCIOPATTERNS,
        encoding=decoded.encoding,
        records=records,
        contacts=contacts,
        interactions=tuple(interactions),
        memberships=tuple(memberships),
        problems=tuple(problems),
    )


__all__ = ["EPOCH", "RESOLUTION", "parse", "person_ref"]
