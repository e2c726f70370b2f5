"""Settings → Mail out in the web app: the form, its refusals next to the field, the
channels, and sending this week's digest from the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from netweave.services.mailout.settings import mail_out
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL
from tests.mailout.conftest import CHICAGO, ME
from tests.mailout.sinks import JsonHook, SmtpSink, subject
from tests.mailout.test_reminders import DAY, small_network
from tests.web.conftest import form_token

NOW = datetime.combine(DAY, time(9), CHICAGO).astimezone(UTC)


@pytest.fixture
def page(sqlite_store: Store) -> Iterator[tuple[TestClient, Store, int]]:
    ws = small_network(sqlite_store)
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as client:
        yield client, sqlite_store, ws


def post(client: TestClient, action: str, **fields: Any) -> Response:
    token = form_token(client, "/settings/mail")
    data = {"csrf_token": token, "next": "/settings/mail", **fields}
    return client.post(action, data=data, follow_redirects=False)


def settings_form(port: int, **more: str) -> dict[str, str]:
    return {
        "form_id": "mo",
        "to_address": ME,
        "smtp_host": "127.0.0.1",
        "smtp_port": str(port),
        "smtp_security": "none",
        "digest_day": "monday",
        "digest_at": "07:30",
        "remind_at": "08:00",
        "digest_on": "1",
        "reminders_on": "1",
        **more,
    }


def test_the_settings_page_links_to_mail_out(page: tuple[TestClient, Store, int]) -> None:
    client, _, _ = page
    assert 'href="/settings/mail"' in client.get("/settings").text
    html = client.get("/settings/mail").text
    assert "Nothing was sent yet." in html
    assert "No channel" in html


def test_saving_sending_and_removing_a_channel(
    page: tuple[TestClient, Store, int], sink: SmtpSink, hook: JsonHook
) -> None:
    client, store, ws = page
    saved = post(client, "/settings/mail", **settings_form(sink.port, add_channel=hook.url))
    assert saved.status_code == 303
    mail = mail_out(store, ws)
    assert (mail.to_address, mail.smtp_port, mail.channels) == (ME, sink.port, [hook.url])
    html = client.get("/settings/mail").text
    assert "Mail settings saved." in html
    assert f"json://127.0.0.1:{hook.port}/netweave" in html

    sent = post(client, "/settings/mail/digest")
    assert sent.status_code == 303
    assert [subject(r.message) for r in sink.received] == [
        "Weekly review, 9 Mar: 1 follow-up due, 1 event ahead"
    ]
    assert len(hook.posts) == 1
    html = client.get("/settings/mail").text
    assert f"Weekly digest: {ME}: sent" in html
    assert html.count("Weekly review, 9 Mar") >= 2  # both destinations, in the log

    removed = post(client, "/settings/mail/channels/remove", number="1")
    assert removed.status_code == 303
    assert mail_out(store, ws).channels == []

    # Blank boxes clear their settings; unticked boxes switch the schedule off.
    cleared = settings_form(sink.port, smtp_port="", digest_on="")
    del cleared["digest_on"]
    assert post(client, "/settings/mail", **cleared).status_code == 303
    after = mail_out(store, ws)
    assert (after.smtp_port, after.digest_on, after.reminders_on) == (None, False, True)


def test_a_refused_setting_is_named_next_to_its_field(
    page: tuple[TestClient, Store, int], sink: SmtpSink
) -> None:
    client, store, ws = page
    before = mail_out(store, ws)
    refused = post(client, "/settings/mail", **settings_form(sink.port, digest_at="06:15"))
    assert refused.status_code == 422
    assert 'id="mo-digest_at-error"' in refused.text
    assert "must be from 07:00 to before 21:00" in refused.text
    assert 'value="06:15"' in refused.text  # what was typed stays
    refused = post(client, "/settings/mail", **settings_form(sink.port, add_channel="bogus://x"))
    assert refused.status_code == 422
    assert "not a channel Apprise can send to" in refused.text
    assert mail_out(store, ws) == before
