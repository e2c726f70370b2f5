"""End-to-end: the real server (uvicorn in a thread) on a copy of the sample network, driven
through Debian's Chromium by Playwright. A failing test leaves a screenshot in test-artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from netweave.storage import Store
from netweave.web import create_app
from tests.web.conftest import NOW, sample_file

__all__ = ["PHONE", "PHONE_AGENT", "sample_file"]

CHROMIUM = Path(os.environ.get("NETWEAVE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
"""A phone held upright, in CSS pixels."""
_REFUSED = re.compile(r"Failed to load resource: the server responded with a status of 4(09|22)\b")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run scripts/ensure-chromium (make test does)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            yield launched
        finally:
            launched.close()


class LiveServer:
    """uvicorn serving the app on a free loopback port, in a thread of this process."""

    def __init__(self, store: Store) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(
            create_app(store, clock=lambda: NOW), log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 10 s")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


@pytest.fixture
def e2e_store(sample_file: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "e2e.db"
    shutil.copyfile(sample_file, path)
    opened = Store.open(f"sqlite:///{path}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def server(e2e_store: Store) -> Iterator[LiveServer]:
    with LiveServer(e2e_store) as live:
        yield live


Expected = Callable[[ConsoleMessage, Page], bool]
"""Which console errors a test expects (the app working as meant): the message and its tab."""


def own_refusal(message: ConsoleMessage, tab: Page) -> bool:
    """A refused form or an error page answers 404/409/422 with the page shown again:
    Chromium logs the page's own status as an error, which is the app working as meant."""
    return bool(_REFUSED.match(message.text)) and message.location.get("url") == tab.url


@contextmanager
def watched(
    tab: Page, request: pytest.FixtureRequest, expected: Expected = own_refusal
) -> Iterator[Page]:
    """``tab`` with its console watched: an error it did not expect, or a script error,
    fails the test; a failed test leaves a full-page screenshot in test-artifacts/."""
    tab.set_default_timeout(10_000)
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not expected(message, tab):
            problems.append(f"{message.text} ({message.location.get('url')})")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    try:
        yield tab
        assert not problems, f"the browser reported errors: {problems}"
    finally:
        failed = getattr(request.node, "report_call", None)
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _tab(
    browser: Browser, server: LiveServer, request: pytest.FixtureRequest, **options: Any
) -> Iterator[Page]:
    """A fresh browser tab on the live server (``options``: its context's, such as the
    viewport), :func:`watched`."""
    context = browser.new_context(base_url=server.url, **options)
    try:
        with watched(context.new_page(), request) as tab:
            yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser tab on the live server, a desktop's size."""
    yield from _tab(browser, server, request, viewport={"width": 1360, "height": 900})


@pytest.fixture
def phone(browser: Browser, server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab the size of a phone held upright."""
    yield from _tab(browser, server, request, viewport=PHONE, is_mobile=True)


@pytest.fixture
def phone_context(browser: Browser, server: LiveServer) -> Iterator[BrowserContext]:
    """A phone (390x844, touch, a phone's user agent) with service workers on, for the PWA."""
    context = browser.new_context(
        base_url=server.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
        user_agent=PHONE_AGENT,
        service_workers="allow",
    )
    try:
        yield context
    finally:
        context.close()
