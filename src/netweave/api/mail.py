"""The Python API's mail: the weekly digest and the reminders, sent or shown, through
the same runs as ``netweave digest``, ``netweave remind`` and ``POST /api/v1/digest``; and
the saved mailboxes synced in, as ``netweave sync add|saved`` and ``/api/v1/mail/sources``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netweave.api.base import Base, When
from netweave.commands import AddMailSource, RemoveMailSource
from netweave.domain import build
from netweave.services import mail_jobs, mail_saved
from netweave.services.mail_jobs import SyncRun
from netweave.services.mail_saved import SavedSource
from netweave.services.mail_sync import SyncReport
from netweave.services.mailout import runs
from netweave.services.mailout.runs import Preview, Run


class MailOut(Base):
    """``digest`` and ``remind``: a :class:`Run` (checked: DeliveryFailed when a send
    failed, after what went out is recorded), or with ``dry_run`` a :class:`Preview`."""

    def digest(self, *, to: Sequence[str] = (), as_of: When = None, again: bool = False) -> Run:
        """Send the week's digest, once a week to each destination unless ``again``."""
        moment = self.moment(as_of) if as_of is not None else None
        run = runs.send_digest(
            self.store, self.ws, now=self.now(), as_of=moment, to=to, again=again
        )
        run.check()
        return run

    def digest_preview(self, *, to: Sequence[str] = (), as_of: When = None) -> Preview:
        """The digest as it would go out now, changing nothing."""
        moment = self.moment(as_of) if as_of is not None else None
        return runs.preview_digest(self.store, self.ws, now=self.now(), as_of=moment, to=to)

    def remind(self, *, to: Sequence[str] = (), as_of: When = None) -> Run:
        """Send the reminders due now (or ``as_of``: as if it were then, as ``netweave
        remind --as-of`` does) that have not gone out yet."""
        now = self.moment(as_of) if as_of is not None else self.now()
        run = runs.send_reminders(self.store, self.ws, now=now, to=to)
        run.check()
        return run

    def reminders_preview(self, *, to: Sequence[str] = (), as_of: When = None) -> Preview:
        """The reminders that would go out now (or ``as_of``), changing nothing."""
        now = self.moment(as_of) if as_of is not None else self.now()
        return runs.preview_reminders(self.store, self.ws, now=now, to=to)


class MailIn(Base):
    """Saved mailboxes: ``add_mailbox``, ``mailboxes``, ``remove_mailbox``, and
    ``sync_mailbox`` (here and now) or ``start_sync`` (in a thread; poll ``sync_run``)."""

    def add_mailbox(
        self, *, password: str | None = None, check: bool = True, **fields: Any
    ) -> SavedSource:
        """Save a mailbox (``kind``, ``host``, ``port``, ``security``, ``user``,
        ``folders``, ``path``, ``name``: :class:`AddMailSource`'s fields), checked first."""
        command = build(AddMailSource, fields)
        return mail_saved.add_source(
            self.store, self.ws, command, password=password, check=check, now=self.now()
        )

    def mailboxes(self) -> list[SavedSource]:
        return mail_saved.list_sources(self.store, self.ws)

    def _mailbox_id(self, mailbox: int | str) -> int:
        if isinstance(mailbox, int):
            return mailbox
        return mail_saved.source_named(self.store, self.ws, mailbox).id

    def remove_mailbox(
        self, mailbox: int | str, *, idempotency_key: str | None = None
    ) -> SavedSource | None:
        """Forget a saved mailbox; None when this key removed it already (sent again)."""
        command = build(
            RemoveMailSource,
            {"source_id": self._mailbox_id(mailbox), "idempotency_key": idempotency_key},
        )
        return mail_saved.remove_source(self.store, self.ws, command, now=self.now())

    def sync_mailbox(self, mailbox: int | str) -> SyncRun:
        """Sync a saved mailbox now and return its finished run (with its reports)."""
        run, _ = mail_jobs.run_now(self.store, self.ws, self._mailbox_id(mailbox), now=self.now())
        return run

    def preview_sync(self, mailbox: int | str) -> list[SyncReport]:
        """What syncing a saved mailbox would log now (``--dry-run``); nothing written."""
        return mail_jobs.preview(self.store, self.ws, self._mailbox_id(mailbox), now=self.now())

    def start_sync(self, mailbox: int | str) -> SyncRun:
        """Start a sync in a thread; the run at once (Conflict while one runs)."""
        return mail_jobs.start(self.store, self.ws, self._mailbox_id(mailbox), now=self.now())

    def sync_run(self, run_id: int) -> SyncRun:
        return mail_jobs.get_run(self.store, self.ws, run_id)


__all__ = ["MailIn", "MailOut"]
