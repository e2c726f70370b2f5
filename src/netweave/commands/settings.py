"""A workspace's settings, its owner ("me"), its target market and its tags' cadences."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, field_validator, model_validator

from netweave.commands.base import Command, Edit, RecordId
from netweave.domain.base import KeepInTouchDays, Name, build
from netweave.domain.person import normalize_tag
from netweave.domain.workspace import Settings, TargetMarket

NO_SIZES = (
    "company size cannot be part of the target market: netweave records no company size "
    "for people, so it could never count in their fit; use a keyword (e.g. 'family business') "
    "or a role instead"
)


class ChangeSettings(Edit):
    """Change the workspace's settings: ``set`` gives new values (hourly value in cents,
    currency, time zone, phone region, a pinned day), ``clear`` un-pins the day. Each value
    is checked as :class:`Settings` checks it (a real phone region, a zone of the tz
    database), here, before anything is read or written."""

    log_name: ClassVar[str] = "change-settings"
    edits: ClassVar[type[BaseModel]] = Settings
    record_named: ClassVar[str] = "the settings"

    @model_validator(mode="after")
    def _values(self) -> ChangeSettings:
        # Every setting has a default, so the values alone make a Settings: InvalidInput
        # names the field at fault ("default_region"), as an edit of the stored one would.
        build(Settings, self.set)
        return self


class ChangeTargetMarket(Edit):
    """Replace lists of the target market (``set``: categories, roles, regions, keywords)
    or empty them (``clear``). An empty word is refused; company sizes are refused
    (:data:`NO_SIZES`): every part of the market must count in the fit rule."""

    log_name: ClassVar[str] = "change-target-market"
    edits: ClassVar[type[BaseModel]] = TargetMarket
    record_named: ClassVar[str] = "the target market"
    lists: ClassVar[tuple[str, ...]] = tuple(TargetMarket.model_fields)

    @model_validator(mode="after")
    def _values(self) -> ChangeTargetMarket:
        if self.set.get("company_sizes"):
            raise ValueError(NO_SIZES)
        build(TargetMarket, self.set)
        return self


class SetOwner(Command):
    """Say who the owner ("me") is: a person of the workspace (``person_id``), or a new
    person of that ``name`` (added, then made the owner, in one transaction)."""

    log_name: ClassVar[str] = "set-owner"

    person_id: RecordId | None = None
    name: Name | None = None

    @model_validator(mode="after")
    def _one(self) -> SetOwner:
        if (self.person_id is None) == (self.name is None):
            raise ValueError("name the owner by a person's id or a new person's name (one)")
        return self


def _no_days(value: Any) -> Any:
    """Blank, None or 0 (as typed on a form or the command line): no cadence."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip() == "0":
        return None
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    return None if value == 0 else value


class SetTagCadence(Command):
    """Be in touch with the people tagged ``tag`` every ``days`` days; no days (None, 0 or
    blank) removes the tag's cadence. A person's own cadence wins over their tags'."""

    log_name: ClassVar[str] = "set-tag-cadence"

    tag: str
    days: Annotated[KeepInTouchDays, BeforeValidator(_no_days)] = None

    @field_validator("tag")
    @classmethod
    def _tag(cls, tag: str) -> str:
        return normalize_tag(tag)


__all__ = [
    "NO_SIZES",
    "ChangeSettings",
    "ChangeTargetMarket",
    "SetOwner",
    "SetTagCadence",
]
