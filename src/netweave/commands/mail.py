"""Changing where and when mail goes out (the weekly digest and the reminders)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from netweave.commands.base import Edit
from netweave.domain.mailout import MOST_CHANNELS, MailOut, check_channel_url


class SetMailOut(Edit):
    """Change the mail-out settings: ``set`` gives fields new values (as :class:`MailOut`
    names and checks them), ``clear`` empties them (an optional field, or every channel),
    ``add_channels`` and ``remove_channels`` change the channels one URL at a time.
    Everything is checked together, in one transaction; no password is ever a field."""

    log_name: ClassVar[str] = "set-mail-out"
    edits: ClassVar[type[BaseModel]] = MailOut
    lists: ClassVar[tuple[str, ...]] = ("channels",)

    add_channels: list[str] = Field(default_factory=list, max_length=MOST_CHANNELS)
    remove_channels: list[str] = Field(default_factory=list, max_length=MOST_CHANNELS)

    @field_validator("add_channels")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        return [check_channel_url(url) for url in urls]

    @field_validator("remove_channels")
    @classmethod
    def _stripped(cls, urls: list[str]) -> list[str]:
        return [url.strip() for url in urls]

    @model_validator(mode="after")
    def _something(self) -> SetMailOut:
        if not (self.set or self.clear or self.add_channels or self.remove_channels):
            raise ValueError("name at least one mail setting to change")
        if "channels" in self.set and (self.add_channels or self.remove_channels):
            raise ValueError("set the channels, or add and remove some, not both")
        return self


__all__ = ["SetMailOut"]
