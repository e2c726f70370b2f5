"""A saved mailbox's runs when things go wrong: the process that ran one ended mid-way
(a crash, a restart), or a batch takes long. A live run says so often (its heartbeat),
so one whose process ended stops counting as running within minutes, not a quarter
of an hour, and "Sync now" works again."""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netweave.commands import AddMailSource
from netweave.errors import Conflict, NetweaveError
from netweave.services import mail_jobs, mail_saved, workspaces
from netweave.storage import Store
from netweave.storage import mail as mail_db
from netweave.storage import mail_sources as sources_db
from netweave.storage.mail import StrangerDay
from netweave.web import create_app
from netweave.web.pages.mail_sources import SHOWN_SUGGESTIONS
from tests import mailcorpus
from tests.local import LOCAL
from tests.writes import change_settings


def _saved_mbox(store: Store, tmp_path: Path) -> tuple[int, int]:
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN]})
    box = mailcorpus.write_mbox(tmp_path / "Takeout.mbox", mailcorpus.corpus().messages())
    source = mail_saved.add_source(store, ws, AddMailSource(kind="mbox", path=str(box)))
    return ws, source.id


def _run_left_behind(store: Store, ws: int, source_id: int, ago: timedelta) -> int:
    """A run its process left 'running' ``ago`` (it ended without a word)."""
    with store.transaction() as conn:
        source = sources_db.get_source(conn, ws, source_id)
        assert source is not None
        return sources_db.add_job(conn, ws, source, datetime.now(UTC) - ago)


def test_a_run_whose_process_ended_minutes_ago_no_longer_blocks_sync_now(
    sqlite_store: Store, tmp_path: Path
) -> None:
    ws, source_id = _saved_mbox(sqlite_store, tmp_path)
    left = _run_left_behind(sqlite_store, ws, source_id, timedelta(minutes=3))
    assert mail_jobs.get_run(sqlite_store, ws, left).state == "stopped"
    run, _ = mail_jobs.run_now(sqlite_store, ws, source_id)
    assert run.state == "done"
    assert mail_jobs.get_run(sqlite_store, ws, left).state == "stopped"


def test_a_live_run_beats_while_a_batch_takes_long(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_jobs, "HEARTBEAT", timedelta(seconds=0.05))
    ws, source_id = _saved_mbox(sqlite_store, tmp_path)
    job = _run_left_behind(sqlite_store, ws, source_id, timedelta(hours=1))
    with mail_jobs.heartbeat(sqlite_store, ws, job):
        time.sleep(0.4)  # a slow batch: no progress said, but the run is alive
        assert mail_jobs.get_run(sqlite_store, ws, job).state == "running"
    with sqlite_store.transaction() as conn:
        row = sources_db.get_job(conn, ws, job)
        assert row is not None
        last_beat = row.updated_at
    time.sleep(0.2)  # the heartbeat stopped with the run
    with sqlite_store.transaction() as conn:
        row = sources_db.get_job(conn, ws, job)
        assert row is not None
        assert row.updated_at == last_beat


def test_two_processes_starting_the_same_mailbox_at_once_run_it_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web app and ``netweave sync saved`` (two processes: the in-process lock does not
    join them) click at the same moment: one run starts, the other is told it runs."""
    first, second = Store.open(database_url, create=True), Store.open(database_url)
    try:
        ws, source_id = _saved_mbox(first, tmp_path)
        monkeypatch.setattr(mail_jobs, "_starting", contextlib.nullcontext())
        real = sources_db.running_jobs

        def slow(conn: Any, ws: int, source_id: int) -> list[sources_db.JobRow]:
            found = real(conn, ws, source_id)
            time.sleep(0.4)  # the other process reads meanwhile
            return found

        monkeypatch.setattr(sources_db, "running_jobs", slow)
        outcomes: list[str] = []

        def start(store: Store) -> None:
            try:
                mail_jobs._begin(store, ws, source_id)
                outcomes.append("started")
            except Conflict:
                outcomes.append("already running")
            except NetweaveError as error:
                outcomes.append(f"{type(error).__name__}: {error.message}")

        both = [threading.Thread(target=start, args=(s,)) for s in (first, second)]
        for thread in both:
            thread.start()
        for thread in both:
            thread.join()
        assert sorted(outcomes) == ["already running", "started"]
        with first.transaction() as conn:
            assert len(real(conn, ws, source_id)) == 1
    finally:
        first.close()
        second.close()


def test_the_pages_say_where_mail_in_is_and_why_a_run_stopped(
    sqlite_store: Store, tmp_path: Path
) -> None:
    ws, source_id = _saved_mbox(sqlite_store, tmp_path)
    left = _run_left_behind(sqlite_store, ws, source_id, timedelta(minutes=3))
    with TestClient(create_app(sqlite_store), base_url=LOCAL) as client:
        mail = client.get("/settings/mail").text
        assert "<title>Mail in and out" in mail
        assert "<h1>Mail in and out</h1>" in mail  # not "Mail out" above the mailboxes
        stopped = client.get(f"/settings/mail/runs/{left}").text
        assert "Stopped" in stopped
        assert "said nothing for 2 minutes" in stopped


def test_the_suggestions_page_says_when_it_shows_only_the_busiest(sqlite_store: Store) -> None:
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    many = [
        StrangerDay(f"p{n:03}@example.com", "email", None, "email", at.date(), "out", at)
        for n in range(SHOWN_SUGGESTIONS + 5)
    ]
    with sqlite_store.transaction() as conn:
        mail_db.add_strangers(conn, ws, many)
    with TestClient(create_app(sqlite_store), base_url=LOCAL) as client:
        page = client.get("/settings/mail/suggestions").text
    assert page.count("@example.com:") == SHOWN_SUGGESTIONS
    assert f"{SHOWN_SUGGESTIONS} of {SHOWN_SUGGESTIONS + 5}" in page
