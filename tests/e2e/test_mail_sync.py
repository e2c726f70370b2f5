"""Real clicks in Chromium: add an IMAP mailbox (the tests' dovecot), "Sync now", the run
page following its progress (its script polling), the report; a second click while a sync
runs answers "already running"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from netweave.commands import AddFollowUp
from netweave.services import followups, interactions, mail_saved, workspaces
from netweave.services.mail_report import SyncReport
from netweave.storage import Store
from netweave.storage import mail_sources as sources_db
from tests import dovecot, mailcorpus
from tests.writes import add_person, change_settings


@pytest.fixture(scope="module")
def imap() -> Iterator[dovecot.Dovecot]:
    with dovecot.running() as running:
        running.fill({"Robin": mailcorpus.corpus().messages()})
        yield running


def test_add_a_mailbox_sync_it_now_follow_its_progress_and_read_the_report(
    page: Page,
    e2e_store: Store,
    imap: dovecot.Dovecot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETWEAVE_CREDENTIALS_DIR", str(tmp_path / "creds"))
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    change_settings(e2e_store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    anna = add_person(e2e_store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    add_person(e2e_store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    made_before = datetime(2026, 2, 1, 9, tzinfo=UTC)  # before the mail (3 and 4 March)
    follow_up = followups.add_follow_up(
        e2e_store, ws, AddFollowUp(person_id=anna.id, reason="send the deck"), now=made_before
    )
    before = len(interactions.list_interactions(e2e_store, ws))

    page.goto("/settings/mail")
    form = page.locator("#mail-in form", has=page.get_by_role("button", name="Add mailbox"))
    form.get_by_label("Name").fill("work")
    form.get_by_label("IMAP server").fill(imap.host)
    form.get_by_label("Port").fill("99999")
    form.get_by_label("Encryption").select_option("plain")
    form.get_by_label("User").fill(imap.user)
    form.get_by_label("Password").fill(imap.password)
    form.get_by_label("Folders").fill("Robin")
    form.get_by_role("button", name="Add mailbox").click()
    # A port that cannot be: said next to the field, the rest kept, the password not.
    expect(page.locator("#mb-port-error")).to_contain_text("a port is 1 to 65535")
    expect(page.locator("#mb-host")).to_have_value(imap.host)
    expect(page.locator("#mb-password")).to_have_value("")
    assert mail_saved.list_sources(e2e_store, ws) == []

    page.locator("#mb-port").fill(str(imap.port))
    page.locator("#mb-password").fill(imap.password)
    page.get_by_role("button", name="Add mailbox").click()
    expect(page.locator(".flash")).to_have_text("Mailbox work saved.")
    page.get_by_role("button", name="Sync now: work").click()

    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    card = page.locator("#sync-run")
    expect(card).to_contain_text("12 messages read, 1 batches done")
    expect(card).to_contain_text("3 touches logged")
    expect(card).to_contain_text("sent through a mailing list (List-Id)")
    expect(card).to_contain_text("You wrote to 1 person who is not in netweave.")
    assert len(interactions.list_interactions(e2e_store, ws)) == before + 3

    # A run in progress: the page follows it, then shows its report when it is done.
    (source,) = mail_saved.list_sources(e2e_store, ws)
    with e2e_store.transaction() as conn:
        row = sources_db.get_source(conn, ws, source.id)
        assert row is not None
        running = sources_db.add_job(conn, ws, row, datetime.now(UTC))
    page.goto("/settings/mail")
    page.get_by_role("button", name="Sync now: work").click()
    expect(page.locator(".flash")).to_contain_text("work is already running")
    expect(page.get_by_role("heading", name="Syncing…")).to_be_visible()
    with e2e_store.transaction() as conn:
        sources_db.update_job(conn, ws, running, read=500, batches=1, updated_at=datetime.now(UTC))
    expect(page.locator("#sync-read")).to_have_text("500")
    report = SyncReport(source="imap", place="robin@127.0.0.1/Robin", read=700, added=4)
    with e2e_store.transaction() as conn:
        sources_db.update_job(
            conn,
            ws,
            running,
            state="done",
            read=700,
            batches=2,
            finished_at=datetime.now(UTC),
            reports=[report.as_json()],
        )
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(card).to_contain_text("700 messages read, 2 batches done")
    expect(card).to_contain_text("4 touches logged")

    # The review offers to close Anna's follow-up (the sync left it open): one click.
    assert followups.get_follow_up(e2e_store, ws, follow_up.id).done_at is None
    page.goto("/")
    offer = page.get_by_role("link", name="You wrote to Anna Smith on Tue 03 Mar: close")
    expect(offer).to_be_visible()
    page.get_by_role(
        "button", name="Close it: the follow-up with Anna Smith (send the deck)"
    ).click()
    expect(page.locator(".flash")).to_be_visible()
    expect(offer).to_have_count(0)
    assert followups.get_follow_up(e2e_store, ws, follow_up.id).done_at is not None
