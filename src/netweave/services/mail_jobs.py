"""Runs of a saved mailbox ("sync now"): one at a time per source, their progress
(messages read, batches done) kept after each batch, their reports when done.

The web app runs one in a thread of its own (:func:`start`) and answers at once with the
run's id; ``netweave sync saved NAME`` runs one in the foreground (:func:`run_now`). Both
record the run, so either sees the other's: a second start while one runs is a Conflict
("already running"). A live run says so every :data:`HEARTBEAT` (:func:`heartbeat`, also
while a long batch is read); one silent for :data:`STALE` (its process ended mid-way: a
crash, a restart) no longer counts as running, and "Sync now" works again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from netweave.commands.mail import SourceKind
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, NetweaveError, NotFound
from netweave.mail import credentials
from netweave.services import mail_sources
from netweave.services.mail_saved import account_of
from netweave.services.mail_sync import SyncReport
from netweave.storage import Store
from netweave.storage import mail_sources as sources_db
from netweave.storage.mail_sources import JobRow, SourceRow

HEARTBEAT = timedelta(seconds=20)
"""How often a live run says it is alive, between its batches too."""
STALE = timedelta(minutes=2)
"""A run silent for this long (six missed heartbeats) is taken as stopped: its process
ended (a crash, a restart) without marking it."""
_log = logging.getLogger(__name__)
_starting = threading.Lock()


@dataclass(frozen=True, slots=True)
class SyncRun:
    """A run as every interface shows it."""

    id: int
    source_id: int | None
    source_name: str
    state: str
    """running, done, failed, or stopped (it said nothing for :data:`STALE`)."""
    started_at: datetime
    finished_at: datetime | None
    read: int
    batches: int
    error: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)
    error_code: str | None = None
    """What kind of error stopped a failed run (an error's ``code``), for each interface
    to word what to do about it; None for one that ran or stopped on an unknown error."""
    error_facts: dict[str, Any] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.state != "running"


def _shown(row: JobRow, now: datetime) -> SyncRun:
    state = row.state
    if state == "running" and now - row.updated_at > STALE:
        state = "stopped"
    return SyncRun(
        row.id,
        row.source_id,
        row.source_name,
        state,
        row.started_at,
        row.finished_at,
        row.read,
        row.batches,
        row.error,
        row.reports,
        row.error_code,
        row.error_facts,
    )


def _begin(store: Store, ws: int, source_id: int) -> tuple[SourceRow, int]:
    """The source and a new run of it; Conflict when one runs already. A run's times are
    the machine's (how long it ran, whether it still does), not the workspace's clock."""
    now = utc_now()
    with _starting, store.transaction() as conn:
        # The in-process lock joins the web app's threads; the row's lock, processes.
        locked = sources_db.lock_source(conn, ws, source_id)
        source = sources_db.get_source(conn, ws, source_id) if locked else None
        if source is None:
            raise NotFound(f"there is no saved mailbox {source_id}", code="no-mail-source")
        for running in sources_db.running_jobs(conn, ws, source_id):
            if now - running.updated_at <= STALE:
                raise Conflict(
                    f"{source.name} is already running (run {running.id}, "
                    f"{running.read:,} messages read so far)",
                    code="sync-running",
                    facts={"run": running.id},
                )
            sources_db.update_job(conn, ws, running.id, state="stopped")
        return source, sources_db.add_job(conn, ws, source, now)


@contextmanager
def heartbeat(store: Store, ws: int, job_id: int) -> Iterator[None]:
    """While the block runs, run ``job_id`` is marked alive every :data:`HEARTBEAT` from a
    thread of its own (a batch may take longer than :data:`STALE`); the beat stops with
    the block. A beat that cannot be written is logged and tried again at the next."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT.total_seconds()):
            try:
                with store.transaction() as conn:
                    sources_db.update_job(conn, ws, job_id, updated_at=utc_now())
            except Exception:  # a busy database: the next beat tries again
                _log.warning("mail sync run %s: its heartbeat was not written", job_id)

    beating = threading.Thread(target=beat, name=f"mail-sync-{job_id}-beat", daemon=True)
    beating.start()
    try:
        yield
    finally:
        stop.set()
        beating.join()


def _sync(store: Store, ws: int, source: SourceRow, job_id: int, now: datetime) -> list[SyncReport]:
    """Carry out run ``job_id`` of ``source``, its progress kept after each batch."""
    batches = 0

    def progress(read: int) -> None:
        nonlocal batches
        batches += 1
        with store.transaction() as conn:
            sources_db.update_job(
                conn, ws, job_id, read=read, batches=batches, updated_at=utc_now()
            )

    reports: list[SyncReport] = []
    try:
        with heartbeat(store, ws, job_id):
            reports = _read(store, ws, source, now, progress)
    except NetweaveError as error:
        _finish(store, ws, job_id, "failed", reports, error=error)
        raise
    except BaseException as error:
        unknown = NetweaveError("the sync stopped on an error", code="sync-error")
        _finish(store, ws, job_id, "failed", reports, error=unknown)
        if isinstance(error, Exception):
            _log.exception("mail sync run %s failed", job_id)
        raise
    _finish(store, ws, job_id, "done", reports)
    return reports


def _read(
    store: Store,
    ws: int,
    source: SourceRow,
    now: datetime,
    progress: Callable[[int], None] | None,
    *,
    dry_run: bool = False,
) -> list[SyncReport]:
    """``source``'s new messages read and logged (with ``dry_run``, what would be logged,
    nothing written): a report per folder (one for a file)."""
    if source.kind == SourceKind.IMAP.value:
        assert source.user is not None
        assert source.host is not None
        password = credentials.password_for(source.user, source.host, source.password_file)
        return mail_sources.sync_imap(
            store,
            ws,
            account_of(source),
            password,
            source.folders or ["INBOX"],
            dry_run=dry_run,
            now=now,
            progress=progress,
        )
    assert source.path is not None
    read = {
        SourceKind.MBOX.value: mail_sources.sync_mbox,
        SourceKind.MAILDIR.value: mail_sources.sync_maildir,
        SourceKind.LINKEDIN.value: mail_sources.sync_linkedin,
    }[source.kind]
    return [read(store, ws, Path(source.path), dry_run=dry_run, now=now, progress=progress)]


def _finish(
    store: Store,
    ws: int,
    job_id: int,
    state: str,
    reports: list[SyncReport],
    *,
    error: NetweaveError | None = None,
) -> None:
    end = utc_now()
    with store.transaction() as conn:
        values: dict[str, Any] = {
            "state": state,
            "finished_at": end,
            "updated_at": end,
            "reports": [r.as_json() for r in reports],
            "error": error.message[:1000] if error else None,
            "error_code": error.code[:40] if error else None,
            "error_facts": _plain(error.facts) if error else None,
        }
        if reports:
            values["read"] = sum(r.read for r in reports)
        sources_db.update_job(conn, ws, job_id, **values)


def _plain(facts: dict[str, object]) -> dict[str, Any]:
    """An error's facts as JSON keeps them (a path or a number; anything else as text)."""
    return {
        k: v if isinstance(v, str | int | float | bool) or v is None else str(v)
        for k, v in facts.items()
    }


def run_now(
    store: Store, ws: int, source_id: int, *, now: datetime | None = None
) -> tuple[SyncRun, list[SyncReport]]:
    """Sync a saved source here and now (the command line), recorded as the web's runs
    are: the run, and its reports (one per folder). Errors are raised after the run is
    marked failed."""
    now = now or utc_now()
    source, job_id = _begin(store, ws, source_id)
    reports = _sync(store, ws, source, job_id, now)
    return get_run(store, ws, job_id), reports


def preview(
    store: Store, ws: int, source_id: int, *, now: datetime | None = None
) -> list[SyncReport]:
    """What a sync of a saved source would log now, as the direct forms' ``--dry-run``
    shows it: its reports (one per folder); no run is recorded and nothing is written."""
    with store.transaction() as conn:
        source = sources_db.get_source(conn, ws, source_id)
    if source is None:
        raise NotFound(f"there is no saved mailbox {source_id}", code="no-mail-source")
    return _read(store, ws, source, now or utc_now(), None, dry_run=True)


def start(store: Store, ws: int, source_id: int, *, now: datetime | None = None) -> SyncRun:
    """Start a sync of a saved source in a thread of its own; the run at once (running)."""
    now = now or utc_now()
    source, job_id = _begin(store, ws, source_id)

    def work() -> None:
        try:
            _sync(store, ws, source, job_id, now)
        except Exception:  # kept on the run (failed, and why); nobody waits on the thread
            return

    threading.Thread(target=work, name=f"mail-sync-{job_id}", daemon=True).start()
    return get_run(store, ws, job_id)


def get_run(store: Store, ws: int, run_id: int) -> SyncRun:
    with store.transaction() as conn:
        row = sources_db.get_job(conn, ws, run_id)
    if row is None:
        raise NotFound(f"there is no sync run {run_id}", code="no-sync-run")
    return _shown(row, utc_now())


def last_runs(store: Store, ws: int) -> dict[int, SyncRun]:
    """The newest run of each saved source, by source id."""
    with store.transaction() as conn:
        rows = sources_db.last_jobs(conn, ws)
    now = utc_now()
    return {source: _shown(row, now) for source, row in rows.items()}


__all__ = [
    "HEARTBEAT",
    "STALE",
    "SyncRun",
    "get_run",
    "heartbeat",
    "last_runs",
    "preview",
    "run_now",
    "start",
]
