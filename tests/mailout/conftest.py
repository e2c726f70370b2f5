"""Mail out against real parts: an SMTP server and an HTTP channel in-process, the
sample network in SQLite (a copy per test), PostgreSQL where the record matters."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import trustme

from netweave.commands import SetMailOut
from netweave.domain import build
from netweave.domain.mailout import MailOut
from netweave.sample import SAMPLE_TODAY, build_sample_workspace
from netweave.services import workspaces
from netweave.services.mailout.settings import set_mail_out
from netweave.storage import Store
from tests.mailout.sinks import JsonHook, SmtpSink

CHICAGO = ZoneInfo("America/Chicago")
MONDAY_MORNING = datetime.combine(SAMPLE_TODAY, time(7, 31), CHICAGO).astimezone(UTC)
"""The sample's day (a Monday, the day after the clocks went back) just after 07:30."""
ME = "robin@example.com"


@pytest.fixture(scope="session")
def mail_sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample network (America/Chicago, as of Monday 2026-11-02), built once."""
    path = tmp_path_factory.mktemp("mail-sample") / "sample.db"
    built = Store.open(f"sqlite:///{path}", create=True)
    try:
        build_sample_workspace(built, seed=7, size=60, name="demo")
        with built.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        built.close()
    return path


@pytest.fixture
def sample_db(mail_sample_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the sample network."""
    path = tmp_path / "mail.db"
    shutil.copyfile(mail_sample_file, path)
    return path


@pytest.fixture
def sample_store(sample_db: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{sample_db}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sample_ws(sample_store: Store) -> int:
    return workspaces.open_workspace(sample_store).id


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def hook() -> Iterator[JsonHook]:
    server = JsonHook()
    try:
        yield server
    finally:
        server.close()


def mail_to(store: Store, ws: int, port: int, **more: object) -> MailOut:
    """Mail to ME through the sink on ``port`` (no TLS: a server on this machine)."""
    fields = {
        "to_address": ME,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_security": "none",
        **more,
    }
    return set_mail_out(store, ws, build(SetMailOut, {"set": fields}))
