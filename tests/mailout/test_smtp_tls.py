"""SMTP as providers run it: STARTTLS, then a login with the password from a file only its
owner can read (or the keyring); the password is never stored in the database."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from keyring.backend import KeyringBackend

from netweave.services.mailout import delivery
from netweave.services.mailout.runs import Sending, send_reminders
from netweave.storage import Store
from tests.mailout.conftest import ME, mail_to
from tests.mailout.sinks import SmtpSink
from tests.mailout.test_reminders import MORNING, small_network


@pytest.fixture
def tls_sink(ca: trustme.CA) -> Iterator[SmtpSink]:
    server = SmtpSink(ca=ca, users={"robin": "s3cret"})
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def trusting(ca: trustme.CA) -> Sending:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return Sending(env={}, context=context)


def test_starttls_and_a_login_with_the_password_file(
    sqlite_store: Store, tls_sink: SmtpSink, trusting: Sending, tmp_path: Path
) -> None:
    password = tmp_path / "smtp-password"
    password.write_text("s3cret\n")
    password.chmod(0o600)
    ws = small_network(sqlite_store)
    mail_to(
        sqlite_store, ws, tls_sink.port, smtp_security="starttls", smtp_user="robin",
        smtp_password_file=str(password),
    )  # fmt: skip
    run = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting)
    assert [o.status for o in run.outcomes] == ["sent"], run.outcomes
    assert [r.recipients for r in tls_sink.received] == [[ME]]
    with sqlite_store.engine.connect() as conn:
        dumped = "\n".join(conn.connection.iterdump())  # type: ignore[attr-defined]
    assert "s3cret" not in dumped


def test_tls_from_the_first_byte(
    sqlite_store: Store, ca: trustme.CA, trusting: Sending, tmp_path: Path
) -> None:
    server = SmtpSink(ca=ca, users={"robin": "s3cret"}, implicit_tls=True)
    try:
        password = tmp_path / "smtp-password"
        password.write_text("s3cret\n")
        password.chmod(0o600)
        ws = small_network(sqlite_store)
        mail_to(
            sqlite_store, ws, server.port, smtp_security="ssl", smtp_user="robin",
            smtp_password_file=str(password),
        )  # fmt: skip
        run = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting)
        assert [o.status for o in run.outcomes] == ["sent"], run.outcomes
        assert len(server.received) == 1
    finally:
        server.close()


def test_a_wrong_password_or_an_open_password_file_fails_and_says_why(
    sqlite_store: Store, tls_sink: SmtpSink, trusting: Sending, tmp_path: Path
) -> None:
    password = tmp_path / "smtp-password"
    password.write_text("wrong\n")
    password.chmod(0o600)
    ws = small_network(sqlite_store)
    mail_to(
        sqlite_store, ws, tls_sink.port, smtp_security="starttls", smtp_user="robin",
        smtp_password_file=str(password),
    )  # fmt: skip
    (failed,) = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting).failed
    assert "did not accept the user and password (535" in (failed.error or "")

    password.write_text("s3cret\n")
    password.chmod(0o644)
    (failed,) = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting).failed
    assert "may be read by others (mode 644)" in (failed.error or "")
    assert tls_sink.received == []

    password.chmod(0o600)
    run = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting)
    assert [o.status for o in run.outcomes] == ["sent"]
    assert {r.attempts for r in delivery.sent_log(sqlite_store, ws)} == {3}


def test_no_login_without_tls_and_no_untrusted_certificate(
    sqlite_store: Store, tls_sink: SmtpSink, tmp_path: Path
) -> None:
    password = tmp_path / "smtp-password"
    password.write_text("s3cret\n")
    password.chmod(0o600)
    ws = small_network(sqlite_store)
    mail_to(
        sqlite_store, ws, tls_sink.port, smtp_user="robin", smtp_password_file=str(password)
    )  # security "none": the server offers no login before TLS
    (failed,) = send_reminders(sqlite_store, ws, now=MORNING, sending=Sending(env={})).failed
    assert "SMTP AUTH extension not supported" in (failed.error or "")
    mail_to(sqlite_store, ws, tls_sink.port, smtp_security="starttls")
    (failed,) = send_reminders(sqlite_store, ws, now=MORNING, sending=Sending(env={})).failed
    assert "no secure connection" in (failed.error or "")
    assert tls_sink.received == []


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in memory (this machine has no desktop keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    try:
        yield kept
    finally:
        keyring.set_keyring(before)


def test_the_password_from_the_keyring(
    sqlite_store: Store, tls_sink: SmtpSink, trusting: Sending, memory_keyring: MemoryKeyring
) -> None:
    ws = small_network(sqlite_store)
    mail_to(sqlite_store, ws, tls_sink.port, smtp_security="starttls", smtp_user="robin")
    (failed,) = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting).failed
    assert "no password for robin@127.0.0.1" in (failed.error or "")
    memory_keyring.set_password("netweave-smtp", "robin@127.0.0.1", "s3cret")
    run = send_reminders(sqlite_store, ws, now=MORNING, sending=trusting)
    assert [o.status for o in run.outcomes] == ["sent"]
