"""Subscribed calendars (issue 15): a URL saved and fetched again from a real local HTTP
server; a later SEQUENCE updates the event it made, a past meeting is one touch however
often it is fetched, and a failed fetch says why and changes nothing but the last status."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from netweave.domain.kinds import InteractionKind
from netweave.services import calendar_subscriptions as subs
from tests.cli.conftest import Netweave
from tests.cli.test_calendar_reimport import all_events, ics, known, touches, vevent


class Calendars:
    """A real HTTP server on 127.0.0.1 serving what ``files`` holds (path → bytes, an
    int: that HTTP status, or a str: a redirect there)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes | int | str] = {}
        self.hits = 0
        served = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.hits += 1
                found = served.files.get(self.path, 404)
                if isinstance(found, int):
                    self.send_error(found)
                    return
                if isinstance(found, str):
                    self.send_response(302)
                    self.send_header("Location", found)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                kind = "text/calendar" if found.startswith(b"BEGIN:VCAL") else "text/html"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(found)))
                self.end_headers()
                self.wfile.write(found)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def calendars() -> Iterator[Calendars]:
    served = Calendars()
    try:
        yield served
    finally:
        served.close()


def mixer(sequence: int, start: str, end: str, place: str) -> str:
    return vevent(
        "mix-1",
        summary="Chamber mixer",
        sequence=sequence,
        location=place,
        start=start,
        end=end,
        attendees=(),
    )


def test_a_subscribed_calendar_is_imported_and_refresh_updates_its_events(
    nw: Netweave, calendars: Calendars
) -> None:
    calendars.files["/team.ics"] = ics(
        mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    url = calendars.url("/team.ics")
    said = nw.ok("calendar", "subscribe", url, "--name", "team").out
    assert "Subscribed to team" in said
    [event] = all_events(nw)
    assert event.place == "Hall A"

    calendars.files["/team.ics"] = ics(
        mixer(1, "20261211T170000Z", "20261211T200000Z", "Hall B")
    ).encode()
    report = json.loads(nw.ok("calendar", "refresh", "team", "--json").out)
    assert report[0]["report"]["kinds"]["events"] == {"created": 0, "updated": 1, "unchanged": 0}
    [event] = all_events(nw)  # updated, not duplicated
    assert event.place == "Hall B"
    assert event.starts_at.isoformat() == "2026-12-11T17:00:00+00:00"

    nw.ok("calendar", "refresh")  # the same file again: nothing changes
    assert len(all_events(nw)) == 1
    listed = nw.ok("calendar", "subscriptions").out
    assert "team" in listed
    assert url in listed
    assert "ok" in listed
    [sub] = subs.list_subscriptions(nw.store, nw.ws)
    assert (sub.name, sub.url, sub.status) == ("team", url, "ok")
    assert sub.fetched_at is not None


def test_a_past_meeting_is_one_touch_however_often_it_is_refreshed(
    nw: Netweave, calendars: Calendars
) -> None:
    known(nw)
    calendars.files["/me.ics"] = ics(vevent("coffee-1")).encode()
    nw.ok("calendar", "subscribe", calendars.url("/me.ics"))
    [touch] = touches(nw)
    assert touch.kind == InteractionKind.ONE_ON_ONE
    nw.ok("calendar", "refresh")
    nw.ok("calendar", "refresh")
    assert len(touches(nw)) == 1
    assert calendars.hits == 3


def test_webcal_is_fetched_as_https() -> None:
    assert subs.fetch_url("webcal://cal.example/a.ics") == "https://cal.example/a.ics"
    assert subs.fetch_url("http://cal.example/a.ics") == "http://cal.example/a.ics"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_failed_first_fetch_saves_nothing(nw: Netweave, calendars: Calendars) -> None:
    calendars.files["/page"] = b"<html><body>Not here</body></html>"
    cases = [
        (calendars.url("/gone.ics"), 8, "HTTP 404"),
        (calendars.url("/page"), 2, "is not a calendar"),
        (f"http://127.0.0.1:{_closed_port()}/cal.ics", 8, "cannot reach"),
        ("ftp://127.0.0.1/cal.ics", 2, "not a calendar URL"),
    ]
    for url, code, words in cases:
        failed = nw("calendar", "subscribe", url)
        assert failed.code == code, failed.err
        assert url in failed.err
        assert words in failed.err
        assert "Traceback" not in failed.err
    assert subs.list_subscriptions(nw.store, nw.ws) == []
    assert all_events(nw) == []


def test_a_failed_refresh_changes_nothing_but_the_status(
    nw: Netweave, calendars: Calendars
) -> None:
    known(nw)
    calendars.files["/cal.ics"] = ics(
        vevent("coffee-1"), mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    url = calendars.url("/cal.ics")
    nw.ok("calendar", "subscribe", url, "--name", "cal")
    before = (all_events(nw), touches(nw))
    for served, code, words in ((404, 8, "HTTP 404"), (b"hello", 2, "is not a calendar")):
        calendars.files["/cal.ics"] = served
        failed = nw("calendar", "refresh", "cal")
        assert failed.code == code, failed.err
        assert url in failed.err
        assert words in failed.err
        assert (all_events(nw), touches(nw)) == before
        [sub] = subs.list_subscriptions(nw.store, nw.ws)
        assert sub.status == "failed"
        assert sub.summary is not None
        assert words in sub.summary
    calendars.close()  # the server is gone
    failed = nw("calendar", "refresh")
    assert failed.code == 8
    assert "cannot reach" in failed.err
    assert url in failed.err
    assert (all_events(nw), touches(nw)) == before


def test_too_big_a_calendar_is_refused(
    nw: Netweave, calendars: Calendars, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netweave.importers import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)  # the bound, lowered for the test
    calendars.files["/big.ics"] = ics(*(vevent(f"e{i}") for i in range(20))).encode()
    failed = nw("calendar", "subscribe", calendars.url("/big.ics"))
    assert failed.code == 2
    assert calendars.url("/big.ics") in failed.err
    assert "up to" in failed.err
    assert all_events(nw) == []


def test_names_are_one_each_and_unsubscribe_keeps_the_events(
    nw: Netweave, calendars: Calendars
) -> None:
    calendars.files["/a.ics"] = ics(
        mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    url = calendars.url("/a.ics")
    nw.ok("calendar", "subscribe", url, "--name", "a")
    again = nw("calendar", "subscribe", url, "--name", "a")
    assert again.code == 2
    assert "already" in again.err
    nw.ok("calendar", "unsubscribe", "a")
    assert subs.list_subscriptions(nw.store, nw.ws) == []
    assert len(all_events(nw)) == 1
    missing = nw("calendar", "refresh", "a")
    assert missing.code == 3
    assert "no subscribed calendar named 'a'" in missing.err


def test_the_python_api_subscribes_and_refreshes_through_the_same_service(
    nw: Netweave, calendars: Calendars
) -> None:
    import netweave

    calendars.files["/api.ics"] = ics(
        mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    with netweave.open(nw.url) as api:
        first = api.subscribe_calendar(calendars.url("/api.ics"), name="api")
        assert first.report is not None
        assert first.report.tallies["events"].created == 1
        calendars.files["/api.ics"] = ics(
            mixer(2, "20261210T170000Z", "20261210T190000Z", "Hall C")
        ).encode()
        [again] = api.refresh_calendars()
        assert again.ok
        assert again.report is not None
        assert again.report.tallies["events"].updated == 1
        calendars.files["/api.ics"] = 500
        [broken] = api.refresh_calendars("api")
        assert not broken.ok
        assert broken.subscription.status == "failed"
        assert [s.name for s in api.calendar_subscriptions()] == ["api"]
        api.unsubscribe_calendar("api")
        assert api.calendar_subscriptions() == []
    [event] = all_events(nw)
    assert event.place == "Hall C"


def test_the_serve_schedule_refreshes_subscriptions_hourly(
    nw: Netweave, calendars: Calendars
) -> None:
    from datetime import UTC, datetime, timedelta

    from netweave.services.mailout.scheduler import Scheduler

    calendars.files["/s.ics"] = ics(
        mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    nw.ok("calendar", "subscribe", calendars.url("/s.ics"), "--name", "s")
    calendars.files["/s.ics"] = ics(
        mixer(1, "20261210T170000Z", "20261210T190000Z", "Hall B")
    ).encode()
    now = [datetime(2026, 12, 6, 9, 0, tzinfo=UTC)]
    scheduler = Scheduler(nw.store, nw.ws, lambda: now[0])
    scheduler.tick()
    assert calendars.hits == 2
    assert all_events(nw)[0].place == "Hall B"
    now[0] += timedelta(minutes=59)
    scheduler.tick()
    assert calendars.hits == 2  # not yet an hour
    calendars.files["/s.ics"] = 404
    now[0] += timedelta(minutes=1)
    scheduler.tick()  # a failure is logged and kept in the status, not raised
    assert calendars.hits == 3
    [sub] = subs.list_subscriptions(nw.store, nw.ws)
    assert sub.status == "failed"
    assert all_events(nw)[0].place == "Hall B"


def test_redirects_are_followed_to_http_only(nw: Netweave, calendars: Calendars) -> None:
    calendars.files["/real.ics"] = ics(
        mixer(0, "20261210T170000Z", "20261210T190000Z", "Hall A")
    ).encode()
    calendars.files["/moved"] = calendars.url("/real.ics")
    calendars.files["/elsewhere"] = "ftp://127.0.0.1/real.ics"
    nw.ok("calendar", "subscribe", calendars.url("/moved"), "--name", "moved")
    assert len(all_events(nw)) == 1
    refused = nw("calendar", "subscribe", calendars.url("/elsewhere"), "--name", "ftp")
    assert refused.code == 8
    assert "not http or https" in refused.err
    assert [s.name for s in subs.list_subscriptions(nw.store, nw.ws)] == ["moved"]
