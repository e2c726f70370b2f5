"""What every request shares: the store, the workspace, the clock; and per-request helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from fastapi import Request

from netweave.domain import Settings
from netweave.domain.dates import Direction, parse_date, parse_datetime
from netweave.domain.money import parse_amount
from netweave.services import people, workspaces
from netweave.services.database import Store
from netweave.services.network_view import (
    NetworkView,
    StrengthBackdrop,
    monthly_moments,
    network_view,
    strength_backdrop,
    strength_history,
)
from netweave.web.hosts import LOCAL_HOSTS
from netweave.web.network import NetworkCache, view_moment
from netweave.web.throttle import LoginThrottle
from netweave.web.uploads import Gone, UploadShelf

CARD_GONE = Gone(
    "this card is no longer here (cards wait an hour for their confirmation)",
    "card",
    "share or choose the card again",
)

T = TypeVar("T")
_CHOSEN = re.compile(r"\(#(\d{1,10})\)\s*$")


@dataclass
class AppState:
    """Built once by :func:`netweave.web.create_app`; nothing here changes per request."""

    store: Store
    ws: int
    workspace_name: str
    clock: Callable[[], datetime]
    secret: str | None = None
    uploads: UploadShelf = field(default_factory=UploadShelf)
    cards: UploadShelf = field(default_factory=lambda: UploadShelf(slots=32, gone=CARD_GONE))
    """Contact cards shared or chosen, kept an hour for their confirm page (pages/capture.py)."""
    """Files uploaded for an import preview, until the visitor confirms."""
    network: NetworkCache | None = None
    """The owner's ties, kept until the data changes (built by create_app)."""
    allowed_hosts: frozenset[str] = LOCAL_HOSTS
    """The host names the app answers to (:mod:`netweave.web.hosts`)."""
    throttle: LoginThrottle | None = None
    """Wrong access secrets per client address (built by create_app with a secret)."""


@dataclass
class Web:
    """One request's view of the app: the store, the workspace, now, and its settings."""

    store: Store
    ws: int
    workspace_name: str
    now: datetime
    _settings: Settings | None = field(default=None, repr=False)
    _network: NetworkCache | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = workspaces.get_settings(self.store, self.ws)
        return self._settings

    @property
    def owner_id(self) -> int | None:
        """The owner ("me"), or None before anyone said who they are (once per request)."""
        return self.once("owner", lambda: workspaces.owner_id(self.store, self.ws))

    def network(self) -> NetworkView:
        """The owner's ties, overdue people and standings as of now (kept between requests)."""
        if self._network is None:
            moment = view_moment(self.now)
            return self.once("network", lambda: network_view(self.store, self.ws, moment))
        return self._network.view(self.now)

    def is_current(self, view: NetworkView) -> bool:
        """Whether ``view`` (from :meth:`network`) holds every write committed until now
        (:meth:`netweave.web.network.NetworkCache.is_current`; computed in the request
        without a cache, it does)."""
        return self._network is None or self._network.is_current(view)

    def derived(self, name: str, make: Callable[[NetworkView], T]) -> T:
        """``make(network view)``, kept with the view between requests."""
        if self._network is None:
            return self.once(name, lambda: make(self.network()))
        return self._network.derived(name, self.now, make)

    def counted(self, name: str, count: Callable[[], int]) -> int:
        """``count()`` kept between requests until the data changes (netweave.web.network)."""
        if self._network is None:
            return self.once(name, count)
        return self._network.counted(name, count)

    def keep(self, key: Hashable, reads: Collection[str], make: Callable[[], T]) -> T:
        """``make()``, kept between requests until a write reaches the tables it ``reads``
        (:meth:`netweave.web.network.NetworkCache.keep`; a :class:`Keeper`)."""
        if self._network is None:
            return make()
        return self._network.keep(key, reads, make)

    def grow(self, key: Hashable, reads: Collection[str], make: Callable[[T | None], T]) -> T:
        """``make(None)``, kept between requests, or grown by the rows added since
        (:meth:`netweave.web.network.NetworkCache.grow`; a :class:`Grower`)."""
        if self._network is None:
            return make(None)
        return self._network.grow(key, reads, make)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per request (panels that share the weekly review)."""
        if key not in self._memo:
            self._memo[key] = make()
        found: T = self._memo[key]
        return found

    def strength_history(self, person_id: int, points: int) -> list[tuple[datetime, float]]:
        """The owner's tie with ``person_id`` now and every 30 days before, oldest first.

        The moments count from the network view's minute, so that one backdrop,
        kept with the view, serves every person page, the dashboard and the API.
        Without an owner there is no tie, and no history.
        """
        if self.network().owner_id is None:
            return []

        name = f"strength-backdrop-{points}"

        def make(view: NetworkView) -> StrengthBackdrop:
            # The points of the backdrop before that still hold are taken over.
            before = self._network.latest(name) if self._network is not None else None
            after = before if isinstance(before, StrengthBackdrop) else None
            moments = monthly_moments(view.as_of, points)
            return strength_backdrop(self.store, self.ws, moments, after=after)

        backdrop = self.derived(name, make)
        return strength_history(self.store, self.ws, person_id, backdrop.moments, backdrop=backdrop)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.settings.zone).date()

    def moment(self, text: str, what: str, direction: Direction = Direction.PAST) -> datetime:
        """A moment typed in a form, in the workspace's zone ("yesterday 14:00", "Nov 3").

        ``direction`` places a day typed without its year (see netweave.domain.dates).
        """
        zone = self.settings.zone
        return parse_datetime(text, now=self.now, zone=zone, direction=direction, field=what)

    def day(self, text: str, what: str, direction: Direction = Direction.PAST) -> date:
        return parse_date(text, today=self.today, direction=direction, field=what)

    @staticmethod
    def cents(text: str, what: str) -> int | None:
        return parse_amount(text, field=what) if text.strip() else None

    def person_id(self, ref: str) -> int:
        """The person a user named in a form: me, #id, email or name (never a guess).

        "Anna Smith (#12)", as the suggestions fill it in, means #12.
        """
        found = people.find_person(self.store, self.ws, _chosen(ref)).id
        assert found is not None
        return found

    def prospect(self, text: str) -> dict[str, int | str | None]:
        """A referral's prospect: a person named exactly, else a free-text name."""
        prospect_id, name = people.prospect_of(self.store, self.ws, _chosen(text))
        return {"prospect_id": prospect_id, "prospect_name": name}


def _chosen(ref: str) -> str:
    found = _CHOSEN.search(ref)
    return f"#{found[1]}" if found else ref


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.netweave
    return state


def web(request: Request) -> Web:
    """FastAPI dependency: the request's :class:`Web`."""
    state = app_state(request)
    return Web(state.store, state.ws, state.workspace_name, state.clock(), _network=state.network)


__all__ = ["AppState", "Web", "app_state", "web"]
