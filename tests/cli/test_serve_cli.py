"""`netweave serve` refuses to be reachable from other machines without an access secret."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi import FastAPI

from netweave.cli.serve import (
    GRACEFUL_SHUTDOWN,
    HOSTS_ENV,
    check_exposure,
    is_loopback,
    served_hosts,
    server_config,
)
from netweave.errors import InvalidInput
from netweave.services import workspaces
from netweave.storage import Store
from tests.cli.conftest import Netweave


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("example.com", False),
    ],
)
def test_loopback_addresses_are_told_apart(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_public_address_needs_a_long_secret() -> None:
    check_exposure("127.0.0.1", None)
    check_exposure("0.0.0.0", "a long enough secret")
    with pytest.raises(InvalidInput, match="needs an access secret"):
        check_exposure("0.0.0.0", None)
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        check_exposure("0.0.0.0", "short")


def test_serve_on_all_addresses_without_a_secret_exits_2(
    nw: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETWEAVE_SECRET", raising=False)
    result = nw("serve", "--host", "0.0.0.0", "--port", "1")
    assert result.code == 2
    assert "needs an access secret" in result.err
    assert "Traceback" not in result.err


def test_the_server_is_quiet_about_itself_and_stops_within_its_grace() -> None:
    config = server_config(FastAPI(), "127.0.0.1", 8000)
    assert config.server_header is False
    assert config.proxy_headers is False
    assert config.timeout_graceful_shutdown == GRACEFUL_SHUTDOWN == 10


def test_serve_answers_its_own_address_and_the_hosts_it_is_given() -> None:
    assert served_hosts("127.0.0.1", []) == ["127.0.0.1"]
    assert served_hosts("0.0.0.0", ["box.lan"]) == ["box.lan"]
    assert served_hosts("::", []) == []
    assert served_hosts("192.168.1.5", ["box.lan"]) == ["192.168.1.5", "box.lan"]


def test_serve_refuses_a_host_name_that_is_none(
    nw: Netweave, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = nw("serve", "--port", "1", "--allowed-host", "http://box.lan/")
    assert result.code == 2
    assert "'http://box.lan/' is not a host name" in result.err
    monkeypatch.setenv(HOSTS_ENV, "box.lan, not/a/host")
    result = nw("serve", "--port", "1")
    assert result.code == 2
    assert "'not/a/host' is not a host name" in result.err


_SLOW_SERVER = """
import importlib, socket, sys, time
import uvicorn
serve = importlib.import_module("netweave.cli.serve")
from netweave.storage import Store
from netweave.web import create_app

serve.GRACEFUL_SHUTDOWN = {grace}
app = create_app(Store.open(sys.argv[1]))

def slow() -> None:  # a request that never ends on its own (an import without end)
    print("busy", flush=True)
    time.sleep(600)

app.add_api_route("/api/v1/slow", slow)
listening = socket.socket()
listening.bind(("127.0.0.1", 0))
listening.listen()
print(listening.getsockname()[1], flush=True)
uvicorn.Server(serve.server_config(app, "127.0.0.1", 0)).run(sockets=[listening])
"""


def test_a_request_without_end_does_not_keep_the_server_from_stopping(tmp_path: Path) -> None:
    """SIGTERM stops the server within its grace even while a request runs on and on.

    The grace is cut to 1 s here (netweave serve waits GRACEFUL_SHUTDOWN seconds).
    """
    url = f"sqlite:///{tmp_path / 'served.db'}"
    store = Store.open(url, create=True)
    workspaces.init_workspace(store, me="Robin Vale")
    store.close()
    server = subprocess.Popen(
        [sys.executable, "-c", _SLOW_SERVER.format(grace=1), url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(b"GET /api/v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert server.stdout.readline().strip() == "busy"
            told = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
            assert time.monotonic() - told < 10
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        if server.stdout is not None:
            server.stdout.close()
