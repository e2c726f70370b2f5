"""What the Python API's arguments mean: people, events and moments named as on the
command line (see :mod:`netweave.api`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from types import TracebackType
from typing import Any, Self

from netweave.domain import Event, Person, Workspace
from netweave.domain.dates import (
    OUTSIDE,
    Direction,
    in_calendar,
    parse_date,
    parse_datetime,
    utc_now,
)
from netweave.errors import InvalidInput
from netweave.services import events, people
from netweave.services.database import Store

Ref = str | int
"""A person, event or group: an id, or a reference as typed on the command line."""
When = datetime | date | str | None
"""A moment: a datetime (naive = in the workspace's zone), a date (its noon), a text as the
command line takes it, or None (now)."""


class Base:
    """One workspace of a netweave database, and how arguments name its records."""

    def __init__(self, store: Store, workspace: Workspace) -> None:
        self.store = store
        self.workspace = workspace
        self.ws: int = workspace.id

    # -- lifetime --------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- what the arguments mean ----------------------------------------------------

    def person(self, ref: Ref) -> Person:
        """The person ``ref`` names."""
        return people.find_person(self.store, self.ws, text_of(ref))

    def event(self, ref: Ref) -> Event:
        """The event ``ref`` names."""
        return events.find_event(self.store, self.ws, text_of(ref))

    @property
    def pinned_today(self) -> date | None:
        """The day this workspace is seen from instead of the calendar's (the demo's), or None."""
        return self.workspace.settings.pinned_today

    def now(self) -> datetime:
        """Now as the workspace sees it: a pinned workspace (the demo) lives on its own day."""
        return self.workspace.settings.now(utc_now())

    def moment(
        self, when: When, what: str = "as_of", direction: Direction = Direction.PAST
    ) -> datetime:
        """``when`` as an aware moment (UTC), read in the workspace's time zone.

        A text is read as the command line reads it; ``direction`` places a day typed
        without its year ("Nov 3"): the latest one (past), the next one (future) or the
        nearer one (nearest), as :mod:`netweave.domain.dates` says.
        """
        zone = self.workspace.settings.zone
        now = self.now()
        try:
            if when is None:
                return now
            if isinstance(when, datetime):
                aware = when if when.tzinfo else when.replace(tzinfo=zone)
                return in_calendar(aware.astimezone(UTC))
            if isinstance(when, date):  # noon, as a typed date means (see parse_datetime)
                return in_calendar(datetime.combine(when, time(12), zone).astimezone(UTC))
        except (OverflowError, ValueError):
            raise InvalidInput(f"{when} {OUTSIDE}", field=what) from None
        if not isinstance(when, str):
            raise InvalidInput(
                f"expected a datetime, a date or a text such as '2026-11-02', not {when!r}",
                field=what,
            )
        return parse_datetime(when, now=now, zone=zone, direction=direction, field=what)

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self.workspace.settings.zone).date()

    def past_day(self, when: date | str | None, what: str) -> date | None:
        """A day that was (joined on, left on) given as a date or a text ("2025-03-01",
        "Nov 3" is the latest such day); None stays None."""
        if when is None or (isinstance(when, date) and not isinstance(when, datetime)):
            return when
        if isinstance(when, datetime):
            return self._day(self.moment(when, what))
        return parse_date(when, today=self._day(self.now()), direction=Direction.PAST, field=what)

    def day(self, when: date | str | None, what: str, *, today: date | None = None) -> date | None:
        """A day ahead (a due date) given as a date, a datetime (its day in the workspace's
        zone) or a text as the command line takes it ("in 3 days", "Nov 9"); None stays
        None."""
        if when is None:
            return None
        if isinstance(when, datetime):
            return self._day(self.moment(when, what, Direction.FUTURE))
        if isinstance(when, date):
            return when
        if not isinstance(when, str):
            raise InvalidInput(
                f"expected a date or a text such as '2026-11-09', not {when!r}", field=what
            )
        return parse_date(
            when, today=today or self._day(self.now()), direction=Direction.FUTURE, field=what
        )

    def _id(self, ref: Ref) -> int:
        found = self.person(ref).id
        assert found is not None
        return found

    @staticmethod
    def _removed_id(ref: Ref, find: Callable[[Ref], Any], key: str | None) -> int:
        """The id of the record a removal names. With an idempotency key and an id, the id
        as given: a removal sent again under its key finds nothing to look up, and its
        command answers as the first time did."""
        if key is not None and isinstance(ref, int) and not isinstance(ref, bool):
            return ref
        found: int = find(ref).id
        return found


def text_of(ref: Ref) -> str:
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise InvalidInput(f"expected an id or a name, not {ref!r}", field="person")
    return f"#{ref}" if isinstance(ref, int) else ref


def refs_of(refs: Ref | Sequence[Ref]) -> list[Ref]:
    """One reference or several: a lone name is one person, not its letters."""
    return [refs] if isinstance(refs, int | str) else list(refs)


__all__ = ["Base", "Ref", "When", "refs_of", "text_of"]
