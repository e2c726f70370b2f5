"""Mail in, per source: read an mbox, a Maildir, an IMAP account or LinkedIn's
messages.csv in batches, remember where each stopped, and hand the batches to
:class:`~netweave.services.mail_sync.Sync` (docs/mail.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from netweave.domain.kinds import InteractionKind
from netweave.errors import InvalidInput, NetweaveError, NotFound
from netweave.mail import files, imap, linkedin
from netweave.mail.envelope import Envelope
from netweave.services.mail_sync import BATCH, Batch, Sync, SyncReport, run_batches
from netweave.storage import Store
from netweave.storage import mail as mail_db

Progress = Callable[[int], None]


def _chunks(messages: Iterable[Envelope], size: int = BATCH) -> Iterator[Batch]:
    batch: list[Envelope] = []
    for message in messages:
        batch.append(message)
        if len(batch) >= size:
            yield Batch(batch)
            batch = []
    if batch:
        yield Batch(batch)


def _file(path: Path, what: str) -> Path:
    if not path.exists():
        raise NotFound(f"there is no {what} at {path}")
    return path.resolve()


def sync_mbox(
    store: Store,
    ws: int,
    path: Path,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Sync an mbox from where the last sync stopped (all of it when it was rewritten)."""
    path = _file(path, "mbox file")
    if not path.is_file():
        raise InvalidInput(
            f"{path} is not an mbox file but a folder (a Maildir?)",
            field="path",
            code="folder-not-mbox",
            facts={"path": str(path)},
        )
    place = str(path)
    sync = Sync(store, ws, source="mbox", place=place, dry_run=dry_run, now=now)
    with store.transaction() as conn:
        cursor = mail_db.get_cursor(conn, ws, "mbox", place)
    mark = (
        files.FileMark(cursor.file_size or 0, cursor.file_offset or 0, cursor.fingerprint or "")
        if cursor is not None
        else None
    )
    start = files.resume_at(path, mark)
    if start is None:
        sync.report.up_to_date = True
        return run_batches(sync, [], progress)
    return run_batches(sync, _mbox_batches(path, start), progress)


def _mbox_batches(path: Path, start: int) -> Iterator[Batch]:
    batch: list[Envelope] = []
    end = start
    for message in files.read_mbox(path, start=start):
        batch.append(message.envelope)
        end = message.end
        if len(batch) >= BATCH:
            yield Batch(batch, _file_cursor(path, end))
            batch = []
    yield Batch(batch, _file_cursor(path, end))


def _file_cursor(path: Path, offset: int) -> mail_db.Cursor:
    mark = files.mark_of(path, offset)
    # The size is the offset: a later sync reads from there whatever the file grew to.
    return mail_db.Cursor(
        file_size=mark.offset, file_offset=mark.offset, fingerprint=mark.fingerprint
    )


def sync_maildir(
    store: Store,
    ws: int,
    path: Path,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Sync a Maildir and its subfolders; messages read before are known by their keys."""
    path = _file(path, "Maildir")
    if not files.is_maildir(path):
        raise InvalidInput(f"{path} is not a Maildir (it has no cur/ or new/ folder)", field="path")
    sync = Sync(store, ws, source="maildir", place=str(path), dry_run=dry_run, now=now)
    return run_batches(sync, _chunks(files.read_maildir(path)), progress)


def sync_linkedin(
    store: Store,
    ws: int,
    path: Path,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Sync LinkedIn's messages.csv: each exchange with a known person is a message touch."""
    path = _file(path, "messages file")
    try:
        messages = list(linkedin.read_messages(path))
    except linkedin.NotMessagesFile as error:
        raise InvalidInput(str(error), field="path") from None
    sync = Sync(
        store,
        ws,
        source="linkedin",
        place=str(path),
        kind=InteractionKind.MESSAGE,
        dry_run=dry_run,
        now=now,
        linkedin_owner=_likely_owner(messages),
    )
    return run_batches(sync, _chunks(messages), progress)


def _likely_owner(messages: list[Envelope]) -> str | None:
    """The profile on the most messages: the export is its owner's own inbox."""
    counts: Counter[str] = Counter()
    for message in messages:
        profiles = {p.linkedin for p in (message.sender, *message.recipients) if p and p.linkedin}
        counts.update(profiles)
    if not counts:
        return None
    (first, n), *rest = counts.most_common(2)
    return first if not rest or rest[0][1] < n else None


def sync_imap(
    store: Store,
    ws: int,
    account: imap.Account,
    password: str,
    folders: list[str],
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> list[SyncReport]:
    """Sync IMAP folders (read-only, headers only) from the last UID each sync saw; a folder
    whose UIDVALIDITY changed is read again whole (its messages are known by their keys)."""
    if account.security is imap.Security.PLAIN and not imap.is_local(account.host):
        raise InvalidInput(
            "a password is sent unencrypted only to a server on this machine: use SSL or STARTTLS",
            field="security",
        )
    reports: list[SyncReport] = []
    try:
        with imap.Connection(account, password) as connection:
            for name in folders:
                folder = connection.folder(name)
                place = f"{account.place}/{name}"
                sync = Sync(store, ws, source="imap", place=place, dry_run=dry_run, now=now)
                with store.transaction() as conn:
                    cursor = mail_db.get_cursor(conn, ws, "imap", place)
                last = (
                    cursor.last_uid or 0
                    if cursor is not None and cursor.uid_validity == folder.state.uid_validity
                    else 0
                )
                uids = folder.uids_after(last)
                if not uids:
                    sync.report.up_to_date = True
                done = sum(r.read for r in reports)
                counted = None if progress is None else _after(progress, done)
                reports.append(run_batches(sync, _imap_batches(folder, uids), counted))
    except imap.ImapError as error:
        raise NetweaveError(str(error), code="mail-server") from None
    return reports


def _after(progress: Progress, done: int) -> Progress:
    """``progress`` counting on from the ``done`` messages of the folders before."""
    return lambda read: progress(done + read)


def _imap_batches(folder: imap.Folder, uids: list[int]) -> Iterator[Batch]:
    batch: list[Envelope] = []
    for message in folder.headers(uids):
        batch.append(message.envelope)
        if len(batch) >= BATCH:
            yield Batch(batch, _uid_cursor(folder, message.uid))
            batch = []
    if uids:
        yield Batch(batch, _uid_cursor(folder, uids[-1]))


def _uid_cursor(folder: imap.Folder, uid: int) -> mail_db.Cursor:
    return mail_db.Cursor(uid_validity=folder.state.uid_validity, last_uid=uid)


__all__ = ["sync_imap", "sync_linkedin", "sync_maildir", "sync_mbox"]
