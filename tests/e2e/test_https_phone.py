"""`netweave serve --https` as a real process, reached by a name that is not localhost:
Chromium trusts the server's certificate, the page is a secure context and the service
worker registers (what a phone needs to install the app, share to it and use the camera)."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import stat
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from netweave.tls import CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY, names_in, spki_sha256
from tests.e2e.conftest import CHROMIUM
from tests.processes import netweave_command, source_env

SECRET = "correct horse battery staple"
NAME = "netweave.test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*netweave_command(), "--db", str(db), *args],
        env=source_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def https_server(sample_file: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    db = tmp_path / "phone.db"
    shutil.copyfile(sample_file, db)
    made = _run(db, "cert", "--name", NAME, "--name", "127.0.0.1")
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "netweave-tls"
    assert str(folder / CA_CERT) in made.stdout
    port = _free_port()
    server = subprocess.Popen(
        [
            *netweave_command(),
            "--db",
            str(db),
            "serve",
            "--https",
            "--port",
            str(port),
            "--secret",
            SECRET,
            "--no-schedule",
        ],
        env=source_env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "netweave serve --https did not start"
                time.sleep(0.1)
        yield port, folder
    finally:
        server.terminate()
        server.wait(timeout=20)
        if server.stderr:
            server.stderr.close()


def test_the_certificate_files_are_kept_private(https_server: tuple[int, Path]) -> None:
    _, folder = https_server
    for key in (CA_KEY, SERVER_KEY):
        assert stat.S_IMODE(os.stat(folder / key).st_mode) == 0o600
    assert names_in(folder / SERVER_CERT) == (NAME, "127.0.0.1")


def test_a_client_that_trusts_the_authority_gets_its_certificate(
    https_server: tuple[int, Path],
) -> None:
    port, folder = https_server
    trusting = ssl.create_default_context(cafile=str(folder / CA_CERT))
    # Before signing in, only the authority's own certificate is handed out.
    with urllib.request.urlopen(f"https://127.0.0.1:{port}/ca.crt", context=trusting) as got:
        assert got.headers["content-type"] == "application/x-x509-ca-cert"
        assert got.read() == (folder / CA_CERT).read_bytes()
    strict = ssl.create_default_context()  # trusts only the public authorities
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        urllib.request.urlopen(f"https://127.0.0.1:{port}/ca.crt", context=strict)


def test_chromium_reaches_it_by_name_as_a_secure_context(
    https_server: tuple[int, Path], browser: Browser
) -> None:
    port, folder = https_server
    # A Chromium of its own (the session's one runs without these switches), started
    # by the session's Playwright: one Playwright per process.
    by_name = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-background-networking",
            f"--host-resolver-rules=MAP {NAME} 127.0.0.1",
            # Trust this server's key as if the phone had installed the authority.
            f"--ignore-certificate-errors-spki-list={spki_sha256(folder / SERVER_CERT)}",
        ],
    )
    try:
        context = by_name.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page: Page = context.new_page()
        page.set_default_timeout(15_000)
        base = f"https://{NAME}:{port}"
        answer = page.goto(f"{base}/")
        assert answer is not None
        assert page.url == f"{base}/login"  # the secret is still asked for
        assert page.evaluate("window.isSecureContext") is True
        assert page.evaluate("location.protocol") == "https:"
        page.fill("input[name=secret]", SECRET)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(f"{base}/")
        assert page.locator("h1").count() >= 1
        assert page.evaluate("window.isSecureContext") is True
        # The service worker registers over HTTPS by this name, and controls the page: what
        # installing to the home screen and reading offline need.
        active = page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.active ? r.active.scriptURL : null)"
        )
        assert active == f"{base}/sw.js"
        page.reload()
        assert page.evaluate("Boolean(navigator.serviceWorker.controller)") is True
        page.goto(f"{base}/capture/qr")
        assert page.evaluate(
            "Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)"
        )
        context.close()
    finally:
        by_name.close()
