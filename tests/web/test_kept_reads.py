"""After a touch logged, the dashboard does not read again what the touch did not write.

The cadence rules, the follow-ups (the review's and the panel's) and the records of the
people the activity panel shows are kept by the web app (netweave.web.network) until a write
reaches the tables they read (RULES_READS, FOLLOW_UP_READS, PEOPLE_READS): a touch logged
reaches none of them, and the panels still equal the same computed afresh (_same); a write
to one of them (a follow-up added) reads it again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from netweave.commands import SetTagCadence
from netweave.domain import build
from netweave.services import cadence
from netweave.storage import Store
from netweave.storage import cadence as cadence_db
from netweave.storage import followups as followups_db
from netweave.storage import people as people_db
from netweave.web.network import NetworkCache
from netweave.web.pages.dashboard import PANELS
from netweave.web.state import Web
from tests import writes
from tests.web.test_kept_dashboard import NOW, _apply, _same, _setup

READS = (
    (cadence_db, "cadence_rules"),
    (followups_db, "list_follow_ups"),
    (people_db, "get_people"),
)
"""What the kept values read (a person's record is read by get_people, one or many)."""


def _spied(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    for module, name in READS:
        read = getattr(module, name)

        def counted(
            *args: Any, _read: Callable[..., Any] = read, _name: str = name, **kwargs: Any
        ) -> Any:
            if _name != "get_people" or args[2]:  # no ids: nothing read (an event's people)
                calls[_name] += 1
            return _read(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


def _dashboard(store: Store, ws: int, cache: NetworkCache) -> None:
    web = Web(store, ws, "demo", NOW, _network=cache)
    for panel in PANELS:
        panel.load(web)


def test_a_touch_logged_reads_no_follow_up_cadence_or_person_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, people, _ = _setup(store)
    due = {"person_id": people[1], "reason": "call back", "due_on": NOW.date()}
    writes.add_follow_up(store, ws, due)
    cadence.set_tag_cadence(store, ws, build(SetTagCadence, {"tag": "client", "days": 30}))
    writes.edit_person(store, ws, people[2], {"tags": ["client"], "emails": ["p2@example.com"]})
    touches: list[int] = []
    # In touch within 90 days: on the activity panel's most-in-touch list, read by get_people.
    _apply(store, ws, people, touches, ("log", [0, 1], 7_000, "call", 30.0, True))
    cache = NetworkCache(store, ws)
    calls = _spied(monkeypatch)
    _dashboard(store, ws, cache)
    assert set(calls) == {"cadence_rules", "list_follow_ups", "get_people"}
    _apply(store, ws, people, touches, ("log", [0, 1], 7_100, "call", 30.0, True))
    calls.clear()
    _dashboard(store, ws, cache)
    assert calls == Counter()  # all kept: the touch wrote none of their tables
    _same(store, ws, cache, NOW)
    # A write to one of them reaches the values that read it (and only those).
    later = (NOW + timedelta(days=1)).date()
    writes.add_follow_up(store, ws, {"person_id": people[3], "reason": "thank", "due_on": later})
    calls.clear()
    _dashboard(store, ws, cache)
    assert set(calls) == {"list_follow_ups"}
    _same(store, ws, cache, NOW)
