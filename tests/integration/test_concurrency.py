"""Several writers on one database at once: no write lost, no internal error.

The load, on one SQLite file and on one PostgreSQL schema in turn:

- 4 command-line writers, each its own process (a Python running ``netweave.cli.main``,
  the ``netweave`` command's entry point, once per write, so that the import cost of a
  process is paid once per writer): 10 ``person add`` each with an email of its own,
  then the 5 race emails that every writer adds too;
- 2 API clients (threads, each its own ``TestClient`` over the app in this process):
  10 ``POST /api/v1/people`` each with an email of its own, then the same 5 race emails.

All start together (a shared start moment), so the same-email adds race between
processes and between a process and the web app. Each race email must end up on exactly
one person; every other attempt at it is a conflict (exit 5, HTTP 409), whichever check
caught it: the service's own, or the database's unique rule when both checks ran before
either insert (storage/integrity.py). A write that answered success must be in the
database (lost writes: 0), and nothing may end as an internal error (exit 70, HTTP 5xx)
or a storage error (exit 6, "locked").

SQLite serialises writers with its busy timeout: ``PRAGMA busy_timeout=5000`` (5 s,
netweave.storage.store.SQLITE_BUSY_TIMEOUT_MS) on every connection; PostgreSQL uses
row locks. About 21 s on 2 cores (9 s SQLite, 12 s PostgreSQL).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from netweave.services import workspaces
from netweave.storage import Store
from netweave.storage import tables as t
from netweave.storage.store import SQLITE_BUSY_TIMEOUT_MS
from netweave.web import create_app
from tests.processes import source_env

CLI_WRITERS, CLI_WRITES = 4, 10
API_CLIENTS, API_WRITES = 2, 10
RACES = 5
RACE_EMAILS = [f"race{k}@same.example" for k in range(RACES)]

WRITER = """
import json, sys, time
from netweave.cli import main
url, writer, count, start, races = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    float(sys.argv[4]), json.loads(sys.argv[5])
jobs = [(f"Cli {writer} {i}", f"cli{writer}.{i}@own.example") for i in range(count)]
jobs += [(f"Racer cli {writer}", email) for email in races]
while time.time() < start:
    time.sleep(0.005)
for name, email in jobs:
    try:
        main(["--db", url, "person", "add", name, "--email", email])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    print("RESULT", json.dumps([email, code]), flush=True)
"""


def _ready_client(store: Store) -> TestClient:
    """A client of its own app, its routes built: FastAPI builds a route on its first
    request, under ``warnings.catch_warnings``, which is not thread-safe (two first
    requests at once let a warning out, an error under this suite's warning filter)."""
    client = TestClient(
        create_app(store), base_url="http://127.0.0.1", raise_server_exceptions=False
    )
    client.__enter__()
    assert client.post("/api/v1/people", json={}).status_code == 422
    return client


def _api_client(
    client: TestClient, writer: int, start: float, results: list[tuple[str, int]]
) -> None:
    jobs = [(f"Api {writer} {i}", f"api{writer}.{i}@own.example") for i in range(API_WRITES)]
    jobs += [(f"Racer api {writer}", email) for email in RACE_EMAILS]
    while time.time() < start:
        time.sleep(0.005)
    for name, email in jobs:
        answer = client.post("/api/v1/people", json={"name": name, "emails": [email]})
        results.append((email, answer.status_code))


def test_writers_at_once_lose_nothing_and_never_fail_inside(
    database_url: str, tmp_path: Path
) -> None:
    assert SQLITE_BUSY_TIMEOUT_MS == 5000  # the docstring states it
    store = Store.open(database_url, create=True)
    writers: list[subprocess.Popen[str]] = []
    ready: list[TestClient] = []
    try:
        workspaces.init_workspace(store, me="Robin Vale")
        start = time.time() + 3.0  # after every writer has started and imported netweave
        writers += [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WRITER,
                    database_url,
                    str(w),
                    str(CLI_WRITES),
                    str(start),
                    json.dumps(RACE_EMAILS),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=source_env(),
                cwd=tmp_path,
            )
            for w in range(CLI_WRITERS)
        ]
        api: list[tuple[str, int]] = []
        ready += [_ready_client(store) for _ in range(API_CLIENTS)]
        clients = [
            threading.Thread(target=_api_client, args=(ready[c], c, start, api))
            for c in range(API_CLIENTS)
        ]
        for client in clients:
            client.start()
        cli: list[tuple[str, int]] = []
        errors = []
        for writer in writers:
            out, err = writer.communicate(timeout=180)
            for line in out.splitlines():
                if line.startswith("RESULT "):
                    email, code = json.loads(line.removeprefix("RESULT "))
                    cli.append((email, code))
            errors.append(err)
        for client in clients:
            client.join(timeout=180)

        assert len(cli) == CLI_WRITERS * (CLI_WRITES + RACES), errors
        assert len(api) == API_CLIENTS * (API_WRITES + RACES)
        exits, statuses = Counter(code for _, code in cli), Counter(code for _, code in api)
        assert set(exits) <= {0, 5}, (exits, errors)  # no 70 (internal), no 6 (locked)
        assert set(statuses) <= {201, 409}, statuses  # no 5xx
        assert not any("Traceback" in e or "internal error" in e for e in errors), errors

        with store.engine.connect() as conn:
            holders = dict(
                conn.execute(
                    select(t.person_email.c.email, func.count()).group_by(t.person_email.c.email)
                ).all()
            )
        done = [email for email, code in cli + api if code in (0, 201)]
        lost = [email for email in done if email not in holders]
        assert lost == []
        own = [email for email in done if email not in RACE_EMAILS]
        assert len(own) == CLI_WRITERS * CLI_WRITES + API_CLIENTS * API_WRITES
        for email in RACE_EMAILS:
            assert holders.get(email) == 1
            assert done.count(email) == 1, (email, cli, api)
        assert len(holders) == len(own) + RACES
    finally:
        for done_client in ready:
            done_client.__exit__(None, None, None)
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()
        store.close()
