"""The Python API's changes to events and groups: editing and removing them, who attended
an event, a member's role. Each builds one command and hands it to the one service
function that carries it out, as the command line and the web app do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netweave.api.base import Base, Ref, When, refs_of, text_of
from netweave.commands import (
    EditEvent,
    EditGroup,
    MarkAttendance,
    RemoveAttendance,
    RemoveEvent,
    RemoveGroup,
    SetRole,
)
from netweave.domain import (
    Attendance,
    AttendanceStatus,
    Cadence,
    Event,
    Group,
    GroupKind,
    GroupPurpose,
    Membership,
    Role,
    build,
)
from netweave.domain.dates import Direction
from netweave.domain.money import parse_amount
from netweave.services import events, groups


def _given(**fields: Any) -> dict[str, Any]:
    """The fields a call gives (None: leave the field as it is)."""
    return {name: value for name, value in fields.items() if value is not None}


class EventGroupWrites(Base):
    """Editing and removing events and groups; attendance; roles (see :class:`Writes`)."""

    def group(self, ref: Ref) -> Group:
        """The group ``ref`` names (an id, or its name as on the command line)."""
        return groups.find_group(self.store, self.ws, text_of(ref))

    def edit_event(
        self,
        event: Ref,
        *,
        name: str | None = None,
        at: When = None,
        hours: float | None = None,
        group: Ref | None = None,
        place: str | None = None,
        cost: str | int | None = None,
        notes: str | None = None,
        clear: Sequence[str] = (),
    ) -> Event:
        """Change an event (``netweave event edit``): ``hours`` sets its end that long after
        its (new) start; ``clear`` empties fields as :class:`~netweave.domain.Event` names
        them (``ends_at``, ``group_id``, ``place``, ``notes``). It lasts two weeks at most."""
        fields = _given(
            name=name,
            starts_at=None if at is None else self.moment(at, "at", Direction.NEAREST),
            group_id=None if group is None else self.group(group).id,
            place=place,
            cost_cents=None if cost is None else parse_amount(str(cost), field="cost"),
            notes=notes,
        )
        command = build(
            EditEvent,
            {"event_id": self.event(event).id, "set": fields, "hours": hours, "clear": list(clear)},
        )
        return events.edit_event(self.store, self.ws, command, now=self.now())

    def remove_event(self, event: Ref, *, idempotency_key: str | None = None) -> None:
        """Remove an event and its attendance list (``netweave event remove``); the
        conversations held there stay, without the event. With ``idempotency_key`` and
        the event's id, sending it again changes nothing."""
        event_id = self._removed_id(event, self.event, idempotency_key)
        command = build(RemoveEvent, {"event_id": event_id, "idempotency_key": idempotency_key})
        events.remove_event(self.store, self.ws, command, now=self.now())

    def mark_attendance(
        self,
        event: Ref,
        people: Ref | Sequence[Ref],
        *,
        status: AttendanceStatus | str | None = None,
        met: bool = False,
    ) -> list[Attendance]:
        """``people`` were at ``event`` (or were invited, said they will come, stayed away:
        ``status``, attended unless given); ``met``: you talked with them (``netweave event
        attend``). All of them or, when one is not found, none."""
        command = build(
            MarkAttendance,
            {
                "event_id": self.event(event).id,
                "person_ids": [self._id(ref) for ref in refs_of(people)],
                "met": met,
                **_given(status=status),
            },
        )
        return events.mark_attendance(self.store, self.ws, command, now=self.now())

    def remove_attendance(self, event: Ref, person: Ref) -> None:
        """Take ``person`` off ``event``'s attendance list (``netweave event unattend``)."""
        command = build(
            RemoveAttendance, {"event_id": self.event(event).id, "person_id": self._id(person)}
        )
        events.remove_attendance(self.store, self.ws, command, now=self.now())

    def edit_group(
        self,
        group: Ref,
        *,
        name: str | None = None,
        kind: GroupKind | str | None = None,
        cadence: Cadence | str | None = None,
        dues: str | int | None = None,
        hours: float | None = None,
        purpose: GroupPurpose | str | None = None,
        website: str | None = None,
        notes: str | None = None,
        keep_in_touch: int | None = None,
        clear: Sequence[str] = (),
    ) -> Group:
        """Change a group (``netweave group edit``): ``hours`` a meeting (24 at most),
        ``dues`` a year, ``keep_in_touch`` days; ``clear`` empties fields as
        :class:`~netweave.domain.Group` names them (``website``, ``notes``,
        ``keep_in_touch_days``). A name another group has is refused."""
        fields = _given(
            name=name,
            kind=kind,
            cadence=cadence,
            dues_cents=None if dues is None else parse_amount(str(dues), field="dues"),
            hours_per_meeting=hours,
            purpose=purpose,
            website=website,
            notes=notes,
            keep_in_touch_days=keep_in_touch,
        )
        command = build(
            EditGroup, {"group_id": self.group(group).id, "set": fields, "clear": list(clear)}
        )
        return groups.edit_group(self.store, self.ws, command, now=self.now())

    def remove_group(self, group: Ref, *, idempotency_key: str | None = None) -> None:
        """Remove a group and its memberships (``netweave group remove``); its events stay,
        without a group. With ``idempotency_key`` and the group's id, sending it again
        changes nothing."""
        group_id = self._removed_id(group, self.group, idempotency_key)
        command = build(RemoveGroup, {"group_id": group_id, "idempotency_key": idempotency_key})
        groups.remove_group(self.store, self.ws, command, now=self.now())

    def set_role(self, group: Ref, person: Ref, role: Role | str) -> Membership:
        """``person``'s current membership of ``group`` takes ``role`` (``netweave group
        role``)."""
        command = build(
            SetRole, {"group_id": self.group(group).id, "person_id": self._id(person), "role": role}
        )
        return groups.set_role(self.store, self.ws, command, now=self.now())


__all__ = ["EventGroupWrites"]
