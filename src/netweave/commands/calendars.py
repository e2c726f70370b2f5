"""Calendars subscribed to by URL: saved by name, fetched again and imported as an .ics."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from netweave.commands.base import Command
from netweave.errors import InvalidInput

SCHEMES = ("http", "https", "webcal")
"""What a subscription's URL may start with; webcal:// is fetched as https://."""


def check_calendar_url(url: str) -> str:
    """``url`` stripped, when it is an http, https or webcal URL with a host; else
    InvalidInput naming the field."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise InvalidInput(
            f"{url!r} is not a calendar URL: it starts with http://, https:// or webcal://",
            field="url",
            code="bad-calendar-url",
            facts={"url": url},
        )
    if not parts.hostname:
        raise InvalidInput(
            f"{url!r} names no server", field="url", code="bad-calendar-url", facts={"url": url}
        )
    return url


class SubscribeCalendar(Command):
    """Subscribe to a calendar by URL: it is fetched and imported now, and again on
    each refresh (``services.calendar_subscriptions.subscribe``)."""

    log_name: ClassVar[str] = "subscribe-calendar"

    url: str = Field(max_length=2000)
    name: str | None = Field(default=None, max_length=80)
    """None: the URL's server and file name."""

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        return check_calendar_url(url)

    @field_validator("name", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


class UnsubscribeCalendar(Command):
    """Forget a subscribed calendar; the events and touches it brought stay."""

    log_name: ClassVar[str] = "unsubscribe-calendar"

    name: str = Field(min_length=1, max_length=80)


__all__ = ["SCHEMES", "SubscribeCalendar", "UnsubscribeCalendar", "check_calendar_url"]
