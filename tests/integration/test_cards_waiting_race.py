"""A waiting card confirmed twice at once (a double tap on Save, two tabs): one person,
whichever request wins; the other is told the card is confirmed (SQLite, PostgreSQL)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from netweave.errors import NetweaveError
from netweave.services import capture, cards_waiting, people, workspaces
from netweave.storage import Store
from netweave.storage import cards_waiting as waiting_db


def test_a_card_confirmed_twice_at_once_makes_one_person(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = Store.open(database_url, create=True), Store.open(database_url)
    try:
        ws = workspaces.init_workspace(first, me="Robin Vale").id
        assert ws is not None
        now = datetime(2026, 6, 1, 12, tzinfo=UTC)
        with first.transaction() as conn:  # a card with a name only: nothing else finds her
            card_id = waiting_db.insert_card(
                conn, ws, b"\xff\xd8\xff photo", "image/jpeg", {"name": "Zed Quill"}, None, now
            )
        real = capture.save_found

        def slow(store: Store, ws: int, fields: dict[str, Any], **more: Any) -> Any:
            # Both requests passed the "still waiting?" check; the second saves later.
            time.sleep(0.1 if threading.current_thread().name == "tap-1" else 0.5)
            return real(store, ws, fields, **more)

        monkeypatch.setattr(capture, "save_found", slow)
        outcomes: list[str] = []

        def tap(store: Store) -> None:
            try:
                cards_waiting.confirm(store, ws, card_id, {"name": "Zed Quill"}, now=now)
                outcomes.append("saved")
            except NetweaveError as error:
                outcomes.append(type(error).__name__)

        taps = [
            threading.Thread(target=tap, args=(s,), name=f"tap-{n}")
            for n, s in enumerate((first, second), 1)
        ]
        for thread in taps:
            thread.start()
        for thread in taps:
            thread.join()
        named = [p for p in people.list_people(first, ws) if p.name == "Zed Quill"]
        assert len(named) == 1, outcomes
        assert sorted(outcomes) == ["NotFound", "saved"]
        assert cards_waiting.count(first, ws) == 0
    finally:
        first.close()
        second.close()
