"""The Python API's subscribed calendars, as ``netweave calendar subscribe|subscriptions|
refresh|unsubscribe``: the same service, the same import as ``netweave import FILE.ics``."""

from __future__ import annotations

from netweave.api.base import Base
from netweave.commands import SubscribeCalendar, UnsubscribeCalendar
from netweave.domain import build
from netweave.services import calendar_subscriptions as subs
from netweave.services.calendar_subscriptions import Refreshed, Subscription


class CalendarSubscriptions(Base):
    """``subscribe_calendar``, ``calendar_subscriptions``, ``refresh_calendars`` and
    ``unsubscribe_calendar``."""

    def subscribe_calendar(self, url: str, *, name: str | None = None) -> Refreshed:
        """Subscribe to the calendar at ``url`` (http, https, webcal): fetched and imported
        now; nothing is saved when that fails (FetchFailed, InvalidInput)."""
        command = build(SubscribeCalendar, {"url": url, "name": name})
        return subs.subscribe(self.store, self.ws, command, now=self.now())

    def calendar_subscriptions(self) -> list[Subscription]:
        return subs.list_subscriptions(self.store, self.ws)

    def refresh_calendars(self, name: str | None = None) -> list[Refreshed]:
        """Fetch and import ``name`` again (None: every subscription). A failed fetch is
        not raised: its :class:`Refreshed` holds the error (``ok`` is False)."""
        return subs.refresh(self.store, self.ws, name, now=self.now())

    def unsubscribe_calendar(self, name: str) -> Subscription:
        """Forget a subscription; the events and touches it brought stay."""
        command = build(UnsubscribeCalendar, {"name": name})
        return subs.unsubscribe(self.store, self.ws, command, now=self.now())


__all__ = ["CalendarSubscriptions"]
