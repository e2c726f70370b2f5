"""The schedule while the server runs: the digest on Monday at 07:30 local, reminders
from 08:00 (on the Monday after the clocks went forward), started and stopped with the
web app without holding up its shutdown."""

from __future__ import annotations

import logging
import time as clock
from datetime import UTC, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Settings
from netweave.services import workspaces
from netweave.services.mailout.runs import DIGEST, REMINDERS
from netweave.services.mailout.scheduler import Scheduler
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL
from tests.mailout.conftest import CHICAGO, mail_to
from tests.mailout.sinks import SmtpSink, subject
from tests.mailout.test_reminders import DAY, small_network
from tests.writes import add_follow_up, add_person


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = DAY + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, minute), CHICAGO).astimezone(UTC)


def test_the_schedule_sends_each_thing_at_its_time(sqlite_store: Store, sink: SmtpSink) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port)
    now = [at(-1, 12)]
    scheduler = Scheduler(sqlite_store, ws, lambda: now[0])

    def tick(moment: datetime) -> list[tuple[str, list[str]]]:
        now[0] = moment
        scheduler._reminded = None  # look for reminders on every tick here
        return [(run.kind, [o.status for o in run.outcomes]) for run in scheduler.tick()]

    # Sunday noon: last week's digest is too late to send; the reminders due go.
    assert tick(at(-1, 12)) == [(REMINDERS, ["sent"])]
    assert tick(at(-1, 22)) == []  # quiet hours
    assert tick(at(0, 7, 29)) == []  # Monday, a minute early (12:29 UTC: CDT since Sunday)
    assert tick(at(0, 7, 30)) == [(DIGEST, ["sent"])]
    assert tick(at(0, 7, 45)) == [(DIGEST, ["nothing new"])]
    assert tick(at(0, 8)) == [(DIGEST, ["nothing new"]), (REMINDERS, ["sent"])]
    assert tick(at(0, 12)) == [(DIGEST, ["nothing new"]), (REMINDERS, ["nothing new"])]
    # Tuesday: the digest is more than a day late now; it is not looked at.
    assert [kind for kind, _ in tick(at(1, 9))] == [REMINDERS]
    subjects = [subject(r.message) for r in sink.received]
    assert subjects[1] == "Weekly review, 9 Mar: 1 follow-up due, 1 event ahead"
    assert [s.startswith("Reminders: ") for s in subjects] == [True, False, True]
    assert "Send Ann the proposal" in sink.received[2].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_failed_send_is_tried_again_by_the_schedule_then_given_up(
    sqlite_store: Store, sink: SmtpSink
) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port, digest_on=False)
    now = [at(0, 9)]
    scheduler = Scheduler(sqlite_store, ws, lambda: now[0])
    sink.refuse = "451 4.3.0 Try again later"
    statuses = []
    for minute in range(0, 70, 10):  # looks for reminders every 30 minutes at most
        now[0] = at(0, 9) + timedelta(minutes=minute * 3)
        statuses += [o.status for run in scheduler.tick() for o in run.outcomes]
    assert statuses == ["failed"] * 6 + ["nothing new"]  # six tries, then it gives up
    assert sink.received == []


def test_serve_runs_the_schedule_and_stops_without_waiting(
    sqlite_store: Store, sink: SmtpSink
) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port, reminders_on=False)
    app = create_app(sqlite_store, clock=lambda: at(0, 7, 31), mail_schedule=True)
    with TestClient(app, base_url=LOCAL) as client:
        assert client.get("/").status_code == 200
        deadline = clock.monotonic() + 20
        while not sink.received and clock.monotonic() < deadline:
            clock.sleep(0.05)
        assert [subject(r.message)[:14] for r in sink.received] == ["Weekly review,"]
        started = clock.monotonic()
    # The thread sleeps a minute between looks; stopping does not wait for the next one.
    assert clock.monotonic() - started < 20
    assert app.state.mail_scheduler._thread is None


def test_without_the_schedule_nothing_is_sent(sqlite_store: Store, sink: SmtpSink) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port)
    app = create_app(sqlite_store, clock=lambda: at(0, 7, 31))
    with TestClient(app, base_url=LOCAL) as client:
        assert client.get("/").status_code == 200
    assert app.state.mail_scheduler is None
    assert sink.received == []


def test_a_digest_that_cannot_be_written_is_said_once_and_reminders_still_go(
    sqlite_store: Store, sink: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    ws = workspaces.init_workspace(sqlite_store, settings=Settings(time_zone="America/Chicago")).id
    ann = add_person(sqlite_store, ws, {"name": "Ann Bell"})
    add_follow_up(sqlite_store, ws, {"person_id": ann.id, "reason": "Call Ann", "due_on": DAY})
    mail_to(sqlite_store, ws, sink.port)
    now = [at(0, 8)]
    scheduler = Scheduler(sqlite_store, ws, lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="netweave.mail"):
        first = scheduler.tick()
        now[0] = at(0, 8, 1)
        scheduler.tick()
    assert [(r.kind, bool(r.problem)) for r in first] == [(DIGEST, True), (REMINDERS, False)]
    assert "no owner" in first[0].problem
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1  # not again a minute later
    assert "digest: this workspace has no owner yet" in said[0]
    assert [subject(r.message) for r in sink.received] == ["Reminders: 1 follow-up"]
