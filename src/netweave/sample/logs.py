"""Compact stores for the two biggest kinds: interactions and attendance.

At 100,000 people there are about a million interactions; typed arrays keep
them in tens of megabytes where pydantic objects would need gigabytes.
"""

from __future__ import annotations

from array import array

from netweave.domain import Attendance, AttendanceStatus, Interaction, InteractionKind
from netweave.sample.clock import as_datetime

_KINDS = tuple(InteractionKind)
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_STATUSES = tuple(AttendanceStatus)
_STATUS_CODE = {status: code for code, status in enumerate(_STATUSES)}

NOTES = (
    "",
    "Compared notes on who their best clients are.",
    "Went through their referral wish list.",
    "Talked about hiring their next person.",
    "Caught up on family and business.",
    "They asked for feedback on their pricing.",
    "Planned a joint workshop for spring.",
    "Discussed a prospect we both know.",
)


class InteractionLog:
    """Interactions as columns; people and events by provisional id, 0 for none."""

    def __init__(self) -> None:
        self.kind = array("b")
        self.at = array("q")
        self.first = array("i")
        self.second = array("i")
        self.third = array("i")
        self.minutes = array("i")
        self.initiator = array("i")
        self.event = array("i")
        self.in_person = array("b")
        self.note = array("b")
        self._order: array[int] | None = None

    def __len__(self) -> int:
        return len(self.kind)

    def add(
        self,
        kind: InteractionKind,
        at: int,
        first: int,
        second: int,
        *,
        third: int = 0,
        minutes: int = -1,
        initiator: int = 0,
        event: int = 0,
        in_person: bool | None = None,
        note: int = 0,
    ) -> None:
        """Log one interaction at ``at`` (seconds since the epoch) between 2 or 3 people."""
        self.kind.append(_KIND_CODE[kind])
        self.at.append(at)
        self.first.append(first)
        self.second.append(second)
        self.third.append(third)
        self.minutes.append(minutes)
        self.initiator.append(initiator)
        self.event.append(event)
        self.in_person.append(kind.usually_in_person if in_person is None else in_person)
        self.note.append(note)
        self._order = None

    def chronological(self) -> array[int]:
        """Row numbers in order of time: provisional id ``n`` is row ``order[n - 1]``."""
        if self._order is None:
            self._order = array("l", sorted(range(len(self.at)), key=self.at.__getitem__))
        return self._order

    def record(self, number: int) -> Interaction:
        """The interaction whose provisional id is ``number`` (ids follow time)."""
        row = self.chronological()[number - 1]
        people = [self.first[row], self.second[row]]
        if self.third[row]:
            people.append(self.third[row])
        minutes = self.minutes[row]
        return Interaction.model_validate(
            {
                "id": number,
                "kind": _KINDS[self.kind[row]],
                "occurred_at": as_datetime(self.at[row]),
                "participant_ids": people,
                "in_person": bool(self.in_person[row]),
                "duration_minutes": None if minutes < 0 else minutes,
                "initiated_by_id": self.initiator[row] or None,
                "event_id": self.event[row] or None,
                "notes": NOTES[self.note[row]] or None,
            }
        )


class AttendanceLog:
    """Who was at which event, as columns."""

    def __init__(self) -> None:
        self.event = array("i")
        self.person = array("i")
        self.status = array("b")
        self.met = array("b")

    def __len__(self) -> int:
        return len(self.event)

    def add(self, event: int, person: int, status: AttendanceStatus, *, met: bool = False) -> None:
        self.event.append(event)
        self.person.append(person)
        self.status.append(_STATUS_CODE[status])
        self.met.append(met)

    def record(self, number: int) -> Attendance:
        row = number - 1
        return Attendance.model_validate(
            {
                "event_id": self.event[row],
                "person_id": self.person[row],
                "status": _STATUSES[self.status[row]],
                "met": bool(self.met[row]),
            }
        )


__all__ = ["NOTES", "AttendanceLog", "InteractionLog"]
