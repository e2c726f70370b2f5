"""iCalendar (.ics) events: exports of Google Calendar, Outlook, Apple Calendar, Meetup.

Each ``VEVENT`` becomes an :class:`EventDraft` with its time, place
(``LOCATION``), description and URL; ``ORGANIZER`` and each ``ATTENDEE``
become contacts, the attendee's ``PARTSTAT`` their attendance status.

Times: ``Z`` times are UTC, ``TZID`` times are read in that zone (a zone no
one knows is reported and read like a floating time), floating times (no zone)
in the zone the caller gives. A date without a time is an all-day event, from
midnight of its first day to midnight after its last day in that same zone.

Recurring series (``RRULE``, ``RDATE``, ``EXDATE``, changed occurrences with
``RECURRENCE-ID``) are expanded by the recurring-ical-events library over the
caller's window, else over the year from the series' first start, within the
bounds of :mod:`netweave.importers.recurrence` (at most daily, at most 1,000
occurrences in the window, ...): a series past one is left out and reported by
name and UID. Events that are not recurring are kept whatever their date; one
whose time is out of the calendar's range (an all-day event on 31 December 9999
ends in the year 10000) is reported and left out. A file of more than
100,000 events, recurring ones counted once per occurrence, is refused
(:mod:`netweave.importers.limits`). A file of bare ``VEVENT``
blocks without a ``VCALENDAR`` around them is read too; a byte-order mark is
ignored. An event that cannot be placed in time is a Problem, the others import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import recurring_ical_events

from netweave.domain.kinds import AttendanceStatus
from netweave.errors import InvalidInput
from netweave.importers import limits, recurrence
from netweave.importers._contact import ContactParts, clean, finish
from netweave.importers.detect import DecodedText
from netweave.importers.model import (
    AttendeeDraft,
    ContactDraft,
    EventDraft,
    Format,
    ParsedFile,
    Problem,
    Source,
)

Window = tuple[datetime, datetime]
DEFAULT_SPAN = timedelta(days=365)
UNTITLED = "Untitled event"

_REPLY_STATUS = {
    "ACCEPTED": AttendanceStatus.RSVP,
    "DECLINED": AttendanceStatus.ABSENT,
    "DELEGATED": AttendanceStatus.ABSENT,
    "TENTATIVE": AttendanceStatus.INVITED,
    "NEEDS-ACTION": AttendanceStatus.INVITED,
    "COMPLETED": AttendanceStatus.ATTENDED,
}
_TIME_PROPERTIES = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
)
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)


class _Reader:
    """State for one file: the caller's choices, the contacts met, the problems."""

    def __init__(self, decoded: DecodedText, zone: tzinfo, window: Window | None) -> None:
        self.file = decoded.file
        self.zone = zone
        self.window = window
        self.contacts: dict[str, ContactDraft] = {}
        self.problems: list[Problem] = []

    # --- times ---------------------------------------------------------------

    def moment(self, value: date | datetime, source: Source, what: str, tzid: Any) -> datetime:
        """A DTSTART/DTEND value as UTC; dates are midnight in the caller's zone."""
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(0, 0))
        if value.tzinfo is None:
            if tzid:
                self.problems.append(
                    Problem(
                        source,
                        f"{what} is in the time zone {tzid!s}, which is unknown; read as "
                        f"{self.zone}",
                        skipped=False,
                    )
                )
            value = value.replace(tzinfo=self.zone)
        return value.astimezone(UTC)

    # --- people --------------------------------------------------------------

    def person(self, address: Any, source: Source, what: str) -> ContactDraft | None:
        """A contact for an ORGANIZER or ATTENDEE value, the same draft for the same address."""
        raw = str(address).strip()
        email = raw[7:].strip() if raw.lower().startswith("mailto:") else None
        params = getattr(address, "params", {})
        name = clean(params.get("CN"))
        if not email and not name:
            self.problems.append(
                Problem(source, f"the {what} {raw!r} has no name or email; left out", False)
            )
            return None
        ref = f"email:{email.lower()}" if email else f"name:{name}"
        if ref in self.contacts:
            return self.contacts[ref]
        parts = ContactParts(source=source, ref=ref, full_name=name)
        parts.email(email)
        draft, problems = finish(parts)
        self.problems.extend(problems)
        if draft is not None:
            self.contacts[ref] = draft
        return draft

    def attendees(self, event: Any, source: Source) -> tuple[AttendeeDraft, ...]:
        found: dict[str, AttendeeDraft] = {}
        values = event.get("ATTENDEE", [])
        for address in values if isinstance(values, list) else [values]:
            contact = self.person(address, source, "attendee")
            if contact is None or contact.ref in found:
                continue
            reply = str(address.params.get("PARTSTAT", "NEEDS-ACTION")).upper()
            found[contact.ref] = AttendeeDraft(
                contact=contact,
                status=_REPLY_STATUS.get(reply, AttendanceStatus.INVITED),
                reply=reply,
                role=str(address.params["ROLE"]).lower() if "ROLE" in address.params else None,
            )
        return tuple(found.values())

    # --- events --------------------------------------------------------------

    def draft(self, event: Any, source: Source, occurrence: datetime | None) -> EventDraft | None:
        try:
            return self._draft(event, source, occurrence)
        except OverflowError:
            self.problems.append(
                Problem(source, "the event's time is out of the calendar's range; left out")
            )
            return None

    def _draft(self, event: Any, source: Source, occurrence: datetime | None) -> EventDraft | None:
        start_property = event["DTSTART"]
        start_value = start_property.dt
        all_day = not isinstance(start_value, datetime)
        starts_at = self.moment(start_value, source, "DTSTART", start_property.params.get("TZID"))
        ends_at: datetime | None = None
        if "DTEND" in event:
            end_property = event["DTEND"]
            ends_at = self.moment(end_property.dt, source, "DTEND", end_property.params.get("TZID"))
        elif "DURATION" in event:
            ends_at = starts_at + event["DURATION"].dt
        elif all_day:
            ends_at = starts_at + timedelta(days=1)
        if ends_at is not None and ends_at < starts_at:
            self.problems.append(Problem(source, "the event ends before it starts; left out"))
            return None
        uid = clean(str(event.get("UID", ""))) or None
        organizer = None
        if "ORGANIZER" in event:
            value = event["ORGANIZER"]  # a list when a broken file repeats it
            organizer = self.person(
                value[0] if isinstance(value, list) else value, source, "organizer"
            )
        ref = (
            f"{uid or source.locator}@{occurrence.isoformat()}"
            if occurrence
            else (uid or source.locator)
        )
        return EventDraft(
            source=source,
            ref=ref,
            name=" ".join(str(event.get("SUMMARY", "")).split())[:200] or UNTITLED,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            place=clean(str(event.get("LOCATION", ""))),
            description=clean(str(event.get("DESCRIPTION", ""))),
            organizer=organizer,
            attendees=self.attendees(event, source),
            uid=uid,
            occurrence=occurrence,
            url=clean(str(event.get("URL", ""))),
            sequence=_sequence(event),
        )

    def window_of(self, master: Any) -> Window:
        if self.window is not None:
            return self.window
        return recurrence.default_window(master["DTSTART"].dt, self.zone, DEFAULT_SPAN)

    def refused(self, master: Any, source: Source, budget: recurrence.Budget) -> bool:
        """Whether the series of ``master`` is past a bound of expanding (then reported)."""
        if "RECURRENCE-ID" in master or "DTSTART" not in master:
            return False  # changed occurrences only: each is one event
        try:
            why = recurrence.why_not(master, self.window_of(master), self.zone, budget)
        except (ValueError, OverflowError, TypeError, KeyError, IndexError) as error:
            why = f"has a recurrence that cannot be read ({error})"
        if why is None:
            return False
        name = " ".join(str(master.get("SUMMARY", "")).split())[:80] or UNTITLED
        uid = clean(str(master.get("UID", "")))
        named = f"{name!r} (UID {uid})" if uid else repr(name)
        self.problems.append(Problem(source, f"the recurring event {named} {why}; left out"))
        return True

    def occurrences(self, series: list[Any], zones: list[Any]) -> Iterator[Any]:
        calendar = icalendar.Calendar()
        for component in [*zones, *series]:
            calendar.add_component(component)
        expander = recurring_ical_events.of(calendar)
        return iter(expander.between(*self.window_of(series[0])))


def _sequence(event: Any) -> int | None:
    """The event's ``SEQUENCE`` (RFC 5545 3.8.7.4: a non-negative integer), None when it
    has none or an unreadable one."""
    try:
        value = int(str(event.get("SEQUENCE", "")).strip())
    except ValueError:
        return None
    return value if 0 <= value <= 2**31 - 1 else None


def _broken(event: Any, source: Source, problems: list[Problem]) -> bool:
    """Report lines icalendar could not read; True when they leave the event unplaceable."""
    fatal = False
    for name, message in event.errors:
        if name in _TIME_PROPERTIES:
            problems.append(Problem(source, f"{name} cannot be read ({message}); event left out"))
            fatal = True
        else:
            what = f"{name} cannot be read" if name else "a line is not iCalendar"
            problems.append(Problem(source, f"{what} ({message}); ignored", skipped=False))
    return fatal


def _event_lines(text: str) -> list[int]:
    """The line number of each ``BEGIN:VEVENT``, in order (one pass over the text)."""
    lines: list[int] = []
    line, position = 1, 0
    for match in _BEGIN_EVENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _calendar(decoded: DecodedText) -> Any:
    text = decoded.text
    begins = len(re.findall(r"^BEGIN:", text, re.IGNORECASE | re.MULTILINE))
    ends = len(re.findall(r"^END:", text, re.IGNORECASE | re.MULTILINE))
    if begins > ends:
        raise InvalidInput(
            f"{decoded.file} looks cut off: {begins - ends} BEGIN: block(s) have no END:",
            hint="export or download the file again",
        )
    try:
        components = icalendar.Component.from_ical(text, multiple=True)
    except ValueError as error:
        raise InvalidInput(f"{decoded.file} is not readable as iCalendar: {error}") from None
    if len(components) == 1 and components[0].name == "VCALENDAR":
        return components[0]
    calendar = icalendar.Calendar()  # bare VEVENTs, as some tools and tests write them
    for component in components:
        calendar.add_component(component)
    return calendar


def parse(decoded: DecodedText, *, zone: tzinfo = UTC, window: Window | None = None) -> ParsedFile:
    """Every event of an iCalendar file, recurring series expanded; see the module doc."""
    begins = (match.start() for match in _BEGIN_EVENT.finditer(decoded.text))
    limits.check_count(decoded.file, begins, "events", decoded.text)
    reader = _Reader(decoded, zone, window)
    calendar = _calendar(decoded)
    lines = _event_lines(decoded.text)
    zones = list(calendar.walk("VTIMEZONE"))
    events = list(calendar.walk("VEVENT"))
    series: dict[str, list[tuple[Any, Source]]] = {}
    drafts: list[EventDraft] = []
    for number, event in enumerate(events, 1):
        line = lines[number - 1] if number <= len(lines) else None
        locator = f"event {number} (line {line})" if line else f"event {number}"
        source = Source(decoded.file, locator, line)
        if _broken(event, source, reader.problems):
            continue
        if "DTSTART" not in event:
            reader.problems.append(Problem(source, "the event has no start time (DTSTART)"))
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED" and "RECURRENCE-ID" not in event:
            reader.problems.append(Problem(source, "the event was cancelled; left out"))
            continue
        uid = str(event.get("UID", "")) or f"#{number}"
        if "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event:
            series.setdefault(uid, []).append((event, source))
            continue
        draft = reader.draft(event, source, None)
        if draft is not None:
            drafts.append(draft)
    budget = recurrence.Budget()
    for members in series.values():
        components = [event for event, _ in members]
        # The master first: recurring-ical-events applies the changed occurrences to it.
        ordered = sorted(components, key=lambda e: "RECURRENCE-ID" in e)
        source = next(s for e, s in members if e is ordered[0])
        if reader.refused(ordered[0], source, budget):
            continue
        try:
            found = list(reader.occurrences(ordered, zones))
        except (ValueError, OverflowError) as error:
            reader.problems.append(Problem(source, f"the series cannot be expanded ({error})"))
            continue
        if len(drafts) + len(found) > limits.MAX_RECORDS:
            raise limits.too_many(
                decoded.file,
                "more than",
                "events once its recurring events are expanded",
                limits.MAX_RECORDS,
                None,
            )
        for occurrence in found:
            if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
                continue
            original = occurrence.get("RECURRENCE-ID")
            key = original.dt if original is not None else occurrence["DTSTART"].dt
            moment = reader.moment(key, source, "RECURRENCE-ID", None)
            draft = reader.draft(occurrence, source, moment)
            if draft is not None:
                drafts.append(draft)
    drafts.sort(key=lambda d: (d.starts_at, d.name))
    return ParsedFile(
        file=decoded.file,
        format=Format.ICAL,
        encoding=decoded.encoding,
        records=len(events),
        contacts=tuple(reader.contacts.values()),
        events=tuple(drafts),
        problems=tuple(dict.fromkeys(reader.problems)),  # once per series, not per occurrence
    )


__all__ = ["DEFAULT_SPAN", "UNTITLED", "Window", "parse"]
