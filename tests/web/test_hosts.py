"""DNS rebinding: the app answers only the host names it serves, and writes only from them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netweave.errors import InvalidInput
from netweave.storage import Store
from netweave.web import create_app
from netweave.web.hosts import allowed_hosts, host_name
from netweave.web.problems import PROBLEM
from tests.local import LOCAL
from tests.web.conftest import NOW

ATTACKER = {"Host": "attacker.example:8000"}


def test_a_rebound_name_reads_nothing(any_client: TestClient) -> None:
    api = any_client.get("/api/v1/people", headers=ATTACKER)
    assert api.status_code == 421
    assert api.headers["content-type"] == PROBLEM
    assert "does not answer to the host name attacker.example:8000" in api.json()["detail"]
    assert "items" not in api.json()
    page = any_client.get("/people", headers=ATTACKER)
    assert page.status_code == 421
    assert page.headers["content-type"].startswith("text/html")
    assert "Misdirected request" in page.text
    assert "<table" not in page.text  # none of the people list


def test_a_rebound_name_writes_nothing_even_with_its_own_origin(any_client: TestClient) -> None:
    before = any_client.get("/api/v1/people").json()["total"]
    sent = any_client.post(
        "/api/v1/people",
        json={"name": "Planted By A Web Page"},
        headers={**ATTACKER, "Origin": "http://attacker.example:8000"},
    )
    assert sent.status_code == 421
    assert any_client.get("/api/v1/people").json()["total"] == before


def test_a_rebound_page_is_escaped(client: TestClient) -> None:
    page = client.get("/", headers={"Host": "a<b>.example"})
    assert page.status_code == 421
    assert "<b>" not in page.text


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_this_machine_is_answered_on_any_port(client: TestClient, host: str) -> None:
    assert client.get("/api/v1/people", headers={"Host": host}).status_code == 200


def test_a_configured_name_is_answered_and_may_write(web_store: Store) -> None:
    app = create_app(web_store, clock=lambda: NOW, hosts=["MyBox.local", "192.168.1.5"])
    with TestClient(app, base_url="http://mybox.local:8000") as visitor:
        assert visitor.get("/api/v1/people").status_code == 200
        added = visitor.post(
            "/api/v1/people",
            json={"name": "Added From The Laptop"},
            headers={"Origin": "http://mybox.local:8000"},
        )
        assert added.status_code == 201
        by_address = visitor.get("/api/v1/people", headers={"Host": "192.168.1.5:8000"})
        assert by_address.status_code == 200
        assert visitor.get("/", headers={"Host": "otherbox.local"}).status_code == 421


def test_writes_must_come_from_the_host_and_port_they_are_sent_to(client: TestClient) -> None:
    """Another program's page on this machine (localhost:3000) is another site."""
    for origin in ("http://localhost:3000", "http://127.0.0.1:8000", "http://evil.example"):
        refused = client.post(
            "/api/v1/people",
            json={"name": "X"},
            headers={"Host": "localhost:8000", "Origin": origin},
        )
        assert refused.status_code == 403, origin
    same = client.post(
        "/api/v1/people",
        json={"name": "From Our Own Page"},
        headers={"Host": "localhost:8000", "Origin": "http://localhost:8000"},
    )
    assert same.status_code == 201


@pytest.mark.parametrize(
    ("sent", "name"),
    [
        ("localhost:8000", "localhost"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8000", "[::1]"),
        ("127.0.0.1", "127.0.0.1"),
        ("attacker.example:8000", "attacker.example"),
        ("", None),
        ("localhost:80:80", None),
        ("localhost:http", None),
        ("[::1", None),
        ("[nothing]:80", None),
        ("a b", None),
        ("evil.example/x", None),
    ],
)
def test_host_headers_are_read_strictly(sent: str, name: str | None) -> None:
    assert host_name(sent) == name


def test_configured_names_are_checked() -> None:
    assert allowed_hosts(["::1", " box.lan "]) == {"127.0.0.1", "localhost", "[::1]", "box.lan"}
    assert "[fe80::1]" in allowed_hosts(["fe80::1"])
    with pytest.raises(InvalidInput, match="'http://box' is not a host name"):
        allowed_hosts(["http://box"])


def test_the_test_clients_host_is_no_exception(web_store: Store) -> None:
    """TestClient's own default host is refused like any other: the check has no loophole."""
    with TestClient(create_app(web_store, clock=lambda: NOW)) as default:
        assert default.get("/").status_code == 421
    with TestClient(create_app(web_store, clock=lambda: NOW), base_url=LOCAL) as local:
        assert local.get("/").status_code == 200
