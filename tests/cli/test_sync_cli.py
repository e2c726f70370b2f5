"""`netweave sync mbox|maildir|linkedin` and `settings set --my-addresses`: the report in
words and as JSON, and the database afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netweave.services import interactions, mail_sync, workspaces
from tests import mailcorpus
from tests.cli.conftest import Netweave


@pytest.fixture
def lite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Netweave]:
    """The command on SQLite only (the sync's SQL runs on PostgreSQL in the first test and
    in tests/integration/test_mail_sync.py)."""
    runner = Netweave(f"sqlite:///{tmp_path / 'netweave.db'}", capsys)
    runner.ok("init", "--me", "Robin Vale", "--time-zone", "Europe/Berlin")
    try:
        yield runner
    finally:
        runner.close()


def _ready(nw: Netweave) -> None:
    nw.ok("settings", "set", "--my-addresses", f"{mailcorpus.ROBIN}, {mailcorpus.ROBIN_WORK}")
    nw.ok("person", "add", "Anna Smith", "--email", mailcorpus.ANNA)
    nw.ok("person", "add", "Ben Ode", "--email", mailcorpus.BEN)


def test_sync_mbox_reports_touches_left_out_mail_and_strangers(
    nw: Netweave, tmp_path: Path
) -> None:
    _ready(nw)
    box = mailcorpus.write_mbox(tmp_path / "Takeout.mbox", mailcorpus.corpus().messages())
    dry = nw.ok("sync", "mbox", str(box), "--dry-run")
    assert "3 touches would be logged" in dry.out
    assert "Dry run: nothing was written." in dry.out
    assert interactions.list_interactions(nw.store, nw.ws) == []
    done = nw.ok("sync", "mbox", str(box))
    out = done.out
    assert "12 messages read" in out
    assert "3 touches logged" in out
    assert "Left out: 7 messages" in out
    assert "sent through a mailing list (List-Id): 1" in out
    assert "sent to more than 10 people: 1" in out
    assert (
        "You wrote to 1 person who is not in netweave; 1 person not in netweave wrote to you:"
        in out
    )
    assert f"{mailcorpus.CLEO} (Cleo Park): 1 from you, 1 to you" in out
    assert len(interactions.list_interactions(nw.store, nw.ws)) == 3
    listed = nw.ok("sync", "suggestions").out
    assert f"{mailcorpus.CLEO} (Cleo Park): 1 day you wrote, 1 day they wrote" in listed
    nw.ok("person", "add", "Cleo Park", "--email", mailcorpus.CLEO)
    again = nw.ok("sync", "mbox", str(box), "--json")
    report = json.loads(again.out)
    assert (report["up_to_date"], report["added"], report["read"]) == (True, 0, 0)
    assert report["added_from_before"] == 2  # Cleo's two days, now that she is known
    assert "Everyone on the mail synced so far is in netweave." in nw.ok("sync", "suggestions").out
    assert mail_sync.last_reports(nw.store, nw.ws)[0]["up_to_date"] is True


def test_sync_maildir_and_linkedin(lite: Netweave, tmp_path: Path) -> None:
    _ready(lite)
    root = mailcorpus.write_maildir(
        tmp_path / "Mail", {"INBOX": mailcorpus.corpus().messages()[:2]}
    )
    report = json.loads(lite.ok("sync", "maildir", str(root), "--json").out)
    assert (report["read"], report["added"], report["source"]) == (2, 2, "maildir")
    csv = tmp_path / "messages.csv"
    csv.write_text(
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,FOLDER\n"
        "c1,Ben Ode,https://www.linkedin.com/in/ben-ode,Robin Vale,"
        "https://www.linkedin.com/in/robin,2026-03-05 09:00:00 UTC,INBOX\n",
        encoding="utf-8",
    )
    out = lite.ok("sync", "linkedin", str(csv)).out
    assert "1 touch logged" in out
    kinds = sorted(i.kind.value for i in interactions.list_interactions(lite.store, lite.ws))
    assert kinds == ["email", "email", "message"]


def test_mistakes_are_said_with_what_to_do(lite: Netweave, tmp_path: Path) -> None:
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages()[:1])
    no_addresses = lite("sync", "mbox", str(box))
    assert no_addresses.code == 2
    assert "does not know your email addresses" in no_addresses.err
    assert "--my-addresses" in no_addresses.err
    bad = lite("settings", "set", "--my-addresses", "robin-at-vale")
    assert bad.code == 2
    assert "not an email address" in bad.err
    missing = lite("sync", "mbox", str(tmp_path / "nowhere.mbox"))
    assert missing.code == 3
    assert "there is no mbox file" in missing.err
    not_maildir = lite("sync", "maildir", str(tmp_path))
    assert not_maildir.code == 2
    assert "not a Maildir" in not_maildir.err
    not_linkedin = tmp_path / "Connections.csv"
    not_linkedin.write_text("First Name,Last Name\nAnn,Lee\n", encoding="utf-8")
    wrong = lite("sync", "linkedin", str(not_linkedin))
    assert wrong.code == 2
    assert "not LinkedIn's messages.csv" in wrong.err


def test_my_addresses_are_settings_shown_and_cleared(lite: Netweave) -> None:
    lite.ok("settings", "set", "--my-addresses", "Robin@Vale.net,robin@work.example")
    assert workspaces.get_settings(lite.store, lite.ws).my_addresses == [
        "robin@vale.net",
        "robin@work.example",
    ]
    assert "robin@vale.net, robin@work.example" in lite.ok("settings", "show").out
    lite.ok("settings", "set", "--my-addresses", "none")
    assert workspaces.get_settings(lite.store, lite.ws).my_addresses == []


def test_a_keyring_without_the_password_says_how_to_store_it(
    lite: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    # keyring's "fail" backend, as on a machine without a keyring service.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    result = lite("sync", "imap", "--host", "imap.example.com", "--user", "robin@example.com")
    assert result.code == 3
    assert "the keyring has no password for robin@example.com@imap.example.com" in result.err
    assert "keyring set netweave robin@example.com@imap.example.com" in result.err
    assert "--password-file" in result.err
