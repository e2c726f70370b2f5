"""A workspace (one owner's or one organization's network), its settings and target market.

Settings and the target market check what they are given strictly (a real phone region,
a time zone of the tz database, a currency code, no empty word): every door builds them
through here, so every door refuses alike. Rows read back from the database are read
with ``READ_BACK`` (domain/base.py) as the validation context: a value an older
netweave let in (a region "ZZ") is read as it is, so that the workspace still opens and
the value can be fixed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from netweave.domain.base import Cents, Id, Name, Record, Stored, no_items
from netweave.domain.money import currency_code
from netweave.domain.person import normalize_email

MOST_WORDS = 100
"""The most values one list of the target market holds."""
LONGEST_WORD = 200
"""The longest value (characters) in a list of the target market."""


def _stored(info: ValidationInfo) -> bool:
    return isinstance(info.context, dict) and bool(info.context.get("read_back"))


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _currency(value: Any) -> Any:
    return currency_code(value) if isinstance(value, str) else value


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """The tz database's zones by their name in lower case. Not "localtime" (whatever this
    machine says) nor "Factory" (no place): neither says where the workspace is."""
    known = available_timezones() - {"localtime", "Factory"}
    return {zone.lower(): zone for zone in known}


def _loads(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    # A region such as "Europe" is a directory of zones: an OSError, not a zone.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class Settings(Record):
    hourly_value_cents: Cents = 0
    currency: Annotated[str, BeforeValidator(_currency)] = "EUR"
    """Three letters (ISO 4217), any case typed, stored in capitals."""
    time_zone: str = "UTC"
    """A zone of the tz database (Europe/Berlin), any case typed, stored as it names it."""
    default_region: Annotated[str, BeforeValidator(_upper)] = "US"
    """Country for phone numbers typed without a country code: one phonenumbers knows."""
    pinned_today: date | None = None
    """The day this workspace is seen from, whatever the calendar says: the sample
    network's date in the demo, so that its history does not age. None: the real day."""
    my_addresses: list[str] = Field(default_factory=no_items, max_length=50)
    """The owner's email addresses beyond those on the owner's own record (work, private,
    old ones): a mail sync counts a message from or to any of them as the owner's."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str, info: ValidationInfo) -> str:
        # A zone read back that still loads is kept as stored, without listing the tz
        # database (600 files read, some 20 ms of every command, issue 16); a typed one
        # takes the database's spelling of its name.
        if _stored(info) and _loads(zone):
            return zone
        found = _zones().get(zone.lower())
        if found is not None:
            return found
        if not zone:
            raise ValueError("cannot be empty (e.g. Europe/Berlin, America/Chicago, UTC)")
        raise ValueError(f"'{zone}' is not a time zone (e.g. Europe/Berlin, America/Chicago, UTC)")

    @field_validator("default_region")
    @classmethod
    def _known_region(cls, region: str, info: ValidationInfo) -> str:
        if _stored(info) and len(region) == 2:
            return region
        # Here, not at the top: a workspace read back is not checked again, so a read
        # (netweave person list) does not load phonenumbers' tables.
        import phonenumbers

        if region in phonenumbers.SUPPORTED_REGIONS:
            return region
        if not region:
            raise ValueError("cannot be empty (give a country's two-letter code, e.g. US, DE, GB)")
        raise ValueError(
            f"'{region}' is not a country netweave knows for phone numbers: give its two-letter "
            "code (e.g. US, DE, GB)"
        )

    @field_validator("my_addresses")
    @classmethod
    def _addresses(cls, addresses: list[str]) -> list[str]:
        return sorted({normalize_email(a) for a in addresses if a.strip()})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def now(self, real: datetime) -> datetime:
        """What "now" is in this workspace, given the ``real`` moment (aware).

        With a pinned day: that day, at the real time of day in the workspace's zone.
        """
        if self.pinned_today is None:
            return real
        local = real.astimezone(self.zone)
        return datetime.combine(self.pinned_today, local.time(), self.zone).astimezone(UTC)


_NOUNS = {
    "categories": "category",
    "roles": "role",
    "regions": "region",
    "company_sizes": "company size",
    "keywords": "keyword",
}


class TargetMarket(Record):
    """The ideal-client profile: lists of words, each kept in lower case, once, in order of
    the alphabet. An empty word is refused rather than dropped (it would empty a list
    that was meant to be set); to empty a list, clear it."""

    categories: list[str] = Field(default_factory=no_items)
    roles: list[str] = Field(default_factory=no_items)
    regions: list[str] = Field(default_factory=no_items)
    company_sizes: list[str] = Field(default_factory=no_items)
    keywords: list[str] = Field(default_factory=no_items)

    @field_validator("categories", "roles", "regions", "company_sizes", "keywords")
    @classmethod
    def _words(cls, values: list[str], info: ValidationInfo) -> list[str]:
        noun = _NOUNS[info.field_name or ""]
        if _stored(info):
            return sorted({" ".join(value.lower().split()) for value in values} - {""})
        if len(values) > MOST_WORDS:
            raise ValueError(f"takes at most {MOST_WORDS} values, not {len(values)}")
        cleaned = [" ".join(value.lower().split()) for value in values]
        for word in cleaned:
            if not word:
                raise ValueError(f"a {noun} cannot be empty")
            if len(word) > LONGEST_WORD:
                raise ValueError(f"a {noun} is at most {LONGEST_WORD} characters")
        return sorted(set(cleaned))


class WorkspaceDraft(Record):
    """A workspace before it is stored: every field but the id."""

    name: Name
    owner_id: Id | None = None
    settings: Settings = Field(default_factory=Settings)


class Workspace(WorkspaceDraft, Stored):
    """A workspace, stored: it has its id."""


__all__ = [
    "LONGEST_WORD",
    "MOST_WORDS",
    "Settings",
    "TargetMarket",
    "Workspace",
    "WorkspaceDraft",
]
