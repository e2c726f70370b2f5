"""The settings page's mail section: the owner's addresses, and the last sync's report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import workspaces
from netweave.services.mail_sources import sync_mbox
from netweave.storage import Store
from tests import mailcorpus
from tests.web.conftest import form_token
from tests.writes import add_person


def test_addresses_are_saved_and_the_last_sync_is_shown(
    client: TestClient, web_store: Store, sample: Workspace, tmp_path: Path
) -> None:
    assert "No sync yet." in client.get("/settings").text
    token = form_token(client, "/settings")
    saved = client.post(
        "/settings/my-addresses",
        data={"csrf_token": token, "my_addresses": f"{mailcorpus.ROBIN}\n{mailcorpus.ROBIN_WORK}"},
    )
    assert saved.status_code == 200
    assert "Your addresses saved." in saved.text
    assert workspaces.get_settings(web_store, sample.id).my_addresses == sorted(
        [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]
    )
    add_person(web_store, sample.id, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]})
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    sync_mbox(web_store, sample.id, box, now=datetime(2026, 6, 1, tzinfo=UTC))
    page = client.get("/settings").text
    assert "12 messages read" in page
    assert '1 left out: <span class="muted">sent through a mailing list (List-Id)' in page
    assert "You wrote to 2 people who are not in netweave." in page
    assert "Cleo Park" in page


def test_a_bad_address_is_refused_with_the_field(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    token = form_token(client, "/settings")
    refused = client.post(
        "/settings/my-addresses",
        data={"csrf_token": token, "next": "/settings", "my_addresses": "robin-at-vale"},
        follow_redirects=False,
    )
    assert refused.status_code in (303, 422)
    assert workspaces.get_settings(web_store, sample.id).my_addresses == []
