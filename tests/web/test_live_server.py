"""The real server, as `netweave serve` configures it: uvicorn in a thread on a free port.

What only a real connection shows: the headers uvicorn adds, and whether a connection
outlives an internal error.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI

from netweave.cli.serve import server_config
from netweave.storage import Store
from netweave.web import create_app
from tests.web.conftest import NOW


class Live:
    """``app`` served with ``netweave serve``'s uvicorn settings until the block ends."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.server = uvicorn.Server(server_config(app, "127.0.0.1", self.port))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> Live:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start within 10 s"
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()

    @contextmanager
    def connection(self) -> Iterator[http.client.HTTPConnection]:
        opened = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            yield opened
        finally:
            opened.close()


@pytest.fixture
def live(web_store: Store) -> Iterator[Live]:
    app = create_app(web_store, clock=lambda: NOW)

    def broken() -> None:
        raise RuntimeError("kaboom-7")

    app.add_api_route("/api/v1/broken", broken)
    with Live(app) as running:
        yield running


def test_the_server_does_not_announce_itself(live: Live) -> None:
    with live.connection() as connection:
        connection.request("GET", "/api/v1/people")
        answer = connection.getresponse()
        answer.read()
    assert answer.status == 200
    assert answer.getheader("server") is None
    assert answer.getheader("cache-control") == "no-store"


def test_a_connection_outlives_an_internal_error(live: Live) -> None:
    with live.connection() as connection:
        connection.request("GET", "/api/v1/broken")
        failed = connection.getresponse()
        assert failed.status == 500
        assert b"kaboom-7" not in failed.read()
        assert failed.getheader("connection") != "close"
        used = connection.sock
        connection.request("GET", "/api/v1/people")  # on the same connection
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 200
        assert connection.sock is used
