"""What the parsers produce: plain, typed drafts of records, before any database.

A parser reads one file into a :class:`ParsedFile`: drafts of contacts,
events, interactions and group memberships, plus the :class:`Problem` s it met.
Nothing here has a database id; drafts point at each other by ``ref``, a handle
that is unique within one parsed file. Identity resolution (which stored person
a draft is) and writing are the import service's job.

Every draft carries its :class:`Source`, so that each field of a stored person
can say where it came from ("Connections.csv, line 12").

Values are cleaned but not reinterpreted: emails are valid and lowercased,
phones look like phone numbers (as written, not yet E.164: the region is a
workspace setting, see :mod:`netweave.domain.identity`), emails, phones and tags
are each as its rule gives it, once (:data:`RULED`),
text is stripped with blanks as None. So ``ContactDraft.person_fields()``,
``EventDraft.event_fields()`` always build valid domain records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import FrozenInstanceError, dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple, NoReturn

from netweave.domain.kinds import AttendanceStatus, InteractionKind


class Format(StrEnum):
    """The file formats netweave reads; the value is the ``--format`` name."""

    LINKEDIN = "linkedin"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    VCARD = "vcard"
    ICAL = "ical"
    CONTACT_LOG = "contact-log"
    SOCIOPATTERNS = "sociopatterns"


OWNER_REF = "me"
"""The ``ref`` that stands for the workspace owner in an interaction's participants."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a draft or a problem comes from: the file's name and a place in it.

    ``locator`` is in a person's words: "line 12", "card 3 (line 40)",
    "event 2 (line 17)". ``line`` is the first line of the record, when known.
    """

    file: str
    locator: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}, {self.locator}"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown (a birthday given as ``--03-22``)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        date(self.year or 2000, self.month, self.day)  # 2000: a leap year, so 29 Feb passes

    def __str__(self) -> str:
        return (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else (f"--{self.month:02d}-{self.day:02d}")
        )


RULED = frozenset(
    (
        *("emails", "phones", "tags"),  # each as its rule gives it
        *("given_name", "family_name", "company", "title", "location", "notes"),  # texts, cut
    )
)
"""The fields of :meth:`ContactDraft.person_fields` whose values are already as a Person
keeps them: each email, phone and tag is the one its rule gave
(:func:`netweave.domain.person.normalize_email`, ...), once; tags are sorted; these texts
were read by :mod:`netweave.domain.file_text` and cut to their length, so each is what
:func:`netweave.domain.base.text_value` keeps of it."""


class ContactDraft(NamedTuple):
    """A person as one file describes them.

    The fields named as in :class:`netweave.domain.Person` map one to one
    (``linkedin_slug`` becomes ``linkedin``, ``birthday`` its text form);
    the rest are details worth explaining:

    - ``nickname``: as the file gives it ("Johny"), also a hint for probable
      matches;
    - ``department``: the second part of a structured organization (``ORG:IBM;
      Accounting`` gives company "IBM", department "Accounting");
    - ``linkedin_url`` and ``linkedin_slug``: the profile, and its slug as an
      identity key;
    - ``urls``: other web pages;
    - ``birthday``: possibly without a year;
    - ``has_photo``: the file holds a photo (the bytes are not kept);
    - ``external_id``: an id the source itself gives this contact and keeps
      across exports (vCard ``UID``, a badge id); None when it has none;
    - ``labels``: the label the file gives an email, phone or URL, as
      ``(value, label)`` pairs ("work", "cell", Apple's "AssistantPhone").

    A named tuple, not a frozen dataclass: a file's reader makes one per contact, and a
    frozen dataclass sets each of its 24 fields through ``object.__setattr__`` (10 times
    the cost of a tuple: 5% of a LinkedIn import, issue 16). Frozen all the same.
    """

    source: Source
    ref: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    location: str | None = None
    address: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    met_on: date | None = None
    how_met: str | None = None
    tags: tuple[str, ...] = ()
    nickname: str | None = None
    department: str | None = None
    linkedin_url: str | None = None
    linkedin_slug: str | None = None
    urls: tuple[str, ...] = ()
    birthday: PartialDate | None = None
    has_photo: bool = False
    external_id: str | None = None
    labels: tuple[tuple[str, str], ...] = ()

    def person_fields(self) -> dict[str, Any]:
        """The fields for ``build(Person, ...)``; empty ones are left out."""
        # Field by field, in the person's order (a loop over (name, value) pairs built them
        # for every contact: a tenth of matching one, issue 16).
        values: dict[str, Any] = {"name": self.name}
        if self.given_name is not None:
            values["given_name"] = self.given_name
        if self.family_name is not None:
            values["family_name"] = self.family_name
        if self.emails:
            values["emails"] = list(self.emails)
        if self.phones:
            values["phones"] = list(self.phones)
        if self.company is not None:
            values["company"] = self.company
        if self.title is not None:
            values["title"] = self.title
        if self.location is not None:
            values["location"] = self.location
        if self.address:
            values["address"] = dict(self.address)
        if self.notes is not None:
            values["notes"] = self.notes
        if self.met_on is not None:
            values["met_on"] = self.met_on
        if self.how_met is not None:
            values["how_met"] = self.how_met
        if self.tags:
            values["tags"] = list(self.tags)
        if self.nickname is not None:
            values["nickname"] = self.nickname
        if self.department is not None:
            values["department"] = self.department
        if self.linkedin_slug is not None:
            values["linkedin"] = self.linkedin_slug
        if self.urls:
            values["urls"] = list(self.urls)
        if self.birthday:
            values["birthday"] = str(self.birthday)
        return values

    def label_of(self, value: str) -> str | None:
        """The label the file gave ``value`` (an email, phone or URL of this contact)."""
        return next((label for v, label in self.labels if v == value), None)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass(frozen=True, slots=True)
class AttendeeDraft:
    """A person invited to an event, and their answer.

    ``status`` is netweave's attendance status; ``reply`` keeps the calendar's
    own word (``PARTSTAT``: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, ...).
    """

    contact: ContactDraft
    status: AttendanceStatus
    reply: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class EventDraft:
    """One event, or one occurrence of a recurring series.

    Times are timezone-aware UTC. An all-day event starts at midnight of its
    first day and ends at midnight after its last day, in the zone the caller
    chose for times without one. ``uid`` is the calendar's UID; together with
    ``occurrence`` (the original start of this occurrence, None for a single
    event) it identifies the occurrence across re-imports.
    """

    source: Source
    ref: str
    name: str
    starts_at: datetime
    ends_at: datetime | None = None
    all_day: bool = False
    place: str | None = None
    description: str | None = None
    organizer: ContactDraft | None = None
    attendees: tuple[AttendeeDraft, ...] = ()
    uid: str | None = None
    occurrence: datetime | None = None
    url: str | None = None
    sequence: int | None = None
    """The calendar's revision of the event (``SEQUENCE``): a re-import with a higher one
    updates the event it made."""

    def event_fields(self) -> dict[str, Any]:
        """The fields for ``build(Event, ...)``; empty ones are left out."""
        values: dict[str, Any] = {
            "name": self.name,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "place": self.place,
            "notes": self.description,
        }
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True)
class InteractionDraft:
    """A touchpoint between the contacts whose ``ref`` s are in ``participants``.

    ``participants`` may hold :data:`OWNER_REF` for the workspace owner.
    ``duration_seconds`` is exact (SocioPatterns records come in 20 seconds);
    ``duration_minutes`` is the same length in minutes (with fractions, as
    :class:`netweave.domain.Interaction` stores it).
    """

    source: Source
    kind: InteractionKind
    occurred_at: datetime
    participants: tuple[str, ...]
    duration_seconds: int | None = None
    in_person: bool | None = None
    notes: str | None = None

    @property
    def duration_minutes(self) -> float | None:
        """Minutes to the second: whole minutes would make a 20-second contact last 60."""
        if self.duration_seconds is None:
            return None
        return self.duration_seconds / 60


@dataclass(frozen=True, slots=True)
class InteractionStream:
    """The interactions of a file too long to hold as drafts, read again from the file
    each time they are iterated (a contact log of a million rows: see
    :mod:`netweave.importers.contact_log`); ``count`` of them, in the file's order."""

    count: int
    read: Callable[[], Iterator[InteractionDraft]]

    def __iter__(self) -> Iterator[InteractionDraft]:
        return self.read()

    def __len__(self) -> int:
        return self.count


@dataclass(frozen=True, slots=True)
class ContactStream:
    """The contacts of a contacts file, read one at a time as ``contacts`` is iterated
    (once), so that they are never all held (issue 16); ``finish`` gives, once they all
    have been, the file's :class:`ParsedFile` without them: its records and problems.
    :func:`collected` makes the whole ParsedFile of it."""

    file: str
    format: Format
    contacts: Iterator[ContactDraft]
    finish: Callable[[], ParsedFile]


def collected(stream: ContactStream) -> ParsedFile:
    """The ParsedFile of ``stream``, its contacts held."""
    contacts = tuple(stream.contacts)
    parsed = stream.finish()
    return ParsedFile(
        file=parsed.file,
        format=parsed.format,
        encoding=parsed.encoding,
        records=parsed.records,
        contacts=contacts,
        problems=parsed.problems,
    )


@dataclass(frozen=True, slots=True)
class MembershipDraft:
    """The contact with ``ref`` ``person`` belongs to the group named ``group``."""

    source: Source
    person: str
    group: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the file that could not be imported as it stands, in plain words.

    ``skipped`` is True when the whole record (row, card, event, line) was left
    out, False when only one value was and the rest of the record is there.
    """

    source: Source
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Everything one file holds, as drafts, and what could not be read.

    ``records`` counts what the file holds in its own unit: data rows of a CSV,
    cards, events (before recurring series are expanded), contact lines.
    ``encoding`` is how the bytes were read ("utf-8", "utf-16", "windows-1252").
    """

    file: str
    format: Format
    encoding: str
    records: int
    contacts: tuple[ContactDraft, ...] = ()
    events: tuple[EventDraft, ...] = ()
    interactions: tuple[InteractionDraft, ...] | InteractionStream = ()
    """Held whole, or (a contact log) read again from the file each time it is iterated."""
    memberships: tuple[MembershipDraft, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def skipped(self) -> int:
        """How many records were left out whole."""
        return sum(1 for p in self.problems if p.skipped)

    def counts(self) -> dict[str, int]:
        """Numbers for a report: records read, drafts of each kind, problems."""
        return {
            "records": self.records,
            "contacts": len(self.contacts),
            "events": len(self.events),
            "interactions": len(self.interactions),
            "memberships": len(self.memberships),
            "skipped": self.skipped,
            "problems": len(self.problems),
        }


__all__ = [
    "OWNER_REF",
    "RULED",
    "AttendeeDraft",
    "ContactDraft",
    "ContactStream",
    "EventDraft",
    "Format",
    "InteractionDraft",
    "InteractionStream",
    "MembershipDraft",
    "ParsedFile",
    "PartialDate",
    "Problem",
    "Source",
    "collected",
]
