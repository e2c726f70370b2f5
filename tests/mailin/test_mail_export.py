"""The export's mail section: saved mailboxes (no password), mail-out settings (no channel
secrets), the keys of the messages read and where each sync stopped; restored, the next
sync logs nothing twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from netweave.commands import AddMailSource, SetMailOut
from netweave.domain import build
from netweave.services import exchange, interactions, mail_saved, workspaces
from netweave.services.mail_sources import sync_mbox
from netweave.services.mailout.settings import mail_out, set_mail_out
from netweave.storage import Store
from tests import mailcorpus
from tests.writes import add_person, change_settings

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
SECRET = "ntfy://s3cret-topic-token"


def test_mail_settings_and_sync_state_survive_export_and_restore(
    store: Store, tmp_path: Path
) -> None:
    ws = workspaces.init_workspace(store, me="Robin Vale", name="home").id
    assert ws is not None
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    add_person(store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    add_person(store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]})
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    mail_saved.add_source(
        store, ws, AddMailSource(kind="mbox", path=str(box), name="takeout"), now=NOW
    )
    mail_saved.add_source(
        store,
        ws,
        AddMailSource(host="imap.example.org", user="robin", folders=["INBOX", "Sent"]),
        password="hunter2-secret",
        check=False,
        now=NOW,
    )
    set_mail_out(
        store,
        ws,
        build(SetMailOut, {"set": {"to_address": mailcorpus.ROBIN}, "add_channels": [SECRET]}),
        now=NOW,
    )
    assert sync_mbox(store, ws, box, now=NOW).added == 3

    document = json.loads(exchange.dumps(exchange.export_workspace(store, ws)))
    text = json.dumps(document)
    assert "hunter2-secret" not in text
    assert "s3cret-topic-token" not in text
    mail = document["mail"]
    assert [s["name"] for s in mail["sources"]] == ["robin@imap.example.org", "takeout"]
    assert mail["out"]["to_address"] == mailcorpus.ROBIN
    assert mail["out"]["channels_hidden"] == ["ntfy://s3cr..."]
    assert len(mail["seen"]) == 12
    (cursor,) = mail["cursors"]
    assert cursor["source"] == "mbox"
    assert cursor["file_offset"] == box.stat().st_size

    restored = exchange.restore_workspace(store, document, name="again")
    assert restored.id is not None
    again = restored.id
    assert [s.name for s in mail_saved.list_sources(store, again)] == [
        "robin@imap.example.org",
        "takeout",
    ]
    assert all(s.password_kept in (None, "keyring") for s in mail_saved.list_sources(store, again))
    assert mail_out(store, again).to_address == mailcorpus.ROBIN
    assert mail_out(store, again).channels == []
    before = len(interactions.list_interactions(store, again))
    report = sync_mbox(store, again, box, now=NOW)
    assert report.up_to_date
    assert report.added == 0
    assert len(interactions.list_interactions(store, again)) == before == 3
    # Export → restore → export: the same mail section, but the channels (not restored).
    no_channels = {**mail, "out": {**mail["out"], "channels_hidden": []}}
    assert exchange.export_workspace(store, again)["mail"] == no_channels
