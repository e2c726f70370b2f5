"""Debriefs: after an event, who I met, which targets I reached, and the follow-ups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from netweave.domain import Attendance, AttendanceStatus, FollowUp, Person, build
from netweave.domain.plan import Plan
from netweave.errors import InvalidInput
from netweave.planning.followups import follow_up_due
from netweave.services import refs
from netweave.services.plans import get_event, local_day
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import people as people_db
from netweave.storage import plans as plans_db

_CONTACT = re.compile(r"^\s*(?P<name>[^<>]+?)\s*(?:<(?P<email>[^<>]+)>)?\s*$")


@dataclass(frozen=True, slots=True)
class NewFollowUp:
    follow_up_id: int
    person_id: int
    name: str
    due_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class Debrief:
    event_id: int
    event: str
    met: tuple[str, ...]
    added: tuple[str, ...]
    """New people quick-added from the event."""
    reached: tuple[str, ...]
    """The plan's targets I talked to."""
    not_reached: tuple[str, ...]
    follow_ups: tuple[NewFollowUp, ...]


def parse_contact(text: str) -> tuple[str, str | None]:
    """``Name <email>`` or ``Name``: the name and the email, if any."""
    found = _CONTACT.match(text)
    if not found or not found.group("name").strip():
        raise InvalidInput(
            f"'{text}' is not a contact: write \"Name <email>\" or a name", field="new"
        )
    email = found.group("email")
    return found.group("name"), email.strip() if email else None


def _add_new(conn: Tx, ws: int, text: str, event_name: str, day: date, now: datetime) -> int:
    name, email = parse_contact(text)
    fields = {"name": name, "emails": [email] if email else []}
    person = build(Person, {**fields, "how_met": f"met at {event_name}", "met_on": day})
    known = people_db.ids_by_email(conn, ws, person.emails)
    if known:
        return next(iter(known.values()))
    added = people_db.insert_person(conn, ws, person, now)
    return added.id or 0


def debrief_event(
    store: Store,
    ws: int,
    event_id: int,
    *,
    met: Sequence[str] = (),
    new: Sequence[str] = (),
    follow_up: Sequence[str] = (),
    follow_up_new: bool = False,
    due: date | None = None,
    notes: str | None = None,
    today: date,
    now: datetime,
) -> Debrief:
    """Record who I met (adding new people), the targets reached, and follow-ups.

    Each follow-up is due within 7 days (see :mod:`netweave.planning.followups`);
    ``follow_up_new`` gives one to each of the ``new`` people too; all or nothing.
    Repeating a debrief adds no follow-up that this event already gave the same
    person (the earlier one is returned).
    """
    with store.transaction() as conn:
        event = get_event(conn, ws, event_id)
        if event.starts_at > now:
            raise InvalidInput(
                f"{event.name} has not started yet: debrief it afterwards", field="event"
            )
        me = owner_of(conn, ws)
        event_day = local_day(conn, ws, event.starts_at)
        try:
            due_on = follow_up_due(event_day, today, due)
        except ValueError as error:
            raise InvalidInput(str(error), field="due") from None
        met_ids = [refs.person_id(conn, ws, ref) for ref in met]
        added_ids = [_add_new(conn, ws, text, event.name, event_day, now) for text in new]
        talked = list(dict.fromkeys([*met_ids, *added_ids]))
        if me in talked:
            raise InvalidInput(
                "you cannot meet yourself: list the people you talked to", field="met"
            )
        events_db.upsert_attendance(conn, ws, Attendance(event_id=event_id, person_id=me))
        for person in talked:
            events_db.upsert_attendance(
                conn,
                ws,
                Attendance(
                    event_id=event_id, person_id=person, status=AttendanceStatus.ATTENDED, met=True
                ),
            )
        plan = plans_db.plans_of(conn, ws, [event_id]).get(event_id)
        if plan is None:
            plan = plans_db.save_plan(
                conn,
                ws,
                Plan(event_id=event_id, purpose="No plan was made before the event.", made_at=now),
            )
        plans_db.record_debrief(conn, ws, plan.id or 0, talked, now, notes)
        openers = {t.person_id: t.opener for t in plan.targets}
        made: dict[int, FollowUp] = {}
        wanted = [refs.person_id(conn, ws, ref) for ref in follow_up]
        for person in [*wanted, *(added_ids if follow_up_new else [])]:
            if person in made:
                continue
            # Debriefing again must not double the follow-ups: the one this event
            # already gave for this person stands.
            earlier = [
                f
                for f in followups_db.list_follow_ups(conn, ws, person_id=person)
                if f.event_id == event_id
            ]
            if earlier:
                made[person] = earlier[0]
                continue
            opener = openers.get(person)
            reason = f"One-on-one after {event.name}" + (f": {opener}" if opener else "")
            made[person] = followups_db.insert_follow_up(
                conn,
                ws,
                FollowUp(person_id=person, due_on=due_on, reason=reason, event_id=event_id),
            )
        targets = [t.person_id for t in plan.targets]
        names = analytics_db.names(conn, ws, [*talked, *targets, *made])
    return Debrief(
        event_id=event_id,
        event=event.name,
        met=tuple(names[p] for p in met_ids),
        added=tuple(names[p] for p in added_ids),
        reached=tuple(names[p] for p in targets if p in talked),
        not_reached=tuple(names[p] for p in targets if p not in talked),
        follow_ups=tuple(
            NewFollowUp(f.id or 0, f.person_id, names[f.person_id], f.due_on, f.reason)
            for f in made.values()
        ),
    )


@dataclass(frozen=True, slots=True)
class DebriefState:
    """What a debrief form needs besides the plan: who I am, and what the event gave already."""

    owner_id: int
    follow_ups: tuple[tuple[FollowUp, str], ...]
    """The follow-ups from the event (open or done) with the person's name, by due day."""


def debrief_state(store: Store, ws: int, event_id: int) -> DebriefState:
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        found = followups_db.list_follow_ups(conn, ws, event_id=event_id)
        names = analytics_db.names(conn, ws, [f.person_id for f in found])
    return DebriefState(me, tuple((f, names.get(f.person_id, f"#{f.person_id}")) for f in found))


__all__ = [
    "Debrief",
    "DebriefState",
    "NewFollowUp",
    "debrief_event",
    "debrief_state",
    "parse_contact",
]
