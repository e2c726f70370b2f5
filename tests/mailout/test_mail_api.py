"""POST /api/v1/digest and /api/v1/reminders, GET /api/v1/mail/log: the same runs as
`netweave digest` and `netweave remind`, against a real SMTP server and database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import netweave
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL
from tests.mailout.conftest import ME, mail_to
from tests.mailout.sinks import SmtpSink, free_port
from tests.mailout.test_reminders import MORNING, small_network


@pytest.fixture
def network(store: Store) -> int:
    return small_network(store)


@pytest.fixture
def client(store: Store, network: int) -> Iterator[TestClient]:
    with TestClient(create_app(store, clock=lambda: MORNING), base_url=LOCAL) as made:
        yield made


def test_a_dry_run_shows_the_digest_and_sends_nothing(
    client: TestClient, store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    shown = client.post("/api/v1/digest", json={"dry_run": True})
    assert shown.status_code == 200, shown.text
    answer = shown.json()
    assert (answer["kind"], answer["dry_run"], answer["routes"]) == ("digest", True, [ME])
    assert answer["subject"]
    assert "Send Ann the proposal" in answer["text"]
    assert sink.received == []
    assert client.get("/api/v1/mail/log").json() == []


def test_the_digest_goes_once_a_week_whichever_door_sent_it(
    client: TestClient, store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    sent = client.post("/api/v1/digest", json={})
    assert sent.status_code == 200, sent.text
    [delivery] = sent.json()["deliveries"]
    assert (delivery["route"], delivery["status"]) == (ME, "sent")
    assert len(sink.received) == 1
    again = client.post("/api/v1/digest", json={}).json()["deliveries"]
    assert [d["status"] for d in again] == ["nothing new"]
    assert len(sink.received) == 1
    forced = client.post("/api/v1/digest", json={"again": True}).json()["deliveries"]
    assert [d["status"] for d in forced] == ["sent"]
    log = client.get("/api/v1/mail/log").json()
    assert [(m["kind"], m["status"]) for m in log] == [("digest", "sent"), ("digest", "sent")]


def test_reminders_go_once(client: TestClient, store: Store, network: int, sink: SmtpSink) -> None:
    mail_to(store, network, sink.port)
    first = client.post("/api/v1/reminders", json={}).json()
    assert [d["status"] for d in first["deliveries"]] == ["sent"]
    second = client.post("/api/v1/reminders", json={}).json()
    assert [d["status"] for d in second["deliveries"]] == ["nothing new"]
    assert len(sink.received) == 1


def test_a_failed_send_is_a_502_naming_the_destination(
    client: TestClient, store: Store, network: int
) -> None:
    mail_to(store, network, free_port())  # nothing listens there
    failed = client.post("/api/v1/reminders", json={})
    assert failed.status_code == 502
    problem = failed.json()
    assert problem["code"] == "sends-failed"
    assert list(problem["facts"]["failed"]) == [ME]
    log = client.get("/api/v1/mail/log").json()  # one record per reminder in the letter
    assert log
    assert {(m["route"], m["status"]) for m in log} == {(f"email:{ME}", "failed")}


def test_the_python_api_sends_the_same_runs(
    database_url: str, store: Store, network: int, sink: SmtpSink
) -> None:
    mail_to(store, network, sink.port)
    with netweave.open(database_url) as nw:
        preview = nw.reminders_preview(as_of=MORNING)
        assert preview.letter is not None
        assert [o.status for o in nw.remind(as_of=MORNING).outcomes] == ["sent"]
        assert [o.status for o in nw.remind(as_of=MORNING).outcomes] == ["nothing new"]
        assert [o.status for o in nw.digest().outcomes] == ["sent"]
    assert len(sink.received) == 2


def test_what_the_api_refuses(client: TestClient, store: Store, network: int) -> None:
    bad = client.post("/api/v1/reminders", json={"to": ["robin at example"]})
    assert bad.status_code == 422
    assert "robin at example" in bad.json()["detail"]
    many = client.post("/api/v1/digest", json={"dry_run": True, "to": ["a@b.example"] * 11})
    assert many.status_code == 422
    assert many.json()["detail"] == "to: send to at most 10 addresses at once, not 11"
    unknown = client.post("/api/v1/digest", json={"dryrun": True})
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "dryrun"
