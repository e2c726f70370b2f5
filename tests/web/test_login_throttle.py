"""Guessing the access secret: a growing wait per address, told with 429 and Retry-After.

The app's clock is moved by hand: nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from netweave.services import workspaces
from netweave.storage import Store
from netweave.web import create_app
from netweave.web.problems import PROBLEM
from tests.local import LOCAL
from tests.web.conftest import NOW, form_token

SECRET = "correct horse battery"
WRONG = {"Authorization": "Bearer not the secret"}
RIGHT = {"Authorization": f"Bearer {SECRET}"}


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def small_store(sqlite_store: Store) -> Store:
    """A workspace with only its owner: the throttle reads nothing from the database."""
    workspaces.init_workspace(sqlite_store, me="Robin Vale")
    return sqlite_store


@pytest.fixture
def guarded(small_store: Store, clock: Clock) -> Iterator[TestClient]:
    """The app with a secret."""
    app = create_app(small_store, secret=SECRET, clock=clock)
    with TestClient(app, base_url=LOCAL) as visitor:
        yield visitor


def test_wrong_bearer_secrets_make_the_sender_wait_longer_and_longer(
    guarded: TestClient, clock: Clock
) -> None:
    for _ in range(4):
        assert guarded.get("/api/v1/people", headers=WRONG).status_code == 401
    waits = []
    for _ in range(7):
        assert guarded.get("/api/v1/people", headers=WRONG).status_code == 401
        held = guarded.get("/api/v1/people", headers=RIGHT)  # not even checked while waiting
        assert held.status_code == 429
        assert held.headers["content-type"] == PROBLEM
        assert "try again in" in held.json()["detail"]
        waits.append(int(held.headers["retry-after"]))
        clock.wait(waits[-1] - 0.5)
        assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 429
        clock.wait(0.5)
    assert waits == [1, 2, 4, 8, 16, 30, 30]


def test_the_right_secret_clears_the_count(guarded: TestClient, clock: Clock) -> None:
    for _ in range(5):
        assert guarded.get("/api/v1/people", headers=WRONG).status_code == 401
    clock.wait(1)
    assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 200
    for _ in range(4):  # a fresh start: four more misses cost nothing
        assert guarded.get("/api/v1/people", headers=WRONG).status_code == 401
    assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 200


def test_an_hour_without_a_miss_forgets_them(guarded: TestClient, clock: Clock) -> None:
    for _ in range(4):
        guarded.get("/api/v1/people", headers=WRONG)
    clock.wait(3601)
    for _ in range(4):
        assert guarded.get("/api/v1/people", headers=WRONG).status_code == 401
    assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 200


def test_the_login_form_is_throttled_too(guarded: TestClient, clock: Clock) -> None:
    token = form_token(guarded, "/login")
    for _ in range(5):
        refused = guarded.post("/login", data={"csrf_token": token, "secret": "guess"})
        assert refused.status_code == 403
    held = guarded.post("/login", data={"csrf_token": token, "secret": SECRET})
    assert held.status_code == 429
    assert held.headers["retry-after"] == "1"
    assert "too many wrong access secrets" in held.text
    assert guarded.get("/people", follow_redirects=False).status_code == 303  # still locked
    clock.wait(1)
    guarded.post("/login", data={"csrf_token": token, "secret": SECRET})
    assert guarded.get("/people").status_code == 200


def test_a_waiting_address_keeps_others_and_signed_in_visitors_going(
    small_store: Store, clock: Clock
) -> None:
    app = create_app(small_store, secret=SECRET, clock=clock)
    with (
        TestClient(app, base_url=LOCAL, client=("10.0.0.66", 40000)) as guesser,
        TestClient(app, base_url=LOCAL, client=("10.0.0.7", 40000)) as owner,
    ):
        token = form_token(owner, "/login")
        owner.post("/login", data={"csrf_token": token, "secret": SECRET})
        for _ in range(6):
            guesser.get("/api/v1/people", headers=WRONG)
        assert guesser.get("/api/v1/people", headers=RIGHT).status_code == 429
        assert owner.get("/api/v1/people").status_code == 200  # by the access cookie
        assert owner.get("/api/v1/people", headers=RIGHT).status_code == 200


def test_without_a_secret_there_is_nothing_to_guess(client: TestClient) -> None:
    for _ in range(10):
        assert client.get("/api/v1/people", headers=WRONG).status_code == 200


def test_a_clock_that_goes_back_locks_nobody_out(guarded: TestClient, clock: Clock) -> None:
    """A workspace pinned to one day starts it again at midnight: its clock goes back."""
    for _ in range(10):
        guarded.get("/api/v1/people", headers=WRONG)
    assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 429
    clock.wait(-86_400)
    assert guarded.get("/api/v1/people", headers=RIGHT).status_code == 200
