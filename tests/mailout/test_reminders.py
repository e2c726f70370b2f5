"""Reminders go out once each: recorded before they are sent, never sent twice after a
restart, a refused send recorded as failed and tried again on the next run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from netweave.domain import Settings
from netweave.services import workspaces
from netweave.services.mailout import delivery
from netweave.services.mailout.reminders import due_reminders
from netweave.services.mailout.runs import send_reminders
from netweave.storage import Store
from netweave.storage import mailout as mailout_db
from tests.mailout.conftest import CHICAGO, ME, mail_to
from tests.mailout.sinks import JsonHook, SmtpSink, subject
from tests.writes import add_event, add_follow_up, add_person, edit_person, log_interaction

DAY = date(2026, 3, 9)
"""A Monday, the day after the clocks went forward in Chicago."""
MORNING = datetime.combine(DAY, time(8, 30), CHICAGO).astimezone(UTC)
SRC = Path(__file__).resolve().parents[2] / "src"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHICAGO).astimezone(UTC)


def small_network(store: Store) -> int:
    """Robin (me), Ann with a follow-up due today, Ben due every 7 days and last met 9 days
    ago, and a mixer tomorrow evening."""
    ws = workspaces.init_workspace(
        store, me="Robin Vale", settings=Settings(time_zone="America/Chicago")
    ).id
    ann = add_person(store, ws, {"name": "Ann Bell"})
    ben = add_person(store, ws, {"name": "Ben Cole"})
    add_follow_up(
        store, ws, {"person_id": ann.id, "reason": "Send Ann the proposal", "due_on": DAY}
    )
    edit_person(store, ws, ben.id, {"keep_in_touch_days": 7})
    owner = workspaces.owner_id(store, ws)
    log_interaction(
        store,
        ws,
        {
            "kind": "call",
            "participant_ids": [owner, ben.id],
            "occurred_at": MORNING - timedelta(days=9),
        },
    )
    add_event(store, ws, {"name": "Spring mixer", "starts_at": local(DAY + timedelta(days=1), 18)})
    return ws


@pytest.fixture
def network(store: Store) -> int:
    return small_network(store)


def bodies(sink: SmtpSink) -> list[str]:
    return [r.message.get_body(("plain",)).get_content() for r in sink.received]  # type: ignore[union-attr]


def test_reminders_go_once_even_after_a_restart(
    database_url: str, store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    run = send_reminders(store, network, now=MORNING)
    assert [o.status for o in run.outcomes] == ["sent"]
    (text,) = bodies(sink)
    assert "Send Ann the proposal" in text
    assert "Ben Cole" in text  # due every 7 days, last call 9 days ago
    assert "Spring mixer" in text
    assert "Tomorrow at 18:00" in text
    assert subject(sink.received[0].message) == "Reminders: 1 follow-up, 1 keep-in-touch, 1 event"
    keys = sorted(run.outcomes[0].keys)
    assert [k.split(":")[0] for k in keys] == ["event", "follow-up", "keep-in-touch"]
    store.close()

    restarted = Store.open(database_url)
    try:
        later = send_reminders(restarted, network, now=MORNING + timedelta(hours=3))
        assert [o.status for o in later.outcomes] == [delivery.NOTHING_NEW]
        assert len(sink.received) == 1
        # Something new comes due: only that goes.
        carl = add_person(restarted, network, {"name": "Carl Dorn"})
        add_follow_up(
            restarted, network, {"person_id": carl.id, "reason": "Call Carl", "due_on": DAY}
        )
        newer = send_reminders(restarted, network, now=MORNING + timedelta(hours=4))
        assert [o.status for o in newer.outcomes] == ["sent"]
        assert "Call Carl" in bodies(sink)[1]
        assert "Send Ann the proposal" not in bodies(sink)[1]
        records = delivery.sent_log(restarted, network)
        assert sorted(r.status for r in records) == ["sent"] * 4
        assert {r.message_id for r in records} == {r.message["Message-ID"] for r in sink.received}
    finally:
        restarted.close()


def test_a_new_process_sends_nothing_sent_before(tmp_path: Path, sink: SmtpSink) -> None:
    url = f"sqlite:///{tmp_path / 'nw.db'}"
    store = Store.open(url, create=True)
    try:
        ws = small_network(store)
        mail_to(store, ws, sink.port)
        send_reminders(store, ws, now=MORNING)
    finally:
        store.close()
    assert len(sink.received) == 1
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    later = MORNING.astimezone(CHICAGO) + timedelta(hours=2)
    done = subprocess.run(
        [sys.executable, "-c", "from netweave.cli import main; main()", "--db", url,
         "remind", "--as-of", later.strftime("%Y-%m-%d %H:%M")],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Nothing new for robin@example.com" in done.stdout
    assert len(sink.received) == 1


def test_a_refused_send_is_recorded_failed_and_tried_again_next_run(
    store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    sink.refuse = "554 5.7.1 Not today"
    run = send_reminders(store, network, now=MORNING)
    (failed,) = run.failed
    assert "554 5.7.1 Not today" in (failed.error or "")
    assert sink.received == []
    records = delivery.sent_log(store, network)
    assert {(r.status, r.attempts) for r in records} == {("failed", 1)}
    assert all("Not today" in (r.error or "") for r in records)

    sink.refuse = None
    again = send_reminders(store, network, now=MORNING + timedelta(hours=1))
    assert [o.status for o in again.outcomes] == ["sent"]
    assert len(sink.received) == 1
    records = delivery.sent_log(store, network)
    assert {(r.status, r.attempts, r.error) for r in records} == {("sent", 2, None)}
    assert {r.message_id for r in records} == {sink.received[0].message["Message-ID"]}

    third = send_reminders(store, network, now=MORNING + timedelta(hours=2))
    assert [o.status for o in third.outcomes] == [delivery.NOTHING_NEW]
    assert len(sink.received) == 1


def test_a_send_that_may_have_gone_out_is_never_sent_again(
    store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    run_keys = [r.key for r in due_reminders(store, network, MORNING, make_plans=False)]
    stuck = next(k for k in run_keys if k.startswith("follow-up:"))
    # A run recorded the follow-up's reminder, then died before it knew how the send went.
    with store.transaction() as conn:
        mailout_db.lock_sending(conn, network)
        mailout_db.record_sending(
            conn, network, key=stuck, route=f"email:{ME}", kind="reminders",
            message_id="<lost@example.com>", subject="netweave reminders", now=MORNING,
        )  # fmt: skip
    run = send_reminders(store, network, now=MORNING + timedelta(minutes=5))
    assert stuck not in run.outcomes[0].keys
    assert "Send Ann the proposal" not in bodies(sink)[0]
    assert len(run.outcomes[0].keys) == len(run_keys) - 1


@pytest.mark.parametrize(
    ("hour", "minute", "why"),
    [(7, 59, "reminders go out from 08:00"), (21, 0, "nothing goes out from 21:00 to 07:00")],
)
def test_nothing_goes_out_before_the_reminders_time_or_at_night(
    sqlite_store: Store, sink: SmtpSink, hour: int, minute: int, why: str
) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port)
    run = send_reminders(sqlite_store, ws, now=local(DAY, hour, minute))
    assert run.outcomes == ()
    assert why in run.waiting
    assert sink.received == []
    assert delivery.sent_log(sqlite_store, ws) == []


@pytest.fixture
def both(sqlite_store: Store, sink: SmtpSink, hook: JsonHook) -> Iterator[tuple[Store, int]]:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, sink.port, channels=[hook.url])
    return sqlite_store, ws


def test_a_channel_gets_the_reminders_and_fails_on_its_own(
    both: tuple[Store, int], sink: SmtpSink, hook: JsonHook
) -> None:
    store, ws = both
    run = send_reminders(store, ws, now=MORNING)
    assert [o.status for o in run.outcomes] == ["sent", "sent"]
    (post,) = hook.posts
    assert post["title"].startswith("Reminders: 1 follow-up")
    assert "Send Ann the proposal" in post["message"]

    carl = add_person(store, ws, {"name": "Carl Dorn"})
    add_follow_up(store, ws, {"person_id": carl.id, "reason": "Call Carl", "due_on": DAY})
    hook.status = 500
    run = send_reminders(store, ws, now=MORNING + timedelta(hours=1))
    assert [o.status for o in run.outcomes] == ["sent", "failed"]
    assert "did not take the message" in (run.outcomes[1].error or "")
    assert "Call Carl" in bodies(sink)[1]

    hook.status = 200
    run = send_reminders(store, ws, now=MORNING + timedelta(hours=2))
    assert [o.status for o in run.outcomes] == [delivery.NOTHING_NEW, "sent"]
    assert "Call Carl" in hook.posts[1]["message"]
    assert "Send Ann the proposal" not in hook.posts[1]["message"]
    assert len(sink.received) == 2


def test_two_senders_at_once_send_once(
    database_url: str, store: Store, network: int, sink: SmtpSink
) -> None:
    """The server's schedule and a cron job at the same minute, each with its own Store."""
    mail_to(store, network, sink.port)
    due_reminders(store, network, MORNING)  # the mixer's plan made and kept beforehand
    stores = [Store.open(database_url) for _ in range(2)]
    start = threading.Barrier(2)
    statuses: list[str] = []

    def run(opened: Store) -> None:
        start.wait()
        statuses.extend(o.status for o in send_reminders(opened, network, now=MORNING).outcomes)

    threads = [threading.Thread(target=run, args=(opened,)) for opened in stores]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for opened in stores:
            opened.close()
    assert sorted(statuses) == [delivery.NOTHING_NEW, "sent"]
    assert len(sink.received) == 1
