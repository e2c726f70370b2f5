"""Turning the raw values of one row or card into a clean ContactDraft.

Every format collects what it found into :class:`ContactParts`; ``finish``
checks each value the way :class:`netweave.domain.Person` will (emails,
phones, tags, lengths), leaves out what would not pass with a Problem that
says so, and picks a display name. So every draft builds a valid Person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from email_validator import SPECIAL_USE_DOMAIN_NAMES

from netweave.domain.base import NAME_MAX, TEXT_MAX, normalize_url
from netweave.domain.file_text import cut_text, read_line, read_text
from netweave.domain.identity import linkedin_slug as _any_linkedin_slug
from netweave.domain.names import split_family_name
from netweave.domain.person import normalize_email, normalize_phone, normalize_tag
from netweave.importers.model import ContactDraft, PartialDate, Problem, Source

clean = read_text
"""Stripped text with control characters (which Person refuses) left out; None when blank
(:func:`netweave.domain.file_text.read_text`)."""
one_line = read_line
"""``text`` on one line: control characters left out, runs of spaces, tabs and line breaks
one space; None when blank (:func:`netweave.domain.file_text.read_line`)."""


@dataclass
class ContactParts:
    """What a parser found about one contact, before checking."""

    source: Source
    ref: str
    full_name: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    suffix: str | None = None
    emails: list[tuple[str, str | None]] = field(default_factory=list)
    phones: list[tuple[str, str | None]] = field(default_factory=list)
    urls: list[tuple[str, str | None]] = field(default_factory=list)
    company: str | None = None
    department: str | None = None
    title: str | None = None
    location: str | None = None
    address: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)
    met_on: date | None = None
    how_met: str | None = None
    tags: list[str] = field(default_factory=list)
    nickname: str | None = None
    linkedin_url: str | None = None
    birthday: PartialDate | None = None
    has_photo: bool = False
    external_id: str | None = None

    def email(self, raw: str | None, label: str | None = None) -> None:
        if raw and raw.strip():
            self.emails.append((raw.strip(), label))

    def phone(self, raw: str | None, label: str | None = None) -> None:
        if raw and raw.strip():
            self.phones.append((raw.strip(), label))

    def url(self, raw: str | None, label: str | None = None) -> None:
        if raw and raw.strip():
            self.urls.append((raw.strip(), label))

    def note(self, raw: str | None) -> None:
        text = clean(raw)
        if text:
            self.notes.append(text)


_PLAIN_EMAIL = re.compile(
    r"^[a-z0-9_%+\-]{1,64}(?:\.[a-z0-9_%+\-]{1,64})*"
    r"@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}$"
)


def email_address(raw: str) -> str:
    """``raw`` as Person will store it (lowercased), or ValueError saying why it is none.

    The common plain ASCII address is checked here at once; anything else
    (Unicode, punycode, quoted parts, reserved names) goes to the full
    validator that Person uses. A test holds the two to the same answers.
    """
    text = raw.strip().removeprefix("mailto:").lower()
    if (
        len(text) <= 254
        and _PLAIN_EMAIL.match(text)
        and "--" not in text.split("@", 1)[1]  # punycode and other reserved labels
        and text.rsplit(".", 1)[1] not in SPECIAL_USE_DOMAIN_NAMES
        and len(text.split("@", 1)[0]) <= 64
    ):
        return text
    return normalize_email(raw.strip().removeprefix("mailto:"))


def _keep_valid(
    values: list[tuple[str, str | None]],
    what: str,
    source: Source,
    problems: list[Problem],
) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    if not values:
        return (), []
    normalize = email_address if what == "email" else normalize_phone
    kept: list[str] = []
    labels: list[tuple[str, str]] = []
    for raw, label in values:
        try:
            value = normalize(raw)
        except ValueError:
            shown = raw if len(raw) <= 60 else raw[:57] + "..."
            problems.append(
                Problem(source, f"{shown!r} is not {_ARTICLE[what]}; left out", skipped=False)
            )
            continue
        if value not in kept:
            kept.append(value)
            if label:
                labels.append((value, label))
    return tuple(kept), labels


_ARTICLE = {"email": "an email address", "phone": "a phone number"}


def _cut(
    text: str | None, limit: int, what: str, source: Source, problems: list[Problem]
) -> str | None:
    if text is None or len(text) <= limit:
        return text
    problems.append(
        Problem(source, f"the {what} was longer than {limit:,} characters; cut", skipped=False)
    )
    return cut_text(text, limit)


def _tags(raw: list[str], source: Source, problems: list[Problem]) -> tuple[str, ...]:
    if not raw:
        return ()
    tags: list[str] = []
    for value in raw:
        if not value.strip():
            continue
        try:
            tag = normalize_tag(value)
        except ValueError as error:
            problems.append(Problem(source, f"{error}; left out", skipped=False))
            continue
        if tag not in tags:
            tags.append(tag)
    return tuple(sorted(tags))


# The form nearly every export writes: "https://www.linkedin.com/in/<slug>". Reading it
# with a regular expression is a tenth of the cost of parsing the URL; any other form,
# and a slug with percent-escapes, goes to the full reading.
_PLAIN_PROFILE = re.compile(r"^https://www\.linkedin\.com/in/([\w\-.]{3,100})/?$", re.ASCII)


def linkedin_slug(url: str) -> str | None:
    """:func:`netweave.domain.identity.linkedin_slug`, quicker for the usual form."""
    if match := _PLAIN_PROFILE.match(url):
        return match[1].lower()
    return _any_linkedin_slug(url)


def _web_address(url: str, source: Source, problems: list[Problem]) -> bool:
    """Whether Person keeps ``url`` (http and https only); a problem says so when not."""
    try:
        normalize_url(url)
    except ValueError as error:
        problems.append(Problem(source, f"{error}; left out", skipped=False))
        return False
    return True


def _display_name(
    parts: ContactParts, emails: tuple[str, ...], phones: tuple[str, ...]
) -> str | None:
    joined = " ".join(p for p in (parts.given_name, parts.middle_name, parts.family_name) if p)
    if joined and parts.suffix:
        joined = f"{joined}, {parts.suffix}"
    for candidate in (parts.full_name, joined, parts.nickname, parts.company):
        name = one_line(candidate)
        if name:
            return name
    if emails:
        return emails[0]
    return phones[0] if phones else None


def _family_name(parts: ContactParts) -> str | None:
    """The family name without a suffix written into it: LinkedIn's "Lee, Jr." is "Lee".

    The suffix stays in the display name ("Ann Lee, Jr."). A full name alone is
    not split into parts: the file did not say which part is which.
    """
    family = one_line(parts.family_name)
    return split_family_name(family)[0] if family else None


def _address(parts: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
    """The non-blank parts of a postal address, each on one line and cut to size."""
    if not parts:
        return ()
    kept = ((name, one_line(value)) for name, value in parts.items())
    return tuple((name, value[:TEXT_MAX]) for name, value in kept if value)


def finish(parts: ContactParts) -> tuple[ContactDraft | None, list[Problem]]:
    """The checked draft and the problems met; no draft when there is nothing to name it by."""
    source = parts.source
    problems: list[Problem] = []
    emails, email_labels = _keep_valid(parts.emails, "email", source, problems)
    phones, phone_labels = _keep_valid(parts.phones, "phone", source, problems)
    name = _display_name(parts, emails, phones)
    if name is None:
        return None, [Problem(source, "no name, email or phone number; nothing to import")]
    urls: list[str] = []
    url_labels: list[tuple[str, str]] = []
    linkedin = parts.linkedin_url
    for url, label in parts.urls:
        slug = linkedin_slug(url)
        if not slug and not _web_address(url, source, problems):
            continue
        if slug and linkedin is None:
            linkedin = url
        elif slug and slug == linkedin_slug(linkedin or ""):
            continue  # the same profile written another way
        elif url not in urls:
            urls.append(url)
            if label:
                url_labels.append((url, label))
    # The draft's fields in their order, given by position: as keywords, each costs a search
    # of the 24 names (issue 16). tests/unit/importers/test_finish_fields.py holds the order.
    draft = ContactDraft(
        source,
        parts.ref,
        _cut(name, NAME_MAX, "name", source, problems) or name,
        _cut(one_line(parts.given_name), TEXT_MAX, "given name", source, problems),
        _cut(_family_name(parts), TEXT_MAX, "family name", source, problems),
        emails,
        phones,
        _cut(one_line(parts.company), TEXT_MAX, "company", source, problems),
        _cut(one_line(parts.title), TEXT_MAX, "title", source, problems),
        _cut(one_line(parts.location), TEXT_MAX, "location", source, problems),
        _address(parts.address),
        _cut("\n\n".join(parts.notes) or None, TEXT_MAX, "notes", source, problems),
        parts.met_on,
        one_line(parts.how_met),
        _tags(parts.tags, source, problems),
        one_line(parts.nickname),
        one_line(parts.department),
        linkedin,
        linkedin_slug(linkedin) if linkedin else None,
        tuple(urls),
        parts.birthday,
        parts.has_photo,
        clean(parts.external_id),
        tuple(email_labels + phone_labels + url_labels),
    )
    return draft, problems


# --- dates as contact files write them -----------------------------------------------

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ ,-]+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_ISO_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")


def parse_day(text: str | None, *, month_first: bool = True) -> PartialDate | None:
    """A date as contact exports write it, the year possibly missing; None when blank.

    Forms: ``05 Mar 2024`` (LinkedIn), ``Mar 5, 2024``, ``2024-03-05``,
    ``20240305``, ``--03-05`` and ``--0305`` (no year), ``3/5/2024`` (month
    first, as US Outlook writes it; ``0/0/00`` means none). ValueError when the
    text is none of these or not a real day.
    """
    text = (text or "").strip()
    if not text or text in {"0/0/00", "0/0/0000", "00/00/0000"}:
        return None
    # Exports repeat days (30,000 connections are made on a few thousand days).
    found = _read_day(text, month_first)
    if isinstance(found, str):
        raise ValueError(found)
    return found


@lru_cache(maxsize=16_384)
def _read_day(text: str, month_first: bool) -> PartialDate | str:
    """:func:`parse_day` of stripped, non-blank ``text``; what is wrong with it as a str."""
    try:
        return _day(text, month_first)
    except ValueError as error:
        return str(error)


def _day(text: str, month_first: bool) -> PartialDate:
    if match := _NO_YEAR.match(text):
        year, month, day = 0, int(match[1]), int(match[2])
    elif match := _ISO_DAY.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), _month(match[2]), int(match[3])
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = _month(match[1]), int(match[2]), int(match[3])
    elif match := _SLASHED.match(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        month, day = (first, second) if month_first else (second, first)
        if month > 12 >= day:  # 22/3/1980 can only be day first, whatever the locale
            month, day = day, month
        if year < 100:  # two-digit years: 00-49 are 2000s, 50-99 are 1900s
            year += 2000 if year < 50 else 1900
    else:
        raise ValueError(f"{text!r} is not a date")
    try:
        return PartialDate(month, day, year if year > 0 else None)
    except ValueError:
        raise ValueError(f"{text!r} is not a real day") from None


def _month(name: str) -> int:
    month = _MONTHS.get(name[:3].lower())
    if month is None:
        raise ValueError(f"{name!r} is not a month")
    return month


def full_date(day: PartialDate | None) -> date | None:
    return date(day.year, day.month, day.day) if day and day.year else None


__all__ = ["ContactParts", "clean", "email_address", "finish", "full_date", "one_line", "parse_day"]
