"""A workspace (one owner's or one organization's network), its settings and target market."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from netweave.domain.base import Cents, Id, Name, Record, Stored
from netweave.domain.person import normalize_email


def _clean_list(values: list[str]) -> list[str]:
    cleaned = (" ".join(v.lower().split()) for v in values)
    return sorted({v for v in cleaned if v})


class Settings(Record):
    hourly_value_cents: Cents = 0
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    time_zone: str = "UTC"
    default_region: str = Field(default="US", pattern=r"^[A-Z]{2}$")
    """Country for phone numbers typed without a country code."""
    pinned_today: date | None = None
    """The day this workspace is seen from, whatever the calendar says: the sample
    network's date in the demo, so that its history does not age. None: the real day."""
    my_addresses: list[str] = Field(default_factory=list, max_length=50)
    """The owner's email addresses beyond those on the owner's own record (work, private,
    old ones): a mail sync counts a message from or to any of them as the owner's."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        # A region such as "Europe" is a directory of zones: an OSError, not a zone.
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(f"'{zone}' is not a time zone (e.g. Europe/Berlin)") from None
        return zone

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


class TargetMarket(Record):
    """The ideal-client profile."""

    categories: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    company_sizes: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)

    _normalize = field_validator("categories", "roles", "regions", "company_sizes", "keywords")(
        _clean_list
    )


class WorkspaceDraft(Record):
    """A workspace before it is stored: every field but the id."""

    name: Name
    owner_id: Id | None = None
    settings: Settings = Field(default_factory=Settings)


class Workspace(WorkspaceDraft, Stored):
    """A workspace, stored: it has its id."""


__all__ = ["Settings", "TargetMarket", "Workspace", "WorkspaceDraft"]
