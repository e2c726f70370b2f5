"""A past meeting from a calendar with a known person becomes a touch.

A calendar holds the one-on-ones and calls a user would otherwise log by hand. When an
imported event has ended, the owner took part (as organizer or an attendee who did not
decline) with at most :data:`MAX_OTHERS` other people, and at least one of them was known
before the import, the meeting is a touch: a call when it took place by phone or video
(:func:`kind_of`), else a one-on-one; started by its organizer, as long as the event.

Made once per calendar event (by its UID and occurrence, kept as a ``meeting`` key): a
touch the user removed does not come back with the next import, nor does one the user
logged by hand with the same people that day.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from netweave.domain import Interaction
from netweave.domain.kinds import AttendanceStatus, InteractionKind
from netweave.importers.model import OWNER_REF, EventDraft
from netweave.services.imports.people import PeoplePlanner
from netweave.services.imports.plan import lenient
from netweave.storage import imports as imports_db

MAX_OTHERS = 3
"""A meeting of the owner and up to this many others is a touch; a larger one is a
gathering (its attendance is recorded, no touch is made)."""
SAME_DAY = timedelta(hours=12)
"""A touch with the same people this close to the meeting is the meeting, logged by hand."""
_REMOTE = re.compile(
    r"zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com"
    r"|whereby\.com|facetime|skype|\btel:|\bphone\b|\bcall\b|\bdial[- ]in\b",
    re.IGNORECASE,
)


def kind_of(draft: EventDraft) -> InteractionKind:
    """A call when the meeting's place, notes or link say phone or video; else in person."""
    said = " ".join(x for x in (draft.place, draft.description, draft.url, draft.name) if x)
    return InteractionKind.CALL if _REMOTE.search(said) else InteractionKind.ONE_ON_ONE


def meeting_key(event_key: str) -> str:
    return f"meeting:{event_key}"


class Meetings:
    """What the planner needs across one import: the keys of meetings already made and the
    touches already stored around them."""

    def __init__(self, p: PeoplePlanner) -> None:
        self.made = set(imports_db.event_keys(p.conn, p.ws, kind="meeting"))
        drafts = p.parsed.events
        if drafts:
            start = min(d.starts_at for d in drafts) - SAME_DAY
            end = max(d.starts_at for d in drafts) + SAME_DAY
            self.stored = imports_db.interaction_signatures(p.conn, p.ws, start, end)
        else:
            self.stored = set()

    def logged_by_hand(self, when: datetime, people: frozenset[int]) -> bool:
        return any(abs(at - when) <= SAME_DAY and who == people for at, _, who in self.stored)


def plan_touch(
    p: PeoplePlanner, meetings: Meetings, event_slot: int, key: str | None, draft: EventDraft
) -> None:
    """Add the touch ``draft``'s meeting makes, if it makes one (see the module's rule)."""
    ends = draft.ends_at or draft.starts_at
    if key is None or draft.all_day or ends > datetime.now(UTC):
        return
    if meeting_key(key) in meetings.made or p.owner_id is None:
        return
    owner = p.person_slot(OWNER_REF)
    refs = [a.contact.ref for a in draft.attendees if a.status != AttendanceStatus.ABSENT]
    organizer = p.person_slot(draft.organizer.ref) if draft.organizer else None
    slots = {s for s in (p.person_slot(ref) for ref in refs) if s is not None}
    if organizer is not None:
        slots.add(organizer)
    others = slots - {owner}
    if owner not in slots or not 1 <= len(others) <= MAX_OTHERS:
        return
    if not any(p.plan.stored_id(s) is not None for s in others):
        return  # nobody known before this file: the people are new, the touch can wait
    stored = [p.plan.stored_id(s) for s in slots]
    if all(stored) and meetings.logged_by_hand(
        draft.starts_at, frozenset(i for i in stored if i is not None)
    ):
        return
    kind = kind_of(draft)
    fields = {
        "id": p.new_slot(),
        "kind": kind,
        "occurred_at": draft.starts_at,
        "participant_ids": sorted(slots),
        "in_person": kind.usually_in_person,
        "duration_minutes": (ends - draft.starts_at).total_seconds() / 60 or None,
        "initiated_by_id": organizer,
        "event_id": event_slot,
        "notes": draft.name,
    }
    touch = lenient(Interaction, fields, draft.source, p.plan)
    if touch is not None:
        p.plan.interactions.append(touch)
        p.plan.meeting_keys.append((event_slot, meeting_key(key)))
        meetings.made.add(meeting_key(key))


__all__ = ["MAX_OTHERS", "Meetings", "kind_of", "meeting_key", "plan_touch"]
