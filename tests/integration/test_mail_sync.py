"""Mail in, end to end over the services: a corpus of mbox and Maildir files made here,
synced into a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select

from netweave.commands import AddFollowUp, RemoveTouch
from netweave.domain import InteractionKind, Workspace, build
from netweave.errors import InvalidInput
from netweave.mail.rules import LeftOut
from netweave.services import followups, interactions, mail_sync, workspaces
from netweave.services.mail_sources import sync_linkedin, sync_maildir, sync_mbox
from netweave.storage import Store
from netweave.storage import tables as t
from tests import mailcorpus
from tests.writes import add_person, change_settings

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def lite(sqlite_store: Store) -> Store:
    """Most tests run on SQLite only: the SQL they add is the same on both backends, which
    the corpus and crash tests check on PostgreSQL too."""
    return sqlite_store


@pytest.fixture
def lite_workspace(lite: Store) -> Workspace:
    return workspaces.init_workspace(lite, me="Robin Vale")


@pytest.fixture
def people(store: Store, workspace: Workspace) -> dict[str, int]:
    return _people(store, workspace)


@pytest.fixture
def lite_people(lite: Store, lite_workspace: Workspace) -> dict[str, int]:
    return _people(lite, lite_workspace)


def _people(store: Store, workspace: Workspace) -> dict[str, int]:
    """Anna and Ben are known, Cleo is not; Robin's two addresses are set."""
    ws = workspace.id
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    anna = add_person(store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    ben = add_person(store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    return {"anna": anna.id, "ben": ben.id}


def _touches(store: Store, ws: int) -> list[tuple[str, int, int | None, date]]:
    """(kind, the other person, who started it, the day) of every touch, in order."""
    found = []
    owner = workspaces.owner_id(store, ws)
    for touch in sorted(interactions.list_interactions(store, ws), key=lambda i: i.occurred_at):
        (other,) = [p for p in touch.participant_ids if p != owner]
        found.append((touch.kind.value, other, touch.initiated_by_id, touch.occurred_at.date()))
    return found


def _count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_the_corpus_becomes_three_touches_and_the_report_says_why_not_more(
    store: Store, workspace: Workspace, people: dict[str, int], tmp_path: Path
) -> None:
    ws = workspace.id
    owner = workspace.owner_id
    box = mailcorpus.write_mbox(tmp_path / "All mail.mbox", mailcorpus.corpus().messages())
    report = sync_mbox(store, ws, box, now=NOW)
    anna, ben = people["anna"], people["ben"]
    assert _touches(store, ws) == [
        ("email", anna, owner, date(2026, 3, 3)),  # Robin wrote first
        ("email", anna, anna, date(2026, 3, 3)),  # Anna answered: her direction counts too
        ("email", ben, owner, date(2026, 3, 4)),  # from Robin's work address
    ]
    assert (report.read, report.added, report.same_day, report.seen_before) == (12, 3, 1, 0)
    assert dict(report.left_out) == {
        LeftOut.LIST: 1,
        LeftOut.BULK: 1,
        LeftOut.AUTOMATED: 1,
        LeftOut.NO_REPLY: 1,
        LeftOut.CROWD: 1,
        LeftOut.NOT_YOURS: 1,
        LeftOut.ONLY_YOU: 1,
    }
    (cleo,) = report.strangers.values()
    assert (cleo.handle, cleo.name, cleo.wrote_to, cleo.wrote_you) == (
        mailcorpus.CLEO,
        "Cleo Park",
        1,
        1,
    )
    assert (report.wrote_to_strangers, report.strangers_wrote) == (1, 1)
    # Every touch went through LogTouch: logged as synced, under its day's key.
    with store.engine.connect() as conn:
        logged = conn.execute(
            select(t.command_log.c.source, t.command_log.c.idempotency_key).where(
                t.command_log.c.command == "log-touch"
            )
        ).all()
    assert sorted(logged) == sorted(
        [
            ("synced", f"mail:p{anna}:2026-03-03:out"),
            ("synced", f"mail:p{anna}:2026-03-03:in"),
            ("synced", f"mail:p{ben}:2026-03-04:out"),
        ]
    )
    assert mail_sync.last_reports(store, ws)[0]["added"] == 3


def test_syncing_again_adds_nothing_and_reads_nothing(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    sync_mbox(lite, lite_workspace.id, box, now=NOW)
    again = sync_mbox(lite, lite_workspace.id, box, now=NOW)
    assert again.up_to_date
    assert (again.read, again.added) == (0, 0)
    assert len(_touches(lite, lite_workspace.id)) == 3


def test_an_appended_mbox_is_read_from_where_it_stopped(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    ws = lite_workspace.id
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    sync_mbox(lite, ws, box, now=NOW)
    later = mailcorpus.DAY + timedelta(days=10)
    mailcorpus.write_mbox(box, [mailcorpus.gmail(mailcorpus.BEN, mailcorpus.ROBIN, later, "late")])
    report = sync_mbox(lite, ws, box, now=NOW)
    assert (report.read, report.added) == (1, 1)
    # Rewritten (a client compacted it): read whole again, every message known by its key.
    box.write_bytes(box.read_bytes().replace(b"Coffee next week?", b"Coffee next week!"))
    rewritten = sync_mbox(lite, ws, box, now=NOW)
    assert (rewritten.read, rewritten.seen_before, rewritten.added) == (13, 13, 0)


def test_the_same_message_in_two_sources_and_two_folders_is_one_touch(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    ws = lite_workspace.id
    messages = mailcorpus.corpus().messages()
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", messages[:3])
    root = mailcorpus.write_maildir(
        tmp_path / "Mail", {"INBOX": messages[:2], "Archive": messages[1:4]}
    )
    first = sync_maildir(lite, ws, root, now=NOW)
    assert (first.read, first.seen_before, first.added) == (5, 1, 3)
    second = sync_mbox(lite, ws, box, now=NOW)
    assert (second.read, second.seen_before, second.added) == (3, 3, 0)
    assert len(_touches(lite, ws)) == 3


def test_a_dry_run_reports_the_same_and_writes_nothing(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    dry = sync_mbox(lite, lite_workspace.id, box, dry_run=True, now=NOW)
    assert (dry.added, dry.same_day, sum(dry.left_out.values()), len(dry.strangers)) == (3, 1, 7, 1)
    assert _touches(lite, lite_workspace.id) == []
    for table in (t.mail_seen, t.mail_cursor, t.mail_sync_run, t.mail_stranger):
        assert _count(lite, table) == 0
    real = sync_mbox(lite, lite_workspace.id, box, now=NOW)
    assert real.as_json() | {
        "dry_run": True,
        "started_at": None,
        "finished_at": None,
    } == dry.as_json() | {
        "dry_run": True,
        "started_at": None,
        "finished_at": None,
    }


def test_a_touch_the_user_deleted_does_not_come_back(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    ws = lite_workspace.id
    messages = mailcorpus.corpus().messages()
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", messages[:2])
    sync_mbox(lite, ws, box, now=NOW)
    first = min(interactions.list_interactions(lite, ws), key=lambda i: i.occurred_at)
    interactions.remove_interaction(lite, ws, build(RemoveTouch, {"touch_id": first.id}))
    # Another message that day, in the same direction, in a file read for the first time.
    other = mailcorpus.write_mbox(tmp_path / "other.mbox", messages[:3])
    report = sync_mbox(lite, ws, other, now=NOW)
    assert (report.read, report.seen_before, report.deleted, report.added) == (3, 2, 1, 0)
    assert len(_touches(lite, ws)) == 1


def test_a_synced_touch_leaves_follow_ups_open(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    ws = lite_workspace.id
    due = followups.add_follow_up(
        lite,
        ws,
        build(AddFollowUp, {"person_id": lite_people["anna"], "reason": "one-on-one"}),
        now=mailcorpus.DAY - timedelta(days=1),
    )
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages()[:2])
    sync_mbox(lite, ws, box, now=mailcorpus.DAY + timedelta(days=1))
    assert len(_touches(lite, ws)) == 2
    (still,) = followups.list_follow_ups(lite, ws)
    assert (still.id, still.done_at) == (due.id, None)


def test_strangers_added_later_get_their_days_on_the_next_sync(
    lite: Store, lite_workspace: Workspace, lite_people: dict[str, int], tmp_path: Path
) -> None:
    ws = lite_workspace.id
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    sync_mbox(lite, ws, box, now=NOW)
    assert _count(lite, t.mail_stranger) == 2  # Cleo: a day out, a day in
    cleo = add_person(lite, ws, {"name": "Cleo Park", "emails": [mailcorpus.CLEO]})
    report = sync_mbox(lite, ws, box, now=NOW)
    assert (report.read, report.added, report.added_from_before) == (0, 0, 2)
    assert [(k, p, d) for k, p, _, d in _touches(lite, ws) if p == cleo.id] == [
        ("email", cleo.id, date(2026, 3, 4)),
        ("email", cleo.id, date(2026, 3, 4)),
    ]
    assert _count(lite, t.mail_stranger) == 0
    again = sync_mbox(lite, ws, box, now=NOW)
    assert again.added_from_before == 0


def test_a_crash_keeps_whole_batches_and_the_next_sync_finishes_the_rest(
    store: Store,
    workspace: Workspace,
    people: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = workspace.id
    monkeypatch.setattr("netweave.services.mail_sources.BATCH", 2)
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    real_batch = mail_sync.Sync.batch
    calls = {"n": 0}

    def failing(self: mail_sync.Sync, batch: mail_sync.Batch) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            # The second batch fails half-way: after its first touch is written.
            real_touches = self._touches

            def half(conn: object, touches: list[object]) -> int:
                real_touches(conn, touches)  # type: ignore[arg-type]
                raise OSError("disk pulled out")

            monkeypatch.setattr(self, "_touches", half)
        real_batch(self, batch)

    monkeypatch.setattr(mail_sync.Sync, "batch", failing)
    with pytest.raises(OSError, match="disk pulled out"):
        sync_mbox(store, ws, box, now=NOW)
    # The first batch (Robin and Anna's first two messages) stands; nothing of the second.
    assert len(_touches(store, ws)) == 2
    assert _count(store, t.mail_seen) == 2
    monkeypatch.setattr(mail_sync.Sync, "batch", real_batch)
    report = sync_mbox(store, ws, box, now=NOW)
    assert (report.read, report.added, report.seen_before) == (10, 1, 0)
    assert len(_touches(store, ws)) == 3


def test_a_sync_needs_the_owners_addresses(
    lite: Store, lite_workspace: Workspace, tmp_path: Path
) -> None:
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    with pytest.raises(InvalidInput) as refused:
        sync_mbox(lite, lite_workspace.id, box, now=NOW)
    assert refused.value.code == "no-my-addresses"
    # The owner's own record's emails are the owner's addresses too.
    from tests.writes import edit_person

    assert lite_workspace.owner_id is not None
    edit_person(lite, lite_workspace.id, lite_workspace.owner_id, {"emails": [mailcorpus.ROBIN]})
    add_person(lite, lite_workspace.id, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    report = sync_mbox(lite, lite_workspace.id, box, now=NOW)
    assert report.added == 2  # the work address is not known: Ben's message is not Robin's


def test_linkedin_messages_become_message_touches_by_profile_and_name(
    lite: Store, lite_workspace: Workspace, tmp_path: Path
) -> None:
    ws = lite_workspace.id
    anna = add_person(lite, ws, {"name": "Anna Smith", "linkedin": "linkedin.com/in/anna-smith"})
    ben = add_person(lite, ws, {"name": "Ben Ode"})
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Anna S.,https://www.linkedin.com/in/anna-smith,Robin Vale,"
        "https://www.linkedin.com/in/robin-vale-1,2026-03-03 10:00:00 UTC,,hi,INBOX\n"
        "c1,,Robin Vale,https://www.linkedin.com/in/robin-vale-1,Anna S.,"
        "https://www.linkedin.com/in/anna-smith,2026-03-03 11:00:00 UTC,,hello,INBOX\n"
        "c2,,Ben Ode,https://www.linkedin.com/in/ben-ode-9,Robin Vale,"
        "https://www.linkedin.com/in/robin-vale-1,2026-03-04 10:00:00 UTC,,hey,INBOX\n"
        "c3,,Promo Inc,https://www.linkedin.com/in/promo,Robin Vale,"
        "https://www.linkedin.com/in/robin-vale-1,2026-03-04 10:00:00 UTC,,buy,SPAM\n",
        encoding="utf-8",
    )
    report = sync_linkedin(lite, ws, path, now=NOW)
    owner = lite_workspace.owner_id
    assert _touches(lite, ws) == [
        ("message", anna.id, anna.id, date(2026, 3, 3)),
        ("message", anna.id, owner, date(2026, 3, 3)),
        ("message", ben.id, ben.id, date(2026, 3, 4)),  # by name: Ben has no profile here
    ]
    assert report.left_out == {LeftOut.BULK: 1}
    assert sync_linkedin(lite, ws, path, now=NOW).added == 0


def test_touch_keys_are_one_per_person_day_and_direction() -> None:
    from netweave.mail.rules import Direction

    key = mail_sync.touch_key(InteractionKind.EMAIL, 7, date(2026, 3, 3), Direction.IN)
    assert key == "mail:p7:2026-03-03:in"
    assert mail_sync.touch_key(InteractionKind.MESSAGE, 7, date(2026, 3, 3), Direction.IN) != key


def test_touches_logged_together_follow_each_commands_rules(
    lite: Store, lite_workspace: Workspace
) -> None:
    from netweave.commands import LogTouch
    from netweave.errors import NotFound

    ws = lite_workspace.id
    ann = add_person(lite, ws, {"name": "Ann Lee"}).id
    earlier = interactions.log_interaction(
        lite, ws, LogTouch(kind=InteractionKind.CALL, with_ids=[ann], idempotency_key="k0"), now=NOW
    )

    def touch(key: str, **more: object) -> LogTouch:
        return LogTouch(kind=InteractionKind.EMAIL, with_ids=[ann], idempotency_key=key, **more)  # type: ignore[arg-type]

    with lite.transaction() as conn:
        logged = interactions.log_interactions_in(
            conn, ws, [touch("k1"), touch("k0"), touch("k1"), touch("k2")], now=NOW
        )
    # k0 replays the earlier call; the second k1 is the first one; k1 and k2 are new.
    assert logged[1].interaction.id == earlier.interaction.id
    assert logged[2].interaction.id == logged[0].interaction.id
    assert len({t.interaction.id for t in logged}) == 3
    assert all(lite_workspace.owner_id in t.interaction.participant_ids for t in logged)
    assert len(interactions.list_interactions(lite, ws)) == 3
    # One command naming nobody refuses the whole batch: nothing of it is written.
    with pytest.raises(NotFound), lite.transaction() as conn:
        interactions.log_interactions_in(
            conn, ws, [touch("k3"), touch("k4", started_by_id=999)], now=NOW
        )
    assert len(interactions.list_interactions(lite, ws)) == 3
