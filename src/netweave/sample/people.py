"""The cast: the owner ("me") and everyone else, with a hidden profile each.

People are kept as columns indexed by provisional id (index 0 is unused) so
that later stages can read and amend them cheaply: how and when the owner met
someone is only known once the events have been generated.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import accumulate

from netweave.domain import Person
from netweave.sample import vocabulary as words
from netweave.sample.clock import HISTORY_DAYS, day_of, moment
from netweave.sample.network import Profile

OWNER_ID = 1
_PROFILE_SHARES = ((Profile.GIVER, 0.25), (Profile.MATCHER, 0.55), (Profile.TAKER, 0.20))
_AREA_CODES = ("612", "651", "952", "763")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Cast:
    """Everyone in the network, one list entry per provisional id (0 is a placeholder)."""

    given: list[str] = field(default_factory=lambda: [""])
    family: list[str] = field(default_factory=lambda: [""])
    company: list[str] = field(default_factory=lambda: [""])
    title: list[str] = field(default_factory=lambda: [""])
    line: list[words.Line] = field(default_factory=lambda: [words.OWNER_LINE])
    place: list[str] = field(default_factory=lambda: [""])
    emails: list[tuple[str, ...]] = field(default_factory=lambda: [()])
    phones: list[tuple[str, ...]] = field(default_factory=lambda: [()])
    tags: list[tuple[str, ...]] = field(default_factory=lambda: [()])
    profile: list[Profile] = field(default_factory=lambda: [Profile.MATCHER])
    engagement: list[float] = field(default_factory=lambda: [0.0])
    """How often someone shows up when they could: 0.15 to 0.95."""
    admired: list[bool] = field(default_factory=lambda: [False])
    intriguing: list[bool] = field(default_factory=lambda: [False])
    how_met: list[str | None] = field(default_factory=lambda: [None])
    met_day: list[int | None] = field(default_factory=lambda: [None])
    """The day the owner first met them (None: known only from a roster)."""
    introduced_by: list[int] = field(default_factory=lambda: [0])
    created_day: list[int] = field(default_factory=lambda: [0])

    @property
    def count(self) -> int:
        return len(self.given) - 1

    def in_target(self, pid: int) -> bool:
        return self.line[pid].in_target_market

    def name(self, pid: int) -> str:
        return f"{self.given[pid]} {self.family[pid]}"

    def meet(self, pid: int, day: int, how: str, introducer: int = 0) -> None:
        """Record that the owner met ``pid`` on ``day`` unless they had met before."""
        if self.met_day[pid] is None:
            self.met_day[pid] = day
            self.how_met[pid] = how
            self.introduced_by[pid] = introducer


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _company(rng: random.Random, line: words.Line, family: str) -> str:
    roll = rng.random()
    plain = "&" not in line.noun  # no "Heating & Cooling & Associates"
    if roll < 0.6:
        suffixes = words.COMPANY_SUFFIXES if plain else words.COMPANY_SUFFIXES[:-1]
        name = f"{rng.choice(words.COMPANY_PREFIXES)} {line.noun}"
        suffix = rng.choice(suffixes)
        # "Birchwood HR Partners", not "Birchwood HR Partners Partners".
        return name if line.noun.endswith(suffix) else f"{name} {suffix}"
    if roll < 0.85 or not plain:
        return f"{family} {line.noun}"
    return f"{family} & {rng.choice(words.FAMILY_NAMES)} {line.noun}"


def _domain(company: str) -> str:
    for suffix in words.COMPANY_SUFFIXES:
        company = company.removesuffix(f" {suffix}")
    parts = _slug(company.replace("&", " ")).split("-")
    return f"{'-'.join(parts[:2])}.example"


class _Emails:
    """Addresses unique within the network: a number is added on a clash."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, local: str, domain: str) -> str:
        address = f"{local}@{domain}"
        number = 2
        while address in self._taken:
            address = f"{local}{number}@{domain}"
            number += 1
        self._taken.add(address)
        return address


class _Phones:
    """Distinct phone numbers: no two people share one (a phone number identifies a person).

    555-0100 to 555-0199 are reserved for fiction in North America; with four
    area codes that is 400 lines, so later people get an extension of one.
    """

    OWNER = "+1 612 555 0142"

    def __init__(self, rng: random.Random) -> None:
        lines = [f"+1 {area} 555 01{n:02d}" for area in _AREA_CODES for n in range(100)]
        lines.remove(self.OWNER)
        rng.shuffle(lines)
        self._lines = lines
        self._given = 0

    def claim(self) -> str:
        line = self._lines[self._given % len(self._lines)]
        extension = self._given // len(self._lines)
        self._given += 1
        return f"{line} ext. {extension}" if extension else line


def _add_owner(cast: Cast, emails: _Emails) -> None:
    cast.given.append("Jordan")
    cast.family.append("Avery")
    cast.company.append("Avery Growth Advisors LLC")
    cast.title.append(words.OWNER_LINE.titles[0])
    cast.line.append(words.OWNER_LINE)
    cast.place.append(words.PLACES[0])
    cast.emails.append((emails.claim("jordan", "averygrowth.example"),))
    cast.phones.append((_Phones.OWNER,))
    cast.tags.append(())
    cast.profile.append(Profile.GIVER)
    cast.engagement.append(0.85)
    cast.admired.append(False)
    cast.intriguing.append(False)
    cast.how_met.append(None)
    cast.met_day.append(None)
    cast.introduced_by.append(0)
    cast.created_day.append(-700)


def _pick_profile(rng: random.Random) -> Profile:
    roll = rng.random()
    for profile, share in _PROFILE_SHARES:
        if roll < share:
            return profile
        roll -= share
    return Profile.MATCHER


def cast_people(rng: random.Random, size: int) -> Cast:
    """``size`` people: the owner first, then the network."""
    cast = Cast()
    emails = _Emails()
    phones = _Phones(random.Random(rng.random()))
    _add_owner(cast, emails)
    lines = words.LINES
    line_weights = list(accumulate(3.0 if line.in_target_market else 1.0 for line in lines))
    companies: dict[str, list[str]] = {}
    for _ in range(size - 1):
        given = rng.choice(words.GIVEN_NAMES)
        family = rng.choice(words.FAMILY_NAMES)
        line = rng.choices(lines, cum_weights=line_weights)[0]
        known = companies.setdefault(line.category, [])
        if known and rng.random() < 0.12:
            company = rng.choice(known)  # a colleague of someone already in the network
        else:
            company = _company(rng, line, family)
            known.append(company)
        owner_like = line.in_target_market and rng.random() < 0.6
        title = rng.choice(words.OWNER_TITLES if owner_like else line.titles)
        if line.in_target_market and rng.random() < 0.8:
            place = rng.choice(words.TARGET_PLACES)
        else:
            place = rng.choice(words.PLACES)
        addresses = []
        if rng.random() < 0.88:
            addresses.append(emails.claim(f"{given}.{family}".lower(), _domain(company)))
        if rng.random() < 0.2:
            addresses.append(emails.claim(f"{given}{family}".lower(), "mail.example"))
        profile = _pick_profile(rng)
        cast.given.append(given)
        cast.family.append(family)
        cast.company.append(company)
        cast.title.append(title)
        cast.line.append(line)
        cast.place.append(place)
        cast.emails.append(tuple(addresses))
        cast.phones.append((phones.claim(),) if rng.random() < 0.85 else ())
        cast.tags.append(tuple(sorted(rng.sample(words.TAGS, rng.choice((0, 0, 1, 1, 2))))))
        cast.profile.append(profile)
        cast.engagement.append(rng.uniform(0.15, 0.95))
        cast.admired.append(rng.random() < (0.08 if profile is Profile.GIVER else 0.015))
        cast.intriguing.append(rng.random() < (0.12 if line.in_target_market else 0.03))
        cast.how_met.append(None)
        cast.met_day.append(None)
        cast.introduced_by.append(0)
        cast.created_day.append(rng.randrange(-400, HISTORY_DAYS - 1))
    return cast


def person_record(cast: Cast, pid: int) -> Person:
    """The domain record of person ``pid``, validated."""
    line = cast.line[pid]
    met_day = cast.met_day[pid]
    created_day = cast.created_day[pid] if met_day is None else min(met_day, HISTORY_DAYS - 1)
    created = datetime.fromtimestamp(moment(created_day, 9 * 60 + pid % 480), UTC)
    return Person.model_validate(
        {
            "id": pid,
            "name": cast.name(pid),
            "given_name": cast.given[pid],
            "family_name": cast.family[pid],
            "emails": list(cast.emails[pid]),
            "phones": list(cast.phones[pid]),
            "company": cast.company[pid],
            "title": cast.title[pid],
            "category": line.category,
            "location": cast.place[pid],
            "tags": list(cast.tags[pid]),
            "how_met": cast.how_met[pid],
            "met_on": day_of(met_day) if met_day is not None else None,
            "introduced_by_id": cast.introduced_by[pid] or None,
            "offers": line.offers[pid % len(line.offers)],
            "looking_for": line.looking_for[pid % len(line.looking_for)],
            "admired": cast.admired[pid],
            "intriguing": cast.intriguing[pid],
            "created_at": created,
            "updated_at": created,
        }
    )


__all__ = ["OWNER_ID", "Cast", "cast_people", "person_record"]
