"""The demo's workspace lives on its sample network's date, on the command line,
in the Python API and in the web app, and says so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import netweave
from netweave.sample import SAMPLE_TODAY
from netweave.services import workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.cli.conftest import Netweave

DAY = SAMPLE_TODAY.isoformat()


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Netweave]:
    """The smallest demo (20 people) in a SQLite file."""
    runner = Netweave(f"sqlite:///{tmp_path / 'demo.db'}", capsys)
    made = runner.ok("demo", "--size", "20")
    assert f"pinned to {DAY}" in made.out
    try:
        yield runner
    finally:
        runner.close()


def test_the_demo_pins_its_workspace_to_the_sample_date(demo: Netweave) -> None:
    assert workspaces.get_settings(demo.store, demo.ws).pinned_today == SAMPLE_TODAY
    assert f"pinned to {DAY}" in demo.ok("settings", "show").out


def test_commands_read_the_pinned_day_as_today_and_say_so(demo: Netweave) -> None:
    review = demo.ok("review")
    assert f"Review as of {DAY}" in review.out
    assert f"As of {DAY}, the day this workspace is pinned to" in review.err
    as_json = json.loads(demo.ok("review", "--json").out)
    assert as_json["as_of"].startswith(DAY[:8])  # the same month; the day in UTC may be next
    assert "As of" in demo.ok("ties", "--json").err  # said on stderr, out of the JSON's way
    # An explicit --as-of is the user's own: nothing to say.
    assert "pinned" not in demo.ok("review", "--as-of", "2026-10-01").err


def test_unpinned_the_workspace_follows_the_calendar(demo: Netweave) -> None:
    demo.ok("settings", "set", "--today", "none")
    assert workspaces.get_settings(demo.store, demo.ws).pinned_today is None
    review = demo.ok("review")
    assert "pinned" not in review.err
    assert f"Review as of {DAY}" not in review.out
    demo.ok("settings", "set", "--today", "2026-10-15")
    assert "Review as of 2026-10-15" in demo.ok("review").out


def test_the_python_api_and_the_web_app_take_the_pinned_day(demo: Netweave) -> None:
    with netweave.open(demo.url) as api:
        assert api.pinned_today == SAMPLE_TODAY
        zone = api.workspace.settings.zone
        assert api.moment(None).astimezone(zone).date() == SAMPLE_TODAY
        assert api.review().as_of.astimezone(zone).date() == SAMPLE_TODAY
    store = Store.open(demo.url)
    try:
        app = create_app(store)
        now = app.state.netweave.clock()
        assert now.astimezone(zone).date() == SAMPLE_TODAY
        pinned = datetime(2026, 1, 5, 9, tzinfo=UTC)
        assert create_app(store, clock=lambda: pinned).state.netweave.clock() == pinned
    finally:
        store.close()
