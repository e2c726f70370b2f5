"""Debriefs: after an event, who I met, which targets I reached, and the follow-ups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from netweave.commands import DebriefEvent
from netweave.domain import (
    Attendance,
    AttendanceStatus,
    Event,
    FollowUp,
    FollowUpDraft,
    InteractionDraft,
    InteractionKind,
    PersonDraft,
    build,
)
from netweave.domain.dates import utc_now
from netweave.domain.identity import e164
from netweave.domain.plan import PlanDraft
from netweave.errors import InvalidInput
from netweave.planning.followups import follow_up_due
from netweave.services import command_log, refs
from netweave.services.plans import get_event, local_day
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import interactions as interactions_db
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
    known: tuple[str, ...]
    """People typed as new who were found in the network (by email, phone or name)."""
    reached: tuple[str, ...]
    """The plan's targets I talked to."""
    not_reached: tuple[str, ...]
    follow_ups: tuple[NewFollowUp, ...]


def parse_contact(text: str) -> tuple[str, str | None, str | None]:
    """A new contact as typed: ``Name <email>``, ``Name, email``, ``Name, phone`` or a name;
    the name, the email and the phone (each None when not given)."""
    found = _CONTACT.match(text)
    name = found.group("name") if found else ""
    email = found.group("email") if found else None
    phone = None
    name, *rest = [part.strip() for part in name.split(",")]
    for part in rest:
        if "@" in part and email is None:
            email = part
        elif part and sum(ch.isdigit() for ch in part) >= 5 and phone is None:
            phone = part
        elif part:
            name = f"{name}, {part}"  # a suffix: "Lee, Jr."
    if not name.strip():
        raise InvalidInput(
            f'\'{text}\' is not a contact: write "Name <email>", "Name, phone" or a name',
            field="new",
        )
    return name.strip(), email.strip() if email else None, phone


def _known(
    conn: Tx, ws: int, name: str, email: str | None, phone: str | None, event_id: int
) -> int | None:
    """The person a new contact already is: by email, then phone, then by name among the
    event's attendees, then by name in the whole network when only one person has it."""
    if email:
        by_email = people_db.ids_by_email(conn, ws, [email.lower()])
        if by_email:
            return next(iter(by_email.values()))
    if phone:
        wanted = e164(phone)
        for person, stored in people_db.phones_of_workspace(conn, ws):
            if wanted is not None and e164(stored) == wanted:
                return person
    named = people_db.ids_by_name(conn, ws, name)
    attending = {a.person_id for a in events_db.attendance(conn, ws, event_id=event_id)}
    among = [p for p in named if p in attending]
    if len(among) == 1:
        return among[0]
    return named[0] if len(named) == 1 and not email and not phone else None


def _add_new(
    conn: Tx, ws: int, text: str, event: Event, day: date, now: datetime
) -> tuple[int, bool]:
    """The person a typed new contact is (found or added), and whether they were added."""
    name, email, phone = parse_contact(text)
    known = _known(conn, ws, name, email, phone, event.id)
    if known is not None:
        return known, False
    fields = {
        "name": name,
        "emails": [email] if email else [],
        "phones": [phone] if phone else [],
    }
    person = build(PersonDraft, {**fields, "how_met": f"met at {event.name}", "met_on": day})
    added = people_db.insert_person(conn, ws, person, now)
    return added.id, True


def _touch_each(conn: Tx, ws: int, event: Event, me: int, talked: Sequence[int]) -> None:
    """A conversation at the event with each person met, once however often it is debriefed."""
    had = {
        p
        for i in interactions_db.list_interactions(conn, ws, event_id=event.id)
        if i.kind is InteractionKind.EVENT_CONVERSATION and me in i.participant_ids
        for p in i.participant_ids
    }
    for person in talked:
        if person in had:
            continue
        interactions_db.insert_interaction(
            conn,
            ws,
            InteractionDraft(
                kind=InteractionKind.EVENT_CONVERSATION,
                occurred_at=event.starts_at,
                participant_ids=[me, person],
                in_person=True,
                event_id=event.id,
            ),
        )


def debrief_event(
    store: Store, ws: int, command: DebriefEvent, *, now: datetime | None = None
) -> Debrief:
    """Carry out ``command``: who I met (finding or adding new people), a conversation
    with each of them at the event, the targets reached, and follow-ups.

    Each follow-up is due within 7 days (see :mod:`netweave.planning.followups`);
    ``follow_up_new`` gives one to each of the ``new`` people too; all or nothing.
    Repeating a debrief adds no follow-up or conversation that this event already gave
    the same person (the earlier one stands).
    """
    now = now or utc_now()
    event_id = command.event_id
    with store.transaction() as conn:
        event = get_event(conn, ws, event_id)
        if event.starts_at > now:
            raise InvalidInput(
                f"{event.name} has not started yet: debrief it afterwards", field="event"
            )
        me = owner_of(conn, ws)
        event_day = local_day(conn, ws, event.starts_at)
        try:
            due_on = follow_up_due(event_day, local_day(conn, ws, now), command.due_on)
        except ValueError as error:
            raise InvalidInput(str(error), field="due") from None
        met_ids = [refs.person_id(conn, ws, ref) for ref in command.met]
        found = [_add_new(conn, ws, text, event, event_day, now) for text in command.new]
        new_ids = [person for person, _ in found]
        added_ids = [person for person, added in found if added]
        talked = list(dict.fromkeys([*met_ids, *new_ids]))
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
        _touch_each(conn, ws, event, me, talked)
        plan = plans_db.plans_of(conn, ws, [event_id]).get(event_id)
        if plan is None:
            plan = plans_db.save_plan(
                conn,
                ws,
                PlanDraft(
                    event_id=event_id, purpose="No plan was made before the event.", made_at=now
                ),
            )
        plans_db.record_debrief(conn, ws, plan.id, talked, now, command.notes)
        openers = {t.person_id: t.opener for t in plan.targets}
        made: dict[int, FollowUp] = {}
        wanted = [refs.person_id(conn, ws, ref) for ref in command.follow_up]
        for person in [*wanted, *(new_ids if command.follow_up_new else [])]:
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
                FollowUpDraft(person_id=person, due_on=due_on, reason=reason, event_id=event_id),
            )
        # Debriefing is idempotent by itself; a key sent again is not logged twice.
        if not command_log.seen(conn, ws, command, event_id):
            command_log.record(conn, ws, command, event_id, now)
        targets = [t.person_id for t in plan.targets]
        names = analytics_db.names(conn, ws, [*talked, *targets, *made])
    return Debrief(
        event_id=event_id,
        event=event.name,
        met=tuple(names[p] for p in met_ids),
        added=tuple(names[p] for p in added_ids),
        known=tuple(names[p] for p in new_ids if p not in added_ids),
        reached=tuple(names[p] for p in targets if p in talked),
        not_reached=tuple(names[p] for p in targets if p not in talked),
        follow_ups=tuple(
            NewFollowUp(f.id, f.person_id, names[f.person_id], f.due_on, f.reason)
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
